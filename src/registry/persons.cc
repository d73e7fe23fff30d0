#include "registry/persons.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "auth/permissions.h"
#include "core/ids.h"
#include "registry/repository.h"
#include "registry/rules.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

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
             const Person& person, const Json& detail) {
  auth::AuditEvent event;
  event.action = action;
  event.entity_type = "person";
  event.entity_id = person.id;
  event.territory_id = person.community_id;
  event.detail_json = detail.dump();
  return auth::AppendAudit(tx, &who, event);
}

Status InvalidCursor() {
  return Status::InvalidArgument("request.invalid_query", "cursor", "not one of our cursors")
      .With("name", "cursor");
}

Scope ReadScope(const auth::Principal& who) {
  return auth::ScopePaths(who, Permission::kPersonRead);
}

}  // namespace

Result<PersonHits> Persons::Find(const auth::Principal& who, const std::string& q,
                                 const std::string& after, int limit) {
  const Scope scope = ReadScope(who);
  PersonHits hits;
  if (q.empty()) {
    hits.listed = true;
    PersonPage page;
    Status status = db_.Read([&](store::Session& tx) -> Status {
      Result<PersonPage> listed = ListPersons(tx, scope, after, limit);
      if (!listed.ok()) return listed.status();
      page = std::move(*listed);
      return Status::Ok();
    });
    if (!status.ok()) return status;
    for (PersonSummary& p : page.items) {
      hits.items.push_back(SearchHit{std::move(p), MatchKind::kExact});
    }
    hits.next = std::move(page.last_key);
    return hits;
  }
  // A search pages by position in its ranking: "o:<offset>".
  size_t offset = 0;
  if (!after.empty()) {
    if (!after.starts_with("o:")) return InvalidCursor();
    try {
      offset = std::stoul(after.substr(2));
    } catch (const std::exception&) {
      return InvalidCursor();
    }
  }
  Result<SearchPage> page =
      SearchPersons(db_, index_, q, scope, offset, static_cast<size_t>(limit));
  if (!page.ok()) return page.status();
  hits.items = std::move(page->items);
  if (page->next_offset) hits.next = "o:" + std::to_string(*page->next_offset);
  return hits;
}

Result<Person> Persons::Get(const auth::Principal& who, const std::string& id) {
  Person person;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Person> found = FindPerson(tx, id, ReadScope(who));
    if (!found.ok()) return found.status();
    person = std::move(*found);
    return Audit(tx, who, "person.read", person, Json{{"view", "record"}});
  });
  if (!status.ok()) return status;
  return person;
}

Result<Person> Persons::Create(const auth::Principal& who, const PersonInput& input) {
  Person person;
  SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(input, /*creating=*/true, core::Today(), person));
  const PlacementCodes codes = PlacementCodesOfNewPerson(input);
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Placement> placement =
        ResolvePlacement(tx, codes.community_code, codes.settlement_code, "person");
    if (!placement.ok()) return placement.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, placement->community.path));
    PlacePerson(person, *placement);
    person.id = core::NewId();
    person.created_by = who.user_id;
    SOCIUS_RETURN_IF_ERROR(InsertPerson(tx, person));
    return Audit(tx, who, "person.create", person, Changes(Person{}, person));
  });
  if (!status.ok()) return status;
  index_.Upsert(IndexRowOf(person));
  return person;
}

Result<Person> Persons::Update(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const PersonInput& input) {
  Person updated;
  bool changed = false;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Person> current = FindPerson(tx, id, ReadScope(who));
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonWrite, current->community_path));
    if (current->version != expected_version) {
      return Status::Conflict("conflict.stale_version", "version",
                              "person is at version " + std::to_string(current->version));
    }
    updated = *current;
    SOCIUS_RETURN_IF_ERROR(ApplyPersonInput(input, /*creating=*/false, core::Today(), updated));
    if (input.community_code || input.settlement_code) {
      const PlacementCodes codes = PlacementCodesOfChangedPerson(*current, input);
      Result<Placement> placement =
          ResolvePlacement(tx, codes.community_code, codes.settlement_code, "person");
      if (!placement.ok()) return placement.status();
      SOCIUS_RETURN_IF_ERROR(
          auth::Require(who, Permission::kPersonWrite, placement->community.path));
      PlacePerson(updated, *placement);
      SOCIUS_RETURN_IF_ERROR(CheckMoveOutOfHousehold(*current, updated));
    }
    Json changes = Changes(*current, updated);
    if (changes.empty()) return Status::Ok();
    changed = true;
    SOCIUS_RETURN_IF_ERROR(UpdatePerson(tx, updated, expected_version));
    return Audit(tx, who, "person.update", updated, Json{{"changes", std::move(changes)}});
  });
  if (!status.ok()) return status;
  if (changed) index_.Upsert(IndexRowOf(updated));
  return updated;
}

Result<PersonHistoryPage> Persons::History(const auth::Principal& who, const std::string& id,
                                           int64_t before_seq, int limit) {
  auth::AuditQuery query;
  query.installation_wide = true;  // the person's visibility is checked instead
  query.entity_type = "person";
  query.entity_id = id;
  query.before_seq = before_seq;
  query.limit = limit + 1;  // one more tells whether there is a next page
  PersonHistoryPage page;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Person> found = FindPerson(tx, id, ReadScope(who));
    if (!found.ok()) return found.status();
    Result<std::vector<auth::AuditEntry>> listed = auth::ListAudit(tx, query);
    if (!listed.ok()) return listed.status();
    page.items = std::move(*listed);
    return Audit(tx, who, "person.read", *found, Json{{"view", "history"}});
  });
  if (!status.ok()) return status;
  if (page.items.size() > static_cast<size_t>(limit)) {
    page.items.resize(static_cast<size_t>(limit));
    page.next_before_seq = page.items.back().seq;
  }
  return page;
}

}  // namespace socius::registry
