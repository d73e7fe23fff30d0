#pragma once

// JSON ↔ the benefits room's inputs and records, as docs/openapi.yaml and
// docs/benefits-api.md say. Decoders check shapes only (types, lengths, known values, amounts
// as whole non-negative minor units); the use cases decide the rest.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "benefits/model.h"
#include "core/result.h"

namespace socius::benefits {

using Json = nlohmann::json;

core::Result<ProgrammeInput> ReadProgrammeInput(const Json& body, bool creating);
core::Result<ApplicationInput> ReadApplicationInput(const Json& body, bool creating);
core::Result<DecisionInput> ReadDecisionInput(const Json& body);
// {"to","reason"?,"month"?}
core::Result<DecisionTransition> ReadDecisionTransition(const Json& body);
// {"reason"}: why an application is withdrawn.
core::Result<std::string> ReadWithdrawal(const Json& body);
// {"amount_minor"}: a budget period's own amount.
core::Result<int64_t> ReadBudgetAmount(const Json& body);

Json EncodeProgramme(const Programme& programme);
Json EncodeBudget(const Budget& budget);
Json EncodePreview(const Preview& preview, const Programme& programme);
Json EncodeApplication(const Application& application);
Json EncodeDecision(const Decision& decision, const std::vector<DecisionState>& transitions);

// {"programme_id","period","territory_code"?}
struct PaymentListInput {
  std::string programme_id;
  std::string period;
  std::optional<std::string> territory_code;
};
core::Result<PaymentListInput> ReadPaymentListInput(const Json& body);
Json EncodePaymentList(const PaymentList& list);
Json EncodePaymentLine(const PaymentLine& line);
Json EncodeConfirmation(const Confirmation& confirmation);

}  // namespace socius::benefits
