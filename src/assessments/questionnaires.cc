#include "assessments/questionnaires.h"

#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/clock.h"

namespace socius::assessments {

using auth::Permission;
using core::Result;
using core::Status;

Result<QuestionnairePage> Questionnaires::List(const std::string& after, int limit) {
  QuestionnairePage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<QuestionnairePage> listed = ListQuestionnaires(tx, after, limit);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<QuestionnaireVersion> Questionnaires::Get(const std::string& code,
                                                 std::optional<int64_t> version) {
  QuestionnaireVersion form;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<QuestionnaireVersion> found = FindQuestionnaire(tx, code, version);
    if (!found.ok()) return found.status();
    form = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return form;
}

Result<QuestionnaireVersion> Questionnaires::Create(const auth::Principal& who,
                                                    const Json& definition) {
  if (!auth::InstallationWide(who, Permission::kQuestionnaireWrite)) {
    return Status::PermissionDenied("auth.forbidden", "questionnaire.write installation-wide");
  }
  Result<Definition> parsed = ParseDefinition(definition);
  if (!parsed.ok()) return parsed.status();
  QuestionnaireVersion form;
  form.code = parsed->code;
  form.version = parsed->version;
  form.subject = std::string(Name(parsed->subject));
  form.definition = EncodeDefinition(*parsed).dump();
  form.created_at = core::NowUtc();
  form.created_by = who.user_id;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<std::optional<int64_t>> latest = LatestVersion(tx, form.code);
    if (!latest.ok()) return latest.status();
    if (*latest) {
      if (form.version <= **latest) {
        return Status::Conflict("questionnaire.version_not_greater", "version", "not greater")
            .With("latest", std::to_string(**latest));
      }
      Result<QuestionnaireVersion> previous = FindQuestionnaire(tx, form.code, **latest);
      if (!previous.ok()) return previous.status();
      if (previous->subject != form.subject) {
        return Status::InvalidArgument("questionnaire.subject_changed", "subject",
                                       "the form's earlier versions have another subject")
            .With("subject", previous->subject);
      }
    }
    SOCIUS_RETURN_IF_ERROR(InsertQuestionnaire(tx, form));
    const Json detail = {{"code", form.code}, {"version", form.version}};
    SOCIUS_RETURN_IF_ERROR(
        auth::AppendAudit(tx, &who,
                          {"questionnaire.create", "questionnaire",
                           form.code + "@" + std::to_string(form.version), "", detail.dump()}));
    Result<QuestionnaireVersion> stored = FindQuestionnaire(tx, form.code, form.version);
    if (!stored.ok()) return stored.status();
    form = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return form;
}

Status Questionnaires::InstallShipped(store::Database& db) {
  for (const ShippedForm& shipped : ShippedForms()) {
    const Json json = Json::parse(shipped.json, nullptr, false);
    Result<Definition> parsed = ParseDefinition(json);
    if (!parsed.ok()) {
      return Status::Internal(std::string("shipped form ") + shipped.file_name + ": " +
                              parsed.status().ToString());
    }
    QuestionnaireVersion form;
    form.code = parsed->code;
    form.version = parsed->version;
    form.subject = std::string(Name(parsed->subject));
    form.definition = EncodeDefinition(*parsed).dump();
    form.shipped = true;
    form.created_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(db.Write([&](store::Session& tx) -> Status {
      Result<QuestionnaireVersion> found = FindQuestionnaire(tx, form.code, form.version);
      if (found.ok()) return Status::Ok();
      if (found.status().code() != "questionnaire.not_found") return found.status();
      return InsertQuestionnaire(tx, form);
    }));
  }
  return Status::Ok();
}

}  // namespace socius::assessments
