#include "services/wire.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "http/json_read.h"
#include "http/request.h"
#include "services/rules.h"

namespace socius::services {

using core::Result;
using core::Status;

namespace {

constexpr size_t kShortText = 200;
constexpr size_t kLongText = 4000;
constexpr size_t kMaxListItems = 500;

Json Opt(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }
Json OptDate(const std::optional<core::Date>& value) {
  return value ? Json(value->ToString()) : Json();
}

using http::ReadClearable;
using http::ReadEnum;
using http::ReadText;
using http::Trimmed;

// An array of strings, or InvalidArgument("request.wrong_type", field).
Result<std::optional<std::vector<std::string>>> ReadStrings(const Json& body,
                                                            std::string_view field,
                                                            size_t max_len) {
  using Out = std::optional<std::vector<std::string>>;
  if (!body.contains(std::string(field)) || body.at(std::string(field)).is_null()) return Out();
  const Json& array = body.at(std::string(field));
  if (!array.is_array()) return Status::InvalidArgument("request.wrong_type", std::string(field));
  if (array.size() > kMaxListItems) {
    return Status::InvalidArgument("request.field_too_long", std::string(field))
        .With("max", std::to_string(kMaxListItems));
  }
  std::vector<std::string> out;
  for (const Json& item : array) {
    if (!item.is_string()) return Status::InvalidArgument("request.wrong_type", std::string(field));
    std::string text = item.get<std::string>();
    if (text.size() > max_len) {
      return Status::InvalidArgument("request.field_too_long", std::string(field))
          .With("max", std::to_string(max_len));
    }
    bool known = false;
    for (const std::string& o : out) known = known || o == text;
    if (!known) out.push_back(std::move(text));
  }
  return Out(std::move(out));
}

Result<Patch<core::Date>> ReadClearableDate(const Json& body, std::string_view field,
                                            const char* code) {
  if (!body.contains(std::string(field))) return Patch<core::Date>();
  if (body.at(std::string(field)).is_null()) return Patch<core::Date>(std::optional<core::Date>());
  Result<std::optional<std::string>> text = http::JsonFields(body).OptionalString(field, 10);
  if (!text.ok()) {
    if (text.status().code() == "request.field_too_long") {
      return Status::InvalidArgument(code, std::string(field));
    }
    return text.status();
  }
  std::optional<core::Date> date = core::ParseDate(**text);
  if (!date || date->year < 1900 || date->year > 2200) {
    return Status::InvalidArgument(code, std::string(field));
  }
  return Patch<core::Date>(date);
}

#define SOCIUS_ASSIGN_OR_RETURN_FIELD(target, expr) \
  do {                                              \
    auto _value = (expr);                           \
    if (!_value.ok()) return _value.status();       \
    target = std::move(*_value);                    \
  } while (false)

int64_t DaysBetween(core::Date from, core::Date to) {
  auto day = [](core::Date d) {
    return std::chrono::sys_days{std::chrono::year{d.year} / static_cast<unsigned>(d.month) /
                                 static_cast<unsigned>(d.day)};
  };
  return (day(to) - day(from)).count();
}

// The enrolled person as every enrolment view shows them.
Json PersonOf(const Enrolment& e) {
  return Json{
      {"id", e.person_id}, {"name", e.person_name}, {"birth_date", OptDate(e.person_birth_date)}};
}

Json PlaceRef(const Place& p) { return Json{{"code", p.code}, {"name", p.name}}; }

}  // namespace

Result<ProviderInput> ReadProviderInput(const Json& body, bool creating) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  if (creating) {
    SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
        {"territory_code", "name", "kind", "legal_id", "address", "phone", "email", "website"}));
  } else {
    SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
        {"name", "kind", "legal_id", "address", "phone", "email", "website"}));
  }
  ProviderInput in;
  http::JsonFields fields(body);
  if (creating) {
    Result<std::string> code = fields.RequiredString("territory_code", 64);
    if (!code.ok()) return code.status();
    in.territory_code = *code;
    Result<std::string> name = fields.RequiredString("name", kShortText);
    if (!name.ok()) return name.status();
    Result<std::string> kind = fields.RequiredString("kind", 64);
    if (!kind.ok()) return kind.status();
  }
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.name, ReadText(body, "name", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.kind, ReadEnum(body, "kind", &ParseProviderKind, "provider.invalid_kind"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.legal_id, ReadClearable(body, "legal_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.address, ReadClearable(body, "address", 400));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.phone, ReadClearable(body, "phone", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.email, ReadClearable(body, "email", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.website, ReadClearable(body, "website", 400));
  return in;
}

Result<ServiceInput> ReadServiceInput(const Json& body, bool creating) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  std::initializer_list<std::string_view> editable = {"name",
                                                      "type",
                                                      "description",
                                                      "licence_number",
                                                      "licence_valid_until",
                                                      "address",
                                                      "settlement_codes",
                                                      "target_groups",
                                                      "opening_hours",
                                                      "languages",
                                                      "capacity",
                                                      "free",
                                                      "price",
                                                      "how_to_apply",
                                                      "phone",
                                                      "email",
                                                      "active",
                                                      "provider_id",
                                                      "territory_code"};
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(editable));
  http::JsonFields fields(body);
  ServiceInput in;
  if (creating) {
    Result<std::string> provider = fields.RequiredString("provider_id", 64);
    if (!provider.ok()) return provider.status();
    in.provider_id = *provider;
    Result<std::string> code = fields.RequiredString("territory_code", 64);
    if (!code.ok()) return code.status();
    in.territory_code = *code;
    for (const char* required : {"name", "type"}) {
      Result<std::string> text = fields.RequiredString(required, kShortText);
      if (!text.ok()) return text.status();
    }
    if (!body.contains("capacity") || body.at("capacity").is_null()) {
      return Status::InvalidArgument("request.missing_field", "capacity");
    }
  } else {
    for (const char* fixed : {"provider_id", "territory_code"}) {
      if (body.contains(fixed)) return Status::InvalidArgument("request.unknown_field", fixed);
    }
  }
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.name, ReadText(body, "name", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.type,
                                ReadEnum(body, "type", &ParseServiceType, "service.invalid_type"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.description, ReadClearable(body, "description", kLongText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.licence_number, ReadClearable(body, "licence_number", 100));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(
      in.licence_valid_until,
      ReadClearableDate(body, "licence_valid_until", "service.invalid_licence_date"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.address, ReadClearable(body, "address", 400));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.settlement_codes, ReadStrings(body, "settlement_codes", 64));
  Result<std::optional<std::vector<std::string>>> groups = ReadStrings(body, "target_groups", 64);
  if (!groups.ok()) return groups.status();
  if (*groups) {
    std::vector<TargetGroup> parsed;
    for (const std::string& g : **groups) {
      std::optional<TargetGroup> group = ParseTargetGroup(g);
      if (!group) {
        return Status::InvalidArgument("service.invalid_target_group", "target_groups")
            .With("value", g);
      }
      parsed.push_back(*group);
    }
    in.target_groups = std::move(parsed);
  }
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.opening_hours, ReadClearable(body, "opening_hours", 400));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.languages, ReadStrings(body, "languages", 8));
  if (in.languages) {
    for (const std::string& l : *in.languages) {
      if (!IsServiceLanguage(l)) {
        return Status::InvalidArgument("service.invalid_language", "languages").With("value", l);
      }
    }
  }
  Result<std::optional<int64_t>> capacity = fields.OptionalInt("capacity");
  if (!capacity.ok()) return capacity.status();
  in.capacity = *capacity;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.free, fields.OptionalBool("free"));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.price, ReadClearable(body, "price", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.how_to_apply, ReadClearable(body, "how_to_apply", 2000));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.phone, ReadClearable(body, "phone", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.email, ReadClearable(body, "email", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.active, fields.OptionalBool("active"));
  return in;
}

Result<EnrolmentInput> ReadEnrolmentInput(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(
      http::JsonFields(body).OnlyAllowed({"service_id", "person_id", "priority", "case_id",
                                          "referral_id", "note", "outside_area_reason"}));
  http::JsonFields fields(body);
  EnrolmentInput in;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.service_id, fields.RequiredString("service_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.person_id, fields.RequiredString("person_id", 64));
  Result<std::optional<Priority>> priority =
      ReadEnum(body, "priority", &ParsePriority, "enrolment.invalid_priority");
  if (!priority.ok()) return priority.status();
  in.priority = priority->value_or(Priority::kNormal);
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.case_id, fields.OptionalString("case_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.referral_id, fields.OptionalString("referral_id", 64));
  Result<Patch<std::string>> note = ReadClearable(body, "note", 2000);
  if (!note.ok()) return note.status();
  if (*note) in.note = **note;
  Result<Patch<std::string>> reason = ReadClearable(body, "outside_area_reason", 1000);
  if (!reason.ok()) return reason.status();
  if (*reason) in.outside_area_reason = **reason;
  return in;
}

Result<EnrolmentTransition> ReadEnrolmentTransition(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"to", "reason", "date"}));
  EnrolmentTransition move;
  Result<std::string> to = http::JsonFields(body).RequiredString("to", 64);
  if (!to.ok()) return to.status();
  std::optional<EnrolmentState> state = ParseEnrolmentState(*to);
  if (!state) return Status::InvalidArgument("enrolment.invalid_state", "to");
  move.to = *state;
  Result<Patch<std::string>> reason = ReadClearable(body, "reason", 1000);
  if (!reason.ok()) return reason.status();
  if (*reason) move.reason = **reason;
  Result<Patch<core::Date>> date = ReadClearableDate(body, "date", "enrolment.invalid_date");
  if (!date.ok()) return date.status();
  if (*date) move.date = **date;
  return move;
}

Result<std::vector<int>> ReadAttendanceDays(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"days"}));
  if (!body.contains("days")) return Status::InvalidArgument("request.missing_field", "days");
  const Json& days = body.at("days");
  if (!days.is_array() || days.size() > 31) {
    return Status::InvalidArgument("request.wrong_type", "days");
  }
  std::vector<int> out;
  for (const Json& day : days) {
    if (!day.is_number_integer()) return Status::InvalidArgument("attendance.invalid_day", "days");
    const int64_t value = day.get<int64_t>();
    if (value < 1 || value > 31) {
      return Status::InvalidArgument("attendance.invalid_day", "days")
          .With("day", std::to_string(value));
    }
    out.push_back(static_cast<int>(value));
  }
  return out;
}

Result<std::string> ReadStaffUser(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"user_id"}));
  return http::JsonFields(body).RequiredString("user_id", 64);
}

Json EncodeStaff(const std::vector<StaffMember>& staff) {
  Json items = Json::array();
  for (const StaffMember& m : staff) {
    items.push_back(
        Json{{"user", {{"id", m.user.id}, {"display_name", m.user.display_name}}},
             {"username", m.username},
             {"added_by", {{"id", m.added_by.id}, {"display_name", m.added_by.display_name}}},
             {"added_at", m.added_at}});
  }
  return Json{{"items", std::move(items)}};
}

Json EncodeAttendanceRow(const AttendanceRow& row, core::Month month) {
  const Enrolment& e = row.enrolment;
  return Json{{"enrolment_id", e.id},
              {"month", month.ToString()},
              {"person", PersonOf(e)},
              {"state", std::string(Name(e.state))},
              {"started_on", OptDate(e.started_on)},
              {"ended_on", OptDate(e.ended_on)},
              {"note", Opt(e.note)},
              {"days", row.days},
              {"days_present", row.days.size()},
              {"version", row.version},
              {"updated_by", row.updated_by ? Json{{"id", row.updated_by->id},
                                                   {"display_name", row.updated_by->display_name}}
                                            : Json()},
              {"updated_at", Opt(row.updated_at)}};
}

Result<HelpRequestInput> ReadHelpRequestInput(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed(
      {"need", "for_whom", "name", "contact", "consent", "language", "website"}));
  http::JsonFields fields(body);
  HelpRequestInput in;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.need, fields.RequiredString("need", 2000));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.for_whom, ReadText(body, "for_whom", kShortText));
  if (in.for_whom && in.for_whom->empty()) in.for_whom.reset();
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.name, fields.RequiredString("name", kShortText));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.contact, fields.RequiredString("contact", kShortText));
  Result<std::optional<bool>> consent = fields.OptionalBool("consent");
  if (!consent.ok()) return consent.status();
  in.consent = consent->value_or(false);
  Result<std::optional<std::string>> language = fields.OptionalString("language", 8);
  if (!language.ok()) return language.status();
  if (*language) {
    if (!IsServiceLanguage(**language)) {
      return Status::InvalidArgument("help.invalid_language", "language");
    }
    in.language = **language;
  }
  SOCIUS_ASSIGN_OR_RETURN_FIELD(in.trap, fields.OptionalString("website", 2000));
  in.need = Trimmed(in.need);
  in.name = Trimmed(in.name);
  in.contact = Trimmed(in.contact);
  return in;
}

Result<HelpResolution> ReadHelpResolution(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(
      http::JsonFields(body).OnlyAllowed({"outcome", "answer", "contact_id", "case_id"}));
  http::JsonFields fields(body);
  HelpResolution r;
  Result<std::string> outcome = fields.RequiredString("outcome", 32);
  if (!outcome.ok()) return outcome.status();
  std::optional<HelpState> state = ParseHelpState(*outcome);
  if (!state) return Status::InvalidArgument("help.invalid_outcome", "outcome");
  r.outcome = *state;
  SOCIUS_ASSIGN_OR_RETURN_FIELD(r.answer, ReadText(body, "answer", kLongText));
  if (r.answer && r.answer->empty()) r.answer.reset();
  SOCIUS_ASSIGN_OR_RETURN_FIELD(r.contact_id, fields.OptionalString("contact_id", 64));
  SOCIUS_ASSIGN_OR_RETURN_FIELD(r.case_id, fields.OptionalString("case_id", 64));
  return r;
}

Json EncodeHelpRequest(const HelpRequest& h) {
  return Json{{"id", h.id},
              {"version", h.version},
              {"community_code", h.community_code},
              {"community_name", h.community_name},
              {"confirmation", h.confirmation},
              {"need", h.need},
              {"for_whom", Opt(h.for_whom)},
              {"name", h.name},
              {"contact", h.contact},
              {"language", h.language},
              {"state", std::string(Name(h.state))},
              {"answer", Opt(h.answer)},
              {"contact_id", Opt(h.contact_id)},
              {"case_id", Opt(h.case_id)},
              {"resolved_by", h.resolved_by ? Json{{"id", h.resolved_by->id},
                                                   {"display_name", h.resolved_by->display_name}}
                                            : Json()},
              {"resolved_at", Opt(h.resolved_at)},
              {"created_at", h.created_at},
              {"updated_at", h.updated_at}};
}

Json EncodeProvider(const Provider& p) {
  return Json{{"id", p.id},
              {"version", p.version},
              {"territory_code", p.territory.code},
              {"territory_name", p.territory.name},
              {"name", p.name},
              {"kind", std::string(Name(p.kind))},
              {"legal_id", Opt(p.legal_id)},
              {"address", Opt(p.address)},
              {"phone", Opt(p.phone)},
              {"email", Opt(p.email)},
              {"website", Opt(p.website)},
              {"services", p.services},
              {"created_at", p.created_at},
              {"updated_at", p.updated_at}};
}

Json EncodeService(const Service& s, core::Date today) {
  Json settlements = Json::array();
  for (const Place& p : s.settlements) settlements.push_back(PlaceRef(p));
  Json groups = Json::array();
  for (TargetGroup g : s.target_groups) groups.push_back(std::string(Name(g)));
  Json longest_wait;
  if (s.oldest_waiting_since) {
    if (std::optional<core::TimePoint> since = core::ParseUtc(*s.oldest_waiting_since)) {
      longest_wait = std::max<int64_t>(0, DaysBetween(core::LocalDate(*since), today));
    }
  }
  return Json{{"id", s.id},
              {"version", s.version},
              {"provider", {{"id", s.provider_id}, {"name", s.provider_name}}},
              {"territory_code", s.territory.code},
              {"territory_name", s.territory.name},
              {"name", s.name},
              {"type", std::string(Name(s.type))},
              {"description", Opt(s.description)},
              {"licence_number", Opt(s.licence_number)},
              {"licence_valid_until", OptDate(s.licence_valid_until)},
              {"licence_status", std::string(Name(LicenceStatusOn(s.licence_valid_until, today)))},
              {"address", Opt(s.address)},
              {"settlements", std::move(settlements)},
              {"target_groups", std::move(groups)},
              {"opening_hours", Opt(s.opening_hours)},
              {"languages", s.languages},
              {"capacity", s.capacity},
              {"places_used", s.places_used},
              {"places_free", s.capacity - s.places_used},
              {"waiting", s.waiting},
              {"longest_wait_days", longest_wait},
              {"free", s.free},
              {"price", Opt(s.price)},
              {"how_to_apply", Opt(s.how_to_apply)},
              {"phone", Opt(s.phone)},
              {"email", Opt(s.email)},
              {"active", s.active},
              {"created_at", s.created_at},
              {"updated_at", s.updated_at}};
}

Json EncodeEnrolment(const Enrolment& e) {
  Json allowed = Json::array();
  for (EnrolmentState s :
       e.seen_as_staff ? StaffTransitions(e.state) : AllowedTransitions(e.state)) {
    allowed.push_back(std::string(Name(s)));
  }
  return Json{{"id", e.id},
              {"version", e.version},
              {"service",
               {{"id", e.service_id},
                {"name", e.service_name},
                {"type", std::string(Name(e.service_type))}}},
              {"person", PersonOf(e)},
              {"community_code", e.community_code},
              {"state", std::string(Name(e.state))},
              {"priority", std::string(Name(e.priority))},
              {"position", e.position ? Json(*e.position) : Json()},
              {"case_id", Opt(e.case_id)},
              {"note", Opt(e.note)},
              {"outside_area_reason", Opt(e.outside_area_reason)},
              {"requested_at", e.requested_at},
              {"offered_at", Opt(e.offered_at)},
              {"started_on", OptDate(e.started_on)},
              {"ended_on", OptDate(e.ended_on)},
              {"end_reason", Opt(e.end_reason)},
              {"worker", {{"id", e.worker.id}, {"display_name", e.worker.display_name}}},
              {"allowed_transitions", std::move(allowed)},
              {"created_at", e.created_at},
              {"updated_at", e.updated_at}};
}

Json EncodeServicesMap(const ServicesMap& map, core::Date today) {
  auto row = [&](const MapRow& r, bool with_area) {
    Json longest;
    if (r.oldest_waiting_since) {
      if (std::optional<core::TimePoint> since = core::ParseUtc(*r.oldest_waiting_since)) {
        longest = std::max<int64_t>(0, DaysBetween(core::LocalDate(*since), today));
      }
    }
    Json j = {{"type", std::string(Name(r.type))},
              {"services", r.services},
              {"places", r.places},
              {"places_used", r.places_used},
              {"waiting", r.waiting},
              {"longest_wait_days", longest}};
    if (with_area) {
      j["area_code"] = r.area_code;
      j["area_name"] = r.area_name;
    }
    return j;
  };
  Json rows = Json::array();
  for (const MapRow& r : map.rows) rows.push_back(row(r, true));
  Json totals = Json::array();
  for (const MapRow& r : map.totals) totals.push_back(row(r, false));
  return Json{{"territory", {{"code", map.territory.code}, {"name", map.territory.name}}},
              {"rows", std::move(rows)},
              {"totals", std::move(totals)}};
}

}  // namespace socius::services
