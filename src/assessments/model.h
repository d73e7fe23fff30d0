#pragma once

// The records of the assessments room: stored questionnaire versions and the assessments
// filled from them. Plain structs; the definitions themselves are read by questionnaire.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace socius::assessments {

// The code of the household vulnerability screening form, which the screening summary counts.
inline constexpr char kScreeningCode[] = "household_screening";

// One stored version of a form.
struct QuestionnaireVersion {
  std::string code;
  int64_t version = 0;
  std::string subject;     // "person" | "household"
  std::string definition;  // the definition as JSON text (questionnaire.h EncodeDefinition)
  bool shipped = false;    // installed from the forms compiled into the server
  std::string created_at;
  std::optional<std::string> created_by;
  std::vector<int64_t> versions;  // every stored version of the code, ascending
};

enum class AssessmentStatus { kDraft, kFinal };
std::string_view Name(AssessmentStatus status);
std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view name);

struct Assessment {
  std::string id;
  int64_t version = 0;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::optional<std::string> person_id;
  std::optional<std::string> household_id;
  std::optional<std::string> case_id;  // the case it is filed on (cases::CheckFiling)
  std::string questionnaire_code;
  int64_t questionnaire_version = 0;
  AssessmentStatus status = AssessmentStatus::kDraft;
  std::string answers = "{}";  // JSON object text
  std::optional<int64_t> score;
  std::optional<std::string> score_band;
  std::vector<std::string> flags;
  std::string created_at;
  std::optional<std::string> created_by;
  std::string updated_at;
  std::optional<std::string> finished_at;
  std::optional<std::string> finished_by;
};

// A create (all but answers required as the API says) or a PATCH (absent: unchanged).
struct AssessmentInput {
  std::optional<std::string> questionnaire_code;
  std::optional<int64_t> questionnaire_version;  // absent: the latest
  std::optional<std::string> person_id;
  std::optional<std::string> household_id;
  std::optional<std::optional<std::string>> case_id;  // null clears
  std::optional<std::string> answers;                 // JSON object text, replaces all
  std::optional<AssessmentStatus> status;
};

struct AssessmentFilter {
  std::optional<std::string> person_id;
  std::optional<std::string> household_id;
  std::optional<std::string> questionnaire_code;
  std::optional<AssessmentStatus> status;
};

struct AssessmentPage {
  std::vector<Assessment> items;
  std::optional<std::string> last_key;  // keyset cursor when more follow
};

// Counts of the screening summary.
struct ScreeningCount {
  std::string code;  // flag code
  int64_t households = 0;
};
struct CommunityScreening {
  std::string code;
  std::string name;
  int64_t households_screened = 0;
  int64_t households_vulnerable = 0;
};
struct ScreeningSummary {
  std::string territory_code;
  std::string territory_name;
  int64_t households_screened = 0;
  int64_t households_vulnerable = 0;  // with at least one flag
  std::vector<ScreeningCount> flags;  // every flag of the latest form version, even at 0
  std::vector<CommunityScreening> communities;
  std::string flag_labels;  // JSON object: code → {language → text}, from the latest form
};

}  // namespace socius::assessments
