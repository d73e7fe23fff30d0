// HTTP handlers of questionnaires and assessments: parse, call the use case, encode.
#include "assessments/routes.h"

#include <charconv>
#include <memory>
#include <utility>

#include "assessments/assessments.h"
#include "assessments/questionnaires.h"
#include "assessments/rules.h"
#include "assessments/wire.h"
#include "auth/permissions.h"

namespace socius::assessments {

using auth::Permission;
using core::Result;
using http::Json;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxCursorBytes = 1024;

Result<std::string> Cursor(const Request& request) {
  return http::ListAfter(request, kMaxCursorBytes);
}

Json NextCursor(const std::optional<std::string>& last_key) {
  return http::NextCursorJson(last_key);
}

Result<Response> ListForms(Questionnaires& forms, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = Cursor(request);
  if (!after.ok()) return after.status();
  Result<QuestionnairePage> page = forms.List(*after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const QuestionnaireVersion& form : page->items) {
    items.push_back(EncodeQuestionnaire(form, false));
  }
  return Response::JsonBody(
      200, Json{{"items", std::move(items)}, {"next_cursor", NextCursor(page->last_key)}});
}

Result<Response> GetForm(Questionnaires& forms, Request& request, bool versioned) {
  std::optional<int64_t> version;
  if (versioned) {
    const std::string text = request.PathParam("version");
    int64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 1) {
      return core::Status::NotFound("questionnaire.not_found", "bad version");
    }
    version = v;
  }
  Result<QuestionnaireVersion> form = forms.Get(request.PathParam("code"), version);
  if (!form.ok()) return form.status();
  return Response::JsonBody(200, EncodeQuestionnaire(*form, true));
}

Result<Response> CreateForm(Questionnaires& forms, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<QuestionnaireVersion> form = forms.Create(*request.principal, *body);
  if (!form.ok()) return form.status();
  Response response = Response::JsonBody(201, EncodeQuestionnaire(*form, true));
  response.Header("Location", "/api/v1/questionnaires/" + form->code + "/versions/" +
                                  std::to_string(form->version));
  return response;
}

Result<Response> List(Assessments& assessments, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = Cursor(request);
  if (!after.ok()) return after.status();
  AssessmentFilter filter;
  filter.person_id = request.QueryParam("person_id");
  filter.household_id = request.QueryParam("household_id");
  filter.questionnaire_code = request.QueryParam("questionnaire_code");
  if (std::optional<std::string> status = request.QueryParam("status")) {
    filter.status = ParseAssessmentStatus(*status);
    if (!filter.status) return http::InvalidQuery("status");
  }
  for (const auto* value : {&filter.person_id, &filter.household_id, &filter.questionnaire_code}) {
    if (*value && (*value)->size() > 64) return http::InvalidQuery("limit");
  }
  Result<AssessmentPage> page = assessments.List(*request.principal, filter, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const Assessment& a : page->items) items.push_back(EncodeAssessment(a, false));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)}, {"next_cursor", NextCursor(page->last_key)}});
}

Result<Response> Get(Assessments& assessments, Request& request) {
  Result<Assessment> a = assessments.Get(*request.principal, request.PathParam("id"));
  if (!a.ok()) return a.status();
  return http::WithEtag(Response::JsonBody(200, EncodeAssessment(*a, true)), a->version);
}

Result<Response> Create(Assessments& assessments, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<AssessmentInput> input = ReadAssessmentInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Assessment> a = assessments.Create(*request.principal, *input);
  if (!a.ok()) return a.status();
  Response response = Response::JsonBody(201, EncodeAssessment(*a, true));
  response.Header("Location", "/api/v1/assessments/" + a->id);
  return http::WithEtag(std::move(response), a->version);
}

Result<Response> Update(Assessments& assessments, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<AssessmentInput> input = ReadAssessmentInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Assessment> a =
      assessments.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!a.ok()) return a.status();
  return http::WithEtag(Response::JsonBody(200, EncodeAssessment(*a, true)), a->version);
}

Result<Response> Summary(Assessments& assessments, Request& request) {
  std::optional<std::string> territory = request.QueryParam("territory");
  if (!territory || territory->empty() || territory->size() > 64) {
    return http::InvalidQuery("territory");
  }
  Result<ScreeningSummary> summary = assessments.Summary(*request.principal, *territory);
  if (!summary.ok()) return summary.status();
  return Response::JsonBody(200, EncodeSummary(*summary));
}

}  // namespace

void RegisterAssessmentRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto forms = std::make_shared<Questionnaires>(db);
  auto assessments = std::make_shared<Assessments>(db);
  router.Add("GET", "/api/v1/questionnaires", Guard::Needs(Permission::kAssessmentRead),
             [forms](Request& r) { return ListForms(*forms, r); });
  router.Add("POST", "/api/v1/questionnaires", Guard::Needs(Permission::kQuestionnaireWrite),
             [forms](Request& r) { return CreateForm(*forms, r); });
  router.Add("GET", "/api/v1/questionnaires/{code}", Guard::Needs(Permission::kAssessmentRead),
             [forms](Request& r) { return GetForm(*forms, r, false); });
  router.Add("GET", "/api/v1/questionnaires/{code}/versions/{version}",
             Guard::Needs(Permission::kAssessmentRead),
             [forms](Request& r) { return GetForm(*forms, r, true); });
  router.Add("GET", "/api/v1/assessments", Guard::Needs(Permission::kAssessmentRead),
             [assessments](Request& r) { return List(*assessments, r); });
  router.Add("POST", "/api/v1/assessments", Guard::Needs(Permission::kAssessmentWrite),
             [assessments](Request& r) { return Create(*assessments, r); });
  router.Add("GET", "/api/v1/assessments/screening-summary",
             Guard::Needs(Permission::kScreeningRead),
             [assessments](Request& r) { return Summary(*assessments, r); });
  router.Add("GET", "/api/v1/assessments/{id}", Guard::Needs(Permission::kAssessmentRead),
             [assessments](Request& r) { return Get(*assessments, r); });
  router.Add("PATCH", "/api/v1/assessments/{id}", Guard::Needs(Permission::kAssessmentWrite),
             [assessments](Request& r) { return Update(*assessments, r); });
}

}  // namespace socius::assessments
