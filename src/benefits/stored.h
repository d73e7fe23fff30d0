#pragma once

// The JSON forms of a programme's rules and documents, an application's incomes and
// documents, and an eligibility with its reasons: stored as such in their columns and sent
// as such on the wire (docs/benefits-api.md), so the two never drift apart.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "benefits/model.h"
#include "core/result.h"

namespace socius::benefits {

using Json = nlohmann::json;

Json RuleJson(const Rule& rule);
Json RulesJson(const std::vector<Rule>& rules);
// InvalidArgument("programme.invalid_rule", "rules[i]") for a rule of an unknown kind, an
// unknown or mistyped parameter; the bounds themselves are rules.h CheckRule's.
core::Result<std::vector<Rule>> RulesFrom(const Json& json);

Json IncomesJson(const std::vector<Income>& incomes);
// InvalidArgument with field "incomes[i]" (application.invalid_income) or
// "incomes[i].monthly_amount_minor" (benefit.invalid_amount).
core::Result<std::vector<Income>> IncomesFrom(const Json& json);

Json DocumentsJson(const std::vector<Document>& documents);
core::Result<std::vector<Document>> DocumentsFrom(const Json& json);

Json EligibilityJson(const Eligibility& eligibility);

// A non-negative whole number of minor units at most rules.h kMaxAmountMinor: a JSON integer,
// never a fraction, a string or a negative.
bool IsAmount(const Json& value);

}  // namespace socius::benefits
