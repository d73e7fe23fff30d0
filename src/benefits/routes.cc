// HTTP handlers for programmes, applications and decisions: parse, call benefits.h, encode.
#include "benefits/routes.h"

#include <memory>
#include <utility>

#include "auth/permissions.h"
#include "benefits/benefits.h"
#include "benefits/payments.h"
#include "benefits/rules.h"
#include "benefits/stored.h"
#include "benefits/wire.h"
#include "http/download.h"
#include "http/json_read.h"

namespace socius::benefits {

using auth::Permission;
using core::Result;
using core::Status;
using http::QueryEnum;
using http::QueryText;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxCursorBytes = 512;

struct Rooms {
  explicit Rooms(store::Database& d) : programmes(d), applications(d), decisions(d), payments(d) {}
  Programmes programmes;
  Applications applications;
  Decisions decisions;
  Payments payments;
};

Response WithVersion(int status, Json body, int64_t version) {
  return http::WithEtag(Response::JsonBody(status, std::move(body)), version);
}

Response Created(Json body, int64_t version, const std::string& location) {
  Response response = WithVersion(201, std::move(body), version);
  response.Header("Location", location);
  return response;
}

// A month of the query (default: the current one). InvalidArgument("benefit.invalid_month").
Result<core::Month> QueryMonth(const Request& request, const char* name) {
  Result<std::optional<std::string>> text = QueryText(request, name, 7);
  if (!text.ok()) return Status::InvalidArgument("benefit.invalid_month", name);
  if (!*text) return core::MonthOf(core::Today());
  std::optional<core::Month> month = core::ParseMonth(**text);
  if (!month) return Status::InvalidArgument("benefit.invalid_month", name);
  return *month;
}

template <typename Page, typename Encode>
Response ListBody(const Page& page, Encode encode) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(encode(item));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)}, {"next_cursor", http::NextCursorJson(page.next)}});
}

// --- programmes ---

Result<Response> ListProgrammes(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  Result<std::optional<ProgrammeStatus>> status =
      QueryEnum(request, "status", &ParseProgrammeStatus);
  if (!status.ok()) return status.status();
  Result<std::optional<std::string>> q = QueryText(request, "q");
  if (!q.ok()) return q.status();
  Result<ProgrammePage> page =
      r.programmes.List(*request.principal, *territory, *status, *q, *after, *limit);
  if (!page.ok()) return page.status();
  return ListBody(*page, EncodeProgramme);
}

Result<Response> CreateProgramme(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ProgrammeInput> input = ReadProgrammeInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Programme> p = r.programmes.Create(*request.principal, *input);
  if (!p.ok()) return p.status();
  return Created(EncodeProgramme(*p), p->version, "/api/v1/programmes/" + p->id);
}

Result<Response> GetProgramme(Rooms& r, Request& request) {
  Result<Programme> p = r.programmes.Get(*request.principal, request.PathParam("id"));
  if (!p.ok()) return p.status();
  return WithVersion(200, EncodeProgramme(*p), p->version);
}

Result<Response> PatchProgramme(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ProgrammeInput> input = ReadProgrammeInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Programme> p =
      r.programmes.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!p.ok()) return p.status();
  return WithVersion(200, EncodeProgramme(*p), p->version);
}

Result<Response> ListBudgets(Rooms& r, Request& request) {
  Result<core::Month> from = QueryMonth(request, "from");
  if (!from.ok()) return from.status();
  core::Month to = AddMonths(*from, 11);
  if (request.QueryParam("to")) {
    Result<core::Month> asked = QueryMonth(request, "to");
    if (!asked.ok()) return asked.status();
    to = *asked;
  }
  Result<std::vector<Budget>> budgets =
      r.programmes.Budgets(*request.principal, request.PathParam("id"), *from, to);
  if (!budgets.ok()) return budgets.status();
  Json items = Json::array();
  for (const Budget& b : *budgets) items.push_back(EncodeBudget(b));
  return Response::JsonBody(200, Json{{"items", std::move(items)}});
}

Result<Response> PutBudget(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<int64_t> amount = ReadBudgetAmount(*body);
  if (!amount.ok()) return amount.status();
  Result<Budget> budget = r.programmes.SetBudget(*request.principal, request.PathParam("id"),
                                                 request.PathParam("period"), *amount);
  if (!budget.ok()) return budget.status();
  return Response::JsonBody(200, EncodeBudget(*budget));
}

Result<Response> ExplainEligibility(Rooms& r, Request& request) {
  Result<std::optional<std::string>> household = QueryText(request, "household_id", 64);
  if (!household.ok()) return household.status();
  if (!*household) return http::InvalidQuery("household_id");
  Result<core::Month> month = QueryMonth(request, "month");
  if (!month.ok()) return month.status();
  Result<Eligibility> e =
      r.programmes.Explain(*request.principal, request.PathParam("id"), **household, *month);
  if (!e.ok()) return e.status();
  return Response::JsonBody(200, EligibilityJson(*e));
}

Result<Response> PreviewProgramme(Rooms& r, Request& request) {
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  Result<core::Month> month = QueryMonth(request, "month");
  if (!month.ok()) return month.status();
  const std::string id = request.PathParam("id");
  Result<Preview> preview = r.programmes.PreviewOf(*request.principal, id, *territory, *month);
  if (!preview.ok()) return preview.status();
  Result<Programme> p = r.programmes.Get(*request.principal, id);
  if (!p.ok()) return p.status();
  return Response::JsonBody(200, EncodePreview(*preview, *p));
}

// --- applications ---

Result<Response> ListApplications(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  ApplicationFilter filter;
  Result<std::optional<std::string>> programme = QueryText(request, "programme_id", 64);
  if (!programme.ok()) return programme.status();
  filter.programme_id = *programme;
  Result<std::optional<std::string>> household = QueryText(request, "household_id", 64);
  if (!household.ok()) return household.status();
  filter.household_id = *household;
  Result<std::optional<ApplicationState>> state =
      QueryEnum(request, "state", &ParseApplicationState);
  if (!state.ok()) return state.status();
  filter.state = *state;
  Result<ApplicationPage> page = r.applications.List(*request.principal, filter, *after, *limit);
  if (!page.ok()) return page.status();
  return ListBody(*page, EncodeApplication);
}

Result<Response> CreateApplication(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ApplicationInput> input = ReadApplicationInput(*body, true);
  if (!input.ok()) return input.status();
  Result<Application> a = r.applications.Create(*request.principal, *input);
  if (!a.ok()) return a.status();
  return Created(EncodeApplication(*a), a->version, "/api/v1/applications/" + a->id);
}

Result<Response> GetApplication(Rooms& r, Request& request) {
  Result<Application> a = r.applications.Get(*request.principal, request.PathParam("id"));
  if (!a.ok()) return a.status();
  return WithVersion(200, EncodeApplication(*a), a->version);
}

Result<Response> PatchApplication(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<ApplicationInput> input = ReadApplicationInput(*body, false);
  if (!input.ok()) return input.status();
  Result<Application> a =
      r.applications.Update(*request.principal, request.PathParam("id"), *expected, *input);
  if (!a.ok()) return a.status();
  return WithVersion(200, EncodeApplication(*a), a->version);
}

Result<Response> WithdrawApplication(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<std::string> reason = ReadWithdrawal(*body);
  if (!reason.ok()) return reason.status();
  Result<Application> a =
      r.applications.Withdraw(*request.principal, request.PathParam("id"), *expected, *reason);
  if (!a.ok()) return a.status();
  return WithVersion(200, EncodeApplication(*a), a->version);
}

Result<Response> DecideApplication(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<DecisionInput> input = ReadDecisionInput(*body);
  if (!input.ok()) return input.status();
  Result<Decision> d =
      r.decisions.Decide(*request.principal, request.PathParam("id"), *expected, *input);
  if (!d.ok()) return d.status();
  return Created(EncodeDecision(*d, TransitionsFor(*request.principal, *d)), d->version,
                 "/api/v1/decisions/" + d->id);
}

// --- decisions ---

Result<Response> ListDecisions(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  DecisionFilter filter;
  Result<std::optional<std::string>> programme = QueryText(request, "programme_id", 64);
  if (!programme.ok()) return programme.status();
  filter.programme_id = *programme;
  Result<std::optional<std::string>> household = QueryText(request, "household_id", 64);
  if (!household.ok()) return household.status();
  filter.household_id = *household;
  Result<std::optional<DecisionState>> state = QueryEnum(request, "state", &ParseDecisionState);
  if (!state.ok()) return state.status();
  filter.state = *state;
  Result<DecisionPage> page = r.decisions.List(*request.principal, filter, *after, *limit);
  if (!page.ok()) return page.status();
  const auth::Principal& who = *request.principal;
  return ListBody(*page,
                  [&](const Decision& d) { return EncodeDecision(d, TransitionsFor(who, d)); });
}

Result<Response> GetDecision(Rooms& r, Request& request) {
  Result<Decision> d = r.decisions.Get(*request.principal, request.PathParam("id"));
  if (!d.ok()) return d.status();
  return WithVersion(200, EncodeDecision(*d, TransitionsFor(*request.principal, *d)), d->version);
}

Result<Response> MoveDecision(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<DecisionTransition> move = ReadDecisionTransition(*body);
  if (!move.ok()) return move.status();
  Result<Decision> d =
      r.decisions.Move(*request.principal, request.PathParam("id"), *expected, *move);
  if (!d.ok()) return d.status();
  return WithVersion(200, EncodeDecision(*d, TransitionsFor(*request.principal, *d)), d->version);
}

// --- payments ---

Result<Response> ListPaymentLists(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  Result<std::optional<std::string>> programme = QueryText(request, "programme_id", 64);
  if (!programme.ok()) return programme.status();
  Result<PaymentListPage> page = r.payments.List(*request.principal, *programme, *after, *limit);
  if (!page.ok()) return page.status();
  return ListBody(*page, EncodePaymentList);
}

Result<Response> CreatePaymentList(Rooms& r, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<PaymentListInput> input = ReadPaymentListInput(*body);
  if (!input.ok()) return input.status();
  std::optional<core::Month> period = core::ParseMonth(input->period);
  if (!period) return Status::InvalidArgument("benefit.invalid_month", "period");
  Result<PaymentList> list =
      r.payments.Generate(*request.principal, input->programme_id, *period, input->territory_code);
  if (!list.ok()) return list.status();
  return Created(EncodePaymentList(*list), list->version, "/api/v1/payment-lists/" + list->id);
}

Result<Response> GetPaymentList(Rooms& r, Request& request) {
  Result<PaymentList> list = r.payments.Get(*request.principal, request.PathParam("id"));
  if (!list.ok()) return list.status();
  return WithVersion(200, EncodePaymentList(*list), list->version);
}

Result<Response> PaymentLinesOf(Rooms& r, Request& request, PaymentLineFilter filter) {
  Result<int> limit = http::ListLimit(request, 100, 500);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  Result<PaymentLinePage> page = r.payments.Lines(*request.principal, filter, *after, *limit);
  if (!page.ok()) return page.status();
  return ListBody(*page, EncodePaymentLine);
}

Result<Response> ListPaymentLines(Rooms& r, Request& request) {
  PaymentLineFilter filter;
  filter.list_id = request.PathParam("id");
  return PaymentLinesOf(r, request, filter);
}

Result<Response> HouseholdPayments(Rooms& r, Request& request) {
  Result<std::optional<std::string>> household = QueryText(request, "household_id", 64);
  if (!household.ok()) return household.status();
  if (!*household) return http::InvalidQuery("household_id");
  PaymentLineFilter filter;
  filter.household_id = *household;
  return PaymentLinesOf(r, request, filter);
}

Result<Response> ExportPaymentList(Rooms& r, Request& request) {
  const std::string format = request.QueryParam("format").value_or("csv");
  if (format != "csv" && format != "xlsx") return http::InvalidQuery("format");
  Result<ExportFile> file = r.payments.Export(
      *request.principal, request.PathParam("id"),
      format == "csv" ? ExportFormat::kCsv : ExportFormat::kXlsx, request.principal->language);
  if (!file.ok()) return file.status();
  return http::Download(file->content_type, file->name, std::move(file->bytes));
}

Result<Response> ConfirmPaymentList(Rooms& r, Request& request) {
  std::string type = request.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (type != "text/csv") {
    return Status::InvalidArgument("request.unsupported_media_type", "", "send text/csv");
  }
  Result<Confirmation> done =
      r.payments.Confirm(*request.principal, request.PathParam("id"), request.body);
  if (!done.ok()) return done.status();
  return Response::JsonBody(200, EncodeConfirmation(*done));
}

}  // namespace

void RegisterBenefitRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto rooms = std::make_shared<Rooms>(db);
  // Each route written out as router.Add("METHOD", "/path", ...), so that
  // tests/api/openapi_routes.test.js finds it in docs/openapi.yaml.
  auto to = [rooms](Result<Response> (*handler)(Rooms&, Request&)) {
    return [rooms, handler](Request& request) { return handler(*rooms, request); };
  };
  // Programmes are seen by who reads benefits and by who manages programmes.
  const Guard see = Guard::NeedsEither(Permission::kBenefitRead, Permission::kProgrammeManage);
  const Guard manage = Guard::Needs(Permission::kProgrammeManage);
  const Guard read = Guard::Needs(Permission::kBenefitRead);
  const Guard work = Guard::Needs(Permission::kBenefitWork);
  router.Add("GET", "/api/v1/programmes", see, to(&ListProgrammes));
  router.Add("POST", "/api/v1/programmes", manage, to(&CreateProgramme));
  router.Add("GET", "/api/v1/programmes/{id}", see, to(&GetProgramme));
  router.Add("PATCH", "/api/v1/programmes/{id}", manage, to(&PatchProgramme));
  router.Add("GET", "/api/v1/programmes/{id}/budgets", see, to(&ListBudgets));
  router.Add("PUT", "/api/v1/programmes/{id}/budgets/{period}", manage, to(&PutBudget));
  router.Add("GET", "/api/v1/programmes/{id}/eligibility", read, to(&ExplainEligibility));
  router.Add("GET", "/api/v1/programmes/{id}/preview", see, to(&PreviewProgramme));
  router.Add("GET", "/api/v1/applications", read, to(&ListApplications));
  router.Add("POST", "/api/v1/applications", work, to(&CreateApplication));
  router.Add("GET", "/api/v1/applications/{id}", read, to(&GetApplication));
  router.Add("PATCH", "/api/v1/applications/{id}", work, to(&PatchApplication));
  router.Add("POST", "/api/v1/applications/{id}/withdraw", work, to(&WithdrawApplication));
  router.Add("POST", "/api/v1/applications/{id}/decision", work, to(&DecideApplication));
  router.Add("GET", "/api/v1/decisions", read, to(&ListDecisions));
  router.Add("GET", "/api/v1/decisions/{id}", read, to(&GetDecision));
  router.Add("POST", "/api/v1/decisions/{id}/transitions", work, to(&MoveDecision));
  router.Add("GET", "/api/v1/payment-lists", read, to(&ListPaymentLists));
  router.Add("POST", "/api/v1/payment-lists", work, to(&CreatePaymentList));
  router.Add("GET", "/api/v1/payment-lists/{id}", read, to(&GetPaymentList));
  router.Add("GET", "/api/v1/payment-lists/{id}/lines", read, to(&ListPaymentLines));
  router.Add("GET", "/api/v1/payment-lists/{id}/export", work, to(&ExportPaymentList));
  router.Add("POST", "/api/v1/payment-lists/{id}/confirmation", work, to(&ConfirmPaymentList));
  router.Add("GET", "/api/v1/payments", read, to(&HouseholdPayments));
}

}  // namespace socius::benefits
