#include "cases/wire.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "cases/rules.h"
#include "http/json_read.h"
#include "http/request.h"

namespace socius::cases {

using core::Result;
using core::Status;

namespace {

constexpr size_t kShortText = 200;
constexpr size_t kLongText = 4000;

Status OnlyFields(const Json& body, std::initializer_list<std::string_view> allowed) {
  return http::JsonFields(body).OnlyAllowed(allowed);
}

// A string that names one value of an enumeration: parsed, or 400 case.invalid_value naming
// the field and the values allowed.
template <typename E>
Result<std::optional<E>> ReadEnum(const Json& body, std::string_view field,
                                  std::optional<E> (*parse)(std::string_view),
                                  std::string_view allowed) {
  Result<std::optional<std::string>> text = http::JsonFields(body).OptionalString(field, 64);
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<E>();
  std::optional<E> value = parse(**text);
  if (!value) {
    return Status::InvalidArgument("case.invalid_value", std::string(field))
        .With("allowed", std::string(allowed));
  }
  return value;
}

template <typename E>
Result<E> RequireEnum(const Json& body, std::string_view field,
                      std::optional<E> (*parse)(std::string_view), std::string_view allowed) {
  Result<std::optional<E>> value = ReadEnum(body, field, parse, allowed);
  if (!value.ok()) return value.status();
  if (!*value) return Status::InvalidArgument("request.missing_field", std::string(field));
  return **value;
}

// Text that must not be blank after trimming.
Result<std::string> RequireText(const Json& body, std::string_view field, size_t max_len) {
  Result<std::string> text = http::JsonFields(body).RequiredString(field, max_len);
  if (!text.ok()) return text.status();
  const auto first = text->find_first_not_of(" \t\r\n");
  if (first == std::string::npos) {
    return Status::InvalidArgument("case.empty_text", std::string(field));
  }
  const auto last = text->find_last_not_of(" \t\r\n");
  return text->substr(first, last - first + 1);
}

using http::ReadClearable;

Result<std::optional<core::Date>> ReadDate(const Json& body, std::string_view field) {
  Result<std::optional<std::string>> text = http::JsonFields(body).OptionalString(field, 10);
  if (!text.ok()) {
    if (text.status().code() == "request.field_too_long") {
      return Status::InvalidArgument("case.invalid_date", std::string(field));
    }
    return text.status();
  }
  if (!*text) return std::optional<core::Date>();
  std::optional<core::Date> date = core::ParseDate(**text);
  if (!date || date->year < 1900 || date->year > 2200) {
    return Status::InvalidArgument("case.invalid_date", std::string(field));
  }
  return date;
}

Result<core::Date> RequireDate(const Json& body, std::string_view field) {
  Result<std::optional<core::Date>> date = ReadDate(body, field);
  if (!date.ok()) return date.status();
  if (!*date) return Status::InvalidArgument("request.missing_field", std::string(field));
  return **date;
}

// The subject: exactly one of person_id and household_id.
Status ReadSubject(const Json& body, Subject::Kind& kind, std::string& id) {
  http::JsonFields fields(body);
  Result<std::optional<std::string>> person = fields.OptionalString("person_id", 64);
  if (!person.ok()) return person.status();
  Result<std::optional<std::string>> household = fields.OptionalString("household_id", 64);
  if (!household.ok()) return household.status();
  if (person->has_value() == household->has_value()) {
    return Status::InvalidArgument("case.subject_required", "person_id");
  }
  kind = *person ? Subject::Kind::kPerson : Subject::Kind::kHousehold;
  id = *person ? **person : **household;
  return Status::Ok();
}

constexpr std::string_view kCategories =
    "child_at_risk, family_in_crisis, elderly_alone, disability, poverty, domestic_violence, "
    "large_family, other";
constexpr std::string_view kRisks = "low, medium, high, critical";
constexpr std::string_view kStates = "intake, assessment, planning, in_service, monitoring, closed";
constexpr std::string_view kKinds =
    "audience, phone_call, home_visit, school_meeting, clinic_meeting, group_session";
constexpr std::string_view kContactStatuses = "done, planned, missed";
constexpr std::string_view kReasons =
    "social_aid, documents, child_welfare, elderly_care, disability, violence, housing, "
    "employment, health, other";
constexpr std::string_view kOutcomes =
    "advice_given, application_taken, referred, case_opened, nothing_needed";
constexpr std::string_view kAgencies =
    "social_protection, education, health, police, employment, ngo, other";
constexpr std::string_view kActionStatuses = "planned, in_progress, done, cancelled";
constexpr std::string_view kAnswers = "accepted, refused, waiting_list";

std::optional<ReferralAnswer> ParseGivenAnswer(std::string_view name) {
  std::optional<ReferralAnswer> a = ParseReferralAnswer(name);
  if (a == ReferralAnswer::kPending) return std::nullopt;
  return a;
}

Json Opt(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }
Json User(const UserRef& u) { return {{"id", u.id}, {"display_name", u.display_name}}; }
Json SubjectJson(const Subject& s) {
  return {{"kind", s.kind == Subject::Kind::kPerson ? "person" : "household"},
          {"id", s.id},
          {"name", s.name}};
}

}  // namespace

Result<CaseInput> ReadCaseInput(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(
      OnlyFields(body, {"person_id", "household_id", "category", "risk_level", "opening_reason",
                        "assigned_worker_id", "origin_contact_id", "origin_assessment_id"}));
  CaseInput in;
  SOCIUS_RETURN_IF_ERROR(ReadSubject(body, in.subject_kind, in.subject_id));
  Result<Category> category = RequireEnum(body, "category", &ParseCategory, kCategories);
  if (!category.ok()) return category.status();
  in.category = *category;
  Result<RiskLevel> risk = RequireEnum(body, "risk_level", &ParseRiskLevel, kRisks);
  if (!risk.ok()) return risk.status();
  in.risk_level = *risk;
  Result<std::string> reason = RequireText(body, "opening_reason", kLongText);
  if (!reason.ok()) return reason.status();
  in.opening_reason = *reason;
  http::JsonFields fields(body);
  Result<std::optional<std::string>> worker = fields.OptionalString("assigned_worker_id", 64);
  if (!worker.ok()) return worker.status();
  in.assigned_worker_id = *worker;
  Result<std::optional<std::string>> origin = fields.OptionalString("origin_contact_id", 64);
  if (!origin.ok()) return origin.status();
  in.origin_contact_id = *origin;
  Result<std::optional<std::string>> assessment = fields.OptionalString("origin_assessment_id", 64);
  if (!assessment.ok()) return assessment.status();
  in.origin_assessment_id = *assessment;
  if (in.origin_contact_id && in.origin_assessment_id) {
    return Status::InvalidArgument("case.two_origins", "origin_assessment_id");
  }
  return in;
}

Result<CaseChanges> ReadCaseChanges(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(
      OnlyFields(body, {"category", "risk_level", "opening_reason", "confidential"}));
  CaseChanges out;
  Result<std::optional<Category>> category =
      ReadEnum(body, "category", &ParseCategory, kCategories);
  if (!category.ok()) return category.status();
  out.category = *category;
  Result<std::optional<RiskLevel>> risk = ReadEnum(body, "risk_level", &ParseRiskLevel, kRisks);
  if (!risk.ok()) return risk.status();
  out.risk_level = *risk;
  if (body.contains("opening_reason")) {
    Result<std::string> reason = RequireText(body, "opening_reason", kLongText);
    if (!reason.ok()) return reason.status();
    out.opening_reason = *reason;
  }
  Result<std::optional<bool>> confidential = http::JsonFields(body).OptionalBool("confidential");
  if (!confidential.ok()) return confidential.status();
  out.confidential = *confidential;
  return out;
}

Result<std::pair<CaseState, std::optional<std::string>>> ReadTransition(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"to", "reason"}));
  Result<CaseState> to = RequireEnum(body, "to", &ParseCaseState, kStates);
  if (!to.ok()) return to.status();
  Result<std::optional<std::optional<std::string>>> reason =
      ReadClearable(body, "reason", kLongText);
  if (!reason.ok()) return reason.status();
  return std::make_pair(*to, reason->value_or(std::nullopt));
}

Result<std::pair<bool, std::optional<std::string>>> ReadClosureDecision(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"approve", "comment"}));
  Result<std::optional<bool>> approve = http::JsonFields(body).OptionalBool("approve");
  if (!approve.ok()) return approve.status();
  if (!*approve) return Status::InvalidArgument("request.missing_field", "approve");
  Result<std::optional<std::optional<std::string>>> comment =
      ReadClearable(body, "comment", kLongText);
  if (!comment.ok()) return comment.status();
  return std::make_pair(**approve, comment->value_or(std::nullopt));
}

Result<std::string> ReadAssignment(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"worker_id"}));
  return http::JsonFields(body).RequiredString("worker_id", 64);
}

Result<std::pair<std::string, std::optional<std::string>>> ReadTransferRequest(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"community_code", "reason"}));
  Result<std::string> code = http::JsonFields(body).RequiredString("community_code", 64);
  if (!code.ok()) return code.status();
  Result<std::optional<std::optional<std::string>>> reason =
      ReadClearable(body, "reason", kLongText);
  if (!reason.ok()) return reason.status();
  return std::make_pair(*code, reason->value_or(std::nullopt));
}

Result<TransferDecision> ReadTransferDecision(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"accept", "worker_id", "comment"}));
  http::JsonFields fields(body);
  Result<std::optional<bool>> accept = fields.OptionalBool("accept");
  if (!accept.ok()) return accept.status();
  if (!*accept) return Status::InvalidArgument("request.missing_field", "accept");
  Result<std::optional<std::string>> worker = fields.OptionalString("worker_id", 64);
  if (!worker.ok()) return worker.status();
  Result<std::optional<std::optional<std::string>>> comment =
      ReadClearable(body, "comment", kLongText);
  if (!comment.ok()) return comment.status();
  return TransferDecision{**accept, *worker, comment->value_or(std::nullopt)};
}

Result<std::pair<std::string, bool>> ReadNote(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"text", "confidential"}));
  Result<std::string> text = RequireText(body, "text", kLongText);
  if (!text.ok()) return text.status();
  Result<std::optional<bool>> confidential = http::JsonFields(body).OptionalBool("confidential");
  if (!confidential.ok()) return confidential.status();
  return std::make_pair(*text, confidential->value_or(false));
}

Result<std::string> ReadGoal(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"text"}));
  return RequireText(body, "text", 1000);
}

Result<ActionInput> ReadActionInput(const Json& body, bool creating) {
  if (creating) {
    SOCIUS_RETURN_IF_ERROR(
        OnlyFields(body, {"goal_id", "text", "agency", "responsible_user_id", "responsible_name",
                          "responsible_contact", "deadline", "status"}));
  } else {
    SOCIUS_RETURN_IF_ERROR(
        OnlyFields(body, {"text", "agency", "responsible_user_id", "responsible_name",
                          "responsible_contact", "deadline", "status"}));
  }
  ActionInput in;
  http::JsonFields fields(body);
  if (creating) {
    Result<std::string> goal = fields.RequiredString("goal_id", 64);
    if (!goal.ok()) return goal.status();
    in.goal_id = *goal;
  }
  if (creating || body.contains("text")) {
    Result<std::string> text = RequireText(body, "text", 1000);
    if (!text.ok()) return text.status();
    in.text = *text;
  }
  Result<std::optional<Agency>> agency = ReadEnum(body, "agency", &ParseAgency, kAgencies);
  if (!agency.ok()) return agency.status();
  if (creating && !*agency) return Status::InvalidArgument("request.missing_field", "agency");
  in.agency = *agency;
  Result<std::optional<std::optional<std::string>>> user =
      ReadClearable(body, "responsible_user_id", 64);
  if (!user.ok()) return user.status();
  in.responsible_user_id = *user;
  Result<std::optional<std::optional<std::string>>> name =
      ReadClearable(body, "responsible_name", kShortText);
  if (!name.ok()) return name.status();
  if (*name && **name) in.responsible_name = ***name;
  Result<std::optional<std::optional<std::string>>> contact =
      ReadClearable(body, "responsible_contact", kShortText);
  if (!contact.ok()) return contact.status();
  in.responsible_contact = *contact;
  Result<std::optional<core::Date>> deadline = ReadDate(body, "deadline");
  if (!deadline.ok()) return deadline.status();
  if (creating && !*deadline) return Status::InvalidArgument("request.missing_field", "deadline");
  in.deadline = *deadline;
  Result<std::optional<ActionStatus>> status =
      ReadEnum(body, "status", &ParseActionStatus, kActionStatuses);
  if (!status.ok()) return status.status();
  in.status = *status;
  return in;
}

Result<ReferralInput> ReadReferralInput(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(
      OnlyFields(body, {"service_id", "provider", "service", "contact", "referred_on"}));
  ReferralInput in;
  Result<std::optional<std::optional<std::string>>> service_id =
      ReadClearable(body, "service_id", 64);
  if (!service_id.ok()) return service_id.status();
  in.service_id = service_id->value_or(std::nullopt);
  // A catalogue service names its provider and itself; free text is for the services
  // outside the catalogue.
  const std::pair<const char*, std::string*> names[] = {{"provider", &in.provider},
                                                        {"service", &in.service}};
  for (const auto& [field, out] : names) {
    if (in.service_id && !body.contains(field)) continue;
    Result<std::string> text = RequireText(body, field, kShortText);
    if (!text.ok()) return text.status();
    *out = *text;
  }
  Result<std::optional<std::optional<std::string>>> contact =
      ReadClearable(body, "contact", kShortText);
  if (!contact.ok()) return contact.status();
  in.contact = contact->value_or(std::nullopt);
  Result<core::Date> on = RequireDate(body, "referred_on");
  if (!on.ok()) return on.status();
  in.referred_on = *on;
  return in;
}

Result<ReferralAnswerInput> ReadReferralAnswer(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"answer", "answer_reason", "answered_on"}));
  ReferralAnswerInput in;
  Result<ReferralAnswer> answer = RequireEnum(body, "answer", &ParseGivenAnswer, kAnswers);
  if (!answer.ok()) return answer.status();
  in.answer = *answer;
  Result<std::optional<std::optional<std::string>>> reason =
      ReadClearable(body, "answer_reason", kLongText);
  if (!reason.ok()) return reason.status();
  in.answer_reason = reason->value_or(std::nullopt);
  Result<core::Date> on = RequireDate(body, "answered_on");
  if (!on.ok()) return on.status();
  in.answered_on = *on;
  return in;
}

Result<ContactInput> ReadContactInput(const Json& body, bool creating) {
  static const std::vector<std::string_view> kEdit = {
      "kind",         "case_id", "status",    "date",    "time",         "reason",
      "action_taken", "outcome", "worker_id", "present", "observations", "next_steps"};
  for (const auto& [key, value] : body.items()) {
    const bool subject = key == "person_id" || key == "household_id";
    if ((subject && !creating) ||
        (!subject && std::find(kEdit.begin(), kEdit.end(), key) == kEdit.end())) {
      return Status::InvalidArgument("request.unknown_field", key);
    }
  }
  ContactInput in;
  if (creating) SOCIUS_RETURN_IF_ERROR(ReadSubject(body, in.subject_kind, in.subject_id));
  Result<std::optional<ContactKind>> kind = ReadEnum(body, "kind", &ParseContactKind, kKinds);
  if (!kind.ok()) return kind.status();
  if (creating && !*kind) return Status::InvalidArgument("request.missing_field", "kind");
  in.kind = *kind;
  Result<std::optional<std::optional<std::string>>> case_id = ReadClearable(body, "case_id", 64);
  if (!case_id.ok()) return case_id.status();
  in.case_id = *case_id;
  Result<std::optional<ContactStatus>> status =
      ReadEnum(body, "status", &ParseContactStatus, kContactStatuses);
  if (!status.ok()) return status.status();
  in.status = *status;
  Result<std::optional<core::Date>> date = ReadDate(body, "date");
  if (!date.ok()) return date.status();
  if (creating && !*date) return Status::InvalidArgument("request.missing_field", "date");
  in.date = *date;
  Result<std::optional<std::optional<std::string>>> time = ReadClearable(body, "time", 5);
  if (!time.ok()) return time.status();
  if (*time && **time) {
    const std::string& t = ***time;
    const bool shaped = t.size() == 5 && t[2] == ':' && std::isdigit(t[0]) && std::isdigit(t[1]) &&
                        std::isdigit(t[3]) && std::isdigit(t[4]) && t.substr(0, 2) < "24" &&
                        t.substr(3, 2) < "60";
    if (!shaped) return Status::InvalidArgument("case.invalid_time", "time");
  }
  in.time = *time;
  if (body.contains("reason") && body.at("reason").is_null()) {
    in.reason = std::optional<ContactReason>();
  } else {
    Result<std::optional<ContactReason>> reason =
        ReadEnum(body, "reason", &ParseContactReason, kReasons);
    if (!reason.ok()) return reason.status();
    if (*reason) in.reason = *reason;
  }
  if (body.contains("outcome") && body.at("outcome").is_null()) {
    in.outcome = std::optional<ContactOutcome>();
  } else {
    Result<std::optional<ContactOutcome>> outcome =
        ReadEnum(body, "outcome", &ParseContactOutcome, kOutcomes);
    if (!outcome.ok()) return outcome.status();
    if (*outcome) in.outcome = *outcome;
  }
  Result<std::optional<std::string>> worker =
      http::JsonFields(body).OptionalString("worker_id", 64);
  if (!worker.ok()) return worker.status();
  in.worker_id = *worker;
  for (auto [field, target] :
       std::initializer_list<std::pair<const char*, std::optional<std::optional<std::string>>*>>{
           {"action_taken", &in.action_taken},
           {"present", &in.present},
           {"observations", &in.observations},
           {"next_steps", &in.next_steps}}) {
    Result<std::optional<std::optional<std::string>>> text = ReadClearable(body, field, kLongText);
    if (!text.ok()) return text.status();
    *target = *text;
  }
  return in;
}

Result<std::pair<std::optional<std::string>, std::optional<bool>>> ReadSettings(const Json& body) {
  SOCIUS_RETURN_IF_ERROR(OnlyFields(body, {"number_prefix", "team_visibility"}));
  http::JsonFields fields(body);
  Result<std::optional<std::string>> prefix = fields.OptionalString("number_prefix", 12);
  if (!prefix.ok()) {
    if (prefix.status().code() == "request.field_too_long") {
      return Status::InvalidArgument("case.invalid_prefix", "number_prefix");
    }
    return prefix.status();
  }
  Result<std::optional<bool>> team = fields.OptionalBool("team_visibility");
  if (!team.ok()) return team.status();
  return std::make_pair(*prefix, *team);
}

Json EncodeCaseSummary(const CaseView& view) {
  const Case& c = view.record;
  Json j = {{"id", c.id},
            {"version", c.version},
            {"number", c.number},
            {"community_code", c.community_code},
            {"community_name", c.community_name},
            {"subject", SubjectJson(c.subject)},
            {"state", std::string(Name(c.state))},
            {"assigned_worker", User(c.assigned_worker)},
            {"opened_at", c.opened_at},
            {"closed_at", Opt(c.closed_at)},
            {"content_visible", view.access.content}};
  if (!view.access.content) return j;
  j["category"] = std::string(Name(c.category));
  j["risk_level"] = std::string(Name(c.risk_level));
  j["confidential"] = c.confidential;
  j["child_case"] = c.child_case;
  j["closure_request"] = c.closure_request
                             ? Json{{"requested_by", User(c.closure_request->requested_by)},
                                    {"requested_at", c.closure_request->requested_at},
                                    {"reason", Opt(c.closure_request->reason)}}
                             : Json();
  j["open_actions"] = c.open_actions;
  j["overdue_actions"] = c.overdue_actions;
  return j;
}

Json EncodeCase(const CaseView& view) {
  // The summary's fields, and for readers of the content what the case page needs besides.
  Json j = EncodeCaseSummary(view);
  if (!view.access.content) return j;
  const Case& c = view.record;
  Json allowed = Json::array();
  for (CaseState s : view.allowed) allowed.push_back(std::string(Name(s)));
  j["opening_reason"] = c.opening_reason;
  j["origin"] = {{"kind", std::string(Name(c.origin_kind))}, {"id", Opt(c.origin_id)}};
  j["allowed_transitions"] = std::move(allowed);
  j["transfer_request"] = c.transfer_request
                              ? Json{{"community_code", c.transfer_request->to_community_code},
                                     {"community_name", c.transfer_request->to_community_name},
                                     {"requested_by", User(c.transfer_request->requested_by)},
                                     {"requested_at", c.transfer_request->requested_at},
                                     {"reason", Opt(c.transfer_request->reason)}}
                              : Json();
  j["can_decide_transfer"] = view.access.decides_transfer;
  j["can_work"] = view.access.work;
  j["can_supervise"] = view.access.supervise;
  j["created_at"] = c.created_at;
  j["updated_at"] = c.updated_at;
  return j;
}

Json EncodeEvent(const CaseEvent& e) {
  Json detail = Json::parse(e.detail_json, nullptr, false);
  if (detail.is_discarded()) detail = Json::object();
  return {{"id", e.id},
          {"at", e.at},
          {"kind", e.kind},
          {"confidential", e.confidential},
          {"actor", e.actor ? User(*e.actor) : Json()},
          {"detail", std::move(detail)}};
}

Json EncodeAction(const PlanAction& a, core::Date today, bool with_case_number) {
  Json j = {{"id", a.id},
            {"version", a.version},
            {"goal_id", a.goal_id},
            {"case_id", a.case_id},
            {"text", a.text},
            {"agency", std::string(Name(a.agency))},
            {"responsible",
             {{"user_id", Opt(a.responsible_user_id)},
              {"name", a.responsible_name},
              {"contact", Opt(a.responsible_contact)}}},
            {"deadline", a.deadline.ToString()},
            {"status", std::string(Name(a.status))},
            {"overdue", IsOverdue(a, today)}};
  if (with_case_number) j["case_number"] = a.case_number;
  return j;
}

Json EncodeGoal(const PlanGoal& g, core::Date today) {
  Json actions = Json::array();
  for (const PlanAction& a : g.actions) actions.push_back(EncodeAction(a, today, false));
  return {{"id", g.id}, {"version", g.version}, {"text", g.text}, {"actions", std::move(actions)}};
}

Json EncodeReferral(const Referral& r) {
  return {{"id", r.id},
          {"version", r.version},
          {"case_id", r.case_id},
          {"provider", r.provider},
          {"service", r.service},
          {"contact", Opt(r.contact)},
          {"service_id", Opt(r.service_id)},
          {"enrolment_id", Opt(r.enrolment_id)},
          {"referred_on", r.referred_on.ToString()},
          {"answer", std::string(Name(r.answer))},
          {"answer_reason", Opt(r.answer_reason)},
          {"answered_on", r.answered_on ? Json(r.answered_on->ToString()) : Json()}};
}

Json EncodeContact(const Contact& c) {
  const bool person = c.subject.kind == Subject::Kind::kPerson;
  const Json subject = {{"id", c.subject.id}, {"name", c.subject.name}};
  return {{"id", c.id},
          {"version", c.version},
          {"kind", std::string(Name(c.kind))},
          {"status", std::string(Name(c.status))},
          {"date", c.date.ToString()},
          {"time", Opt(c.time)},
          {"community_code", c.community_code},
          {"person", person ? subject : Json()},
          {"household", person ? Json() : subject},
          {"case_id", Opt(c.case_id)},
          {"reason", c.reason ? Json(std::string(Name(*c.reason))) : Json()},
          {"action_taken", Opt(c.action_taken)},
          {"outcome", c.outcome ? Json(std::string(Name(*c.outcome))) : Json()},
          {"worker", User(c.worker)},
          {"present", Opt(c.present)},
          {"observations", Opt(c.observations)},
          {"next_steps", Opt(c.next_steps)},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

Json EncodeSettings(const CaseSettings& s) {
  return {{"community_code", s.community_code},
          {"number_prefix", s.number_prefix},
          {"team_visibility", s.team_visibility},
          {"version", s.version}};
}

Json EncodeToday(const TodayView& t, core::Date date) {
  Json caseload = Json::array();
  for (const CaseView& v : t.caseload) caseload.push_back(EncodeCaseSummary(v));
  Json visits = Json::array();
  for (const Contact& c : t.visits) visits.push_back(EncodeContact(c));
  Json actions = Json::array();
  int overdue = 0;
  for (const PlanAction& a : t.actions) {
    actions.push_back(EncodeAction(a, date, true));
    if (IsOverdue(a, date)) ++overdue;
  }
  Json approvals = Json::array();
  for (const CaseView& v : t.approvals) approvals.push_back(EncodeCaseSummary(v));
  Json transfers = Json::array();
  for (const CaseView& v : t.transfers) transfers.push_back(EncodeCase(v));
  return {{"date", date.ToString()},
          {"caseload", std::move(caseload)},
          {"visits", std::move(visits)},
          {"actions", std::move(actions)},
          {"approvals", std::move(approvals)},
          {"transfers", std::move(transfers)},
          {"counts",
           {{"caseload", t.caseload.size()},
            {"visits", t.visits.size()},
            {"actions", t.actions.size()},
            {"overdue_actions", overdue},
            {"approvals", t.approvals.size()},
            {"transfers", t.transfers.size()}}}};
}

Json EncodeTeam(const TeamView& team, core::Date today) {
  Json items = Json::array();
  for (const WorkerLoad& w : team.workers) {
    items.push_back({{"worker", User(w.worker)},
                     {"open_cases", w.open_cases},
                     {"high_risk_cases", w.high_risk_cases},
                     {"overdue_actions", w.overdue_actions},
                     {"due_actions", w.due_actions},
                     {"visits_this_week", w.visits_this_week},
                     {"closure_requests", w.closure_requests}});
  }
  Json overdue = Json::array();
  for (const PlanAction& a : team.overdue) overdue.push_back(EncodeAction(a, today, true));
  return {{"items", std::move(items)}, {"overdue", std::move(overdue)}};
}

Json EncodeWorkers(const std::vector<UserRef>& workers) {
  Json items = Json::array();
  for (const UserRef& w : workers) items.push_back(User(w));
  return {{"items", std::move(items)}};
}

}  // namespace socius::cases
