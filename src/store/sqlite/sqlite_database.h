#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace socius::store {

struct SqliteOptions {
  // Most reader connections kept open at once; 0 means four per hardware thread (≥ 8).
  int max_readers = 0;
};

// Opens the SQLite database file at `path`, creating it and its parent folder. One writer
// connection (writes queue on a mutex, BEGIN IMMEDIATE, so other processes wait on the file
// lock up to the busy timeout) and a pool of reader connections opened on demand. WAL,
// synchronous=FULL, foreign_keys=ON, busy_timeout=5000 ms on every connection; the writer has a
// 64 MiB page cache.
// Unavailable("store.cannot_open") when the file cannot be opened or put in WAL mode.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, SqliteOptions options = {});

}  // namespace socius::store
