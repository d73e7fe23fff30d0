// SQL of the person import (see import_repository.h).
#include "registry/import_repository.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "registry/repository_internal.h"
#include "registry/rules.h"

namespace socius::registry {

using core::Result;
using core::Status;
using internal::OptValue;
using internal::PersonValues;
using internal::Placeholders;
using store::Row;
using store::Value;

namespace {

constexpr std::string_view kJobColumns =
    "SELECT j.id, j.file_name, j.file_sha256, j.size, j.bytes_received, j.status, j.mode, "
    "j.options, j.rows_total, j.rows_read, j.rows_ok, j.rows_rejected, j.rows_written, "
    "j.last_committed_row, j.created_by, j.scope_territory_id, j.scope_path, t.code, "
    "j.created_at, j.updated_at, j.rows_linked FROM person_imports j "
    "LEFT JOIN territories t ON t.id = j.scope_territory_id ";

ImportJob JobFromRow(const Row& r) {
  ImportJob j;
  j.id = r.Text(0);
  j.file_name = r.Text(1);
  j.file_sha256 = r.Text(2);
  j.size = r.Int(3);
  j.bytes_received = r.Int(4);
  j.status = r.Text(5);
  j.mode = r.Text(6);
  j.options_json = r.Text(7);
  j.rows_total = r.Int(8);
  j.rows_read = r.Int(9);
  j.rows_ok = r.Int(10);
  j.rows_rejected = r.Int(11);
  j.rows_written = r.Int(12);
  j.last_committed_row = r.Int(13);
  j.created_by = r.OptText(14);
  j.scope_territory_id = r.OptText(15);
  j.scope_path = r.Text(16);
  j.scope_code = r.Text(17);
  j.created_at = r.Text(18);
  j.updated_at = r.Text(19);
  j.rows_linked = r.Int(20);
  return j;
}

Result<std::vector<ImportJob>> Jobs(store::Session& tx, const std::string& sql,
                                    const std::vector<Value>& params) {
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<ImportJob> out;
  for (const Row& r : *rows) out.push_back(JobFromRow(r));
  return out;
}

// Rows per INSERT statement. On PostgreSQL several rows share one statement and one round
// trip (32 rows of the widest insert, 20 parameters, stay far below its limit). On SQLite a
// statement that writes several rows into tables with foreign keys keeps a statement journal
// of every page it touches, which costs far more than the statements it saves: one row each.
size_t RowsPerInsert(const store::Session& tx) {
  return tx.dialect() == store::Dialect::kPostgres ? 32 : 1;
}

// Runs `insert` followed by `row` once per row for `n` rows, RowsPerInsert rows per statement
// and the remainder one per statement (so that each size has one cached statement text);
// `append(i, params)` appends the values of row i.
Status InsertRows(store::Session& tx, std::string_view insert, std::string_view row, size_t n,
                  const std::function<void(size_t, std::vector<Value>&)>& append) {
  const size_t per_statement = RowsPerInsert(tx);
  std::string full(insert);
  for (size_t i = 0; i < per_statement; ++i) {
    if (i > 0) full += ", ";
    full += row;
  }
  const std::string single = std::string(insert) + std::string(row);
  std::vector<Value> params;
  size_t start = 0;
  while (start < n) {
    const size_t count = n - start >= per_statement ? per_statement : 1;
    params.clear();
    for (size_t i = start; i < start + count; ++i) append(i, params);
    SOCIUS_RETURN_IF_ERROR(tx.Exec(count == 1 ? single : full, params).status());
    start += count;
  }
  return Status::Ok();
}

}  // namespace

Status InsertImportJob(store::Session& tx, ImportJob& job) {
  job.created_at = job.updated_at = core::NowUtc();
  return tx
      .Exec(
          "INSERT INTO person_imports (id, file_name, file_sha256, size, bytes_received, status, "
          "mode, options, rows_total, rows_read, rows_ok, rows_rejected, rows_written, "
          "last_committed_row, created_by, scope_territory_id, scope_path, created_at, "
          "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?, ?, ?, ?)",
          {job.id, job.file_name, job.file_sha256, job.size, job.bytes_received, job.status,
           job.mode, job.options_json, OptValue(job.created_by), OptValue(job.scope_territory_id),
           job.scope_path, job.created_at, job.updated_at})
      .status();
}

Result<std::optional<ImportJob>> FindImportJob(store::Session& tx, const std::string& id) {
  Result<std::vector<ImportJob>> jobs = Jobs(tx, std::string(kJobColumns) + "WHERE j.id = ?", {id});
  if (!jobs.ok()) return jobs.status();
  if (jobs->empty()) return std::optional<ImportJob>();
  return std::optional<ImportJob>(std::move(jobs->front()));
}

Result<std::vector<ImportJob>> FindImportJobsBySha256(store::Session& tx,
                                                      const std::string& sha256) {
  return Jobs(
      tx,
      std::string(kJobColumns) + "WHERE j.file_sha256 = ? ORDER BY j.created_at DESC, j.id DESC",
      {sha256});
}

Status UpdateImportJob(store::Session& tx, ImportJob& job) {
  job.updated_at = core::NowUtc();
  return tx
      .Exec(
          "UPDATE person_imports SET status = ?, bytes_received = ?, rows_total = ?, "
          "rows_read = ?, rows_ok = ?, rows_rejected = ?, rows_written = ?, rows_linked = ?, "
          "last_committed_row = ?, updated_at = ? WHERE id = ?",
          {job.status, job.bytes_received, job.rows_total, job.rows_read, job.rows_ok,
           job.rows_rejected, job.rows_written, job.rows_linked, job.last_committed_row,
           job.updated_at, job.id})
      .status();
}

Result<std::vector<ImportJob>> ListImportJobs(store::Session& tx, const std::string& user_id,
                                              const std::string& before, int limit) {
  std::vector<Value> params;
  std::string sql = std::string(kJobColumns);
  if (user_id.empty()) {
    sql += "WHERE j.created_by IS NULL";
  } else {
    sql += "WHERE j.created_by = ?";
    params.emplace_back(user_id);
  }
  if (!before.empty()) {
    const size_t sep = before.find('\x1f');
    const std::string at = before.substr(0, sep);
    const std::string id = sep == std::string::npos ? "" : before.substr(sep + 1);
    sql += " AND (j.created_at < ? OR (j.created_at = ? AND j.id < ?))";
    params.insert(params.end(), {at, at, id});
  }
  sql += " ORDER BY j.created_at DESC, j.id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit));
  return Jobs(tx, sql, params);
}

Status ReplaceImportProblems(store::Session& tx, const std::string& import_id,
                             const std::vector<ImportProblem>& problems) {
  SOCIUS_RETURN_IF_ERROR(
      tx.Exec("DELETE FROM person_import_problems WHERE import_id = ?", {import_id}).status());
  for (size_t i = 0; i < problems.size() && i < kMaxImportProblems; ++i) {
    const ImportProblem& p = problems[i];
    nlohmann::json params = nlohmann::json::object();
    for (const auto& [k, v] : p.params) params[k] = v;
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO person_import_problems (import_id, seq, row_no, field, code, "
                "params, message, severity, person) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                {import_id, static_cast<int64_t>(i), p.row, p.field, p.code,
                 params.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), p.message,
                 std::string(p.warning ? "warning" : "error"), p.person})
            .status());
  }
  return Status::Ok();
}

Result<std::vector<ImportProblem>> LoadImportProblems(store::Session& tx,
                                                      const std::string& import_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT row_no, field, code, params, message, severity, person FROM person_import_problems "
      "WHERE import_id = ? ORDER BY seq",
      {import_id});
  if (!rows.ok()) return rows.status();
  std::vector<ImportProblem> out;
  for (const Row& r : *rows) {
    ImportProblem p;
    p.row = r.Int(0);
    p.field = r.Text(1);
    p.code = r.Text(2);
    nlohmann::json params = nlohmann::json::parse(r.Text(3), nullptr, false);
    if (params.is_object()) {
      for (auto it = params.begin(); it != params.end(); ++it) {
        if (it.value().is_string()) p.params[it.key()] = it.value().get<std::string>();
      }
    }
    p.message = r.Text(4);
    p.warning = r.Text(5) == "warning";
    p.person = r.Text(6);
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// Runs `select` (which ends in "i.value IN (") over the identifiers' values, 500 at a time,
// handing each row to `on_row`.
Status ForEachIdentifierValue(store::Session& tx, const std::string& select,
                              const std::vector<std::pair<std::string, std::string>>& identifiers,
                              const std::function<void(const Row&)>& on_row) {
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < identifiers.size(); start += kChunk) {
    const size_t n = std::min(kChunk, identifiers.size() - start);
    std::vector<Value> params;
    for (size_t i = 0; i < n; ++i) params.emplace_back(identifiers[start + i].second);
    Result<store::Rows> rows = tx.Query(select + Placeholders(n) + ")", params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) on_row(r);
  }
  return Status::Ok();
}

}  // namespace

Result<std::map<std::pair<std::string, std::string>, IdentifierHolder>> FindIdentifierHolders(
    store::Session& tx, const std::vector<std::pair<std::string, std::string>>& identifiers) {
  std::map<std::pair<std::string, std::string>, IdentifierHolder> holders;
  SOCIUS_RETURN_IF_ERROR(ForEachIdentifierValue(
      tx,
      "SELECT i.scheme, i.value, i.person_id, t.path FROM person_identifiers i "
      "JOIN persons p ON p.id = i.person_id JOIN territories t ON t.id = p.community_id "
      "WHERE i.value IN (",
      identifiers, [&](const Row& r) {
        holders.emplace(std::make_pair(r.Text(0), r.Text(1)),
                        IdentifierHolder{r.Text(2), r.Text(3)});
      }));
  return holders;
}

Result<std::set<std::pair<std::string, std::string>>> FindHeldIdentifiers(
    store::Session& tx, const std::vector<std::pair<std::string, std::string>>& identifiers) {
  std::set<std::pair<std::string, std::string>> held;
  SOCIUS_RETURN_IF_ERROR(ForEachIdentifierValue(
      tx, "SELECT i.scheme, i.value FROM person_identifiers i WHERE i.value IN (", identifiers,
      [&](const Row& r) { held.emplace(r.Text(0), r.Text(1)); }));
  return held;
}

Result<std::vector<MatchCandidate>> FindMatchCandidates(store::Session& tx,
                                                        const std::vector<std::string>& birth_dates,
                                                        const std::vector<std::string>& name_keys,
                                                        const std::string& import_id) {
  std::vector<MatchCandidate> out;
  std::unordered_map<std::string, size_t> at;  // person id -> index in out
  constexpr size_t kChunk = 500;
  auto read = [&](const char* column, const std::vector<std::string>& values) -> Status {
    for (size_t start = 0; start < values.size(); start += kChunk) {
      const size_t n = std::min(kChunk, values.size() - start);
      std::vector<Value> params(values.begin() + start, values.begin() + start + n);
      params.emplace_back(import_id);
      Result<store::Rows> rows = tx.Query(
          "SELECT p.id, p.given_name, p.family_name, p.patronymic, p.birth_date, p.sex, "
          "p.settlement_id, p.community_id, p.household_id, p.phone, p.name_key, t.path "
          "FROM persons p JOIN territories t ON t.id = p.community_id "
          "WHERE p.merged_into IS NULL AND p." +
              std::string(column) + " IN (" + Placeholders(n) +
              ") AND (p.import_id IS NULL OR p.import_id <> ?)",
          params);
      if (!rows.ok()) return rows.status();
      for (const Row& r : *rows) {
        if (!at.emplace(r.Text(0), out.size()).second) continue;
        MatchCandidate c;
        c.fields.id = r.Text(0);
        c.fields.given_name = r.Text(1);
        c.fields.family_name = r.Text(2);
        c.fields.patronymic = r.OptText(3);
        c.fields.birth_date = r.OptText(4);
        c.fields.sex = r.OptText(5);
        c.fields.settlement = r.OptText(6).value_or(r.Text(7));
        c.fields.household_id = r.OptText(8);
        c.fields.phone = r.OptText(9);
        c.name_key = r.Text(10);
        c.community_path = r.Text(11);
        out.push_back(std::move(c));
      }
    }
    return Status::Ok();
  };
  SOCIUS_RETURN_IF_ERROR(read("birth_date", birth_dates));
  SOCIUS_RETURN_IF_ERROR(read("name_key", name_keys));
  return out;
}

Status LoadCandidateIdentifiers(store::Session& tx, std::vector<MatchCandidate*>& candidates) {
  constexpr size_t kChunk = 500;
  std::unordered_map<std::string, MatchCandidate*> by_id;
  for (MatchCandidate* c : candidates) by_id.emplace(c->fields.id, c);
  for (size_t start = 0; start < candidates.size(); start += kChunk) {
    const size_t n = std::min(kChunk, candidates.size() - start);
    std::vector<Value> params;
    for (size_t i = 0; i < n; ++i) params.emplace_back(candidates[start + i]->fields.id);
    Result<store::Rows> rows =
        tx.Query("SELECT person_id, scheme, value FROM person_identifiers WHERE person_id IN (" +
                     Placeholders(n) + ")",
                 params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) {
      by_id.at(r.Text(0))->fields.identifiers.push_back(r.Text(1) + ":" + r.Text(2));
    }
  }
  return Status::Ok();
}

Result<std::vector<SimilarPerson>> FindPersonsByNameKey(store::Session& tx,
                                                        const std::vector<std::string>& name_keys) {
  std::vector<SimilarPerson> out;
  constexpr size_t kChunk = 500;
  for (size_t start = 0; start < name_keys.size(); start += kChunk) {
    const size_t n = std::min(kChunk, name_keys.size() - start);
    std::vector<Value> params(name_keys.begin() + start, name_keys.begin() + start + n);
    Result<store::Rows> rows = tx.Query(
        "SELECT id, name_key, birth_date, community_id FROM persons WHERE "
        "merged_into IS NULL AND name_key IN (" +
            Placeholders(n) + ")",
        params);
    if (!rows.ok()) return rows.status();
    for (const Row& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3)});
  }
  return out;
}

Status InsertImportedPersons(store::Session& tx, const std::vector<ImportedPerson>& persons,
                             const std::string& import_id) {
  SOCIUS_RETURN_IF_ERROR(InsertRows(
      tx,
      "INSERT INTO persons (id, community_id, settlement_id, given_name, family_name, "
      "patronymic, birth_date, sex, address, phone, languages, disability_degree, notes, "
      "name_key, household_id, version, created_at, updated_at, created_by, import_id, "
      "source_row) VALUES ",
      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)", persons.size(),
      [&](size_t i, std::vector<Value>& params) {
        Person& person = *persons[i].person;
        person.version = 1;
        if (person.created_at.empty()) person.created_at = core::NowUtc();
        person.updated_at = person.created_at;
        params.emplace_back(person.id);
        for (Value& v : PersonValues(person)) params.push_back(std::move(v));
        params.insert(params.end(),
                      {person.created_at, person.updated_at, OptValue(person.created_by), import_id,
                       persons[i].source_row});
      }));
  std::vector<std::pair<const Person*, const PersonIdentifier*>> identifiers;
  for (const ImportedPerson& imported : persons) {
    for (const PersonIdentifier& id : imported.person->identifiers) {
      identifiers.emplace_back(imported.person, &id);
    }
  }
  return InsertRows(
      tx,
      "INSERT INTO person_identifiers (person_id, scheme, value, country, "
      "community_id) VALUES ",
      "(?, ?, ?, ?, ?)", identifiers.size(), [&](size_t i, std::vector<Value>& params) {
        const auto& [person, id] = identifiers[i];
        params.insert(params.end(), {person->id, id->scheme, id->value, CountryOfScheme(id->scheme),
                                     person->community_id});
      });
}

Result<bool> ImportedHouseholdExists(store::Session& tx, const std::string& household_id) {
  Result<store::Rows> rows = tx.Query("SELECT id FROM households WHERE id = ?", {household_id});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status InsertImportedHouseholds(store::Session& tx, const std::vector<Household>& households) {
  const std::string now = core::NowUtc();
  return InsertRows(tx,
                    "INSERT INTO households (id, community_id, settlement_id, address, "
                    "head_person_id, version, created_at, updated_at, created_by) VALUES ",
                    "(?, ?, ?, ?, ?, 1, ?, ?, ?)", households.size(),
                    [&](size_t i, std::vector<Value>& params) {
                      const Household& h = households[i];
                      params.insert(params.end(), {h.id, h.community_id, OptValue(h.settlement_id),
                                                   OptValue(h.address), OptValue(h.head_person_id),
                                                   now, now, OptValue(h.created_by)});
                    });
}

Status InsertImportedMembers(store::Session& tx, const std::vector<ImportedMember>& members) {
  return InsertRows(tx,
                    "INSERT INTO household_members (household_id, person_id, "
                    "relationship_to_head, community_id) VALUES ",
                    "(?, ?, ?, ?)", members.size(), [&](size_t i, std::vector<Value>& params) {
                      const ImportedMember& m = members[i];
                      params.insert(params.end(),
                                    {m.household_id, m.person_id, std::string(Name(m.relationship)),
                                     m.community_id});
                    });
}

Status SetImportedHouseholdHead(store::Session& tx, const std::string& household_id,
                                const std::string& person_id) {
  return tx.Exec("UPDATE households SET head_person_id = ? WHERE id = ?", {person_id, household_id})
      .status();
}

Result<std::vector<ImportJob>> FindImportJobsByStatus(store::Session& tx,
                                                      const std::vector<std::string>& statuses) {
  if (statuses.empty()) return std::vector<ImportJob>();
  std::vector<Value> params(statuses.begin(), statuses.end());
  return Jobs(tx,
              std::string(kJobColumns) + "WHERE j.status IN (" + Placeholders(statuses.size()) +
                  ") ORDER BY j.created_at, j.id",
              params);
}

Status UpdateImportJobOptions(store::Session& tx, const ImportJob& job) {
  return tx
      .Exec("UPDATE person_imports SET mode = ?, options = ?, file_name = ? WHERE id = ?",
            {job.mode, job.options_json, job.file_name, job.id})
      .status();
}

namespace {

Result<std::optional<ImportScope>> ScopeWhere(store::Session& tx, const std::string& column,
                                              const std::string& value) {
  Result<store::Rows> rows =
      tx.Query("SELECT id, code, path FROM territories WHERE " + column + " = ?", {value});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<ImportScope>();
  const Row& r = (*rows)[0];
  return std::optional<ImportScope>(ImportScope{r.Text(0), r.Text(1), r.Text(2)});
}

}  // namespace

Result<std::optional<ImportScope>> FindImportScope(store::Session& tx, const std::string& code) {
  return ScopeWhere(tx, "code", code);
}

Result<std::optional<ImportScope>> FindImportScopeByPath(store::Session& tx,
                                                         const std::string& path) {
  return ScopeWhere(tx, "path", path);
}

Status ForEachIndexRowUpdatedSince(
    store::Session& tx, const std::string& since,
    const std::function<void(const IndexRow&, const std::string& updated_at)>& on_row) {
  return tx.ForEach(
      "SELECT p.id, p.version, p.community_id, c.path, p.birth_date, p.name_key, p.updated_at, "
      "p.merged_into FROM persons p JOIN territories c ON c.id = p.community_id "
      "WHERE p.updated_at >= ?",
      {since}, [&](const Row& row) {
        on_row(IndexRow{row.Text(0), row.Int(1), row.Text(2), row.Text(3),
                        internal::OptDate(row.OptText(4)), row.Text(5), !row.IsNull(7)},
               row.Text(6));
        return true;
      });
}

}  // namespace socius::registry
