#include "assessments/wire.h"

#include <utility>

#include "assessments/rules.h"

namespace socius::assessments {

using core::Result;
using core::Status;
using http::Json;

namespace {

Status WrongType(const std::string& field) {
  return Status::InvalidArgument("request.wrong_type", field, "wrong JSON type")
      .With("field", field);
}

Json Opt(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }

}  // namespace

Result<AssessmentInput> ReadAssessmentInput(const Json& body, bool creating) {
  http::JsonFields fields(body);
  if (creating) {
    SOCIUS_RETURN_IF_ERROR(
        fields.OnlyAllowed({"questionnaire_code", "questionnaire_version", "person_id",
                            "household_id", "case_id", "answers", "status"}));
  } else {
    SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"answers", "status", "case_id"}));
  }
  AssessmentInput in;
  if (creating) {
    Result<std::string> code = fields.RequiredString("questionnaire_code", 64);
    if (!code.ok()) return code.status();
    in.questionnaire_code = *code;
    Result<std::optional<int64_t>> version = fields.OptionalInt("questionnaire_version");
    if (!version.ok()) return version.status();
    in.questionnaire_version = *version;
    Result<std::optional<std::string>> person = fields.OptionalString("person_id", 64);
    if (!person.ok()) return person.status();
    in.person_id = *person;
    Result<std::optional<std::string>> household = fields.OptionalString("household_id", 64);
    if (!household.ok()) return household.status();
    in.household_id = *household;
  }
  if (fields.Has("case_id")) {
    Result<std::optional<std::string>> case_id = fields.OptionalString("case_id", 64);
    if (!case_id.ok()) return case_id.status();
    in.case_id = *case_id;
  }
  if (fields.Has("answers") && !body["answers"].is_null()) {
    if (!body["answers"].is_object()) return WrongType("answers");
    in.answers = body["answers"].dump();
  }
  Result<std::optional<std::string>> status = fields.OptionalString("status", 16);
  if (!status.ok()) return status.status();
  if (*status) {
    in.status = ParseAssessmentStatus(**status);
    if (!in.status) {
      return Status::InvalidArgument("assessment.invalid_status", "status", "draft or final");
    }
  }
  return in;
}

Json EncodeAssessment(const Assessment& a, bool with_answers) {
  Json out = {{"id", a.id},
              {"version", a.version},
              {"questionnaire_code", a.questionnaire_code},
              {"questionnaire_version", a.questionnaire_version},
              {"person_id", Opt(a.person_id)},
              {"household_id", Opt(a.household_id)},
              {"case_id", Opt(a.case_id)},
              {"community_code", a.community_code},
              {"community_name", a.community_name},
              {"status", std::string(Name(a.status))},
              {"score", a.score ? Json(*a.score) : Json()},
              {"score_band", Opt(a.score_band)},
              {"flags", a.flags},
              {"created_at", a.created_at},
              {"created_by", Opt(a.created_by)},
              {"updated_at", a.updated_at},
              {"finished_at", Opt(a.finished_at)},
              {"finished_by", Opt(a.finished_by)}};
  if (with_answers) {
    Json answers = Json::parse(a.answers, nullptr, false);
    out["answers"] = answers.is_object() ? answers : Json::object();
  }
  return out;
}

Json EncodeQuestionnaire(const QuestionnaireVersion& form, bool with_definition) {
  const Json definition = Json::parse(form.definition, nullptr, false);
  Json out = {{"code", form.code},        {"version", form.version},
              {"subject", form.subject},  {"title", definition.value("title", Json::object())},
              {"shipped", form.shipped},  {"created_at", form.created_at},
              {"versions", form.versions}};
  if (with_definition) out["definition"] = definition;
  return out;
}

Json EncodeSummary(const ScreeningSummary& summary) {
  const Json labels = Json::parse(summary.flag_labels, nullptr, false);
  Json flags = Json::array();
  for (const ScreeningCount& flag : summary.flags) {
    flags.push_back({{"code", flag.code},
                     {"label", labels.is_object() && labels.contains(flag.code) ? labels[flag.code]
                                                                                : Json::object()},
                     {"households", flag.households}});
  }
  Json communities = Json::array();
  for (const CommunityScreening& c : summary.communities) {
    communities.push_back({{"code", c.code},
                           {"name", c.name},
                           {"households_screened", c.households_screened},
                           {"households_vulnerable", c.households_vulnerable}});
  }
  return {{"territory_code", summary.territory_code},
          {"territory_name", summary.territory_name},
          {"questionnaire_code", kScreeningCode},
          {"households_screened", summary.households_screened},
          {"households_vulnerable", summary.households_vulnerable},
          {"flags", std::move(flags)},
          {"communities", std::move(communities)}};
}

}  // namespace socius::assessments
