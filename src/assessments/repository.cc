#include "assessments/repository.h"

#include <utility>

#include "core/clock.h"
#include "store/sql.h"

namespace socius::assessments {

using core::Result;
using core::Status;
using store::Row;
using store::Value;

namespace {

Value Opt(const std::optional<std::string>& text) { return text ? Value(*text) : store::Null(); }

std::string JoinFlags(const std::vector<std::string>& flags) {
  std::string out;
  for (const std::string& f : flags) out += (out.empty() ? "" : ",") + f;
  return out;
}

std::vector<std::string> SplitFlags(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

constexpr std::string_view kAssessmentColumns =
    "SELECT a.id, a.version, a.community_id, c.code, c.name, c.path, a.person_id, "
    "a.household_id, a.case_id, a.questionnaire_code, a.questionnaire_version, a.status, "
    "a.answers, a.score, a.score_band, a.flags, a.created_at, a.created_by, a.updated_at, "
    "a.finished_at, a.finished_by FROM assessments a JOIN territories c ON c.id = a.community_id ";

Assessment AssessmentFromRow(const Row& row) {
  Assessment a;
  a.id = row.Text(0);
  a.version = row.Int(1);
  a.community_id = row.Text(2);
  a.community_code = row.Text(3);
  a.community_name = row.Text(4);
  a.community_path = row.Text(5);
  a.person_id = row.OptText(6);
  a.household_id = row.OptText(7);
  a.case_id = row.OptText(8);
  a.questionnaire_code = row.Text(9);
  a.questionnaire_version = row.Int(10);
  a.status = ParseAssessmentStatus(row.Text(11)).value_or(AssessmentStatus::kDraft);
  a.answers = row.Text(12);
  if (!row.IsNull(13)) a.score = row.Int(13);
  a.score_band = row.OptText(14);
  a.flags = SplitFlags(row.Text(15));
  a.created_at = row.Text(16);
  a.created_by = row.OptText(17);
  a.updated_at = row.Text(18);
  a.finished_at = row.OptText(19);
  a.finished_by = row.OptText(20);
  return a;
}

QuestionnaireVersion FormFromRow(const Row& row) {
  QuestionnaireVersion q;
  q.code = row.Text(0);
  q.version = row.Int(1);
  q.subject = row.Text(2);
  q.definition = row.Text(3);
  q.shipped = row.Int(4) != 0;
  q.created_at = row.Text(5);
  q.created_by = row.OptText(6);
  return q;
}

constexpr std::string_view kFormColumns =
    "SELECT code, version, subject, definition, shipped, created_at, created_by "
    "FROM questionnaires ";

Status FillVersions(store::Session& tx, QuestionnaireVersion& form) {
  Result<store::Rows> rows =
      tx.Query("SELECT version FROM questionnaires WHERE code = ? ORDER BY version", {form.code});
  if (!rows.ok()) return rows.status();
  form.versions.clear();
  for (const Row& row : *rows) form.versions.push_back(row.Int(0));
  return Status::Ok();
}

}  // namespace

Status InsertQuestionnaire(store::Session& tx, const QuestionnaireVersion& form) {
  Result<int64_t> inserted = tx.Exec(
      "INSERT INTO questionnaires (code, version, subject, definition, shipped, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {form.code, form.version, form.subject, form.definition, int64_t{form.shipped ? 1 : 0},
       form.created_at, Opt(form.created_by)});
  if (!inserted.ok()) {
    if (inserted.status().code() == "store.unique_violation") {
      return Status::Conflict("questionnaire.version_exists", "version", "version stored");
    }
    return inserted.status();
  }
  return Status::Ok();
}

Result<std::optional<int64_t>> LatestVersion(store::Session& tx, std::string_view code) {
  Result<store::Rows> rows =
      tx.Query("SELECT MAX(version) FROM questionnaires WHERE code = ?", {std::string(code)});
  if (!rows.ok()) return rows.status();
  if (rows->empty() || (*rows)[0].IsNull(0)) return std::optional<int64_t>();
  return std::optional<int64_t>((*rows)[0].Int(0));
}

Result<QuestionnaireVersion> FindQuestionnaire(store::Session& tx, std::string_view code,
                                               std::optional<int64_t> version) {
  std::vector<Value> params = {std::string(code)};
  std::string sql = std::string(kFormColumns) + "WHERE code = ? ";
  if (version) {
    sql += "AND version = ?";
    params.emplace_back(*version);
  } else {
    sql += "ORDER BY version DESC LIMIT 1";
  }
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("questionnaire.not_found", "no such form version");
  QuestionnaireVersion form = FormFromRow((*rows)[0]);
  SOCIUS_RETURN_IF_ERROR(FillVersions(tx, form));
  return form;
}

Result<QuestionnairePage> ListQuestionnaires(store::Session& tx, const std::string& after,
                                             int limit) {
  Result<store::Rows> rows = tx.Query(
      std::string(kFormColumns) +
          "q WHERE q.code > ? AND q.version = (SELECT MAX(v.version) FROM questionnaires v "
          "WHERE v.code = q.code) ORDER BY q.code LIMIT ?",
      {after, static_cast<int64_t>(limit) + 1});
  if (!rows.ok()) return rows.status();
  QuestionnairePage page;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    QuestionnaireVersion form = FormFromRow((*rows)[i]);
    SOCIUS_RETURN_IF_ERROR(FillVersions(tx, form));
    if (i + 1 == static_cast<size_t>(limit) && rows->size() > i + 1) page.last_key = form.code;
    page.items.push_back(std::move(form));
  }
  return page;
}

Status InsertAssessment(store::Session& tx, Assessment& a, const std::string& actor) {
  a.version = 1;
  a.created_at = a.updated_at = core::NowUtc();
  a.created_by = actor;
  if (a.status == AssessmentStatus::kFinal) {
    a.finished_at = a.created_at;
    a.finished_by = actor;
  }
  return tx
      .Exec(
          "INSERT INTO assessments (id, community_id, person_id, household_id, case_id, "
          "questionnaire_code, questionnaire_version, status, answers, score, score_band, flags, "
          "version, created_at, created_by, updated_at, updated_by, finished_at, finished_by) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
          {a.id, a.community_id, Opt(a.person_id), Opt(a.household_id), Opt(a.case_id),
           a.questionnaire_code, a.questionnaire_version, std::string(Name(a.status)), a.answers,
           a.score ? Value(*a.score) : store::Null(), Opt(a.score_band), JoinFlags(a.flags),
           a.created_at, actor, a.updated_at, actor, Opt(a.finished_at), Opt(a.finished_by)})
      .status();
}

Status UpdateAssessment(store::Session& tx, Assessment& a, int64_t expected_version,
                        const std::string& actor) {
  const std::string now = core::NowUtc();
  if (a.status == AssessmentStatus::kFinal && !a.finished_at) {
    a.finished_at = now;
    a.finished_by = actor;
  }
  Result<int64_t> updated = tx.Exec(
      "UPDATE assessments SET case_id = ?, status = ?, answers = ?, score = ?, score_band = ?, "
      "flags = ?, finished_at = ?, finished_by = ?, version = version + 1, updated_at = ?, "
      "updated_by = ? WHERE id = ? AND version = ?",
      {Opt(a.case_id), std::string(Name(a.status)), a.answers,
       a.score ? Value(*a.score) : store::Null(), Opt(a.score_band), JoinFlags(a.flags),
       Opt(a.finished_at), Opt(a.finished_by), now, actor, a.id, expected_version});
  if (!updated.ok()) return updated.status();
  if (*updated == 0) {
    Result<store::Rows> exists = tx.Query("SELECT version FROM assessments WHERE id = ?", {a.id});
    if (!exists.ok()) return exists.status();
    if (exists->empty()) return Status::NotFound("assessment.not_found", "assessment gone");
    return Status::Conflict("conflict.stale_version", "version",
                            "assessment is at version " + std::to_string((*exists)[0].Int(0)));
  }
  a.version = expected_version + 1;
  a.updated_at = now;
  return Status::Ok();
}

Result<Assessment> FindAssessment(store::Session& tx, std::string_view id, const Scope& scope) {
  std::vector<Value> params = {std::string(id)};
  const std::string sql = std::string(kAssessmentColumns) + "WHERE a.id = ? AND " +
                          store::ScopeFilter("c.path", scope, params);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("assessment.not_found", "no visible assessment");
  return AssessmentFromRow((*rows)[0]);
}

Result<AssessmentPage> ListAssessments(store::Session& tx, const Scope& scope,
                                       const AssessmentFilter& filter, const std::string& after,
                                       int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kAssessmentColumns) + "WHERE " + store::ScopeFilter("c.path", scope, params);
  if (filter.person_id) {
    sql += " AND a.person_id = ?";
    params.emplace_back(*filter.person_id);
  }
  if (filter.household_id) {
    sql += " AND a.household_id = ?";
    params.emplace_back(*filter.household_id);
  }
  if (filter.questionnaire_code) {
    sql += " AND a.questionnaire_code = ?";
    params.emplace_back(*filter.questionnaire_code);
  }
  if (filter.status) {
    sql += " AND a.status = ?";
    params.emplace_back(std::string(Name(*filter.status)));
  }
  if (!after.empty()) {
    const size_t sep = after.find('\x1f');
    const std::string at = after.substr(0, sep);
    const std::string id = sep == std::string::npos ? "" : after.substr(sep + 1);
    sql += " AND (a.created_at < ? OR (a.created_at = ? AND a.id < ?))";
    params.insert(params.end(), {at, at, id});
  }
  sql += " ORDER BY a.created_at DESC, a.id DESC LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit) + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  AssessmentPage page;
  for (size_t i = 0; i < rows->size() && i < static_cast<size_t>(limit); ++i) {
    Assessment a = AssessmentFromRow((*rows)[i]);
    if (i + 1 == static_cast<size_t>(limit) && rows->size() > i + 1) {
      page.last_key = a.created_at + '\x1f' + a.id;
    }
    page.items.push_back(std::move(a));
  }
  return page;
}

Result<TerritoryRef> FindTerritory(store::Session& tx, std::string_view code) {
  Result<store::Rows> rows =
      tx.Query("SELECT id, code, name, path FROM territories WHERE code = ?", {std::string(code)});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return Status::NotFound("territory.not_found", "no such territory")
        .With("code", std::string(code));
  }
  const Row& row = (*rows)[0];
  return TerritoryRef{row.Text(0), row.Text(1), row.Text(2), row.Text(3)};
}

Result<std::vector<ScreeningRow>> FinalScreenings(store::Session& tx, std::string_view code,
                                                  const std::string& territory_path,
                                                  const Scope& scope) {
  std::vector<Value> params = {std::string(code)};
  std::string sql =
      "SELECT a.household_id, c.code, c.name, a.finished_at, a.flags FROM assessments a "
      "JOIN territories c ON c.id = a.community_id WHERE a.questionnaire_code = ? AND "
      "a.status = 'final' AND a.household_id IS NOT NULL AND " +
      store::StartsWith("c.path", territory_path, params) + " AND " +
      store::ScopeFilter("c.path", scope, params) + " ORDER BY a.household_id, a.finished_at";
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  std::vector<ScreeningRow> out;
  for (const Row& row : *rows) {
    out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), SplitFlags(row.Text(4))});
  }
  return out;
}

}  // namespace socius::assessments
