#pragma once

// The use cases of questionnaires (form definitions): list the forms, read a version, add a
// version, and install the forms shipped with the server. Forms are installation-wide and hold
// no personal data: reading needs assessment.read anywhere (the route's guard); adding a
// version needs questionnaire.write over the whole installation. A stored version never
// changes, so answers given to it always read against it. Thread-safe.

#include <cstdint>
#include <optional>
#include <string>

#include "assessments/model.h"
#include "assessments/questionnaire.h"
#include "assessments/repository.h"
#include "auth/principal.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::assessments {

class Questionnaires {
 public:
  explicit Questionnaires(store::Database& db) : db_(db) {}

  // The latest version of each form, by code, after the code `after`.
  core::Result<QuestionnairePage> List(const std::string& after, int limit);
  // `version` of `code` (the latest when nullopt). NotFound("questionnaire.not_found").
  core::Result<QuestionnaireVersion> Get(const std::string& code, std::optional<int64_t> version);
  // Adds a version from its JSON definition (questionnaire.h ParseDefinition's errors).
  // PermissionDenied("auth.forbidden") without questionnaire.write over the installation;
  // Conflict("questionnaire.version_not_greater", "version", param latest) unless the version
  // is above the latest of the code; InvalidArgument("questionnaire.subject_changed",
  // "subject") when the code's forms were about another kind of subject. Audit
  // questionnaire.create.
  core::Result<QuestionnaireVersion> Create(const auth::Principal& who, const Json& definition);

  // Stores each form of src/assessments/forms/ whose code and version are not stored yet
  // (run at start-up, before serving). Internal when a shipped form does not pass
  // ParseDefinition (a build defect caught by the room's tests).
  static core::Status InstallShipped(store::Database& db);

 private:
  store::Database& db_;
};

// The shipped form definitions (JSON texts compiled into the binary), by file name.
struct ShippedForm {
  const char* file_name;
  const char* json;
};
const std::vector<ShippedForm>& ShippedForms();

}  // namespace socius::assessments
