#pragma once

// The decisions of the assessments room that are not the questionnaire engine
// (questionnaire.h): what an assessment may be about, how its status moves, and how final
// screenings add up. Pure functions.

#include <optional>
#include <string>
#include <vector>

#include "assessments/model.h"
#include "assessments/questionnaire.h"
#include "assessments/repository.h"
#include "core/status.h"

namespace socius::assessments {

// A create names exactly one subject: InvalidArgument("assessment.subject_required",
// "person_id") when neither or both of person_id and household_id are given.
core::Status CheckSubject(const AssessmentInput& input);

// The form must be about the kind of subject named: InvalidArgument("assessment.wrong_subject",
// "questionnaire_code") otherwise (the screening is about households, the others persons).
core::Status CheckSubjectKind(const Definition& definition, bool household);

// case_id, when given: 1..64 of [A-Za-z0-9_-] (its case is then checked by cases::CheckFiling).
// InvalidArgument("assessment.invalid_case_id", "case_id").
core::Status CheckCaseId(const std::optional<std::string>& case_id);

// A change to a stored assessment: Conflict("assessment.finished", "status") once it is final
// (a finished assessment is read-only).
core::Status CheckChange(AssessmentStatus current);

// The summary of `rows` (every final screening in the territory, any order): the latest per
// household counts; a household is vulnerable when that screening raised a flag. `flag_codes`
// are the form's flags, every one listed even at zero, in that order; flags no longer in the
// form are added after them.
ScreeningSummary Summarize(const std::vector<ScreeningRow>& rows,
                           const std::vector<std::string>& flag_codes);

}  // namespace socius::assessments
