// HTTP handlers for cases, contacts and "Today": parse, call cases.h / contacts.h, encode.
#include "cases/routes.h"

#include <memory>
#include <utility>

#include "auth/permissions.h"
#include "cases/cases.h"
#include "cases/contacts.h"
#include "cases/wire.h"
#include "http/problem.h"

namespace socius::cases {

using auth::Permission;
using core::Result;
using core::Status;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxCursorBytes = 256;

struct Rooms {
  Rooms(store::Database& d, const ServiceCatalogue* catalogue)
      : db(d), cases(d, catalogue), contacts(d) {}
  store::Database& db;
  Cases cases;
  Contacts contacts;
};

Result<std::string> After(const Request& request) {
  return http::ListAfter(request, kMaxCursorBytes);
}

Json Cursor(const std::optional<std::string>& next) { return http::NextCursorJson(next); }

Result<Json> Body(const Request& request) { return request.JsonBody(); }

Response CaseResponse(int status, const CaseView& view) {
  return http::WithEtag(Response::JsonBody(status, EncodeCase(view)), view.record.version);
}

// A query value that must be one of `allowed` (or absent).
Result<std::optional<std::string>> OneOf(const Request& request, const char* name,
                                         std::initializer_list<std::string_view> allowed) {
  std::optional<std::string> value = request.QueryParam(name);
  if (!value) return value;
  for (std::string_view a : allowed) {
    if (*value == a) return value;
  }
  return http::InvalidQuery(name);
}

Result<Response> ListCases(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  CaseListQuery query;
  Result<std::optional<std::string>> state =
      OneOf(request, "state",
            {"open", "closed", "intake", "assessment", "planning", "in_service", "monitoring"});
  if (!state.ok()) return state.status();
  query.state = *state;
  query.worker = request.QueryParam("worker");
  query.subject_id = request.QueryParam("subject");
  if (std::optional<std::string> q = request.QueryParam("q"); q && !q->empty()) {
    if (q->size() > 40) return http::InvalidQuery("q");
    query.number_part = *q;
  }
  Result<CaseViewPage> page = r.cases.List(*request.principal, query, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const CaseView& v : page->items) items.push_back(EncodeCaseSummary(v));
  return Response::JsonBody(200,
                            Json{{"items", std::move(items)}, {"next_cursor", Cursor(page->next)}});
}

Result<Response> OpenCase(Rooms& r, Request& request) {
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<CaseInput> input = ReadCaseInput(*body);
  if (!input.ok()) return input.status();
  Result<CaseView> view = r.cases.Open(*request.principal, *input);
  if (!view.ok()) return view.status();
  Response response = CaseResponse(201, *view);
  response.Header("Location", "/api/v1/cases/" + view->record.id);
  return response;
}

Result<Response> GetCase(Rooms& r, Request& request) {
  Result<CaseView> view = r.cases.Get(*request.principal, request.PathParam("id"));
  if (!view.ok()) return view.status();
  return CaseResponse(200, *view);
}

Result<Response> PatchCase(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<CaseChanges> changes = ReadCaseChanges(*body);
  if (!changes.ok()) return changes.status();
  Result<CaseView> view =
      r.cases.Update(*request.principal, request.PathParam("id"), *expected, *changes);
  if (!view.ok()) return view.status();
  return CaseResponse(200, *view);
}

Result<Response> Transition(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<std::pair<CaseState, std::optional<std::string>>> move = ReadTransition(*body);
  if (!move.ok()) return move.status();
  const std::string id = request.PathParam("id");
  Result<TransitionResult> result =
      r.cases.Transition(*request.principal, id, *expected, move->first, move->second);
  if (!result.ok() && result.status().code() == "case.invalid_transition") {
    // The problem names the states the case may move to, so that the screen can offer them.
    Response problem = http::ProblemResponse(result.status(), request.language, request.path);
    Json problem_body = Json::parse(problem.body);
    Json allowed = Json::array();
    if (Result<CaseView> now = r.cases.Get(*request.principal, id); now.ok()) {
      for (CaseState s : now->allowed) allowed.push_back(std::string(Name(s)));
    }
    problem_body["allowed"] = std::move(allowed);
    problem.body = problem_body.dump();
    return problem;
  }
  if (!result.ok()) return result.status();
  return CaseResponse(result->closure_requested ? 202 : 200, result->view);
}

Result<Response> ClosureDecision(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<std::pair<bool, std::optional<std::string>>> decision = ReadClosureDecision(*body);
  if (!decision.ok()) return decision.status();
  Result<CaseView> view = r.cases.DecideClosure(*request.principal, request.PathParam("id"),
                                                *expected, decision->first, decision->second);
  if (!view.ok()) return view.status();
  return CaseResponse(200, *view);
}

Result<Response> Assignment(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<std::string> worker = ReadAssignment(*body);
  if (!worker.ok()) return worker.status();
  Result<CaseView> view =
      r.cases.Reassign(*request.principal, request.PathParam("id"), *expected, *worker);
  if (!view.ok()) return view.status();
  return CaseResponse(200, *view);
}

Result<Response> Transfer(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  auto input = ReadTransferRequest(*body);
  if (!input.ok()) return input.status();
  Result<CaseView> view = r.cases.RequestTransfer(*request.principal, request.PathParam("id"),
                                                  *expected, input->first, input->second);
  if (!view.ok()) return view.status();
  return CaseResponse(200, *view);
}

Result<Response> DecideTransfer(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<TransferDecision> input = ReadTransferDecision(*body);
  if (!input.ok()) return input.status();
  Result<CaseView> view =
      r.cases.DecideTransfer(*request.principal, request.PathParam("id"), *expected, input->accept,
                             input->worker_id, input->comment);
  if (!view.ok()) return view.status();
  return CaseResponse(200, *view);
}

Result<Response> Team(Rooms& r, Request& request) {
  std::optional<std::string> territory = request.QueryParam("territory");
  if (!territory || territory->empty() || territory->size() > 64) {
    return http::InvalidQuery("territory");
  }
  Result<TeamView> team = TeamOf(r.db, *request.principal, *territory);
  if (!team.ok()) return team.status();
  return Response::JsonBody(200, EncodeTeam(*team, core::Today()));
}

Result<Response> CaseWorkers(Rooms& r, Request& request) {
  std::optional<std::string> community = request.QueryParam("community");
  if (!community || community->empty() || community->size() > 64) {
    return http::InvalidQuery("community");
  }
  Result<std::vector<UserRef>> workers = EligibleWorkersOf(r.db, *request.principal, *community);
  if (!workers.ok()) return workers.status();
  return Response::JsonBody(200, EncodeWorkers(*workers));
}

Result<Response> Timeline(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  Result<std::optional<std::string>> kind = OneOf(
      request, "kind",
      {"contact", "state", "plan", "referral", "note", "assignment", "assessment", "benefit"});
  if (!kind.ok()) return kind.status();
  Result<TimelinePage> page =
      r.cases.Timeline(*request.principal, request.PathParam("id"), *kind, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const CaseEvent& e : page->items) items.push_back(EncodeEvent(e));
  return Response::JsonBody(200,
                            Json{{"items", std::move(items)}, {"next_cursor", Cursor(page->next)}});
}

Result<Response> AddNote(Rooms& r, Request& request) {
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<std::pair<std::string, bool>> note = ReadNote(*body);
  if (!note.ok()) return note.status();
  Result<CaseEvent> event =
      r.cases.AddNote(*request.principal, request.PathParam("id"), note->first, note->second);
  if (!event.ok()) return event.status();
  return Response::JsonBody(201, EncodeEvent(*event));
}

Result<Response> GetPlan(Rooms& r, Request& request) {
  Result<std::vector<PlanGoal>> plan = r.cases.Plan(*request.principal, request.PathParam("id"));
  if (!plan.ok()) return plan.status();
  const core::Date today = core::Today();
  Json goals = Json::array();
  for (const PlanGoal& g : *plan) goals.push_back(EncodeGoal(g, today));
  return Response::JsonBody(200, Json{{"goals", std::move(goals)}});
}

Result<Response> AddGoal(Rooms& r, Request& request) {
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<std::string> text = ReadGoal(*body);
  if (!text.ok()) return text.status();
  Result<PlanGoal> goal = r.cases.AddGoal(*request.principal, request.PathParam("id"), *text);
  if (!goal.ok()) return goal.status();
  return http::WithEtag(Response::JsonBody(201, EncodeGoal(*goal, core::Today())), goal->version);
}

Result<Response> AddAction(Rooms& r, Request& request) {
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<ActionInput> input = ReadActionInput(*body, true);
  if (!input.ok()) return input.status();
  Result<PlanAction> action =
      r.cases.AddAction(*request.principal, request.PathParam("id"), *input);
  if (!action.ok()) return action.status();
  return http::WithEtag(Response::JsonBody(201, EncodeAction(*action, core::Today(), false)),
                        action->version);
}

Result<Response> PatchAction(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<ActionInput> input = ReadActionInput(*body, false);
  if (!input.ok()) return input.status();
  Result<PlanAction> action =
      r.cases.UpdateAction(*request.principal, request.PathParam("id"), *expected, *input);
  if (!action.ok()) return action.status();
  return http::WithEtag(Response::JsonBody(200, EncodeAction(*action, core::Today(), false)),
                        action->version);
}

Result<Response> ListReferrals(Rooms& r, Request& request) {
  Result<std::vector<Referral>> referrals =
      r.cases.Referrals(*request.principal, request.PathParam("id"));
  if (!referrals.ok()) return referrals.status();
  Json items = Json::array();
  for (const Referral& x : *referrals) items.push_back(EncodeReferral(x));
  return Response::JsonBody(200, Json{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Result<Response> AddReferral(Rooms& r, Request& request) {
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<ReferralInput> input = ReadReferralInput(*body);
  if (!input.ok()) return input.status();
  Result<Referral> referral =
      r.cases.AddReferral(*request.principal, request.PathParam("id"), *input);
  if (!referral.ok()) return referral.status();
  return http::WithEtag(Response::JsonBody(201, EncodeReferral(*referral)), referral->version);
}

Result<Response> AnswerReferral(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<ReferralAnswerInput> input = ReadReferralAnswer(*body);
  if (!input.ok()) return input.status();
  Result<Referral> referral =
      r.cases.AnswerReferral(*request.principal, request.PathParam("id"), *expected, *input);
  if (!referral.ok()) return referral.status();
  return http::WithEtag(Response::JsonBody(200, EncodeReferral(*referral)), referral->version);
}

Result<Response> ListContacts(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = After(request);
  if (!after.ok()) return after.status();
  ContactFilter filter;
  filter.person_id = request.QueryParam("person_id");
  filter.household_id = request.QueryParam("household_id");
  filter.case_id = request.QueryParam("case_id");
  if (!filter.person_id && !filter.household_id && !filter.case_id) {
    return http::InvalidQuery("person_id");
  }
  Result<ContactPage> page = r.contacts.List(*request.principal, filter, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const Contact& c : page->items) items.push_back(EncodeContact(c));
  return Response::JsonBody(200,
                            Json{{"items", std::move(items)}, {"next_cursor", Cursor(page->next)}});
}

Result<Response> RecordContact(Rooms& r, Request& request) {
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<ContactInput> input = ReadContactInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Contact> contact = r.contacts.Record(*request.principal, *input);
  if (!contact.ok()) return contact.status();
  Response response = Response::JsonBody(201, EncodeContact(*contact));
  response.Header("Location", "/api/v1/contacts/" + contact->id);
  return http::WithEtag(std::move(response), contact->version);
}

Result<Response> GetContact(Rooms& r, Request& request) {
  Result<Contact> contact = r.contacts.Get(*request.principal, request.PathParam("id"));
  if (!contact.ok()) return contact.status();
  return http::WithEtag(Response::JsonBody(200, EncodeContact(*contact)), contact->version);
}

Result<Response> PatchContact(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  Result<ContactInput> input = ReadContactInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Contact> contact =
      r.contacts.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!contact.ok()) return contact.status();
  return http::WithEtag(Response::JsonBody(200, EncodeContact(*contact)), contact->version);
}

Result<Response> Today(Rooms& r, Request& request) {
  Result<TodayView> today = TodayOf(r.db, *request.principal);
  if (!today.ok()) return today.status();
  return Response::JsonBody(200, EncodeToday(*today, core::Today()));
}

Result<Response> GetSettings(Rooms& r, Request& request) {
  Result<CaseSettings> settings =
      r.cases.Settings(*request.principal, request.PathParam("community_code"));
  if (!settings.ok()) return settings.status();
  return http::WithEtag(Response::JsonBody(200, EncodeSettings(*settings)), settings->version);
}

Result<Response> PatchSettings(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = Body(request);
  if (!body.ok()) return body.status();
  auto input = ReadSettings(*body);
  if (!input.ok()) return input.status();
  Result<CaseSettings> settings =
      r.cases.SaveSettings(*request.principal, request.PathParam("community_code"), *expected,
                           input->first, input->second);
  if (!settings.ok()) return settings.status();
  return http::WithEtag(Response::JsonBody(200, EncodeSettings(*settings)), settings->version);
}

}  // namespace

void RegisterCaseRoutes(http::Router& router, store::Database& db,
                        const ServiceCatalogue* catalogue) {
  using http::Guard;
  auto rooms = std::make_shared<Rooms>(db, catalogue);
  // Each route written out as router.Add("METHOD", "/path", ...), so that
  // tests/api/openapi_routes.test.js finds it in docs/openapi.yaml.
  auto to = [rooms](Result<Response> (*handler)(Rooms&, Request&)) {
    return [rooms, handler](Request& request) { return handler(*rooms, request); };
  };
  const Guard read = Guard::Needs(Permission::kCaseRead);
  const Guard work = Guard::Needs(Permission::kCaseWork);
  const Guard supervise = Guard::Needs(Permission::kCaseSupervise);
  router.Add("GET", "/api/v1/cases", read, to(&ListCases));
  router.Add("POST", "/api/v1/cases", work, to(&OpenCase));
  router.Add("GET", "/api/v1/cases/{id}", read, to(&GetCase));
  router.Add("PATCH", "/api/v1/cases/{id}", work, to(&PatchCase));
  router.Add("POST", "/api/v1/cases/{id}/transitions", work, to(&Transition));
  router.Add("POST", "/api/v1/cases/{id}/closure-decision", supervise, to(&ClosureDecision));
  router.Add("POST", "/api/v1/cases/{id}/assignment", work, to(&Assignment));
  router.Add("POST", "/api/v1/cases/{id}/transfer", work, to(&Transfer));
  router.Add("POST", "/api/v1/cases/{id}/transfer-decision", supervise, to(&DecideTransfer));
  router.Add("GET", "/api/v1/team", supervise, to(&Team));
  router.Add("GET", "/api/v1/case-workers", read, to(&CaseWorkers));
  router.Add("GET", "/api/v1/cases/{id}/timeline", read, to(&Timeline));
  router.Add("POST", "/api/v1/cases/{id}/notes", work, to(&AddNote));
  router.Add("GET", "/api/v1/cases/{id}/plan", read, to(&GetPlan));
  router.Add("POST", "/api/v1/cases/{id}/plan/goals", work, to(&AddGoal));
  router.Add("POST", "/api/v1/cases/{id}/plan/actions", work, to(&AddAction));
  router.Add("PATCH", "/api/v1/plan-actions/{id}", work, to(&PatchAction));
  router.Add("GET", "/api/v1/cases/{id}/referrals", read, to(&ListReferrals));
  router.Add("POST", "/api/v1/cases/{id}/referrals", work, to(&AddReferral));
  router.Add("PATCH", "/api/v1/referrals/{id}", work, to(&AnswerReferral));
  router.Add("GET", "/api/v1/contacts", work, to(&ListContacts));
  router.Add("POST", "/api/v1/contacts", work, to(&RecordContact));
  router.Add("GET", "/api/v1/contacts/{id}", work, to(&GetContact));
  router.Add("PATCH", "/api/v1/contacts/{id}", work, to(&PatchContact));
  router.Add("GET", "/api/v1/today", read, to(&Today));
  const Guard territory = Guard::Needs(Permission::kTerritoryRead);
  router.Add("GET", "/api/v1/case-settings/{community_code}", territory, to(&GetSettings));
  router.Add("PATCH", "/api/v1/case-settings/{community_code}", territory, to(&PatchSettings));
}

}  // namespace socius::cases
