// HTTP handlers of the deduplication room: parse, call dedup.h, encode.
#include "dedup/routes.h"

#include <string>
#include <utility>

#include "auth/permissions.h"
#include "core/ids.h"
#include "dedup/wire.h"
#include "http/json_read.h"

namespace socius::dedup {

using auth::Permission;
using core::Result;
using core::Status;
using http::Json;
using http::QueryText;
using http::Request;
using http::Response;

namespace {

constexpr size_t kMaxCursorBytes = 256;

Result<Response> ListPairs(Deduplication& dedup, Request& request) {
  PairListRequest in;
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  in.territory_code = *territory;
  Result<std::optional<PairStatus>> status = http::QueryEnum(request, "status", &ParsePairStatus);
  if (!status.ok()) return status.status();
  if (*status) in.status = **status;
  Result<std::optional<std::string>> min = QueryText(request, "min_probability", 32);
  if (!min.ok()) return min.status();
  if (*min) {
    try {
      size_t used = 0;
      in.min_probability = std::stod(**min, &used);
      if (used != (*min)->size() || !(in.min_probability >= 0 && in.min_probability <= 1)) {
        return http::InvalidQuery("min_probability");
      }
    } catch (...) {
      return http::InvalidQuery("min_probability");
    }
  }
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  in.limit = *limit;
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  in.after = *after;
  Result<PairPage> page = dedup.ListPairs(*request.principal, in);
  if (!page.ok()) {
    return page.status().field() == "cursor" ? http::InvalidQuery("cursor") : page.status();
  }
  const core::Date today = core::Today();
  Json items = Json::array();
  for (const DuplicatePair& p : page->items) items.push_back(EncodePair(p, today));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)}, {"next_cursor", http::NextCursorJson(page->next)}});
}

Status CheckId(const std::string& id, const char* code) {
  if (!core::LooksLikeId(id)) return Status::NotFound(code, "no such record");
  return Status::Ok();
}

Result<Response> GetPair(Deduplication& dedup, Request& request) {
  const std::string id = request.PathParam("id");
  SOCIUS_RETURN_IF_ERROR(CheckId(id, "duplicate.not_found"));
  Result<PairDetail> detail = dedup.GetPair(*request.principal, id);
  if (!detail.ok()) return detail.status();
  Response response = http::WithEtag(
      Response::JsonBody(200, EncodePairDetail(*detail, core::Today())), detail->pair.version);
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> DecidePair(Deduplication& dedup, Request& request, PairStatus next) {
  const std::string id = request.PathParam("id");
  SOCIUS_RETURN_IF_ERROR(CheckId(id, "duplicate.not_found"));
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  if (!body->is_object()) return Status::InvalidArgument("request.wrong_type", "", "an object");
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"version"}));
  Result<std::optional<int64_t>> version = fields.OptionalInt("version");
  if (!version.ok()) return version.status();
  if (!*version) return Status::InvalidArgument("request.missing_field", "version", "required");
  Result<DuplicatePair> pair = dedup.Decide(*request.principal, id, **version, next);
  if (!pair.ok()) return pair.status();
  return http::WithEtag(Response::JsonBody(200, EncodePair(*pair, core::Today())), pair->version);
}

Result<Response> NotSame(Deduplication& dedup, Request& request) {
  return DecidePair(dedup, request, PairStatus::kNotSame);
}

Result<Response> Reopen(Deduplication& dedup, Request& request) {
  return DecidePair(dedup, request, PairStatus::kOpen);
}

Result<Response> CreateMerge(Deduplication& dedup, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<MergeRequest> in = ReadMergeRequest(*body);
  if (!in.ok()) return in.status();
  Result<MergeResult> done = dedup.MergePersons(*request.principal, *in);
  if (!done.ok()) return done.status();
  Response response =
      http::WithEtag(Response::JsonBody(201, EncodeMerge(done->merge)), done->merge.version);
  response.Header("Location", "/api/v1/merges/" + done->merge.id);
  return response;
}

Result<Response> ListMerges(Deduplication& dedup, Request& request) {
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  Result<MergePage> page = dedup.ListMerges(*request.principal, *territory, *after, *limit);
  if (!page.ok()) {
    return page.status().field() == "cursor" ? http::InvalidQuery("cursor") : page.status();
  }
  Json items = Json::array();
  for (const Merge& m : page->items) items.push_back(EncodeMerge(m));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)}, {"next_cursor", http::NextCursorJson(page->next)}});
}

Result<Response> GetMerge(Deduplication& dedup, Request& request) {
  const std::string id = request.PathParam("id");
  SOCIUS_RETURN_IF_ERROR(CheckId(id, "merge.not_found"));
  Result<Merge> merge = dedup.GetMerge(*request.principal, id);
  if (!merge.ok()) return merge.status();
  return http::WithEtag(Response::JsonBody(200, EncodeMerge(*merge)), merge->version);
}

Result<Response> UndoMerge(Deduplication& dedup, Request& request) {
  const std::string id = request.PathParam("id");
  SOCIUS_RETURN_IF_ERROR(CheckId(id, "merge.not_found"));
  Result<int64_t> version = http::RequiredIfMatch(request);
  if (!version.ok()) return version.status();
  Result<Merge> merge = dedup.Undo(*request.principal, id, *version);
  if (!merge.ok()) return merge.status();
  return http::WithEtag(Response::JsonBody(200, EncodeMerge(*merge)), merge->version);
}

Result<Response> StartRun(Deduplication& dedup, Request& request) {
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  if (!body->is_object()) return Status::InvalidArgument("request.wrong_type", "", "an object");
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"territory_code"}));
  Result<std::string> code = fields.RequiredString("territory_code", 64);
  if (!code.ok()) return code.status();
  Result<SearchRun> run = dedup.StartRun(*request.principal, *code);
  if (!run.ok()) return run.status();
  Response response = Response::JsonBody(202, EncodeRun(*run));
  response.Header("Location", "/api/v1/duplicates/runs/" + run->id);
  return response;
}

Result<Response> ListRuns(Deduplication& dedup, Request& request) {
  Result<std::optional<std::string>> territory = QueryText(request, "territory", 64);
  if (!territory.ok()) return territory.status();
  Result<std::vector<SearchRun>> runs = dedup.ListRuns(*request.principal, *territory);
  if (!runs.ok()) return runs.status();
  Json items = Json::array();
  for (const SearchRun& r : *runs) items.push_back(EncodeRun(r));
  Response response = Response::JsonBody(200, Json{{"items", std::move(items)}});
  response.Header("Cache-Control", "no-store");
  return response;
}

Result<Response> GetRun(Deduplication& dedup, Request& request) {
  const std::string id = request.PathParam("id");
  SOCIUS_RETURN_IF_ERROR(CheckId(id, "dedup.run_not_found"));
  Result<SearchRun> run = dedup.GetRun(*request.principal, id);
  if (!run.ok()) return run.status();
  Response response = Response::JsonBody(200, EncodeRun(*run));
  response.Header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void RegisterDedupRoutes(http::Router& router, Deduplication& dedup) {
  using http::Guard;
  auto to = [&dedup](Result<Response> (*handler)(Deduplication&, Request&)) {
    return [&dedup, handler](Request& request) { return handler(dedup, request); };
  };
  // Each route written out as router.Add("METHOD", "/path", ...), so that
  // tests/api/openapi_routes.test.js finds it in docs/openapi.yaml.
  const Guard merge = Guard::Needs(Permission::kPersonMerge);
  const Guard run = Guard::Needs(Permission::kDedupRun);
  router.Add("GET", "/api/v1/duplicates", merge, to(&ListPairs));
  router.Add("GET", "/api/v1/duplicates/runs", merge, to(&ListRuns));
  router.Add("POST", "/api/v1/duplicates/runs", run, to(&StartRun));
  router.Add("GET", "/api/v1/duplicates/runs/{id}", merge, to(&GetRun));
  router.Add("GET", "/api/v1/duplicates/{id}", merge, to(&GetPair));
  router.Add("POST", "/api/v1/duplicates/{id}/not-same", merge, to(&NotSame));
  router.Add("POST", "/api/v1/duplicates/{id}/reopen", merge, to(&Reopen));
  router.Add("GET", "/api/v1/merges", merge, to(&ListMerges));
  router.Add("POST", "/api/v1/merges", merge, to(&CreateMerge));
  router.Add("GET", "/api/v1/merges/{id}", merge, to(&GetMerge));
  router.Add("POST", "/api/v1/merges/{id}/undo", merge, to(&UndoMerge));
}

}  // namespace socius::dedup
