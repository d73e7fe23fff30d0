#include "benefits/stored.h"

#include "benefits/rules.h"
#include "registry/model.h"

namespace socius::benefits {

using core::Result;
using core::Status;

namespace {

Status BadRule(size_t i) {
  return Status::InvalidArgument("programme.invalid_rule", "rules[" + std::to_string(i) + "]");
}

Json OptInt(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

bool IsCount(const Json& v) { return v.is_number_integer() && v.get<int64_t>() >= 0; }

}  // namespace

bool IsAmount(const Json& v) {
  if (!v.is_number_integer()) return false;
  if (v.is_number_unsigned()) return v.get<uint64_t>() <= static_cast<uint64_t>(kMaxAmountMinor);
  const int64_t n = v.get<int64_t>();
  return n >= 0 && n <= kMaxAmountMinor;
}

Json RuleJson(const Rule& r) {
  Json j = {{"kind", std::string(Name(r.kind))}};
  if (r.min) j["min"] = *r.min;
  if (r.max) j["max"] = *r.max;
  if (r.under) j["under"] = *r.under;
  if (r.max_minor) j["max_minor"] = *r.max_minor;
  if (r.min_degree) j["min_degree"] = std::string(registry::Name(*r.min_degree));
  if (!r.categories.empty()) j["categories"] = r.categories;
  return j;
}

Json RulesJson(const std::vector<Rule>& rules) {
  Json j = Json::array();
  for (const Rule& r : rules) j.push_back(RuleJson(r));
  return j;
}

Result<std::vector<Rule>> RulesFrom(const Json& json) {
  if (!json.is_array()) return Status::InvalidArgument("programme.invalid_rule", "rules");
  if (json.size() > kMaxRules) return BadRule(kMaxRules);
  std::vector<Rule> rules;
  for (size_t i = 0; i < json.size(); ++i) {
    const Json& j = json[i];
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) return BadRule(i);
    std::optional<RuleKind> kind = ParseRuleKind(j["kind"].get<std::string>());
    if (!kind) return BadRule(i);
    Rule r;
    r.kind = *kind;
    for (const auto& [key, value] : j.items()) {
      if (key == "kind") continue;
      if (key == "min" || key == "max" || key == "under") {
        if (!IsCount(value)) return BadRule(i);
        (key == "min" ? r.min : key == "max" ? r.max : r.under) = value.get<int64_t>();
      } else if (key == "max_minor") {
        if (!IsAmount(value)) return BadRule(i);
        r.max_minor = value.get<int64_t>();
      } else if (key == "min_degree") {
        if (!value.is_string()) return BadRule(i);
        r.min_degree = registry::ParseDisabilityDegree(value.get<std::string>());
        if (!r.min_degree) return BadRule(i);
      } else if (key == "categories") {
        if (!value.is_array()) return BadRule(i);
        for (const Json& c : value) {
          if (!c.is_string()) return BadRule(i);
          r.categories.push_back(c.get<std::string>());
        }
      } else {
        return BadRule(i);
      }
    }
    rules.push_back(std::move(r));
  }
  return rules;
}

Json IncomesJson(const std::vector<Income>& incomes) {
  Json j = Json::array();
  for (const Income& in : incomes) {
    j.push_back({{"person_id", in.person_id ? Json(*in.person_id) : Json(nullptr)},
                 {"person_name", in.person_name ? Json(*in.person_name) : Json(nullptr)},
                 {"kind", std::string(Name(in.kind))},
                 {"monthly_amount_minor", in.monthly_amount_minor}});
  }
  return j;
}

Result<std::vector<Income>> IncomesFrom(const Json& json) {
  if (!json.is_array() || json.size() > kMaxIncomes) {
    return Status::InvalidArgument("application.invalid_income", "incomes");
  }
  std::vector<Income> incomes;
  for (size_t i = 0; i < json.size(); ++i) {
    const std::string field = "incomes[" + std::to_string(i) + "]";
    const Json& j = json[i];
    if (!j.is_object()) return Status::InvalidArgument("application.invalid_income", field);
    Income in;
    bool has_amount = false;
    for (const auto& [key, value] : j.items()) {
      if (key == "person_id") {
        if (value.is_string()) {
          in.person_id = value.get<std::string>();
        } else if (!value.is_null()) {
          return Status::InvalidArgument("application.not_member", field + ".person_id");
        }
      } else if (key == "person_name") {
        // Sent back as it was read: the name is the registry's, not the caller's.
      } else if (key == "kind") {
        std::optional<IncomeKind> kind =
            value.is_string() ? ParseIncomeKind(value.get<std::string>()) : std::nullopt;
        if (!kind) return Status::InvalidArgument("application.invalid_income", field + ".kind");
        in.kind = *kind;
      } else if (key == "monthly_amount_minor") {
        if (!IsAmount(value)) {
          return Status::InvalidArgument("benefit.invalid_amount", field + ".monthly_amount_minor");
        }
        in.monthly_amount_minor = value.get<int64_t>();
        has_amount = true;
      } else {
        return Status::InvalidArgument("request.unknown_field", field + "." + key);
      }
    }
    if (!has_amount) {
      return Status::InvalidArgument("benefit.invalid_amount", field + ".monthly_amount_minor");
    }
    incomes.push_back(std::move(in));
  }
  return incomes;
}

Json DocumentsJson(const std::vector<Document>& documents) {
  Json j = Json::array();
  for (const Document& d : documents) j.push_back({{"name", d.name}, {"provided", d.provided}});
  return j;
}

Result<std::vector<Document>> DocumentsFrom(const Json& json) {
  if (!json.is_array() || json.size() > kMaxDocuments) {
    return Status::InvalidArgument("application.unknown_document", "documents");
  }
  std::vector<Document> documents;
  for (size_t i = 0; i < json.size(); ++i) {
    const Json& j = json[i];
    const std::string field = "documents[" + std::to_string(i) + "]";
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string() ||
        (j.contains("provided") && !j["provided"].is_boolean()) ||
        j.size() != (j.contains("provided") ? 2u : 1u)) {
      return Status::InvalidArgument("application.unknown_document", field);
    }
    documents.push_back({j["name"].get<std::string>(), j.value("provided", false)});
  }
  return documents;
}

Json EligibilityJson(const Eligibility& e) {
  Json outcomes = Json::array();
  for (const RuleOutcome& o : e.outcomes) {
    const Rule& rule = e.rules.at(o.index);
    Json j = RuleJson(rule);
    j["index"] = o.index;
    j["passed"] = o.passed;
    if (o.text_value) {
      j["value"] = *o.text_value;
    } else if (rule.kind == RuleKind::kCaseCategory) {
      j["value"] = o.values;
    } else if (rule.kind == RuleKind::kNotPaidThisPeriod) {
      j["value"] = e.paid_this_period;
    } else {
      j["value"] = OptInt(o.value);
    }
    if (rule.kind == RuleKind::kIncomePerMember) j["limit"] = OptInt(rule.max_minor);
    outcomes.push_back(std::move(j));
  }
  Json facts = {
      {"members", e.members},
      {"children", e.children},
      {"applicant_age", OptInt(e.applicant_age)},
      {"monthly_income_minor", OptInt(e.monthly_income_minor)},
      {"income_per_member_minor", OptInt(e.income_per_member_minor)},
      {"max_disability",
       e.max_disability ? Json(std::string(registry::Name(*e.max_disability))) : Json(nullptr)},
      {"resident_since", e.resident_since ? Json(e.resident_since->ToString()) : Json(nullptr)},
      {"resident_months", OptInt(e.resident_months)},
      {"open_case_categories", e.open_case_categories},
      {"paid_this_period", e.paid_this_period},
  };
  return {{"programme_id", e.programme_id}, {"household_id", e.household_id},
          {"month", e.month.ToString()},    {"eligible", e.eligible},
          {"facts", std::move(facts)},      {"outcomes", std::move(outcomes)},
          {"amount_minor", e.amount_minor}};
}

}  // namespace socius::benefits
