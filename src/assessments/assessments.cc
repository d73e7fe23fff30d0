#include "assessments/assessments.h"

#include <utility>

#include "assessments/questionnaire.h"
#include "assessments/rules.h"
#include "auth/audit.h"
#include "auth/permissions.h"
#include "cases/cases.h"
#include "core/clock.h"
#include "core/ids.h"
#include "registry/subjects.h"

namespace socius::assessments {

using auth::Permission;
using core::Result;
using core::Status;

namespace {

auth::AuditEvent AuditEventOf(const char* action, const Assessment& a, const Json& detail) {
  return {action, "assessment", a.id, a.community_id, detail.dump()};
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action,
             const Assessment& a, const Json& detail) {
  return auth::AppendAudit(tx, &who, AuditEventOf(action, a, detail));
}

// The stored definition of the assessment's form (a stored version is always valid).
Result<Definition> LoadDefinition(store::Session& tx, const std::string& code,
                                  std::optional<int64_t> version) {
  Result<QuestionnaireVersion> form = FindQuestionnaire(tx, code, version);
  if (!form.ok()) {
    if (form.status().code() == "questionnaire.not_found") {
      return Status::InvalidArgument("assessment.questionnaire_not_found", "questionnaire_code",
                                     "no such form");
    }
    return form.status();
  }
  Result<Definition> definition = ParseDefinition(Json::parse(form->definition, nullptr, false));
  if (!definition.ok()) return Status::Internal("stored form does not parse: " + code);
  return definition;
}

// Checks the answers in `a` against the form and, when final, scores them.
Status ApplyAnswers(const Definition& definition, Assessment& a) {
  const Json answers = Json::parse(a.answers, nullptr, false);
  const bool finishing = a.status == AssessmentStatus::kFinal;
  SOCIUS_RETURN_IF_ERROR(CheckAnswers(definition, answers, finishing));
  a.answers = CompactAnswers(answers).dump();
  a.score.reset();
  a.score_band.reset();
  a.flags.clear();
  if (finishing) {
    Outcome outcome = Evaluate(definition, answers);
    a.score = outcome.score;
    a.score_band = outcome.band;
    a.flags = std::move(outcome.flags);
  }
  return Status::Ok();
}

// The case an assessment is filed on (or finished on, or taken off) must be one the caller
// works on, about its subject; a new filing needs it open (cases::CheckFiling decides).
Status CheckCaseLink(store::Session& tx, const auth::Principal& who, const Assessment& a,
                     const std::string& case_id, cases::FilingStep step) {
  cases::Subject subject;
  subject.kind = a.person_id ? cases::Subject::Kind::kPerson : cases::Subject::Kind::kHousehold;
  subject.id = a.person_id ? *a.person_id : *a.household_id;
  return cases::CheckFiling(tx, who, case_id, subject, step);
}

// A child's assessment shows on a case's timeline to the assigned worker and the head only,
// as a confidential note does: a household's case may be seen by the whole team.
Result<bool> AboutAChild(store::Session& tx, const Assessment& a) {
  if (!a.person_id) return false;
  Result<registry::SubjectPlace> person = registry::PersonPlace(tx, *a.person_id, {"/"});
  if (!person.ok()) return person.status();
  if (!person->birth_date) return false;
  const core::Date today = core::Today();
  const core::Date& b = *person->birth_date;
  const int age =
      today.year - b.year -
      ((today.month < b.month || (today.month == b.month && today.day < b.day)) ? 1 : 0);
  return age < 18;
}

// The line the assessment leaves on the timeline of case `case_id`: filed there, finished, or
// taken off it.
Status NoteOnCase(store::Session& tx, const auth::Principal& who, const Assessment& a,
                  const std::string& case_id, const char* event) {
  Result<bool> child = AboutAChild(tx, a);
  if (!child.ok()) return child.status();
  Json detail = {{"event", event},
                 {"assessment_id", a.id},
                 {"questionnaire_code", a.questionnaire_code},
                 {"questionnaire_version", a.questionnaire_version},
                 {"status", std::string(Name(a.status))}};
  if (a.status == AssessmentStatus::kFinal) {
    detail["score"] = a.score ? Json(*a.score) : Json();
    detail["flags"] = a.flags;
  }
  return cases::AddFiledRecordEvent(tx, who, case_id, "assessment", detail.dump(), *child);
}

// The question ids answered (what the audit keeps: never the answers themselves).

Json AnsweredIds(const std::string& answers) {
  Json ids = Json::array();
  const Json parsed = Json::parse(answers, nullptr, false);
  if (!parsed.is_object()) return ids;
  for (const auto& [id, value] : parsed.items()) ids.push_back(id);
  return ids;
}

}  // namespace

Result<AssessmentPage> Assessments::List(const auth::Principal& who, const AssessmentFilter& filter,
                                         const std::string& after, int limit) {
  AssessmentPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<AssessmentPage> listed = ListAssessments(
        tx, auth::ScopePaths(who, Permission::kAssessmentRead), filter, after, limit);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Assessment> Assessments::Get(const auth::Principal& who, const std::string& id) {
  Assessment assessment;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Assessment> found =
        FindAssessment(tx, id, auth::ScopePaths(who, Permission::kAssessmentRead));
    if (!found.ok()) return found.status();
    assessment = std::move(*found);
    entries.push_back(AuditEventOf("assessment.read", assessment, Json{{"view", "record"}}));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return assessment;
}

Result<Assessment> Assessments::Create(const auth::Principal& who, const AssessmentInput& input) {
  SOCIUS_RETURN_IF_ERROR(CheckSubject(input));
  if (!input.questionnaire_code) {
    return Status::InvalidArgument("request.missing_field", "questionnaire_code", "missing")
        .With("field", "questionnaire_code");
  }
  const std::optional<std::string> case_id = input.case_id ? *input.case_id : std::nullopt;
  SOCIUS_RETURN_IF_ERROR(CheckCaseId(case_id));
  Assessment a;
  a.id = core::NewId();
  a.person_id = input.person_id;
  a.household_id = input.household_id;
  a.case_id = case_id;
  a.status = input.status.value_or(AssessmentStatus::kDraft);
  a.answers = input.answers.value_or("{}");
  Status status = db_.Write([&](store::Session& tx) -> Status {
    // The subject first: one outside the scope is not there, whatever the rest says.
    const std::vector<std::string> scope = auth::ScopePaths(who, Permission::kAssessmentWrite);
    Result<registry::SubjectPlace> place =
        a.person_id ? registry::PersonPlace(tx, *a.person_id, scope)
                    : registry::HouseholdPlace(tx, *a.household_id, scope);
    if (!place.ok()) return place.status();
    if (a.case_id) {
      SOCIUS_RETURN_IF_ERROR(CheckCaseLink(tx, who, a, *a.case_id, cases::FilingStep::kFile));
    }
    Result<Definition> definition =
        LoadDefinition(tx, *input.questionnaire_code, input.questionnaire_version);
    if (!definition.ok()) return definition.status();
    SOCIUS_RETURN_IF_ERROR(CheckSubjectKind(*definition, a.household_id.has_value()));
    a.community_id = place->community_id;
    a.questionnaire_code = definition->code;
    a.questionnaire_version = definition->version;
    SOCIUS_RETURN_IF_ERROR(ApplyAnswers(*definition, a));
    SOCIUS_RETURN_IF_ERROR(InsertAssessment(tx, a, who.user_id));
    Json detail = {{"questionnaire_code", a.questionnaire_code},
                   {"questionnaire_version", a.questionnaire_version},
                   {"status", std::string(Name(a.status))},
                   {"answered", AnsweredIds(a.answers)}};
    if (a.person_id) detail["person_id"] = *a.person_id;
    if (a.household_id) detail["household_id"] = *a.household_id;
    if (a.case_id) detail["case_id"] = *a.case_id;
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "assessment.create", a, detail));
    Result<Assessment> stored = FindAssessment(tx, a.id, {"/"});
    if (!stored.ok()) return stored.status();
    a = std::move(*stored);
    if (!a.case_id) return Status::Ok();
    return NoteOnCase(tx, who, a, *a.case_id,
                      a.status == AssessmentStatus::kFinal ? "finished" : "filed");
  });
  if (!status.ok()) return status;
  return a;
}

Result<Assessment> Assessments::Update(const auth::Principal& who, const std::string& id,
                                       int64_t expected_version, const AssessmentInput& input) {
  if (input.case_id) SOCIUS_RETURN_IF_ERROR(CheckCaseId(*input.case_id));
  Assessment a;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Assessment> current =
        FindAssessment(tx, id, auth::ScopePaths(who, Permission::kAssessmentRead));
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(
        auth::Require(who, Permission::kAssessmentWrite, current->community_path));
    if (current->version != expected_version) {
      return Status::Conflict("conflict.stale_version", "version",
                              "assessment is at version " + std::to_string(current->version));
    }
    SOCIUS_RETURN_IF_ERROR(CheckChange(current->status));
    a = *current;
    if (input.case_id) a.case_id = *input.case_id;
    if (input.answers) a.answers = *input.answers;
    if (input.status) a.status = *input.status;
    // Every case the change touches must be one the caller works on: the case it leaves (or is
    // finished on) and the case it joins, which must be open.
    const bool moved = a.case_id != current->case_id;
    const bool finishing = a.status == AssessmentStatus::kFinal;
    if (current->case_id && (moved || finishing)) {
      SOCIUS_RETURN_IF_ERROR(
          CheckCaseLink(tx, who, a, *current->case_id, cases::FilingStep::kChange));
    }
    if (a.case_id && moved) {
      SOCIUS_RETURN_IF_ERROR(CheckCaseLink(tx, who, a, *a.case_id, cases::FilingStep::kFile));
    }
    Result<Definition> definition =
        LoadDefinition(tx, a.questionnaire_code, a.questionnaire_version);
    if (!definition.ok()) return definition.status();
    SOCIUS_RETURN_IF_ERROR(ApplyAnswers(*definition, a));
    if (!finishing && a.answers == current->answers && a.case_id == current->case_id) {
      return Status::Ok();  // nothing changed: no entry, same version
    }
    SOCIUS_RETURN_IF_ERROR(UpdateAssessment(tx, a, expected_version, who.user_id));
    Json detail = {{"answered", AnsweredIds(a.answers)}};
    if (a.case_id != current->case_id) {
      detail["case_id"] = {{"from", current->case_id ? Json(*current->case_id) : Json()},
                           {"to", a.case_id ? Json(*a.case_id) : Json()}};
    }
    if (finishing) {
      detail["score"] = a.score ? Json(*a.score) : Json();
      detail["flags"] = a.flags;
    }
    SOCIUS_RETURN_IF_ERROR(
        Audit(tx, who, finishing ? "assessment.finish" : "assessment.update", a, detail));
    if (moved && current->case_id) {
      SOCIUS_RETURN_IF_ERROR(NoteOnCase(tx, who, a, *current->case_id, "unfiled"));
    }
    if (a.case_id && moved) SOCIUS_RETURN_IF_ERROR(NoteOnCase(tx, who, a, *a.case_id, "filed"));
    if (a.case_id && finishing) return NoteOnCase(tx, who, a, *a.case_id, "finished");
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

Result<ScreeningSummary> Assessments::Summary(const auth::Principal& who,
                                              const std::string& territory_code) {
  ScreeningSummary summary;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<TerritoryRef> territory = FindTerritory(tx, territory_code);
    if (!territory.ok()) return territory.status();
    const std::vector<std::string> scope = auth::ScopePaths(who, Permission::kScreeningRead);
    if (!auth::Allows(who, Permission::kScreeningRead, territory->path)) {
      return Status::NotFound("territory.not_found", "territory outside the scope")
          .With("code", territory_code);
    }
    std::vector<std::string> flag_codes;
    Json labels = Json::object();
    Result<QuestionnaireVersion> form = FindQuestionnaire(tx, kScreeningCode, std::nullopt);
    if (form.ok()) {
      Result<Definition> definition =
          ParseDefinition(Json::parse(form->definition, nullptr, false));
      if (definition.ok()) {
        for (const FlagRule& flag : definition->flags) {
          flag_codes.push_back(flag.code);
          labels[flag.code] = flag.label;
        }
      }
    } else if (form.status().code() != "questionnaire.not_found") {
      return form.status();
    }
    Result<std::vector<ScreeningRow>> rows =
        FinalScreenings(tx, kScreeningCode, territory->path, scope);
    if (!rows.ok()) return rows.status();
    summary = Summarize(*rows, flag_codes);
    summary.territory_code = territory->code;
    summary.territory_name = territory->name;
    summary.flag_labels = labels.dump();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return summary;
}

}  // namespace socius::assessments
