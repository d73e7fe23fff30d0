#include "store/migrations.h"

#include <charconv>
#include <map>
#include <string_view>

#include "store/migrations_embedded.h"

namespace socius::store {
namespace {

struct ParsedName {
  int number = 0;
  std::string name;
  std::string_view backend;  // "", "sqlite" or "postgres"
};

// "0002_audit_append_only.sqlite.sql" → {2, "audit_append_only", "sqlite"}. False for a name
// that does not follow the convention.
bool ParseFileName(std::string_view file, ParsedName* out) {
  constexpr std::string_view kSuffix = ".sql";
  if (file.size() <= kSuffix.size() || !file.ends_with(kSuffix)) return false;
  std::string_view stem = file.substr(0, file.size() - kSuffix.size());
  out->backend = {};
  for (std::string_view backend : {std::string_view("sqlite"), std::string_view("postgres")}) {
    std::string dotted = "." + std::string(backend);
    if (stem.ends_with(dotted)) {
      out->backend = backend;
      stem.remove_suffix(dotted.size());
      break;
    }
  }
  size_t underscore = stem.find('_');
  if (underscore == std::string_view::npos || underscore == 0 || underscore + 1 == stem.size()) {
    return false;
  }
  std::string_view digits = stem.substr(0, underscore);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out->number);
  if (ec != std::errc() || end != digits.data() + digits.size() || out->number <= 0) return false;
  out->name = std::string(stem.substr(underscore + 1));
  return true;
}

}  // namespace

std::vector<Migration> MigrationsFor(Dialect dialect) {
  std::string_view own = dialect == Dialect::kSqlite ? "sqlite" : "postgres";
  // number → (is backend-specific, migration)
  std::map<int, std::pair<bool, Migration>> chosen;
  for (const EmbeddedMigrationFile& file : EmbeddedMigrationFiles()) {
    ParsedName parsed;
    if (!ParseFileName(file.file_name, &parsed)) continue;  // migrations_test rejects these
    if (!parsed.backend.empty() && parsed.backend != own) continue;
    bool specific = !parsed.backend.empty();
    auto it = chosen.find(parsed.number);
    if (it != chosen.end() && it->second.first && !specific) continue;
    chosen[parsed.number] = {specific,
                             Migration{parsed.number, parsed.name, std::string(file.sql)}};
  }
  std::vector<Migration> out;
  out.reserve(chosen.size());
  for (auto& [number, entry] : chosen) out.push_back(std::move(entry.second));
  return out;
}

}  // namespace socius::store
