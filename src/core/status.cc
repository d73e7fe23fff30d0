#include "core/status.h"

namespace socius::core {

std::string_view KindName(StatusKind kind) {
  switch (kind) {
    case StatusKind::kOk:
      return "ok";
    case StatusKind::kInvalidArgument:
      return "invalid_argument";
    case StatusKind::kUnauthenticated:
      return "unauthenticated";
    case StatusKind::kPermissionDenied:
      return "permission_denied";
    case StatusKind::kNotFound:
      return "not_found";
    case StatusKind::kConflict:
      return "conflict";
    case StatusKind::kPreconditionFailed:
      return "precondition_failed";
    case StatusKind::kTooLarge:
      return "too_large";
    case StatusKind::kResourceExhausted:
      return "resource_exhausted";
    case StatusKind::kUnavailable:
      return "unavailable";
    case StatusKind::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(KindName(kind_));
  out += ' ';
  out += code_;
  if (!field_.empty()) out += " [" + field_ + "]";
  if (!detail_.empty()) out += ": " + detail_;
  return out;
}

}  // namespace socius::core
