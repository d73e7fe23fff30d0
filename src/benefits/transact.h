#pragma once

// The value a read transaction finds: `find(tx)` runs in db.Read and its Result is returned
// as is (the benefits room's lists and single reads all have this shape).

#include <utility>

#include "core/result.h"
#include "store/database.h"

namespace socius::benefits {

template <typename T, typename Find>
core::Result<T> ReadValue(store::Database& db, Find find) {
  T value;
  core::Status status = db.Read([&](store::Session& tx) -> core::Status {
    core::Result<T> found = find(tx);
    if (!found.ok()) return found.status();
    value = std::move(*found);
    return core::Status::Ok();
  });
  if (!status.ok()) return status;
  return value;
}

}  // namespace socius::benefits
