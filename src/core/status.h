#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace socius::core {

// The kind of an expected failure. http/problem.cc maps each kind to one HTTP status;
// the CLI maps it to an exit code.
enum class StatusKind {
  kOk,
  kInvalidArgument,     // the caller sent something malformed or out of range (400/422)
  kUnauthenticated,     // no valid session (401)
  kPermissionDenied,    // authenticated, but not allowed here (403)
  kNotFound,            // no such record, or not visible to the caller (404)
  kConflict,            // duplicate, or a stale version (409)
  kPreconditionFailed,  // If-Match missing or wrong form (412/428)
  kTooLarge,            // body or field beyond a limit (413)
  kResourceExhausted,   // rate limit or lockout (429)
  kUnavailable,         // the database is busy or gone (503)
  kInternal,            // a bug; logged, shown as a generic message (500)
};

// An expected failure as a value (LevelDB style). `code` is stable and machine-readable
// ("user.duplicate_username"); it is also the key of the translated message in
// http/messages. `field` names the offending input, when there is one. `params` fill the
// message's placeholders. `detail` is an English note for logs and developers, never shown
// instead of the translated message.
class [[nodiscard]] Status {
 public:
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string code, std::string field = {}, std::string detail = {}) {
    return Status(StatusKind::kInvalidArgument, std::move(code), std::move(field),
                  std::move(detail));
  }
  static Status Unauthenticated(std::string code, std::string detail = {}) {
    return Status(StatusKind::kUnauthenticated, std::move(code), {}, std::move(detail));
  }
  static Status PermissionDenied(std::string code, std::string detail = {}) {
    return Status(StatusKind::kPermissionDenied, std::move(code), {}, std::move(detail));
  }
  static Status NotFound(std::string code, std::string detail = {}) {
    return Status(StatusKind::kNotFound, std::move(code), {}, std::move(detail));
  }
  static Status Conflict(std::string code, std::string field = {}, std::string detail = {}) {
    return Status(StatusKind::kConflict, std::move(code), std::move(field), std::move(detail));
  }
  static Status PreconditionFailed(std::string code, std::string detail = {}) {
    return Status(StatusKind::kPreconditionFailed, std::move(code), {}, std::move(detail));
  }
  static Status TooLarge(std::string code, std::string field = {}, std::string detail = {}) {
    return Status(StatusKind::kTooLarge, std::move(code), std::move(field), std::move(detail));
  }
  static Status ResourceExhausted(std::string code, std::string detail = {}) {
    return Status(StatusKind::kResourceExhausted, std::move(code), {}, std::move(detail));
  }
  static Status Unavailable(std::string code, std::string detail = {}) {
    return Status(StatusKind::kUnavailable, std::move(code), {}, std::move(detail));
  }
  static Status Internal(std::string detail) {
    return Status(StatusKind::kInternal, "internal", {}, std::move(detail));
  }

  bool ok() const { return kind_ == StatusKind::kOk; }
  StatusKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& detail() const { return detail_; }
  const std::map<std::string, std::string>& params() const { return params_; }

  // Adds a placeholder value for the translated message ("{max}" → "200").
  Status& With(std::string name, std::string value) & {
    params_[std::move(name)] = std::move(value);
    return *this;
  }
  Status&& With(std::string name, std::string value) && {
    params_[std::move(name)] = std::move(value);
    return std::move(*this);
  }

  // "invalid_argument user.duplicate_username [username]: detail" — for logs and the CLI.
  std::string ToString() const;

 private:
  Status(StatusKind kind, std::string code, std::string field, std::string detail)
      : kind_(kind), code_(std::move(code)), field_(std::move(field)), detail_(std::move(detail)) {}

  StatusKind kind_ = StatusKind::kOk;
  std::string code_;
  std::string field_;
  std::string detail_;
  std::map<std::string, std::string> params_;
};

std::string_view KindName(StatusKind kind);

}  // namespace socius::core
