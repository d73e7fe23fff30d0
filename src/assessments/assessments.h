#pragma once

// The use cases of assessments: fill one from a form (as a draft or final), read it, go on
// with a draft, list a person's or household's assessments, and sum up household screenings.
// Each opens its transaction, checks scope and permission (an assessment, person or household
// outside the caller's scope is NotFound, exactly as a missing one), checks the answers with
// the questionnaire engine, computes score and flags on finishing, and writes the audit entry
// in the same transaction (every read of a whole assessment too). Thread-safe.

#include <cstdint>
#include <optional>
#include <string>

#include "assessments/model.h"
#include "assessments/repository.h"
#include "auth/principal.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::assessments {

class Assessments {
 public:
  explicit Assessments(store::Database& db) : db_(db) {}

  // Assessments in the caller's assessment.read scope matching `filter`, newest first.
  core::Result<AssessmentPage> List(const auth::Principal& who, const AssessmentFilter& filter,
                                    const std::string& after, int limit);
  // The whole assessment; audited as assessment.read. NotFound("assessment.not_found").
  core::Result<Assessment> Get(const auth::Principal& who, const std::string& id);
  // Fills the form `questionnaire_code` (at `questionnaire_version`, else its latest) about
  // the person or household named (exactly one, rules.h CheckSubject), in its community, where
  // the caller holds assessment.write. The subject outside the caller's scope:
  // NotFound("person.not_found"/"household.not_found"). A form that does not exist:
  // InvalidArgument("assessment.questionnaire_not_found", "questionnaire_code"). Answers as
  // questionnaire.h CheckAnswers (required ones only when final). Audit assessment.create.
  core::Result<Assessment> Create(const auth::Principal& who, const AssessmentInput& input);
  // Changes a draft at `expected_version` (Conflict "conflict.stale_version"): answers (the
  // whole new set), case_id, status (final finishes it: required answers, score and flags).
  // Conflict("assessment.finished") for a final one. Audit assessment.update, or
  // assessment.finish when it becomes final.
  core::Result<Assessment> Update(const auth::Principal& who, const std::string& id,
                                  int64_t expected_version, const AssessmentInput& input);
  // How many households under the territory `territory_code` (in the caller's screening.read
  // scope; else NotFound("territory.not_found")) have a final screening, and how many of them
  // the latest one found vulnerable, in all and by flag. No names; not audited.
  core::Result<ScreeningSummary> Summary(const auth::Principal& who,
                                         const std::string& territory_code);

 private:
  store::Database& db_;
};

}  // namespace socius::assessments
