// SQL of the deduplication room (see repository.h).
#include "dedup/repository.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "core/clock.h"
#include "nlohmann/json.hpp"
#include "store/sql.h"

namespace socius::dedup {

using core::Result;
using core::Status;
using Json = nlohmann::json;
using store::Placeholders;
using store::Row;
using store::ScopeFilter;
using store::StartsWith;
using store::Value;

namespace {

constexpr std::string_view kRunColumns =
    "SELECT r.id, r.territory_id, t.code, t.name, r.status, r.progress, r.records, "
    "r.candidate_pairs, r.proposed_pairs, r.groups_found, r.seconds, r.started_at, "
    "r.finished_at, r.started_by, r.error FROM dedup_runs r "
    "JOIN territories t ON t.id = r.territory_id ";

SearchRun RunFromRow(const Row& row) {
  SearchRun run;
  run.id = row.Text(0);
  run.territory_id = row.Text(1);
  run.territory_code = row.Text(2);
  run.territory_name = row.Text(3);
  const std::string status = row.Text(4);
  run.status = status == "done"     ? RunStatus::kDone
               : status == "failed" ? RunStatus::kFailed
                                    : RunStatus::kRunning;
  run.progress = row.Real(5);
  run.records = row.Int(6);
  run.candidate_pairs = row.Int(7);
  run.proposed_pairs = row.Int(8);
  run.groups = row.Int(9);
  run.seconds = row.Real(10);
  run.started_at = row.Text(11);
  run.finished_at = row.OptText(12);
  run.started_by = row.OptText(13);
  run.error = row.OptText(14);
  return run;
}

// Both persons of a pair (or a merge) lie under `path` and within `scope`.
std::string BothUnder(const std::string& a_path, const std::string& b_path, const std::string& path,
                      const Scope& scope, std::vector<Value>& params) {
  std::string sql = StartsWith(a_path, path, params) + " AND " + StartsWith(b_path, path, params);
  sql += " AND " + ScopeFilter(a_path, scope, params);
  sql += " AND " + ScopeFilter(b_path, scope, params);
  return sql;
}

constexpr std::string_view kPairColumns =
    "SELECT d.id, d.version, d.status, d.probability, d.match_weight, d.group_id, d.group_size, "
    "d.evidence, d.person_a, d.person_b, pa.community_id, pb.community_id, d.found_at, "
    "d.run_id, d.decided_at, d.decided_by, d.merge_id FROM duplicate_pairs d "
    // Where the two persons live now: who may see a pair follows them when they move.
    "JOIN persons pa ON pa.id = d.person_a JOIN persons pb ON pb.id = d.person_b "
    "JOIN territories ca ON ca.id = pa.community_id JOIN territories cb ON cb.id = "
    "pb.community_id ";

DuplicatePair PairFromRow(const Row& row) {
  DuplicatePair p;
  p.id = row.Text(0);
  p.version = row.Int(1);
  p.status = ParsePairStatus(row.Text(2)).value_or(PairStatus::kOpen);
  p.probability = row.Real(3);
  p.match_weight = row.Real(4);
  p.group_id = row.OptText(5);
  p.group_size = row.Int(6);
  Json evidence = Json::parse(row.Text(7), nullptr, /*allow_exceptions=*/false);
  if (evidence.is_array()) {
    for (const Json& e : evidence) {
      p.evidence.push_back({e.value("field", ""), e.value("level", ""), e.value("weight", 0.0)});
    }
  }
  p.person_a = row.Text(8);
  p.person_b = row.Text(9);
  p.community_a = row.Text(10);
  p.community_b = row.Text(11);
  p.found_at = row.Text(12);
  p.run_id = row.OptText(13);
  p.decided_at = row.OptText(14);
  p.decided_by = row.OptText(15);
  p.merge_id = row.OptText(16);
  return p;
}

constexpr std::string_view kMergeColumns =
    "SELECT m.id, m.version, m.survivor_id, m.merged_id, m.community_id, m.merged_community_id, "
    "m.pair_id, m.survivor_name, m.merged_name, m.moved, m.taken, m.merged_at, m.merged_by, "
    "m.undone_at, m.undone_by, m.before_merge FROM person_merges m "
    // Where the two records are now: who may see (and undo) a merge follows them.
    "JOIN persons ps ON ps.id = m.survivor_id JOIN persons pm ON pm.id = m.merged_id "
    "JOIN territories ca ON ca.id = ps.community_id "
    "JOIN territories cb ON cb.id = pm.community_id ";

Merge MergeFromRow(const Row& row, std::string* moved_rows) {
  Merge m;
  m.id = row.Text(0);
  m.version = row.Int(1);
  m.survivor_id = row.Text(2);
  m.merged_id = row.Text(3);
  m.community_id = row.Text(4);
  m.merged_community_id = row.Text(5);
  m.pair_id = row.OptText(6);
  m.survivor_name = row.Text(7);
  m.merged_name = row.Text(8);
  const Json moved = Json::parse(row.Text(9), nullptr, false);
  if (moved.is_object() && moved.contains("counts") && moved["counts"].is_object()) {
    for (const auto& [kind, n] : moved["counts"].items()) m.moved[kind] = n.get<int64_t>();
  }
  if (moved_rows) *moved_rows = row.Text(9);
  const Json taken = Json::parse(row.Text(10), nullptr, false);
  if (taken.is_array()) {
    for (const Json& t : taken) m.taken.push_back(t.get<std::string>());
  }
  m.merged_at = row.Text(11);
  m.merged_by = row.OptText(12);
  m.undone_at = row.OptText(13);
  m.undone_by = row.OptText(14);
  return m;
}

}  // namespace

std::string_view Name(PairStatus status) {
  switch (status) {
    case PairStatus::kOpen:
      return "open";
    case PairStatus::kNotSame:
      return "not_same";
    case PairStatus::kMerged:
      return "merged";
  }
  return "open";
}

std::optional<PairStatus> ParsePairStatus(std::string_view name) {
  for (PairStatus s : {PairStatus::kOpen, PairStatus::kNotSame, PairStatus::kMerged}) {
    if (Name(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view Name(RunStatus status) {
  switch (status) {
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kDone:
      return "done";
    case RunStatus::kFailed:
      return "failed";
  }
  return "running";
}

const std::vector<std::string_view>& MergeableFields() {
  static const std::vector<std::string_view> fields = {
      "given_name", "family_name", "patronymic", "birth_date",        "sex",  "settlement",
      "address",    "phone",       "languages",  "disability_degree", "notes"};
  return fields;
}

// --- runs ---

Status InsertRun(store::Session& tx, const SearchRun& run) {
  Result<int64_t> inserted = tx.Exec(
      "INSERT INTO dedup_runs (id, territory_id, status, started_by, started_at) "
      "VALUES (?, ?, 'running', ?, ?)",
      {run.id, run.territory_id, store::OptValue(run.started_by), run.started_at});
  if (!inserted.ok() && inserted.status().code() == "store.unique_violation") {
    return Status::Conflict("dedup.run_in_progress", "territory_code",
                            "a search for duplicates over this territory is running");
  }
  return inserted.status();
}

Status UpdateRunProgress(store::Session& tx, const std::string& id, double progress) {
  return tx
      .Exec("UPDATE dedup_runs SET progress = ? WHERE id = ? AND status = 'running'",
            {progress, id})
      .status();
}

Status FinishRun(store::Session& tx, const SearchRun& run, const std::string& model_json) {
  return tx
      .Exec(
          "UPDATE dedup_runs SET status = 'done', progress = 1, records = ?, "
          "candidate_pairs = ?, proposed_pairs = ?, groups_found = ?, seconds = ?, model = ?, "
          "finished_at = ? WHERE id = ?",
          {run.records, run.candidate_pairs, run.proposed_pairs, run.groups, run.seconds,
           model_json, core::NowUtc(), run.id})
      .status();
}

Status FailRun(store::Session& tx, const std::string& id, const std::string& error) {
  return tx
      .Exec("UPDATE dedup_runs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?",
            {error, core::NowUtc(), id})
      .status();
}

Status FailInterruptedRuns(store::Session& tx, const std::string& error) {
  return tx
      .Exec(
          "UPDATE dedup_runs SET status = 'failed', error = ?, finished_at = ? "
          "WHERE status = 'running'",
          {error, core::NowUtc()})
      .status();
}

Result<std::optional<std::string>> RunningRunOver(store::Session& tx, const std::string& path) {
  Result<store::Rows> rows = tx.Query(
      "SELECT r.id, t.path FROM dedup_runs r JOIN territories t ON t.id = r.territory_id "
      "WHERE r.status = 'running'");
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    const std::string other = row.Text(1);
    if (other.starts_with(path) || path.starts_with(other)) return row.OptText(0);
  }
  return std::optional<std::string>();
}

Result<SearchRun> FindRun(store::Session& tx, const std::string& id, const Scope& scope) {
  std::vector<Value> params = {id};
  Result<store::Rows> rows = tx.Query(
      std::string(kRunColumns) + "WHERE r.id = ? AND " + ScopeFilter("t.path", scope, params),
      params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("dedup.run_not_found", "no visible run");
  return RunFromRow((*rows)[0]);
}

Result<std::vector<SearchRun>> ListRuns(store::Session& tx, const std::string& path,
                                        const Scope& scope, int limit) {
  std::vector<Value> params;
  std::string sql = std::string(kRunColumns) + "WHERE " + StartsWith("t.path", path, params) +
                    " AND " + ScopeFilter("t.path", scope, params) +
                    " ORDER BY r.started_at DESC, r.id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit));
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<SearchRun> out;
  for (const Row& row : *rows) out.push_back(RunFromRow(row));
  return out;
}

Result<std::optional<std::string>> LatestModel(store::Session& tx) {
  Result<store::Rows> rows = tx.Query(
      "SELECT model FROM dedup_runs WHERE status = 'done' AND model IS NOT NULL "
      "ORDER BY finished_at DESC, id DESC LIMIT 1");
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<std::string>();
  return (*rows)[0].OptText(0);
}

// --- population ---

Result<Population> LoadPopulation(store::Session& tx, const std::string& path) {
  Population out;
  std::unordered_map<std::string, uint32_t> index;
  NameKeys name_keys;  // a registry holds each given and family name many times
  std::vector<Value> params;
  const std::string under = StartsWith("c.path", path, params);
  Status read = tx.ForEach(
      "SELECT p.id, p.community_id, p.given_name, p.family_name, p.patronymic, p.birth_date, "
      "p.sex, p.settlement_id, p.household_id, p.phone FROM persons p "
      "JOIN territories c ON c.id = p.community_id WHERE p.merged_into IS NULL AND " +
          under + " ORDER BY p.id",
      params, [&](const Row& row) {
        PersonFields fields;
        fields.id = row.Text(0);
        fields.given_name = row.Text(2);
        fields.family_name = row.Text(3);
        fields.patronymic = row.OptText(4);
        fields.birth_date = row.OptText(5);
        fields.sex = row.OptText(6);
        fields.settlement = row.OptText(7).value_or(row.Text(1));
        fields.household_id = row.OptText(8);
        fields.phone = row.OptText(9);
        Record r = RecordOf(fields, name_keys);
        index.emplace(r.id, static_cast<uint32_t>(out.records.size()));
        out.communities.push_back(row.Text(1));
        out.records.push_back(std::move(r));
        return true;
      });
  if (!read.ok()) return read;
  std::vector<Value> id_params;
  const std::string ids_under = StartsWith("c.path", path, id_params);
  read = tx.ForEach(
      "SELECT i.person_id, i.scheme, i.value FROM person_identifiers i "
      "JOIN territories c ON c.id = i.community_id WHERE " +
          ids_under,
      id_params, [&](const Row& row) {
        auto it = index.find(row.Text(0));
        if (it != index.end()) {
          out.records[it->second].identifiers.push_back(row.Text(1) + ":" + row.Text(2));
        }
        return true;
      });
  if (!read.ok()) return read;
  for (Record& r : out.records) std::sort(r.identifiers.begin(), r.identifiers.end());
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> DecidedPairs(store::Session& tx,
                                                                      const std::string& path) {
  std::vector<Value> params;
  const std::string sql =
      "SELECT d.person_a, d.person_b FROM duplicate_pairs d "
      "JOIN territories ca ON ca.id = d.community_a JOIN territories cb ON cb.id = d.community_b "
      "WHERE d.status <> 'open' AND (" +
      StartsWith("ca.path", path, params) + " OR " + StartsWith("cb.path", path, params) + ")";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<std::pair<std::string, std::string>> out;
  for (const Row& row : *rows) out.emplace_back(row.Text(0), row.Text(1));
  return out;
}

// --- pairs ---

Status UpsertPair(store::Session& tx, const DuplicatePair& pair) {
  Json evidence = Json::array();
  for (const Evidence& e : pair.evidence) {
    evidence.push_back({{"field", e.field}, {"level", e.level}, {"weight", e.weight}});
  }
  return tx
      .Exec(
          // Persons merged or moved while the run compared them: the pair takes where they
          // are now, and none is proposed for a merged record.
          "INSERT INTO duplicate_pairs (id, person_a, person_b, community_a, community_b, "
          "status, probability, match_weight, evidence, group_id, group_size, run_id, found_at) "
          "SELECT ?, pa.id, pb.id, pa.community_id, pb.community_id, 'open', ?, ?, ?, ?, ?, ?, ? "
          "FROM persons pa, persons pb WHERE pa.id = ? AND pb.id = ? AND pa.merged_into IS NULL "
          "AND pb.merged_into IS NULL "
          "ON CONFLICT (person_a, person_b) DO UPDATE SET probability = excluded.probability, "
          "match_weight = excluded.match_weight, evidence = excluded.evidence, "
          "group_id = excluded.group_id, group_size = excluded.group_size, "
          "run_id = excluded.run_id, community_a = excluded.community_a, "
          "community_b = excluded.community_b, version = duplicate_pairs.version + 1 "
          "WHERE duplicate_pairs.status = 'open'",
          {pair.id, pair.probability, pair.match_weight, evidence.dump(),
           store::OptValue(pair.group_id), pair.group_size, store::OptValue(pair.run_id),
           pair.found_at, pair.person_a, pair.person_b})
      .status();
}

Result<int64_t> DropStalePairs(store::Session& tx, const std::string& run_id,
                               const std::string& path) {
  std::vector<Value> params = {run_id};
  const std::string sql =
      "DELETE FROM duplicate_pairs WHERE status = 'open' AND (run_id IS NULL OR run_id <> ?) "
      "AND community_a IN (SELECT id FROM territories c WHERE " +
      StartsWith("c.path", path, params) +
      ") AND community_b IN (SELECT id FROM territories c WHERE " +
      StartsWith("c.path", path, params) + ")";
  return tx.Exec(sql, params);
}

Result<PairPage> ListPairs(store::Session& tx, const PairQuery& query, const Scope& scope) {
  std::vector<Value> params = {std::string(Name(query.status)), query.min_probability};
  std::string sql = std::string(kPairColumns) + "WHERE d.status = ? AND d.probability >= ? AND " +
                    BothUnder("ca.path", "cb.path", query.path, scope, params);
  if (!query.after.empty()) {
    // The cursor: "<probability as %.17g>\x1f<id>"; descending probability, then id.
    const size_t sep = query.after.find('\x1f');
    if (sep == std::string::npos) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    double p = 0;
    try {
      p = std::stod(query.after.substr(0, sep));
    } catch (...) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    sql += " AND (d.probability < ? OR (d.probability = ? AND d.id > ?))";
    params.insert(params.end(), {p, p, query.after.substr(sep + 1)});
  }
  sql += " ORDER BY d.probability DESC, d.id LIMIT ?";
  params.emplace_back(static_cast<int64_t>(query.limit) + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  PairPage page;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(query.limit); ++i) {
    page.items.push_back(PairFromRow((*rows)[i]));
  }
  if (rows->size() > static_cast<size_t>(query.limit)) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", page.items.back().probability);
    page.next = std::string(buffer) + '\x1f' + page.items.back().id;
  }
  return page;
}

Result<DuplicatePair> FindPair(store::Session& tx, const std::string& id, const Scope& scope) {
  std::vector<Value> params = {id};
  Result<store::Rows> rows = tx.Query(std::string(kPairColumns) + "WHERE d.id = ? AND " +
                                          BothUnder("ca.path", "cb.path", "/", scope, params),
                                      params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("duplicate.not_found", "no visible pair");
  return PairFromRow((*rows)[0]);
}

Result<std::optional<DuplicatePair>> FindPairOf(store::Session& tx, const std::string& x,
                                                const std::string& y) {
  const std::string& a = std::min(x, y);
  const std::string& b = std::max(x, y);
  Result<store::Rows> rows =
      tx.Query(std::string(kPairColumns) + "WHERE d.person_a = ? AND d.person_b = ?", {a, b});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<DuplicatePair>();
  return std::optional<DuplicatePair>(PairFromRow((*rows)[0]));
}

Status SetPairStatus(store::Session& tx, const std::string& id, int64_t version, PairStatus status,
                     const std::optional<std::string>& decided_by,
                     const std::optional<std::string>& merge_id) {
  const bool open = status == PairStatus::kOpen;
  Result<int64_t> changed = tx.Exec(
      "UPDATE duplicate_pairs SET status = ?, decided_at = ?, decided_by = ?, merge_id = ?, "
      "version = version + 1 WHERE id = ? AND version = ?",
      {std::string(Name(status)), open ? store::Null() : Value(core::NowUtc()),
       open ? store::Null() : store::OptValue(decided_by), store::OptValue(merge_id), id, version});
  return store::StaleUnlessOne(changed);
}

Result<std::vector<std::string>> OpenPairsOf(store::Session& tx, const std::string& person_id,
                                             const std::string& except_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT id FROM duplicate_pairs WHERE status = 'open' AND (person_a = ? OR person_b = ?) "
      "AND id <> ? ORDER BY id",
      {person_id, person_id, except_id});
  if (!rows.ok()) return rows.status();
  std::vector<std::string> out;
  for (const Row& row : *rows) out.push_back(row.Text(0));
  return out;
}

Result<std::map<std::string, registry::PersonSummary>> PersonSummaries(
    store::Session& tx, const std::vector<std::string>& ids,
    std::map<std::string, std::string>* created_at) {
  std::map<std::string, registry::PersonSummary> out;
  if (ids.empty()) return out;
  std::vector<Value> params(ids.begin(), ids.end());
  Result<store::Rows> rows = tx.Query(
      "SELECT p.id, p.given_name, p.family_name, p.patronymic, p.birth_date, p.sex, c.code, "
      "c.name, p.created_at FROM persons p JOIN territories c ON c.id = p.community_id WHERE p.id "
      "IN (" +
          Placeholders(ids.size()) + ")",
      params);
  if (!rows.ok()) return rows.status();
  for (const Row& row : *rows) {
    registry::PersonSummary s;
    s.id = row.Text(0);
    s.given_name = row.Text(1);
    s.family_name = row.Text(2);
    s.patronymic = row.OptText(3);
    if (std::optional<std::string> birth = row.OptText(4)) s.birth_date = core::ParseDate(*birth);
    if (std::optional<std::string> sex = row.OptText(5)) s.sex = registry::ParseSex(*sex);
    s.community_code = row.Text(6);
    s.community_name = row.Text(7);
    if (created_at) (*created_at)[s.id] = row.Text(8);
    out.emplace(s.id, std::move(s));
  }
  Result<store::Rows> idents =
      tx.Query("SELECT person_id, scheme, value FROM person_identifiers WHERE person_id IN (" +
                   Placeholders(ids.size()) + ") ORDER BY scheme",
               params);
  if (!idents.ok()) return idents.status();
  for (const Row& row : *idents) {
    auto it = out.find(row.Text(0));
    if (it != out.end()) it->second.identifiers.push_back({row.Text(1), row.Text(2)});
  }
  return out;
}

// --- merges ---

Status InsertMerge(store::Session& tx, const Merge& merge, const std::string& before,
                   const std::string& moved_rows) {
  Json taken = merge.taken;
  return tx
      .Exec(
          "INSERT INTO person_merges (id, survivor_id, merged_id, community_id, "
          "merged_community_id, pair_id, survivor_name, merged_name, before_merge, moved, "
          "taken, merged_at, merged_by, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, 1)",
          {merge.id, merge.survivor_id, merge.merged_id, merge.community_id,
           merge.merged_community_id, store::OptValue(merge.pair_id), merge.survivor_name,
           merge.merged_name, before, moved_rows, taken.dump(), merge.merged_at,
           store::OptValue(merge.merged_by)})
      .status();
}

Result<Merge> FindMerge(store::Session& tx, const std::string& id, const Scope& scope,
                        std::string* before, std::string* moved_rows) {
  std::vector<Value> params = {id};
  Result<store::Rows> rows = tx.Query(std::string(kMergeColumns) + "WHERE m.id = ? AND " +
                                          BothUnder("ca.path", "cb.path", "/", scope, params),
                                      params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("merge.not_found", "no visible merge");
  if (before) *before = (*rows)[0].Text(15);
  return MergeFromRow((*rows)[0], moved_rows);
}

Result<MergePage> ListMerges(store::Session& tx, const std::string& path, const Scope& scope,
                             const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kMergeColumns) + "WHERE " + BothUnder("ca.path", "cb.path", path, scope, params);
  if (!after.empty()) {
    const size_t sep = after.find('\x1f');
    if (sep == std::string::npos) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    const std::string at = after.substr(0, sep);
    sql += " AND (m.merged_at < ? OR (m.merged_at = ? AND m.id < ?))";
    params.insert(params.end(), {at, at, after.substr(sep + 1)});
  }
  sql += " ORDER BY m.merged_at DESC, m.id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit) + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  MergePage page;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    page.items.push_back(MergeFromRow((*rows)[i], nullptr));
  }
  if (rows->size() > static_cast<size_t>(limit)) {
    page.next = page.items.back().merged_at + '\x1f' + page.items.back().id;
  }
  return page;
}

Status MarkUndone(store::Session& tx, const std::string& id, int64_t version,
                  const std::optional<std::string>& by) {
  return store::StaleUnlessOne(
      tx.Exec("UPDATE person_merges SET undone_at = ?, undone_by = ?, version = version + 1 "
              "WHERE id = ? AND version = ? AND undone_at IS NULL",
              {core::NowUtc(), store::OptValue(by), id, version}));
}

}  // namespace socius::dedup
