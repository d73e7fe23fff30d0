// SQL over providers, services, service_settlements and enrolments (see repository.h).
#include "services/repository.h"

#include <algorithm>
#include <map>
#include <utility>

#include "services/rules.h"
#include "store/sql.h"
#include "text/collation.h"
#include "text/match_key.h"

namespace socius::services {

using core::Result;
using core::Status;
using store::OptValue;
using store::Row;
using store::StaleUnlessOne;
using store::Value;

namespace {

Value OptDate(const std::optional<core::Date>& date) {
  return date ? Value(date->ToString()) : store::Null();
}

std::optional<core::Date> DateAt(const Row& row, size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  return core::ParseDate(row.Text(i));
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

std::vector<std::string> Split(const std::string& joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) out.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Cursors: the keyset's values, separated by a byte no key holds.
constexpr char kSep = '\x1f';

std::vector<std::string> CursorParts(const std::string& after) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t end = after.find(kSep, start);
    out.push_back(after.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// "`column` IN (ids)", or nothing when there are none.
std::string OrIn(std::string_view column, const std::vector<std::string>& ids,
                 std::vector<Value>& params) {
  if (ids.empty()) return "";
  for (const std::string& id : ids) params.emplace_back(id);
  return " OR " + std::string(column) + " IN (" + store::Placeholders(ids.size()) + ")";
}

// Rows whose territory (`path_column`) is visible, or whose provider (`provider_column`) the
// caller works for.
std::string VisibleFilter(std::string_view path_column, std::string_view provider_column,
                          const Visibility& v, std::vector<Value>& params) {
  std::string sql = "(" + store::ScopeFilter(path_column, v.roots, params);
  sql += OrIn(path_column, v.ancestors, params);
  return sql + OrIn(provider_column, v.provider_ids, params) + ")";
}

// --- providers ---

constexpr std::string_view kProviderColumns =
    "SELECT p.id, p.version, t.id, t.code, t.name, t.path, t.level, p.name, p.kind, p.legal_id, "
    "p.address, p.phone, p.email, p.website, "
    "(SELECT COUNT(*) FROM services s WHERE s.provider_id = p.id), p.created_at, p.updated_at, "
    "p.name_key FROM providers p JOIN territories t ON t.id = p.territory_id ";

Provider ProviderFromRow(const Row& row) {
  Provider p;
  p.id = row.Text(0);
  p.version = row.Int(1);
  p.territory = Place{row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6)};
  p.name = row.Text(7);
  p.kind = ParseProviderKind(row.Text(8)).value_or(ProviderKind::kPublic);
  p.legal_id = row.OptText(9);
  p.address = row.OptText(10);
  p.phone = row.OptText(11);
  p.email = row.OptText(12);
  p.website = row.OptText(13);
  p.services = row.Int(14);
  p.created_at = row.Text(15);
  p.updated_at = row.Text(16);
  return p;
}

// --- services ---

// The figures: waiting count and the oldest wait, from the enrolments_service index.
constexpr std::string_view kServiceColumns =
    "SELECT s.id, s.version, s.provider_id, p.name, t.id, t.code, t.name, t.path, t.level, "
    "s.name, s.type, s.description, s.licence_number, s.licence_valid_until, s.address, "
    "s.target_groups, s.opening_hours, s.languages, s.capacity, s.places_used, "
    "(SELECT COUNT(*) FROM enrolments e WHERE e.service_id = s.id AND e.state_rank = 3), "
    "(SELECT MIN(e.requested_at) FROM enrolments e WHERE e.service_id = s.id AND e.state_rank = "
    "3), "
    "s.free, s.price, s.how_to_apply, s.phone, s.email, s.active, s.created_at, s.updated_at, "
    "s.name_key FROM services s JOIN providers p ON p.id = s.provider_id "
    "JOIN territories t ON t.id = s.territory_id ";

Service ServiceFromRow(const Row& row) {
  Service s;
  s.id = row.Text(0);
  s.version = row.Int(1);
  s.provider_id = row.Text(2);
  s.provider_name = row.Text(3);
  s.territory = Place{row.Text(4), row.Text(5), row.Text(6), row.Text(7), row.Text(8)};
  s.name = row.Text(9);
  s.type = ParseServiceType(row.Text(10)).value_or(ServiceType::kOther);
  s.description = row.OptText(11);
  s.licence_number = row.OptText(12);
  s.licence_valid_until = DateAt(row, 13);
  s.address = row.OptText(14);
  for (const std::string& g : Split(row.Text(15))) {
    if (std::optional<TargetGroup> group = ParseTargetGroup(g)) s.target_groups.push_back(*group);
  }
  s.opening_hours = row.OptText(16);
  s.languages = Split(row.Text(17));
  s.capacity = row.Int(18);
  s.places_used = row.Int(19);
  s.waiting = row.Int(20);
  s.oldest_waiting_since = row.OptText(21);
  s.free = row.Int(22) != 0;
  s.price = row.OptText(23);
  s.how_to_apply = row.OptText(24);
  s.phone = row.OptText(25);
  s.email = row.OptText(26);
  s.active = row.Int(27) != 0;
  s.created_at = row.Text(28);
  s.updated_at = row.Text(29);
  return s;
}

Status LoadSettlements(store::Session& tx, std::vector<Service>& services) {
  if (services.empty()) return Status::Ok();
  std::vector<Value> params;
  for (const Service& s : services) params.emplace_back(s.id);
  Result<store::Rows> rows = tx.Query(
      "SELECT ss.service_id, t.id, t.code, t.name, t.path, t.level FROM service_settlements ss "
      "JOIN territories t ON t.id = ss.territory_id WHERE ss.service_id IN (" +
          store::Placeholders(params.size()) + ") ORDER BY t.path",
      params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    for (Service& s : services) {
      if (s.id == row.Text(0)) {
        s.settlements.push_back(
            Place{row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)});
      }
    }
  }
  return Status::Ok();
}

Status SaveSettlements(store::Session& tx, const Service& s) {
  Result<int64_t> removed = tx.Exec("DELETE FROM service_settlements WHERE service_id = ?", {s.id});
  if (!removed.ok()) return removed.status();
  for (const Place& p : s.settlements) {
    Result<int64_t> added = tx.Exec(
        "INSERT INTO service_settlements (service_id, territory_id) VALUES (?, ?)", {s.id, p.id});
    if (!added.ok()) return added.status();
  }
  return Status::Ok();
}

std::vector<std::string> GroupNames(const std::vector<TargetGroup>& groups) {
  std::vector<std::string> out;
  for (TargetGroup g : groups) out.emplace_back(Name(g));
  return out;
}

// --- enrolments ---

// The position of a waiting enrolment: how many wait before it, plus one.
constexpr std::string_view kEnrolmentColumns =
    "SELECT e.id, e.version, e.service_id, s.name, s.type, st.path, e.person_id, "
    "p.family_name || ' ' || p.given_name, p.birth_date, e.community_id, c.code, c.path, "
    "e.state, e.priority, "
    "CASE WHEN e.state_rank = 3 THEN (SELECT COUNT(*) FROM enrolments w "
    "WHERE w.service_id = e.service_id AND w.state_rank = 3 AND (w.priority_rank < e.priority_rank "
    "OR (w.priority_rank = e.priority_rank AND (w.requested_at < e.requested_at "
    "OR (w.requested_at = e.requested_at AND w.id < e.id))))) + 1 END, "
    "e.case_id, e.note, e.outside_area_reason, e.requested_at, e.offered_at, e.started_on, "
    "e.ended_on, e.end_reason, e.worker_id, u.display_name, e.created_at, e.updated_at, "
    "e.state_rank, e.priority_rank, s.provider_id "
    "FROM enrolments e JOIN services s ON s.id = e.service_id "
    "JOIN territories st ON st.id = s.territory_id "
    "JOIN persons p ON p.id = e.person_id JOIN territories c ON c.id = e.community_id "
    "JOIN users u ON u.id = e.worker_id ";

Enrolment EnrolmentFromRow(const Row& row) {
  Enrolment e;
  e.id = row.Text(0);
  e.version = row.Int(1);
  e.service_id = row.Text(2);
  e.service_name = row.Text(3);
  e.service_type = ParseServiceType(row.Text(4)).value_or(ServiceType::kOther);
  e.service_path = row.Text(5);
  e.person_id = row.Text(6);
  e.person_name = row.Text(7);
  e.person_birth_date = DateAt(row, 8);
  e.community_id = row.Text(9);
  e.community_code = row.Text(10);
  e.community_path = row.Text(11);
  e.state = ParseEnrolmentState(row.Text(12)).value_or(EnrolmentState::kWaiting);
  e.priority = ParsePriority(row.Text(13)).value_or(Priority::kNormal);
  if (!row.IsNull(14)) e.position = row.Int(14);
  e.case_id = row.OptText(15);
  e.note = row.OptText(16);
  e.outside_area_reason = row.OptText(17);
  e.requested_at = row.Text(18);
  e.offered_at = row.OptText(19);
  e.started_on = DateAt(row, 20);
  e.ended_on = DateAt(row, 21);
  e.end_reason = row.OptText(22);
  e.worker = UserRef{row.Text(23), row.Text(24)};
  e.created_at = row.Text(25);
  e.updated_at = row.Text(26);
  e.provider_id = row.Text(29);
  return e;
}

constexpr std::string_view kHelpColumns =
    "SELECT h.id, h.version, h.community_id, c.code, c.name, c.path, h.confirmation, h.need, "
    "h.for_whom, h.name, h.contact, h.language, h.state, h.answer, h.contact_id, h.case_id, "
    "h.resolved_by, u.display_name, h.resolved_at, h.created_at, h.updated_at "
    "FROM help_requests h JOIN territories c ON c.id = h.community_id "
    "LEFT JOIN users u ON u.id = h.resolved_by ";

HelpRequest HelpFromRow(const Row& row) {
  HelpRequest h;
  h.id = row.Text(0);
  h.version = row.Int(1);
  h.community_id = row.Text(2);
  h.community_code = row.Text(3);
  h.community_name = row.Text(4);
  h.community_path = row.Text(5);
  h.confirmation = row.Text(6);
  h.need = row.Text(7);
  h.for_whom = row.OptText(8);
  h.name = row.Text(9);
  h.contact = row.Text(10);
  h.language = row.Text(11);
  h.state = ParseHelpState(row.Text(12)).value_or(HelpState::kOpen);
  h.answer = row.OptText(13);
  h.contact_id = row.OptText(14);
  h.case_id = row.OptText(15);
  if (!row.IsNull(16)) h.resolved_by = UserRef{row.Text(16), row.Text(17)};
  h.resolved_at = row.OptText(18);
  h.created_at = row.Text(19);
  h.updated_at = row.Text(20);
  return h;
}

}  // namespace

Visibility VisibilityOf(const std::vector<std::string>& roots) {
  Visibility v;
  v.roots = roots;
  for (const std::string& root : roots) {
    // '/RO/RO:10/RO:1017/' has the ancestors '/', '/RO/' and '/RO/RO:10/'.
    for (size_t i = 0; i + 1 < root.size(); ++i) {
      if (root[i] != '/') continue;
      std::string ancestor = root.substr(0, i + 1);
      bool known = false;
      for (const std::string& a : v.ancestors) known = known || a == ancestor;
      if (!known) v.ancestors.push_back(std::move(ancestor));
    }
  }
  return v;
}

bool Visible(const Visibility& v, const Provider& provider) {
  return Visible(v, provider.territory.path) ||
         std::find(v.provider_ids.begin(), v.provider_ids.end(), provider.id) !=
             v.provider_ids.end();
}

bool Visible(const Visibility& v, const Service& service) {
  return Visible(v, service.territory.path) ||
         std::find(v.provider_ids.begin(), v.provider_ids.end(), service.provider_id) !=
             v.provider_ids.end();
}

bool Visible(const Visibility& v, const std::string& path) {
  for (const std::string& root : v.roots) {
    if (!root.empty() && root.back() == '/' && path.starts_with(root)) return true;
  }
  for (const std::string& a : v.ancestors) {
    if (a == path) return true;
  }
  return false;
}

Result<Place> FindPlace(store::Session& tx, const std::string& code) {
  Result<store::Rows> rows =
      tx.Query("SELECT id, code, name, path, level FROM territories WHERE code = ?", {code});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("territory.not_found").With("code", code);
  const Row& r = (*rows)[0];
  return Place{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
}

// --- providers ---

Status InsertProvider(store::Session& tx, const Provider& p, const std::string& country) {
  return tx
      .Exec(
          "INSERT INTO providers (id, territory_id, country, name, name_key, search_key, kind, "
          "legal_id, address, phone, email, website, version, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {p.id, p.territory.id, country, p.name, text::CollationKey(p.name),
           text::NameMatchKey(p.name), std::string(Name(p.kind)), OptValue(p.legal_id),
           OptValue(p.address), OptValue(p.phone), OptValue(p.email), OptValue(p.website),
           p.version, p.created_at, p.updated_at})
      .status();
}

Status UpdateProvider(store::Session& tx, const Provider& p, int64_t expected_version) {
  return StaleUnlessOne(tx.Exec(
      "UPDATE providers SET name = ?, name_key = ?, search_key = ?, kind = ?, legal_id = ?, "
      "address = ?, phone = ?, email = ?, website = ?, version = ?, updated_at = ? "
      "WHERE id = ? AND version = ?",
      {p.name, text::CollationKey(p.name), text::NameMatchKey(p.name), std::string(Name(p.kind)),
       OptValue(p.legal_id), OptValue(p.address), OptValue(p.phone), OptValue(p.email),
       OptValue(p.website), p.version, p.updated_at, p.id, expected_version}));
}

Result<Provider> FindProvider(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kProviderColumns) + "WHERE p.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("provider.not_found");
  return ProviderFromRow((*rows)[0]);
}

Result<ProviderPage> ListProviders(store::Session& tx, const Visibility& visible,
                                   const ProviderFilter& filter, const std::string& after,
                                   int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kProviderColumns) + "WHERE " + VisibleFilter("t.path", "p.id", visible, params);
  if (filter.territory_path)
    sql += " AND " + store::StartsWith("t.path", *filter.territory_path, params);
  if (filter.q) {
    const std::string key = text::NameMatchKey(*filter.q);
    sql += " AND (p.legal_id = ?";
    params.emplace_back(*filter.q);
    if (!key.empty()) {
      sql += " OR p.search_key LIKE ? ESCAPE '!'";
      params.emplace_back(store::LikeContaining(key));
    }
    sql += ")";
  }
  if (!after.empty()) {
    std::vector<std::string> parts = CursorParts(after);
    if (parts.size() != 2)
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    sql += " AND (p.name_key > ? OR (p.name_key = ? AND p.id > ?))";
    params.insert(params.end(), {parts[0], parts[0], parts[1]});
  }
  sql += " ORDER BY p.name_key, p.id LIMIT " + std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  ProviderPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const Row& last = (*rows)[limit - 1];
      page.next = last.Text(17) + kSep + last.Text(0);
      break;
    }
    page.items.push_back(ProviderFromRow(row));
  }
  return page;
}

// --- services ---

// The columns a service's form edits, in this order, and their values.
constexpr std::string_view kEditableServiceColumns[] = {
    "name",          "name_key",       "search_key",          "type",
    "description",   "licence_number", "licence_valid_until", "address",
    "target_groups", "opening_hours",  "languages",           "capacity",
    "free",          "price",          "how_to_apply",        "phone",
    "email",         "active"};

std::vector<Value> EditableServiceValues(const Service& s) {
  return {s.name,
          text::CollationKey(s.name),
          text::NameMatchKey(s.name),
          std::string(Name(s.type)),
          OptValue(s.description),
          OptValue(s.licence_number),
          OptDate(s.licence_valid_until),
          OptValue(s.address),
          Join(GroupNames(s.target_groups)),
          OptValue(s.opening_hours),
          Join(s.languages),
          s.capacity,
          int64_t{s.free ? 1 : 0},
          OptValue(s.price),
          OptValue(s.how_to_apply),
          OptValue(s.phone),
          OptValue(s.email),
          int64_t{s.active ? 1 : 0}};
}

Status InsertService(store::Session& tx, const Service& s) {
  std::string columns;
  for (std::string_view c : kEditableServiceColumns) columns += std::string(c) + ", ";
  std::vector<Value> values = EditableServiceValues(s);
  values.insert(values.end(),
                {s.id, s.provider_id, s.territory.id, s.version, s.created_at, s.updated_at});
  Result<int64_t> inserted = tx.Exec(
      "INSERT INTO services (" + columns +
          "id, provider_id, territory_id, version, created_at, updated_at, places_used) VALUES (" +
          store::Placeholders(values.size()) + ", 0)",
      values);
  if (!inserted.ok()) return inserted.status();
  return SaveSettlements(tx, s);
}

Status UpdateService(store::Session& tx, const Service& s, int64_t expected_version) {
  std::string assignments;
  for (std::string_view c : kEditableServiceColumns) assignments += std::string(c) + " = ?, ";
  std::vector<Value> values = EditableServiceValues(s);
  values.insert(values.end(), {s.version, s.updated_at, s.id, expected_version, s.capacity});
  // Never below the places in use: the condition and the write are one statement.
  Result<int64_t> changed = tx.Exec("UPDATE services SET " + assignments +
                                        "version = ?, updated_at = ? "
                                        "WHERE id = ? AND version = ? AND places_used <= ?",
                                    values);
  if (!changed.ok()) return changed.status();
  if (*changed != 1) {
    // Stale, or the capacity would fall below the places in use: tell which.
    Result<store::Rows> now =
        tx.Query("SELECT version, places_used FROM services WHERE id = ?", {s.id});
    if (!now.ok()) return now.status();
    if (!now->empty() && (*now)[0].Int(0) == expected_version) {
      return Status::Conflict("service.capacity_below_used", "capacity")
          .With("places_used", std::to_string((*now)[0].Int(1)));
    }
    return Status::Conflict("conflict.stale_version");
  }
  return SaveSettlements(tx, s);
}

Result<Service> FindService(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kServiceColumns) + "WHERE s.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("service.not_found");
  std::vector<Service> one = {ServiceFromRow((*rows)[0])};
  SOCIUS_RETURN_IF_ERROR(LoadSettlements(tx, one));
  return std::move(one[0]);
}

Result<ServicePage> ListServices(store::Session& tx, const Visibility& visible,
                                 const ServiceFilter& filter, const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql = std::string(kServiceColumns) + "WHERE " +
                    VisibleFilter("t.path", "s.provider_id", visible, params);
  if (filter.territory_path)
    sql += " AND " + store::StartsWith("t.path", *filter.territory_path, params);
  if (filter.community_path) {
    sql += " AND (" + store::StartsWith("t.path", *filter.community_path, params) +
           " OR substr(?, 1, length(t.path)) = t.path)";
    params.emplace_back(*filter.community_path);
  }
  if (filter.type) {
    sql += " AND s.type = ?";
    params.emplace_back(std::string(Name(*filter.type)));
  }
  if (filter.provider_id) {
    sql += " AND s.provider_id = ?";
    params.emplace_back(*filter.provider_id);
  }
  if (filter.licence) {
    // The same boundaries as rules.h LicenceStatusOn, as dates compared as text.
    const std::string today = filter.today.ToString();
    const std::string warn = core::AddDays(filter.today, kLicenceWarningDays).ToString();
    switch (*filter.licence) {
      case LicenceStatus::kNone:
        sql += " AND s.licence_valid_until IS NULL";
        break;
      case LicenceStatus::kExpired:
        sql += " AND s.licence_valid_until < ?";
        params.emplace_back(today);
        break;
      case LicenceStatus::kExpiring:
        sql += " AND s.licence_valid_until >= ? AND s.licence_valid_until <= ?";
        params.emplace_back(today);
        params.emplace_back(warn);
        break;
      case LicenceStatus::kValid:
        sql += " AND s.licence_valid_until > ?";
        params.emplace_back(warn);
        break;
    }
  }
  if (filter.q) {
    const std::string key = text::NameMatchKey(*filter.q);
    if (key.empty()) return ServicePage{};
    sql += " AND s.search_key LIKE ? ESCAPE '!'";
    params.emplace_back(store::LikeContaining(key));
  }
  if (!after.empty()) {
    std::vector<std::string> parts = CursorParts(after);
    if (parts.size() != 2)
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    sql += " AND (s.name_key > ? OR (s.name_key = ? AND s.id > ?))";
    params.insert(params.end(), {parts[0], parts[0], parts[1]});
  }
  sql += " ORDER BY s.name_key, s.id LIMIT " + std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  ServicePage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const Row& last = (*rows)[limit - 1];
      page.next = last.Text(30) + kSep + last.Text(0);
      break;
    }
    page.items.push_back(ServiceFromRow(row));
  }
  SOCIUS_RETURN_IF_ERROR(LoadSettlements(tx, page.items));
  return page;
}

Result<bool> TakePlace(store::Session& tx, const std::string& service_id) {
  Result<int64_t> changed = tx.Exec(
      "UPDATE services SET places_used = places_used + 1 WHERE id = ? AND places_used < capacity",
      {service_id});
  if (!changed.ok()) return changed.status();
  return *changed == 1;
}

Status ReleasePlace(store::Session& tx, const std::string& service_id) {
  return tx
      .Exec("UPDATE services SET places_used = places_used - 1 WHERE id = ? AND places_used > 0",
            {service_id})
      .status();
}

// --- enrolments ---

Status InsertEnrolment(store::Session& tx, const Enrolment& e) {
  Result<int64_t> inserted = tx.Exec(
      "INSERT INTO enrolments (id, service_id, person_id, community_id, state, state_rank, "
      "priority, priority_rank, case_id, note, outside_area_reason, requested_at, offered_at, "
      "started_on, ended_on, end_reason, worker_id, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {e.id,
       e.service_id,
       e.person_id,
       e.community_id,
       std::string(Name(e.state)),
       static_cast<int64_t>(e.state),
       std::string(Name(e.priority)),
       static_cast<int64_t>(e.priority),
       OptValue(e.case_id),
       OptValue(e.note),
       OptValue(e.outside_area_reason),
       e.requested_at,
       OptValue(e.offered_at),
       OptDate(e.started_on),
       OptDate(e.ended_on),
       OptValue(e.end_reason),
       e.worker.id,
       e.version,
       e.created_at,
       e.updated_at});
  if (!inserted.ok() && inserted.status().code() == "store.unique_violation") {
    return Status::Conflict("enrolment.duplicate", "person_id");
  }
  return inserted.status();
}

Status UpdateEnrolment(store::Session& tx, const Enrolment& e, int64_t expected_version) {
  return StaleUnlessOne(tx.Exec(
      "UPDATE enrolments SET state = ?, state_rank = ?, offered_at = ?, started_on = ?, "
      "ended_on = ?, end_reason = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
      {std::string(Name(e.state)), static_cast<int64_t>(e.state), OptValue(e.offered_at),
       OptDate(e.started_on), OptDate(e.ended_on), OptValue(e.end_reason), e.version, e.updated_at,
       e.id, expected_version}));
}

Result<Enrolment> FindEnrolment(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kEnrolmentColumns) + "WHERE e.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("enrolment.not_found");
  return EnrolmentFromRow((*rows)[0]);
}

Result<std::optional<Enrolment>> FirstWaiting(store::Session& tx, const std::string& service_id) {
  Result<store::Rows> rows = tx.Query(std::string(kEnrolmentColumns) +
                                          "WHERE e.service_id = ? AND e.state_rank = 3 "
                                          "ORDER BY e.priority_rank, e.requested_at, e.id LIMIT 1",
                                      {service_id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<Enrolment>();
  return std::optional<Enrolment>(EnrolmentFromRow((*rows)[0]));
}

Result<EnrolmentPage> ListEnrolments(store::Session& tx, const EnrolmentFilter& filter,
                                     const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql = std::string(kEnrolmentColumns) + "WHERE (" +
                    store::ScopeFilter("c.path", filter.community_roots, params) + " OR " +
                    store::ScopeFilter("st.path", filter.service_roots, params) +
                    OrIn("s.provider_id", filter.provider_ids, params) + ")";
  if (filter.placed_during) {
    sql +=
        " AND e.started_on IS NOT NULL AND e.started_on <= ? AND "
        "(e.ended_on IS NULL OR e.ended_on >= ?)";
    params.emplace_back(core::LastDay(*filter.placed_during).ToString());
    params.emplace_back(core::FirstDay(*filter.placed_during).ToString());
  }
  if (filter.service_id) {
    sql += " AND e.service_id = ?";
    params.emplace_back(*filter.service_id);
  }
  if (filter.person_id) {
    sql += " AND e.person_id = ?";
    params.emplace_back(*filter.person_id);
  }
  if (filter.worker_id) {
    sql += " AND e.worker_id = ?";
    params.emplace_back(*filter.worker_id);
  }
  if (filter.state) {
    sql += " AND e.state_rank = ?";
    params.emplace_back(static_cast<int64_t>(*filter.state));
  } else if (filter.current_only) {
    sql += " AND e.state_rank < 4";
  }
  if (!after.empty()) {
    std::vector<std::string> parts = CursorParts(after);
    if (parts.size() != 4)
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    int64_t state_rank = 0;
    int64_t priority_rank = 0;
    try {
      state_rank = std::stoll(parts[0]);
      priority_rank = std::stoll(parts[1]);
    } catch (const std::exception&) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql +=
        " AND (e.state_rank > ? OR (e.state_rank = ? AND (e.priority_rank > ? OR "
        "(e.priority_rank = ? AND (e.requested_at > ? OR (e.requested_at = ? AND e.id > ?))))))";
    params.insert(params.end(), {state_rank, state_rank, priority_rank, priority_rank, parts[2],
                                 parts[2], parts[3]});
  }
  sql += " ORDER BY e.state_rank, e.priority_rank, e.requested_at, e.id LIMIT " +
         std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  EnrolmentPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const Row& last = (*rows)[limit - 1];
      page.next = last.Text(27) + kSep + last.Text(28) + kSep + last.Text(18) + kSep + last.Text(0);
      break;
    }
    page.items.push_back(EnrolmentFromRow(row));
  }
  return page;
}

// --- the services map ---

Result<std::vector<MapService>> MapServices(store::Session& tx, const std::string& territory_path) {
  std::vector<Value> params;
  // The waiting list of each service through the enrolments_service index: a probe per
  // service, never a scan of all enrolments.
  const std::string sql =
      "SELECT COALESCE(c.code, t.code), COALESCE(c.name, t.name), "
      "COALESCE(c.sort_key, t.sort_key), s.type, s.capacity, s.places_used, "
      "(SELECT COUNT(*) FROM enrolments e WHERE e.service_id = s.id AND e.state_rank = 3), "
      "(SELECT MIN(e.requested_at) FROM enrolments e WHERE e.service_id = s.id AND e.state_rank = "
      "3) "
      "FROM services s JOIN territories t ON t.id = s.territory_id "
      "LEFT JOIN territories c ON c.id = t.community_id WHERE s.active = 1 AND " +
      store::StartsWith("t.path", territory_path, params);
  std::vector<MapService> out;
  Status status = tx.ForEach(sql, params, [&](const Row& row) {
    MapService m;
    m.area_code = row.Text(0);
    m.area_name = row.Text(1);
    m.area_sort_key = row.Text(2);
    m.type = ParseServiceType(row.Text(3)).value_or(ServiceType::kOther);
    m.capacity = row.Int(4);
    m.places_used = row.Int(5);
    m.waiting = row.Int(6);
    m.oldest_waiting_since = row.OptText(7);
    out.push_back(std::move(m));
    return true;
  });
  if (!status.ok()) return status;
  return out;
}

// --- the public directory ---

Result<std::vector<Service>> DirectoryServices(store::Session& tx,
                                               const std::string& community_path) {
  const Visibility above = VisibilityOf({community_path});
  std::vector<Value> params;
  std::string sql = std::string(kServiceColumns) + "WHERE s.active = 1 AND (" +
                    store::StartsWith("t.path", community_path, params);
  std::string ancestors = "IN (" + store::Placeholders(above.ancestors.size()) + ")";
  if (!above.ancestors.empty()) {
    sql += " OR (t.path " + ancestors +
           " AND NOT EXISTS (SELECT 1 FROM service_settlements ss WHERE ss.service_id = s.id))";
    for (const std::string& a : above.ancestors) params.emplace_back(a);
  }
  sql +=
      " OR EXISTS (SELECT 1 FROM service_settlements ss JOIN territories st "
      "ON st.id = ss.territory_id WHERE ss.service_id = s.id AND (" +
      store::StartsWith("st.path", community_path, params);
  if (!above.ancestors.empty()) {
    sql += " OR st.path " + ancestors;
    for (const std::string& a : above.ancestors) params.emplace_back(a);
  }
  sql += "))) ORDER BY s.name_key, s.id LIMIT 2000";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<Service> out;
  out.reserve(rows->size());
  for (const Row& row : *rows) out.push_back(ServiceFromRow(row));
  SOCIUS_RETURN_IF_ERROR(LoadSettlements(tx, out));
  return out;
}

// --- requests for help ---

Status InsertHelpRequest(store::Session& tx, const HelpRequest& h) {
  return tx
      .Exec(
          "INSERT INTO help_requests (id, community_id, confirmation, need, for_whom, name, "
          "contact, language, state, version, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {h.id, h.community_id, h.confirmation, h.need, OptValue(h.for_whom), h.name, h.contact,
           h.language, std::string(Name(h.state)), h.version, h.created_at, h.updated_at})
      .status();
}

Status UpdateHelpRequest(store::Session& tx, const HelpRequest& h, int64_t expected_version) {
  return StaleUnlessOne(tx.Exec(
      "UPDATE help_requests SET state = ?, answer = ?, contact_id = ?, case_id = ?, "
      "resolved_by = ?, resolved_at = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?",
      {std::string(Name(h.state)), OptValue(h.answer), OptValue(h.contact_id), OptValue(h.case_id),
       h.resolved_by ? Value(h.resolved_by->id) : store::Null(), OptValue(h.resolved_at), h.version,
       h.updated_at, h.id, expected_version}));
}

Result<HelpRequest> FindHelpRequest(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kHelpColumns) + "WHERE h.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("help.not_found");
  return HelpFromRow((*rows)[0]);
}

Result<HelpPage> ListHelpRequests(store::Session& tx, const HelpFilter& filter,
                                  const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kHelpColumns) + "WHERE " + store::ScopeFilter("c.path", filter.roots, params);
  if (filter.community_path) {
    sql += " AND " + store::StartsWith("c.path", *filter.community_path, params);
  }
  if (filter.state) {
    sql += " AND h.state = ?";
    params.emplace_back(std::string(Name(*filter.state)));
  } else if (filter.resolved) {
    sql += " AND h.state <> 'open'";
  }
  if (!after.empty()) {
    std::vector<std::string> parts = CursorParts(after);
    if (parts.size() != 2)
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    sql += " AND (h.created_at > ? OR (h.created_at = ? AND h.id > ?))";
    params.insert(params.end(), {parts[0], parts[0], parts[1]});
  }
  sql += " ORDER BY h.created_at, h.id LIMIT " + std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  HelpPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const HelpRequest& last = page.items.back();
      page.next = last.created_at + kSep + last.id;
      break;
    }
    page.items.push_back(HelpFromRow(row));
  }
  return page;
}

// --- provider staff ---

Result<bool> InsertStaff(store::Session& tx, const std::string& provider_id,
                         const std::string& user_id, const std::string& added_by,
                         const std::string& now) {
  Result<store::Rows> known = tx.Query(
      "SELECT 1 FROM provider_staff WHERE provider_id = ? AND user_id = ?", {provider_id, user_id});
  if (!known.ok()) return known.status();
  if (!known->empty()) return false;
  Result<int64_t> inserted = tx.Exec(
      "INSERT INTO provider_staff (provider_id, user_id, added_by, added_at) VALUES (?, ?, ?, ?)",
      {provider_id, user_id, added_by, now});
  if (!inserted.ok()) return inserted.status();
  return true;
}

Result<bool> DeleteStaff(store::Session& tx, const std::string& provider_id,
                         const std::string& user_id) {
  Result<int64_t> deleted = tx.Exec(
      "DELETE FROM provider_staff WHERE provider_id = ? AND user_id = ?", {provider_id, user_id});
  if (!deleted.ok()) return deleted.status();
  return *deleted > 0;
}

Result<std::vector<StaffMember>> ListStaff(store::Session& tx, const std::string& provider_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT u.id, u.display_name, u.username, a.id, a.display_name, ps.added_at "
      "FROM provider_staff ps JOIN users u ON u.id = ps.user_id "
      "JOIN users a ON a.id = ps.added_by WHERE ps.provider_id = ? "
      "ORDER BY u.display_name, u.id",
      {provider_id});
  if (!rows.ok()) return rows.status();
  std::vector<StaffMember> out;
  for (const Row& row : *rows) {
    out.push_back(StaffMember{UserRef{row.Text(0), row.Text(1)}, row.Text(2),
                              UserRef{row.Text(3), row.Text(4)}, row.Text(5)});
  }
  return out;
}

Result<std::vector<StaffPost>> StaffPostsOf(store::Session& tx, const std::string& user_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT ps.provider_id, t.path FROM provider_staff ps "
      "JOIN providers p ON p.id = ps.provider_id JOIN territories t ON t.id = p.territory_id "
      "WHERE ps.user_id = ?",
      {user_id});
  if (!rows.ok()) return rows.status();
  std::vector<StaffPost> out;
  for (const Row& row : *rows) out.push_back(StaffPost{row.Text(0), row.Text(1)});
  return out;
}

// --- attendance ---

namespace {

std::vector<int> DaysFrom(const std::string& joined) {
  std::vector<int> out;
  for (const std::string& part : Split(joined)) {
    try {
      out.push_back(std::stoi(part));
    } catch (const std::exception&) {
      // Written only by UpsertAttendance; a stray value is skipped, never shown as a day.
    }
  }
  return out;
}

std::string JoinDays(const std::vector<int>& days) {
  std::vector<std::string> parts;
  for (int d : days) parts.push_back(std::to_string(d));
  return Join(parts);
}

}  // namespace

Result<std::map<std::string, AttendanceRow>> AttendanceOf(store::Session& tx,
                                                          const std::vector<std::string>& ids,
                                                          core::Month month) {
  std::map<std::string, AttendanceRow> out;
  if (ids.empty()) return out;
  std::vector<Value> params;
  for (const std::string& id : ids) params.emplace_back(id);
  params.emplace_back(month.ToString());
  Result<store::Rows> rows = tx.Query(
      "SELECT a.enrolment_id, a.days, a.version, u.id, u.display_name, a.updated_at "
      "FROM attendance a JOIN users u ON u.id = a.updated_by WHERE a.enrolment_id IN (" +
          store::Placeholders(ids.size()) + ") AND a.month = ?",
      params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    AttendanceRow& a = out[row.Text(0)];
    a.days = DaysFrom(row.Text(1));
    a.version = row.Int(2);
    a.updated_by = UserRef{row.Text(3), row.Text(4)};
    a.updated_at = row.Text(5);
  }
  return out;
}

Status UpsertAttendance(store::Session& tx, const std::string& enrolment_id, core::Month month,
                        const std::vector<int>& days, int64_t expected_version,
                        const std::string& user_id, const std::string& now) {
  const std::string joined = JoinDays(days);
  const int64_t present = static_cast<int64_t>(days.size());
  if (expected_version == 0) {
    Result<int64_t> inserted = tx.Exec(
        "INSERT INTO attendance (enrolment_id, month, days, days_present, version, updated_by, "
        "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
        {enrolment_id, month.ToString(), joined, present, user_id, now});
    if (!inserted.ok() && inserted.status().code() == "store.unique_violation") {
      return Status::Conflict("conflict.stale_version");
    }
    return inserted.status();
  }
  return StaleUnlessOne(tx.Exec(
      "UPDATE attendance SET days = ?, days_present = ?, version = version + 1, updated_by = ?, "
      "updated_at = ? WHERE enrolment_id = ? AND month = ? AND version = ?",
      {joined, present, user_id, now, enrolment_id, month.ToString(), expected_version}));
}

}  // namespace socius::services
