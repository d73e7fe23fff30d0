#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/database.h"

namespace socius::store {

// One numbered migration compiled into the binary from src/store/migrations/.
// `NNNN_name.sql` runs on both backends; `NNNN_name.sqlite.sql` / `NNNN_name.postgres.sql`
// replace it for one backend where their dialects differ. Append-only: never edit one that
// has shipped.
struct Migration {
  int number;
  std::string name;
  std::string sql;
};

// The migrations for `dialect`, ascending by number.
std::vector<Migration> MigrationsFor(Dialect dialect);

}  // namespace socius::store
