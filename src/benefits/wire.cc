#include "benefits/wire.h"

#include <utility>

#include "benefits/rules.h"
#include "benefits/stored.h"
#include "http/json_read.h"
#include "http/request.h"

namespace socius::benefits {

using core::Result;
using core::Status;
using http::ReadClearable;
using http::ReadEnum;
using http::ReadText;

namespace {

constexpr size_t kShortText = 200;
constexpr size_t kLongText = 4000;

Json Opt(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }

#define SOCIUS_ASSIGN_OR_RETURN_FIELD(target, expr) \
  do {                                              \
    auto _value = (expr);                           \
    if (!_value.ok()) return _value.status();       \
    target = std::move(*_value);                    \
  } while (false)

// A whole non-negative number of minor units; absent: nullopt.
Result<std::optional<int64_t>> ReadAmount(const Json& body, const std::string& field) {
  if (!body.contains(field)) return std::optional<int64_t>();
  if (!IsAmount(body.at(field))) return Status::InvalidArgument("benefit.invalid_amount", field);
  return std::optional<int64_t>(body.at(field).get<int64_t>());
}

// Each of `fields` present and not null (request.missing_field, named `prefix` + field).
Status Require(const Json& body, std::initializer_list<const char*> fields,
               const std::string& prefix = "") {
  for (const char* f : fields) {
    if (!body.contains(f) || body.at(f).is_null()) {
      return Status::InvalidArgument("request.missing_field", prefix + f);
    }
  }
  return Status::Ok();
}

// {"rule","amount_minor"}
Status ReadAmountRule(const Json& body, ProgrammeInput& in) {
  if (!body.contains("amount")) return Status::Ok();
  const Json& amount = body.at("amount");
  if (!amount.is_object())
    return Status::InvalidArgument("programme.invalid_amount_rule", "amount");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(amount).OnlyAllowed({"rule", "amount_minor"}));
  SOCIUS_RETURN_IF_ERROR(Require(amount, {"rule", "amount_minor"}, "amount."));
  std::optional<AmountRule> rule = amount.at("rule").is_string()
                                       ? ParseAmountRule(amount.at("rule").get<std::string>())
                                       : std::nullopt;
  if (!rule) return Status::InvalidArgument("programme.invalid_amount_rule", "amount.rule");
  in.amount_rule = rule;
  if (!IsAmount(amount.at("amount_minor"))) {
    return Status::InvalidArgument("benefit.invalid_amount", "amount.amount_minor");
  }
  in.amount_minor = amount.at("amount_minor").get<int64_t>();
  return Status::Ok();
}

Result<std::optional<std::vector<std::string>>> ReadDocumentNames(const Json& body) {
  using Out = std::optional<std::vector<std::string>>;
  if (!body.contains("documents")) return Out();
  const Json& docs = body.at("documents");
  if (!docs.is_array()) return Status::InvalidArgument("programme.invalid_document", "documents");
  std::vector<std::string> names;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!docs[i].is_string()) {
      return Status::InvalidArgument("programme.invalid_document",
                                     "documents[" + std::to_string(i) + "]");
    }
    names.push_back(http::Trimmed(docs[i].get<std::string>()));
  }
  return Out(std::move(names));
}

Json UserJson(const UserRef& u) { return {{"id", u.id}, {"display_name", u.display_name}}; }

Json ProgrammeRefJson(const ProgrammeRef& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"kind", std::string(Name(p.kind))},
          {"currency", std::string(Name(p.currency))}};
}

}  // namespace

Result<ProgrammeInput> ReadProgrammeInput(const Json& body, bool creating) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  if (creating) {
    SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
        {"territory_code", "name", "kind", "currency", "status", "amount", "budget_period",
         "budget_minor", "four_eyes_above_minor", "rules", "documents", "description"}));
    SOCIUS_RETURN_IF_ERROR(
        Require(body, {"territory_code", "name", "kind", "currency", "amount", "budget_minor"}));
  } else {
    SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
        {"name", "kind", "status", "amount", "budget_period", "budget_minor",
         "four_eyes_above_minor", "rules", "documents", "description"}));
  }
  ProgrammeInput in;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.territory_code, ReadText(body, "territory_code", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.name, ReadText(body, "name", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.kind, ReadEnum(body, "kind", &ParseProgrammeKind, "programme.invalid_kind"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.currency, ReadEnum(body, "currency", &ParseCurrency, "programme.invalid_currency"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.status, ReadEnum(body, "status", &ParseProgrammeStatus, "programme.invalid_status"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.budget_period,
      ReadEnum(body, "budget_period", &ParseBudgetPeriod, "programme.invalid_budget_period"));
  SOCIUS_RETURN_IF_ERROR(ReadAmountRule(body, in));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.budget_minor, ReadAmount(body, "budget_minor"));
  if (body.contains("four_eyes_above_minor")) {
    if (body.at("four_eyes_above_minor").is_null()) {
      in.four_eyes_above_minor = std::optional<int64_t>();
    } else {
      Result<std::optional<int64_t>> limit = ReadAmount(body, "four_eyes_above_minor");
      if (!limit.ok()) return limit.status();
      in.four_eyes_above_minor = *limit;
    }
  }
  if (body.contains("rules")) {
    Result<std::vector<Rule>> rules = RulesFrom(body.at("rules"));
    if (!rules.ok()) return rules.status();
    in.rules = std::move(*rules);
  }
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.documents, ReadDocumentNames(body));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.description, ReadClearable(body, "description", kLongText));
  return in;
}

Result<ApplicationInput> ReadApplicationInput(const Json& body, bool creating) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  if (creating) {
    SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
        {"programme_id", "household_id", "applicant_id", "submitted_on", "period_from", "period_to",
         "resident_since", "incomes", "documents", "note"}));
    SOCIUS_RETURN_IF_ERROR(
        Require(body, {"programme_id", "household_id", "applicant_id", "period_from", "incomes"}));
  } else {
    SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
        {"period_from", "period_to", "resident_since", "incomes", "documents", "note"}));
  }
  ApplicationInput in;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.programme_id, ReadText(body, "programme_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.household_id, ReadText(body, "household_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.applicant_id, ReadText(body, "applicant_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.submitted_on, ReadText(body, "submitted_on", 10));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.period_from, ReadText(body, "period_from", 7));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.period_to, ReadText(body, "period_to", 7));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.resident_since, ReadClearable(body, "resident_since", 10));
  if (body.contains("incomes")) {
    Result<std::vector<Income>> incomes = IncomesFrom(body.at("incomes"));
    if (!incomes.ok()) return incomes.status();
    in.incomes = std::move(*incomes);
  }
  if (body.contains("documents")) {
    Result<std::vector<Document>> documents = DocumentsFrom(body.at("documents"));
    if (!documents.ok()) return documents.status();
    in.documents = std::move(*documents);
  }
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.note, ReadClearable(body, "note", kLongText));
  return in;
}

Result<DecisionInput> ReadDecisionInput(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
      {"outcome", "amount_minor", "period_from", "period_to", "reason"}));
  DecisionInput in;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.outcome, ReadEnum(body, "outcome", &ParseOutcome, "decision.invalid_outcome"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.amount_minor, ReadAmount(body, "amount_minor"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.period_from, ReadText(body, "period_from", 7));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.period_to, ReadText(body, "period_to", 7));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.reason, ReadText(body, "reason", kLongText));
  return in;
}

Result<DecisionTransition> ReadDecisionTransition(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"to", "reason", "month"}));
  SOCIUS_RETURN_IF_ERROR(Require(body, {"to"}));
  DecisionTransition move;
  std::optional<DecisionState> to;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      to, ReadEnum(body, "to", &ParseDecisionState, "decision.invalid_transition"));
  move.to = *to;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(move.reason, ReadText(body, "reason", kLongText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(move.month, ReadText(body, "month", 7));
  return move;
}

Result<std::string> ReadWithdrawal(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"reason"}));
  Result<std::optional<std::string>> reason = ReadText(body, "reason", kLongText);
  if (!reason.ok()) return reason.status();
  return reason->value_or("");
}

Result<int64_t> ReadBudgetAmount(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"amount_minor"}));
  SOCIUS_RETURN_IF_ERROR(Require(body, {"amount_minor"}));
  Result<std::optional<int64_t>> amount = ReadAmount(body, "amount_minor");
  if (!amount.ok()) return amount.status();
  return **amount;
}

Json EncodeProgramme(const Programme& p) {
  Json docs = Json::array();
  for (const std::string& d : p.documents) docs.push_back(d);
  return {
      {"id", p.id},
      {"version", p.version},
      {"territory_code", p.territory.code},
      {"territory_name", p.territory.name},
      {"name", p.name},
      {"kind", std::string(Name(p.kind))},
      {"currency", std::string(Name(p.currency))},
      {"status", std::string(Name(p.status))},
      {"amount", {{"rule", std::string(Name(p.amount_rule))}, {"amount_minor", p.amount_minor}}},
      {"budget_period", std::string(Name(p.budget_period))},
      {"budget_minor", p.budget_minor},
      {"four_eyes_above_minor", p.four_eyes_above_minor ? Json(*p.four_eyes_above_minor) : Json()},
      {"rules", RulesJson(p.rules)},
      {"documents", std::move(docs)},
      {"description", Opt(p.description)},
      {"created_at", p.created_at},
      {"updated_at", p.updated_at}};
}

Json EncodeBudget(const Budget& b) {
  return {{"period", b.period},
          {"amount_minor", b.amount_minor},
          {"committed_minor", b.committed_minor},
          {"available_minor", b.amount_minor - b.committed_minor},
          {"own", b.own}};
}

Json EncodePreview(const Preview& v, const Programme& p) {
  Json removed = Json::array();
  for (size_t i = 0; i < v.removed.size() && i < p.rules.size(); ++i) {
    removed.push_back(
        {{"kind", std::string(Name(p.rules[i].kind))}, {"index", i}, {"households", v.removed[i]}});
  }
  return {{"programme_id", v.programme_id}, {"territory_code", v.territory_code},
          {"month", v.month.ToString()},    {"households", v.households},
          {"eligible", v.eligible},         {"cost_minor", v.cost_minor},
          {"removed", std::move(removed)},  {"unknown_income", v.unknown_income}};
}

Json EncodeApplication(const Application& a) {
  Json eligibility = Json::parse(a.eligibility_json, nullptr, false);
  if (eligibility.is_discarded()) eligibility = Json();
  return {{"id", a.id},
          {"version", a.version},
          {"programme", ProgrammeRefJson(a.programme)},
          {"household_id", a.household_id},
          {"household_name", a.household_name},
          {"community_code", a.community_code},
          {"community_name", a.community_name},
          {"applicant", {{"id", a.applicant_id}, {"name", a.applicant_name}}},
          {"submitted_on", a.submitted_on.ToString()},
          {"period_from", a.period_from.ToString()},
          {"period_to", a.period_to.ToString()},
          {"resident_since", a.resident_since ? Json(a.resident_since->ToString()) : Json()},
          {"incomes", IncomesJson(a.incomes)},
          {"documents", DocumentsJson(a.documents)},
          {"eligibility", std::move(eligibility)},
          {"state", std::string(Name(a.state))},
          {"decision_id", Opt(a.decision_id)},
          {"recorded_by", UserJson(a.recorded_by)},
          {"note", Opt(a.note)},
          {"withdraw_reason", Opt(a.withdraw_reason)},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

Json EncodeDecision(const Decision& d, const std::vector<DecisionState>& transitions) {
  Json allowed = Json::array();
  for (DecisionState s : transitions) allowed.push_back(std::string(Name(s)));
  const int64_t months = MonthsBetween(d.period_from, d.period_to);
  return {{"id", d.id},
          {"version", d.version},
          {"application_id", d.application_id},
          {"programme", ProgrammeRefJson(d.programme)},
          {"household_id", d.household_id},
          {"household_name", d.household_name},
          {"community_code", d.community_code},
          {"outcome", std::string(Name(d.outcome))},
          {"state", std::string(Name(d.state))},
          {"amount_minor", d.amount_minor},
          {"months", months},
          {"total_minor", d.amount_minor * months},
          {"period_from", d.period_from.ToString()},
          {"period_to", d.period_to.ToString()},
          {"reason", Opt(d.reason)},
          {"decided_by", UserJson(d.decided_by)},
          {"decided_at", d.decided_at},
          {"second_approver", d.second_approver ? UserJson(*d.second_approver) : Json()},
          {"second_approved_at", Opt(d.second_approved_at)},
          {"ended_on_month", d.ended_on_month ? Json(d.ended_on_month->ToString()) : Json()},
          {"allowed_transitions", std::move(allowed)},
          {"created_at", d.created_at},
          {"updated_at", d.updated_at}};
}

Result<PaymentListInput> ReadPaymentListInput(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(
      http::JsonFields(body).OnlyAllowed({"programme_id", "period", "territory_code"}));
  http::JsonFields fields(body);
  PaymentListInput in;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.programme_id, fields.RequiredString("programme_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.period, fields.RequiredString("period", 7));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.territory_code, ReadText(body, "territory_code", 64));
  return in;
}

namespace {

Json TotalsJson(const PaymentTotals& t) {
  Json j = {{"lines", t.lines},
            {"total_minor", t.total_minor},
            {"paid_lines", t.paid_lines},
            {"paid_minor", t.paid_minor},
            {"returned_lines", t.returned_lines},
            {"returned_minor", t.returned_minor},
            {"pending_lines", t.lines - t.paid_lines - t.returned_lines}};
  if (!t.community_code.empty()) {
    j["community_code"] = t.community_code;
    j["community_name"] = t.community_name;
  }
  return j;
}

}  // namespace

Json EncodePaymentList(const PaymentList& l) {
  Json communities = Json::array();
  for (const PaymentTotals& t : l.by_community) communities.push_back(TotalsJson(t));
  return {{"id", l.id},
          {"version", l.version},
          {"number", l.number},
          {"programme", ProgrammeRefJson(l.programme)},
          {"territory_code", l.territory.code},
          {"territory_name", l.territory.name},
          {"period", l.period.ToString()},
          {"totals", TotalsJson(l.totals)},
          {"by_community", std::move(communities)},
          {"created_by", UserJson(l.created_by)},
          {"confirmed_at", Opt(l.confirmed_at)},
          {"created_at", l.created_at},
          {"updated_at", l.updated_at}};
}

Json EncodePaymentLine(const PaymentLine& l) {
  return {{"id", l.id},
          {"list_id", l.list_id},
          {"list_number", l.list_number},
          {"programme", ProgrammeRefJson(l.programme)},
          {"period", l.period.ToString()},
          {"household_id", l.household_id},
          {"community_code", l.community_code},
          {"community_name", l.community_name},
          {"decision_id", l.decision_id},
          {"payee", {{"id", l.payee_id}, {"name", l.payee_name}}},
          {"payee_identifier", Opt(l.payee_identifier)},
          {"reference", l.reference},
          {"amount_minor", l.amount_minor},
          {"state", std::string(Name(l.state))},
          {"settled_on", l.settled_on ? Json(l.settled_on->ToString()) : Json()},
          {"bank_note", Opt(l.bank_note)}};
}

Json EncodeConfirmation(const Confirmation& c) {
  return {{"paid", c.paid}, {"returned", c.returned}, {"unchanged", c.unchanged}};
}

}  // namespace socius::benefits
