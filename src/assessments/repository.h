#pragma once

// The SQL of the assessments room, the same text on SQLite and PostgreSQL. Every function runs
// in the caller's transaction. Functions returning assessments take `scope`, the subtree roots
// (auth::ScopePaths) the caller may see, applied in SQL to the assessment's community path; a
// record outside the scope is NotFound, exactly as a missing one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessments/model.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::assessments {

using Scope = std::vector<std::string>;

// Stores a new version. Conflict("questionnaire.version_exists", "version") when the code
// already has it.
core::Status InsertQuestionnaire(store::Session& tx, const QuestionnaireVersion& form);
// The highest stored version of `code`, nullopt when there is none.
core::Result<std::optional<int64_t>> LatestVersion(store::Session& tx, std::string_view code);
// `version` of `code` (the latest when nullopt), with `versions` filled.
// NotFound("questionnaire.not_found").
core::Result<QuestionnaireVersion> FindQuestionnaire(store::Session& tx, std::string_view code,
                                                     std::optional<int64_t> version);

struct QuestionnairePage {
  std::vector<QuestionnaireVersion> items;  // the latest version of each code
  std::optional<std::string> last_key;      // the last code, when more follow
};
// The latest version of each form, by code, after the code `after` ("" from the start).
core::Result<QuestionnairePage> ListQuestionnaires(store::Session& tx, const std::string& after,
                                                   int limit);

// Inserts at version 1; sets created_at and updated_at.
core::Status InsertAssessment(store::Session& tx, Assessment& assessment, const std::string& actor);
// Writes case_id, status, answers, score, band, flags and the finishing fields when the stored
// version is `expected_version`; bumps version and updated_at.
// Conflict("conflict.stale_version"); NotFound("assessment.not_found") when gone.
core::Status UpdateAssessment(store::Session& tx, Assessment& assessment, int64_t expected_version,
                              const std::string& actor);
// NotFound("assessment.not_found") when missing or outside `scope`.
core::Result<Assessment> FindAssessment(store::Session& tx, std::string_view id,
                                        const Scope& scope);
// Assessments in scope matching `filter`, newest first, after the keyset `after`.
core::Result<AssessmentPage> ListAssessments(store::Session& tx, const Scope& scope,
                                             const AssessmentFilter& filter,
                                             const std::string& after, int limit);

struct TerritoryRef {
  std::string id;
  std::string code;
  std::string name;
  std::string path;
};
// The territory with `code`; NotFound("territory.not_found").
core::Result<TerritoryRef> FindTerritory(store::Session& tx, std::string_view code);

// One final screening, for the summary.
struct ScreeningRow {
  std::string household_id;
  std::string community_code;
  std::string community_name;
  std::string finished_at;
  std::vector<std::string> flags;
};
// The final assessments of form `code` about households whose community lies under
// `territory_path` and in `scope`.
core::Result<std::vector<ScreeningRow>> FinalScreenings(store::Session& tx, std::string_view code,
                                                        const std::string& territory_path,
                                                        const Scope& scope);

}  // namespace socius::assessments
