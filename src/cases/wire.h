#pragma once

// JSON ↔ the cases room's inputs and records, as docs/openapi.yaml and docs/cases-api.md say.
// Decoders check shapes only (types, lengths, known values); the use cases decide the rest.

#include <nlohmann/json.hpp>

#include "cases/cases.h"
#include "cases/model.h"
#include "core/result.h"

namespace socius::cases {

using Json = nlohmann::json;

core::Result<CaseInput> ReadCaseInput(const Json& body);
core::Result<CaseChanges> ReadCaseChanges(const Json& body);
// {"to","reason"?}
core::Result<std::pair<CaseState, std::optional<std::string>>> ReadTransition(const Json& body);
// {"approve","comment"?}
core::Result<std::pair<bool, std::optional<std::string>>> ReadClosureDecision(const Json& body);
core::Result<std::string> ReadAssignment(const Json& body);
// {"community_code","reason"?}
core::Result<std::pair<std::string, std::optional<std::string>>> ReadTransferRequest(
    const Json& body);
struct TransferDecision {
  bool accept = false;
  std::optional<std::string> worker_id;
  std::optional<std::string> comment;
};
core::Result<TransferDecision> ReadTransferDecision(const Json& body);
// {"text","confidential"?}
core::Result<std::pair<std::string, bool>> ReadNote(const Json& body);
core::Result<std::string> ReadGoal(const Json& body);
core::Result<ActionInput> ReadActionInput(const Json& body, bool creating);
core::Result<ReferralInput> ReadReferralInput(const Json& body);
core::Result<ReferralAnswerInput> ReadReferralAnswer(const Json& body);
core::Result<ContactInput> ReadContactInput(const Json& body, bool creating);
// {"number_prefix"?,"team_visibility"?}
core::Result<std::pair<std::optional<std::string>, std::optional<bool>>> ReadSettings(
    const Json& body);

Json EncodeCase(const CaseView& view);
// What a list shows of a case (docs/openapi.yaml CaseSummary).
Json EncodeCaseSummary(const CaseView& view);
Json EncodeEvent(const CaseEvent& event);
// With `with_case_number` for lists outside the case ("Today", the team view).
Json EncodeAction(const PlanAction& action, core::Date today, bool with_case_number);
Json EncodeGoal(const PlanGoal& goal, core::Date today);
Json EncodeReferral(const Referral& referral);
Json EncodeContact(const Contact& contact);
Json EncodeSettings(const CaseSettings& settings);
Json EncodeToday(const TodayView& today, core::Date date);
Json EncodeTeam(const TeamView& team, core::Date today);
// {"items":[{"id","display_name"}]}: the colleagues work may be given to.
Json EncodeWorkers(const std::vector<UserRef>& workers);

}  // namespace socius::cases
