#include "assessments/rules.h"

#include <algorithm>
#include <map>

namespace socius::assessments {

using core::Status;

std::string_view Name(AssessmentStatus status) {
  return status == AssessmentStatus::kFinal ? "final" : "draft";
}

std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view name) {
  if (name == "draft") return AssessmentStatus::kDraft;
  if (name == "final") return AssessmentStatus::kFinal;
  return std::nullopt;
}

Status CheckSubject(const AssessmentInput& input) {
  if (input.person_id.has_value() == input.household_id.has_value()) {
    return Status::InvalidArgument("assessment.subject_required", "person_id",
                                   "exactly one of person_id and household_id");
  }
  return Status::Ok();
}

Status CheckSubjectKind(const Definition& definition, bool household) {
  if ((definition.subject == Subject::kHousehold) != household) {
    return Status::InvalidArgument("assessment.wrong_subject", "questionnaire_code",
                                   "the form is about another kind of subject")
        .With("subject", std::string(Name(definition.subject)));
  }
  return Status::Ok();
}

Status CheckCaseId(const std::optional<std::string>& case_id) {
  if (!case_id) return Status::Ok();
  const bool valid = !case_id->empty() && case_id->size() <= 64 &&
                     std::all_of(case_id->begin(), case_id->end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                              (c >= '0' && c <= '9') || c == '_' || c == '-';
                     });
  if (!valid) return Status::InvalidArgument("assessment.invalid_case_id", "case_id", "case id");
  return Status::Ok();
}

Status CheckChange(AssessmentStatus current) {
  if (current == AssessmentStatus::kFinal) {
    return Status::Conflict("assessment.finished", "status", "a final assessment is read-only");
  }
  return Status::Ok();
}

ScreeningSummary Summarize(const std::vector<ScreeningRow>& rows,
                           const std::vector<std::string>& flag_codes) {
  std::map<std::string, const ScreeningRow*> latest;
  for (const ScreeningRow& row : rows) {
    auto [it, added] = latest.emplace(row.household_id, &row);
    if (!added && it->second->finished_at < row.finished_at) it->second = &row;
  }
  ScreeningSummary summary;
  for (const std::string& code : flag_codes) summary.flags.push_back({code, 0});
  std::map<std::string, CommunityScreening> communities;
  for (const auto& [household, row] : latest) {
    CommunityScreening& community = communities[row->community_code];
    community.code = row->community_code;
    community.name = row->community_name;
    ++community.households_screened;
    ++summary.households_screened;
    if (!row->flags.empty()) {
      ++community.households_vulnerable;
      ++summary.households_vulnerable;
    }
    for (const std::string& flag : row->flags) {
      auto it = std::find_if(summary.flags.begin(), summary.flags.end(),
                             [&](const ScreeningCount& c) { return c.code == flag; });
      if (it == summary.flags.end()) {
        summary.flags.push_back({flag, 1});
      } else {
        ++it->households;
      }
    }
  }
  for (auto& [code, community] : communities) summary.communities.push_back(community);
  return summary;
}

}  // namespace socius::assessments
