#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace socius::store {

struct PostgresOptions {
  // Most connections open at once; 0 means core::DefaultWaitingRequests(). The URL query
  // parameter `pool_size=N` (removed before the URL reaches libpq) overrides it.
  int pool_size = 0;
};

// Connects to `url` (a libpq URI, e.g. postgresql://user@host:5432/db?options=-csearch_path%3Ds)
// and checks the server answers. Further connections open on demand up to the pool size; a
// connection found broken is re-established on its next use.
// Unavailable("store.cannot_open") when the server cannot be reached.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url,
                                               PostgresOptions options = {});

}  // namespace socius::store
