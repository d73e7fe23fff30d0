// HTTP handlers for the large-family card as officers use it: parse, call cards.h, encode.
#include "benefits/card_routes.h"

#include <memory>
#include <utility>

#include "auth/permissions.h"
#include "benefits/card_wire.h"
#include "benefits/cards.h"
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
using Json = nlohmann::json;

namespace {

constexpr size_t kMaxCursorBytes = 512;

Response WithVersion(int status, Json body, int64_t version) {
  return http::WithEtag(Response::JsonBody(status, std::move(body)), version);
}

Result<Response> IssueCard(Cards& cards, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<CardInput> input = ReadCardInput(*body);
  if (!input.ok()) return input.status();
  Result<BenefitCard> k = cards.Issue(*request.principal, *input);
  if (!k.ok()) return k.status();
  Response response = WithVersion(201, EncodeCard(*k), k->version);
  response.Header("Location", "/api/v1/cards/" + k->id);
  return response;
}

Result<Response> ListCards(Cards& cards, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  CardFilter filter;
  Result<std::optional<std::string>> household = QueryText(request, "household_id", 64);
  if (!household.ok()) return household.status();
  filter.household_id = *household;
  Result<std::optional<std::string>> programme = QueryText(request, "programme_id", 64);
  if (!programme.ok()) return programme.status();
  filter.programme_id = *programme;
  Result<std::optional<CardState>> state = QueryEnum(request, "state", &ParseCardState);
  if (!state.ok()) return state.status();
  filter.state = *state;
  Result<CardPage> page = cards.List(*request.principal, filter, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const BenefitCard& k : page->items) items.push_back(EncodeCard(k));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)}, {"next_cursor", http::NextCursorJson(page->next)}});
}

Result<Response> GetCard(Cards& cards, Request& request) {
  Result<BenefitCard> k = cards.Get(*request.principal, request.PathParam("id"));
  if (!k.ok()) return k.status();
  return WithVersion(200, EncodeCard(*k), k->version);
}

Result<Response> RevokeCard(Cards& cards, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<std::string> reason = ReadRevocation(*body);
  if (!reason.ok()) return reason.status();
  Result<BenefitCard> k =
      cards.Revoke(*request.principal, request.PathParam("id"), *expected, *reason);
  if (!k.ok()) return k.status();
  return WithVersion(200, EncodeCard(*k), k->version);
}

Result<Response> PrintCard(Cards& cards, Request& request) {
  CardSheet sheet = CardSheet::kCardSize;
  if (std::optional<std::string> layout = request.QueryParam("layout")) {
    if (*layout == "a4") {
      sheet = CardSheet::kA4WithCutMarks;
    } else if (*layout != "card") {
      return http::InvalidQuery("layout");
    }
  }
  // The labels in the officer's own language, whatever the browser asks for.
  const std::string& language =
      request.principal->language.empty() ? request.language : request.principal->language;
  Result<PrintedCard> printed =
      cards.Print(*request.principal, request.PathParam("id"), sheet, language);
  if (!printed.ok()) return printed.status();
  // The number is ASCII letters, digits and dashes: safe in the header as it is.
  return http::Download("application/pdf", "card-" + printed->number + ".pdf",
                        std::move(printed->pdf));
}

}  // namespace

void RegisterCardRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto cards = std::make_shared<Cards>(db);
  // Each route written out as router.Add("METHOD", "/path", ...), so that
  // tests/api/openapi_routes.test.js finds it in docs/openapi.yaml.
  auto to = [cards](Result<Response> (*handler)(Cards&, Request&)) {
    return [cards, handler](Request& request) { return handler(*cards, request); };
  };
  const Guard read = Guard::Needs(Permission::kBenefitRead);
  const Guard work = Guard::Needs(Permission::kBenefitWork);
  router.Add("POST", "/api/v1/cards", work, to(&IssueCard));
  router.Add("GET", "/api/v1/cards", read, to(&ListCards));
  router.Add("GET", "/api/v1/cards/{id}", read, to(&GetCard));
  router.Add("POST", "/api/v1/cards/{id}/revoke", work, to(&RevokeCard));
  router.Add("GET", "/api/v1/cards/{id}/pdf", read, to(&PrintCard));
  RegisterPublicCardRoutes(router, db);
}

}  // namespace socius::benefits
