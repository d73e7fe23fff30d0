#include "reports/dhis2.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "export/csv_writer.h"
#include "reports/catalogue.h"
#include "reports/collect.h"
#include "store/sql.h"
#include "territory/repository.h"
#include "territory/tree.h"

namespace socius::reports {
namespace {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

using FigureKey = std::tuple<std::string, std::string, std::string, std::string>;

FigureKey KeyOf(const Dhis2DataElement& e) {
  return {e.indicator, e.dimension, e.value_code, e.currency};
}

// "audiences", "audiences/reason=housing", "aid_amount[RON]".
std::string Describe(const FigureKey& key) {
  const auto& [indicator, dimension, value_code, currency] = key;
  std::string out = indicator;
  if (!dimension.empty()) out += "/" + dimension + "=" + value_code;
  if (!currency.empty()) out += "[" + currency + "]";
  return out;
}

Status Invalid(const std::string& field) {
  return Status::InvalidArgument("report.mapping_invalid", field).With("field", field);
}
Status Duplicate(const std::string& field) {
  return Status::Conflict("report.mapping_duplicate", field).With("field", field);
}

Result<Dhis2Mapping> LoadMapping(store::Session& tx) {
  Dhis2Mapping mapping;
  Result<store::Rows> head =
      tx.Query("SELECT data_set, version FROM dhis2_mapping WHERE id = 1", {});
  if (!head.ok()) return head.status();
  if (!head->empty()) {
    mapping.data_set = (*head)[0].OptText(0);
    mapping.version = (*head)[0].Int(1);
  }
  Result<store::Rows> elements = tx.Query(
      "SELECT indicator, dimension, value_code, currency, data_element, category_option_combo "
      "FROM dhis2_data_elements ORDER BY indicator, dimension, value_code, currency",
      {});
  if (!elements.ok()) return elements.status();
  for (const store::Row& row : *elements) {
    mapping.data_elements.push_back(
        {row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)});
  }
  Result<store::Rows> units = tx.Query(
      "SELECT t.code, o.org_unit FROM dhis2_org_units o JOIN territories t ON t.id = "
      "o.territory_id ORDER BY t.code",
      {});
  if (!units.ok()) return units.status();
  for (const store::Row& row : *units) mapping.org_units.push_back({row.Text(0), row.Text(1)});
  return mapping;
}

Status RequireInstallationWide(const auth::Principal& who) {
  if (!auth::InstallationWide(who, Permission::kReportConfigure)) {
    return Status::PermissionDenied("auth.forbidden", "report.configure over the installation");
  }
  return Status::Ok();
}

// A value as DHIS2 reads it: money in major units with two decimals.
std::string ValueText(const Indicator& indicator, int64_t value) {
  if (indicator.unit == Unit::kMoney) return exporting::FormatMinorUnits(value, 2);
  return std::to_string(value);
}

}  // namespace

bool IsDhis2Uid(std::string_view text) {
  if (text.size() != 11) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  });
}

Status CheckMapping(const Dhis2Mapping& mapping) {
  if (mapping.data_set && !IsDhis2Uid(*mapping.data_set)) return Invalid("data_set");
  if (mapping.data_elements.size() > kMaxMappingRows) return Invalid("data_elements");
  if (mapping.org_units.size() > kMaxMappingRows) return Invalid("org_units");
  std::set<FigureKey> figures;
  std::set<std::pair<std::string, std::string>> targets;
  for (size_t i = 0; i < mapping.data_elements.size(); ++i) {
    const Dhis2DataElement& e = mapping.data_elements[i];
    const std::string at = "data_elements[" + std::to_string(i) + "]";
    const Indicator* indicator = FindIndicator(e.indicator);
    if (!indicator) return Invalid(at + ".indicator");
    if (!e.dimension.empty() &&
        std::find(indicator->dimensions.begin(), indicator->dimensions.end(), e.dimension) ==
            indicator->dimensions.end()) {
      return Invalid(at + ".dimension");
    }
    if (e.dimension.empty() != e.value_code.empty() || e.value_code.size() > 64) {
      return Invalid(at + ".value_code");
    }
    const bool money = indicator->unit == Unit::kMoney;
    if (money != !e.currency.empty() || e.currency.size() > 3) return Invalid(at + ".currency");
    if (!IsDhis2Uid(e.data_element)) return Invalid(at + ".data_element");
    if (!IsDhis2Uid(e.category_option_combo)) return Invalid(at + ".category_option_combo");
    if (!figures.insert(KeyOf(e)).second) return Duplicate(at);
    if (!targets.insert({e.data_element, e.category_option_combo}).second) {
      return Duplicate(at + ".data_element");
    }
  }
  std::set<std::string> territories;
  std::set<std::string> units;
  for (size_t i = 0; i < mapping.org_units.size(); ++i) {
    const Dhis2OrgUnit& u = mapping.org_units[i];
    const std::string at = "org_units[" + std::to_string(i) + "]";
    if (u.territory_code.empty() || u.territory_code.size() > 64) {
      return Invalid(at + ".territory_code");
    }
    if (!IsDhis2Uid(u.org_unit)) return Invalid(at + ".org_unit");
    if (!territories.insert(u.territory_code).second) return Duplicate(at + ".territory_code");
    if (!units.insert(u.org_unit).second) return Duplicate(at + ".org_unit");
  }
  return Status::Ok();
}

Result<Dhis2Mapping> Dhis2::GetMapping(const auth::Principal& who) {
  SOCIUS_RETURN_IF_ERROR(RequireInstallationWide(who));
  Dhis2Mapping mapping;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Dhis2Mapping> loaded = LoadMapping(tx);
    if (!loaded.ok()) return loaded.status();
    mapping = std::move(*loaded);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return mapping;
}

Result<Dhis2Mapping> Dhis2::PutMapping(const auth::Principal& who, int64_t expected_version,
                                       const Dhis2Mapping& mapping) {
  SOCIUS_RETURN_IF_ERROR(RequireInstallationWide(who));
  SOCIUS_RETURN_IF_ERROR(CheckMapping(mapping));
  Dhis2Mapping stored;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    const std::string now = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(store::StaleUnlessOne(
        tx.Exec("UPDATE dhis2_mapping SET data_set = ?, version = version + 1, updated_at = ?, "
                "updated_by = ? WHERE id = 1 AND version = ?",
                {store::OptValue(mapping.data_set), now, who.user_id, expected_version})));
    SOCIUS_RETURN_IF_ERROR(tx.Exec("DELETE FROM dhis2_data_elements", {}).status());
    SOCIUS_RETURN_IF_ERROR(tx.Exec("DELETE FROM dhis2_org_units", {}).status());
    for (const Dhis2DataElement& e : mapping.data_elements) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO dhis2_data_elements (indicator, dimension, value_code, currency, "
                  "data_element, category_option_combo) VALUES (?, ?, ?, ?, ?, ?)",
                  {e.indicator, e.dimension, e.value_code, e.currency, e.data_element,
                   e.category_option_combo})
              .status());
    }
    for (size_t i = 0; i < mapping.org_units.size(); ++i) {
      const Dhis2OrgUnit& u = mapping.org_units[i];
      Result<territory::Territory> place = territory::FindByCode(tx, u.territory_code);
      if (!place.ok()) {
        return Invalid("org_units[" + std::to_string(i) + "].territory_code")
            .With("code", u.territory_code);
      }
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO dhis2_org_units (territory_id, org_unit) VALUES (?, ?)",
                  {place->id, u.org_unit})
              .status());
    }
    Result<Dhis2Mapping> loaded = LoadMapping(tx);
    if (!loaded.ok()) return loaded.status();
    stored = std::move(*loaded);
    return auth::AppendAudit(tx, &who,
                             {"report.mapping_update", "dhis2_mapping", "1", "",
                              Json{{"version", stored.version},
                                   {"data_elements", stored.data_elements.size()},
                                   {"org_units", stored.org_units.size()}}
                                  .dump()});
  });
  if (!status.ok()) return status;
  return stored;
}

Result<Dhis2Export> Dhis2::Export(const auth::Principal& who, const std::string& territory_code,
                                  core::Month month, bool dry_run) {
  if (month > core::MonthOf(core::Today())) {
    return Status::InvalidArgument("report.future_month", "month").With("month", month.ToString());
  }
  Dhis2Export out;
  out.period = month.ToString().substr(0, 4) + month.ToString().substr(5, 2);
  std::string territory_id;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<territory::Territory> place = territory::FindByCode(tx, territory_code);
    if (!place.ok()) return place.status();
    if (!auth::Allows(who, Permission::kReportRead, place->path)) {
      return Status::NotFound("territory.not_found", "outside the scope")
          .With("code", territory_code);
    }
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kReportDrill, place->path));
    territory_id = place->id;
    Result<Dhis2Mapping> mapping = LoadMapping(tx);
    if (!mapping.ok()) return mapping.status();
    out.data_set = mapping->data_set;
    Result<territory::Subtree> subtree = territory::LoadSubtree(tx, *place);
    if (!subtree.ok()) return subtree.status();
    std::vector<core::FigureCount> counts;
    SOCIUS_RETURN_IF_ERROR(CollectFigures(tx, place->path, month, counts));
    std::map<std::string, std::string> path_of_community;
    for (const territory::CommunityUnder& c : subtree->communities) {
      path_of_community[c.community_id] = c.path;
    }
    // The mapped territories in the subtree, with their paths.
    std::map<std::string, std::string> unit_of_code;
    for (const Dhis2OrgUnit& u : mapping->org_units) unit_of_code[u.territory_code] = u.org_unit;
    std::vector<std::pair<territory::Territory, std::string>> mapped;
    for (const Dhis2OrgUnit& u : mapping->org_units) {
      Result<territory::Territory> t = territory::FindByCode(tx, u.territory_code);
      if (!t.ok()) continue;
      if (t->path.compare(0, place->path.size(), place->path) != 0) continue;
      mapped.emplace_back(std::move(*t), u.org_unit);
    }
    // Each mapped figure in each mapped territory: the sum (or maximum) of its communities.
    for (const auto& [t, unit] : mapped) {
      for (const Dhis2DataElement& e : mapping->data_elements) {
        const Indicator* indicator = FindIndicator(e.indicator);
        if (!indicator) continue;
        int64_t value = 0;
        for (const core::FigureCount& c : counts) {
          if (c.indicator != e.indicator || c.dimension != e.dimension ||
              c.value_code != e.value_code || c.currency != e.currency) {
            continue;
          }
          auto path = path_of_community.find(c.community_id);
          if (path == path_of_community.end() ||
              path->second.compare(0, t.path.size(), t.path) != 0) {
            continue;
          }
          value = indicator->maximum ? std::max(value, c.value) : value + c.value;
        }
        out.values.push_back(
            {e.data_element, unit, e.category_option_combo, ValueText(*indicator, value)});
      }
    }
    // What is not mapped: every indicator's total and each breakdown value met this month;
    // the territory and its children without an organisation unit.
    std::set<FigureKey> mapped_figures;
    for (const Dhis2DataElement& e : mapping->data_elements) mapped_figures.insert(KeyOf(e));
    std::set<FigureKey> met;
    for (const Indicator& indicator : Indicators()) {
      if (indicator.unit != Unit::kMoney) met.insert({std::string(indicator.name), "", "", ""});
    }
    for (const core::FigureCount& c : counts) {
      met.insert({c.indicator, c.dimension, c.value_code, c.currency});
    }
    for (const FigureKey& key : met) {
      if (!mapped_figures.contains(key)) out.unmapped_figures.push_back(Describe(key));
    }
    if (!unit_of_code.contains(place->code)) out.unmapped_territories.push_back(place->code);
    for (const territory::TerritoryRef& child : subtree->children) {
      if (!unit_of_code.contains(child.code)) out.unmapped_territories.push_back(child.code);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (!dry_run) {
    status = db_.Write([&](store::Session& tx) -> Status {
      return auth::AppendAudit(tx, &who,
                               {"report.dhis2_export", "territory", territory_id, territory_id,
                                Json{{"territory_code", territory_code},
                                     {"month", month.ToString()},
                                     {"data_values", out.values.size()}}
                                    .dump()});
    });
    if (!status.ok()) return status;
  }
  return out;
}

}  // namespace socius::reports
