// HTTP handlers for persons: parse, authorise, call rules and repository, encode, audit.
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/ids.h"
#include "registry/repository.h"
#include "registry/routes.h"
#include "registry/rules.h"
#include "registry/search.h"
#include "registry/wire.h"
#include "text/normalize.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using http::Json;
using http::Request;
using http::Response;

namespace {

Json MaskedIdentifiers(const Person& p) {
  Json out = Json::array();
  for (const PersonIdentifier& id : p.identifiers) {
    out.push_back({{"scheme", id.scheme}, {"value", MaskIdentifier(id.value)}});
  }
  return out;
}

Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

// The fields that differ between two versions of a person, for the audit entry. Notes are
// confidential: only the fact that they changed is recorded.
Json Changes(const Person& a, const Person& b) {
  Json changes = Json::object();
  auto add = [&](const char* field, const Json& from, const Json& to) {
    if (from != to) changes[field] = {{"from", from}, {"to", to}};
  };
  // A person being created is compared with an empty one: its unset text is null, not "".
  auto text = [](const std::string& s) { return s.empty() ? Json() : Json(s); };
  auto date = [](const std::optional<core::Date>& d) { return d ? Json(d->ToString()) : Json(); };
  auto sex = [](const std::optional<Sex>& s) { return s ? Json(std::string(Name(*s))) : Json(); };
  auto degree = [](const std::optional<DisabilityDegree>& d) {
    return d ? Json(std::string(Name(*d))) : Json();
  };
  add("given_name", text(a.given_name), text(b.given_name));
  add("family_name", text(a.family_name), text(b.family_name));
  add("patronymic", OptJson(a.patronymic), OptJson(b.patronymic));
  add("birth_date", date(a.birth_date), date(b.birth_date));
  add("sex", sex(a.sex), sex(b.sex));
  add("identifiers", MaskedIdentifiers(a), MaskedIdentifiers(b));
  add("community_code", text(a.community_code), text(b.community_code));
  add("settlement_code", OptJson(a.settlement_code), OptJson(b.settlement_code));
  add("address", OptJson(a.address), OptJson(b.address));
  add("phone", OptJson(a.phone), OptJson(b.phone));
  add("languages", a.languages, b.languages);
  add("disability_degree", degree(a.disability_degree), degree(b.disability_degree));
  if (a.notes != b.notes) changes["notes"] = {{"changed", true}};
  return changes;
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action,
             const Person& person, Json detail) {
  auth::AuditEvent event;
  event.action = action;
  event.entity_type = "person";
  event.entity_id = person.id;
  event.territory_id = person.community_id;
  event.detail_json = detail.dump();
  return auth::AppendAudit(tx, &who, event);
}

void Place(Person& person, const Placement& placement) {
  person.community_id = placement.community.id;
  person.community_code = placement.community.code;
  person.community_name = placement.community.name;
  person.community_path = placement.community.path;
  person.settlement_id.reset();
  person.settlement_code.reset();
  person.settlement_name.reset();
  if (placement.settlement) {
    person.settlement_id = placement.settlement->id;
    person.settlement_code = placement.settlement->code;
    person.settlement_name = placement.settlement->name;
  }
}

Result<Response> Search(store::Database& db, const PersonIndex& index, Request& request) {
  const std::vector<std::string> scope =
      auth::ScopePaths(*request.principal, Permission::kPersonRead);
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  std::string q = request.QueryParam("q").value_or("");
  if (!text::IsValidUtf8(q)) return http::InvalidQuery("q");
  if (text::CodePointLength(q) > 200) {
    return Status::InvalidArgument("request.field_too_long", "q", "q too long").With("max", "200");
  }
  q.erase(0, q.find_first_not_of(" \t"));
  std::string after;
  if (std::optional<std::string> cursor = request.QueryParam("cursor")) {
    std::optional<std::string> decoded = http::DecodeHexCursor(*cursor, kMaxCursorBytes);
    if (!decoded) return http::InvalidQuery("cursor");
    after = *decoded;
  }
  const core::Date today = core::Today();
  Json items = Json::array();
  Json next;
  if (q.empty()) {
    PersonPage page;
    Status status = db.Read([&](store::Session& tx) -> Status {
      Result<PersonPage> listed = ListPersons(tx, scope, after, *limit);
      if (!listed.ok()) return listed.status();
      page = std::move(*listed);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    for (PersonSummary& p : page.items) {
      Json item = EncodeHit(SearchHit{std::move(p), MatchKind::kExact}, today);
      item["match"] = "list";
      items.push_back(std::move(item));
    }
    if (page.last_key) next = http::EncodeHexCursor(*page.last_key);
  } else {
    size_t offset = 0;
    if (!after.empty()) {
      if (!after.starts_with("o:")) return http::InvalidQuery("cursor");
      try {
        offset = std::stoul(after.substr(2));
      } catch (const std::exception&) {
        return http::InvalidQuery("cursor");
      }
    }
    Result<SearchPage> page = SearchPersons(db, index, q, scope, offset, *limit);
    if (!page.ok()) return page.status();
    for (const SearchHit& hit : page->items) items.push_back(EncodeHit(hit, today));
    if (page->next_offset) next = http::EncodeHexCursor("o:" + std::to_string(*page->next_offset));
  }
  return Response::JsonBody(200, Json{{"items", std::move(items)}, {"next_cursor", next}});
}

Result<Response> Get(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  const std::string id = request.PathParam("id");
  Person person;
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Person> found = FindPerson(tx, id, auth::ScopePaths(who, Permission::kPersonRead));
    if (!found.ok()) return found.status();
    person = std::move(*found);
    return Audit(tx, who, "person.read", person, Json{{"view", "record"}});
  });
  if (!status.ok()) return status;
  return http::WithEtag(Response::JsonBody(200, EncodePerson(person, core::Today())),
                        person.version);
}

Result<Response> Create(store::Database& db, PersonIndex& index, Request& request) {
  const auth::Principal& who = *request.principal;
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<PersonInput> input = ReadPersonInput(*body);
  if (!input.ok()) return input.status();
  Person person;
  SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(*input, true, core::Today(), person));
  auto code = [](const Patch<std::string>& p) { return p ? *p : std::nullopt; };
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Placement> placement =
        ResolvePlacement(tx, code(input->community_code), code(input->settlement_code), "person");
    if (!placement.ok()) return placement.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, placement->community.path));
    Place(person, *placement);
    person.id = core::NewId();
    person.created_by = who.user_id;
    SOCIUS_RETURN_IF_ERROR(InsertPerson(tx, person));
    Json detail = Changes(Person{}, person);
    return Audit(tx, who, "person.create", person, std::move(detail));
  });
  if (!status.ok()) return status;
  index.Upsert(IndexRowOf(person));
  Response response = Response::JsonBody(201, EncodePerson(person, core::Today()));
  response.Header("Location", "/api/v1/persons/" + person.id);
  return http::WithEtag(std::move(response), person.version);
}

Result<Response> Update(store::Database& db, PersonIndex& index, Request& request) {
  const auth::Principal& who = *request.principal;
  const std::string id = request.PathParam("id");
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<PersonInput> input = ReadPersonInput(*body);
  if (!input.ok()) return input.status();
  Person updated;
  bool changed = false;
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Person> current = FindPerson(tx, id, auth::ScopePaths(who, Permission::kPersonRead));
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, current->community_path));
    if (current->version != *expected) {
      return Status::Conflict("conflict.stale_version", "version",
                              "person is at version " + std::to_string(current->version));
    }
    updated = *current;
    SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(*input, false, core::Today(), updated));
    if (input->community_code || input->settlement_code) {
      std::optional<std::string> community =
          input->community_code ? *input->community_code
          : (input->settlement_code && *input->settlement_code)
              ? std::nullopt
              : std::optional<std::string>(current->community_code);
      std::optional<std::string> settlement = input->settlement_code ? *input->settlement_code
                                              : community != current->community_code
                                                  ? std::nullopt
                                                  : current->settlement_code;
      Result<Placement> placement = ResolvePlacement(tx, community, settlement, "person");
      if (!placement.ok()) return placement.status();
      SOCIUS_RETURN_IF_ERROR(
          auth::Require(who, Permission::kPersonWrite, placement->community.path));
      Place(updated, *placement);
      // A household lives in one community: its members must leave it before they move, or
      // the household would show them to workers who may no longer see them.
      if (updated.community_id != current->community_id && current->household_id) {
        return Status::Conflict("person.moving_household_member", "community_code",
                                "person is a member of household " + *current->household_id);
      }
    }
    Json changes = Changes(*current, updated);
    if (changes.empty()) return Status::Ok();
    changed = true;
    SOCIUS_RETURN_IF_ERROR(UpdatePerson(tx, updated, *expected));
    return Audit(tx, who, "person.update", updated, Json{{"changes", std::move(changes)}});
  });
  if (!status.ok()) return status;
  if (changed) index.Upsert(IndexRowOf(updated));
  return http::WithEtag(Response::JsonBody(200, EncodePerson(updated, core::Today())),
                        updated.version);
}

Json EncodeAudit(const auth::AuditEntry& e) {
  Json detail = Json::parse(e.detail_json, nullptr, false);
  if (detail.is_discarded()) detail = Json::object();
  return Json{{"seq", e.seq},
              {"at", e.at},
              {"actor_id", OptJson(e.actor_id)},
              {"actor_username", OptJson(e.actor_username)},
              {"action", e.action},
              {"entity_type", e.entity_type},
              {"entity_id", OptJson(e.entity_id)},
              {"territory_code", OptJson(e.territory_code)},
              {"detail", std::move(detail)},
              {"hash", e.hash}};
}

Result<Response> History(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  const std::string id = request.PathParam("id");
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  auth::AuditQuery query;
  query.installation_wide = true;  // the person's visibility is checked instead
  query.entity_type = "person";
  query.entity_id = id;
  query.limit = *limit + 1;
  if (std::optional<std::string> cursor = request.QueryParam("cursor")) {
    std::optional<std::string> decoded = http::DecodeHexCursor(*cursor, kMaxCursorBytes);
    try {
      query.before_seq = decoded ? std::stoll(*decoded) : 0;
    } catch (const std::exception&) {
      query.before_seq = 0;
    }
    if (query.before_seq <= 0) return http::InvalidQuery("cursor");
  }
  std::vector<auth::AuditEntry> entries;
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Person> found = FindPerson(tx, id, auth::ScopePaths(who, Permission::kPersonRead));
    if (!found.ok()) return found.status();
    Result<std::vector<auth::AuditEntry>> listed = auth::ListAudit(tx, query);
    if (!listed.ok()) return listed.status();
    entries = std::move(*listed);
    return Audit(tx, who, "person.read", *found, Json{{"view", "history"}});
  });
  if (!status.ok()) return status;
  Json items = Json::array();
  Json next;
  for (size_t i = 0; i < entries.size() && i < static_cast<size_t>(*limit); ++i) {
    items.push_back(EncodeAudit(entries[i]));
    if (i + 1 == static_cast<size_t>(*limit) && entries.size() > i + 1) {
      next = http::EncodeHexCursor(std::to_string(entries[i].seq));
    }
  }
  return Response::JsonBody(200, Json{{"items", std::move(items)}, {"next_cursor", next}});
}

}  // namespace

void RegisterRegistryRoutes(http::Router& router, store::Database& db, PersonIndex& index) {
  using http::Guard;
  router.Add("GET", "/api/v1/persons", Guard::Needs(Permission::kPersonRead),
             [&db, &index](Request& r) { return Search(db, index, r); });
  router.Add("POST", "/api/v1/persons", Guard::Needs(Permission::kPersonWrite),
             [&db, &index](Request& r) { return Create(db, index, r); });
  router.Add("GET", "/api/v1/persons/{id}", Guard::Needs(Permission::kPersonRead),
             [&db](Request& r) { return Get(db, r); });
  router.Add("PATCH", "/api/v1/persons/{id}", Guard::Needs(Permission::kPersonWrite),
             [&db, &index](Request& r) { return Update(db, index, r); });
  router.Add("GET", "/api/v1/persons/{id}/history", Guard::Needs(Permission::kPersonRead),
             [&db](Request& r) { return History(db, r); });
  RegisterHouseholdRoutes(router, db);
}

}  // namespace socius::registry
