#pragma once

#include <string_view>
#include <vector>

namespace socius::store {

// One file of src/store/migrations/ as compiled into the binary, by its file name
// ("0002_audit_append_only.sqlite.sql"). The table is generated at build time by
// embed_migrations.cmake; MigrationsFor() interprets the names.
struct EmbeddedMigrationFile {
  std::string_view file_name;
  std::string_view sql;
};

// Every file, sorted by name.
const std::vector<EmbeddedMigrationFile>& EmbeddedMigrationFiles();

}  // namespace socius::store
