#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace socius::core {

// Holds either a value or the Status that explains why there is none.
//   Result<User> r = repo.Find(id);
//   if (!r.ok()) return r.status();
//   Use(*r);
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result built from a Status must carry a failure");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace socius::core

// Returns early with the failure of an expression that yields a Status. The local's name is
// unique per use, so the macro may nest (inside a lambda passed to another use).
#define SOCIUS_RETURN_IF_ERROR(expr) \
  SOCIUS_RETURN_IF_ERROR_IMPL(expr, SOCIUS_STATUS_CONCAT(socius_status_, __COUNTER__))
#define SOCIUS_STATUS_CONCAT_INNER(a, b) a##b
#define SOCIUS_STATUS_CONCAT(a, b) SOCIUS_STATUS_CONCAT_INNER(a, b)
#define SOCIUS_RETURN_IF_ERROR_IMPL(expr, name) \
  do {                                          \
    ::socius::core::Status name = (expr);       \
    if (!name.ok()) return name;                \
  } while (false)
