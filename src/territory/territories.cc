#include "territory/territories.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/ids.h"
#include "territory/rules.h"

namespace socius::territory {

using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

Status NotFound(const std::string& code) {
  return Status::NotFound("territory.not_found", "no visible territory " + code).With("code", code);
}

// The territory at `code` if the caller may read it. The installation root only for callers
// whose scope is the whole installation.
Result<Territory> FindVisible(store::Session& tx, const auth::Principal& who,
                              const std::string& code) {
  const std::vector<std::string> scope = auth::ScopePaths(who, auth::Permission::kTerritoryRead);
  Result<Territory> found = FindByCode(tx, code);
  if (!found.ok()) {
    return found.status().code() == "territory.not_found" ? NotFound(code) : found.status();
  }
  const bool visible = code == kInstallationRootCode
                           ? auth::InstallationWide(who, auth::Permission::kTerritoryRead)
                           : InScope(found->path, scope);
  if (!visible) return NotFound(code);
  return found;
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action, const Territory& t,
             const Json& detail) {
  return auth::AppendAudit(tx, &who, {action, "territory", t.id, t.id, detail.dump()});
}

Json OptJson(const std::optional<std::string>& text) { return text ? Json(*text) : Json(); }

}  // namespace

Result<TerritoryPage> Territories::List(const auth::Principal& who,
                                        const TerritoryListRequest& request) {
  ListQuery query;
  query.scope_paths = auth::ScopePaths(who, auth::Permission::kTerritoryRead);
  query.search = request.search;
  query.level = request.level;
  query.after_code = request.after_code;
  query.limit = request.limit;
  TerritoryPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    if (request.parent_code && *request.parent_code != "root") {
      Result<Territory> parent = FindVisible(tx, who, *request.parent_code);
      if (!parent.ok()) return parent.status();
      if (query.search.empty()) {
        query.parent_id = parent->id;
      } else {
        query.within_path = parent->path;
      }
    }
    Result<TerritoryPage> listed = ListTerritories(tx, query);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Territory> Territories::Get(const auth::Principal& who, const std::string& code) {
  Territory territory;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Territory> found = FindVisible(tx, who, code);
    if (!found.ok()) return found.status();
    territory = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return territory;
}

Result<Territory> Territories::Create(const auth::Principal& who, const NewTerritory& draft) {
  SOCIUS_RETURN_IF_ERROR(CheckCodeShape(draft.code));
  Result<std::string> name = CleanName(draft.name, "name");
  if (!name.ok()) return name.status();
  Result<std::optional<std::string>> name_latin =
      CleanOptionalName(draft.name_latin.value_or(""), "name_latin");
  if (!name_latin.ok()) return name_latin.status();

  Territory created;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    std::optional<Territory> parent;
    if (draft.parent_code) {
      Result<Territory> found = FindVisible(tx, who, *draft.parent_code);
      if (!found.ok()) {
        if (found.status().kind() != core::StatusKind::kNotFound) return found.status();
        return Status::NotFound("territory.parent_not_found",
                                "no visible territory " + *draft.parent_code)
            .With("code", *draft.parent_code);
      }
      parent = std::move(*found);
      if (parent->code == kInstallationRootCode) parent.reset();  // a country under ROOT
    }
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, auth::Permission::kTerritoryWrite,
                                         parent ? std::string_view(parent->path) : "/"));
    SOCIUS_RETURN_IF_ERROR(
        CheckLevelUnder(draft.level, parent ? std::optional<Level>(parent->level) : std::nullopt));
    SOCIUS_RETURN_IF_ERROR(CheckCodeUnder(
        draft.code, parent ? std::optional<std::string>(parent->code) : std::nullopt));
    Territory t;
    t.id = core::NewId();
    t.code = draft.code;
    t.name = *name;
    t.name_latin = *name_latin;
    t.level = draft.level;
    if (parent) {
      t.parent_id = parent->id;
      t.parent_code = parent->code;
    }
    t.path = PathOf(parent ? parent->path : "", t.code);
    if (t.level == Level::kCommunity) {
      t.community_id = t.id;
    } else if (parent && t.level > Level::kCommunity) {
      t.community_id = parent->community_id;
    }
    SOCIUS_RETURN_IF_ERROR(InsertTerritory(tx, t));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "territory.create", t,
                                 Json{{"code", t.code},
                                      {"name", t.name},
                                      {"level", std::string(Name(t.level))},
                                      {"parent_code", OptJson(t.parent_code)}}));
    Result<Territory> stored = FindByCode(tx, t.code);
    if (!stored.ok()) return stored.status();
    created = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return created;
}

Result<Territory> Territories::Rename(const auth::Principal& who, const std::string& code,
                                      int64_t expected_version, const TerritoryNames& change) {
  std::optional<std::string> name;
  if (change.name) {
    Result<std::string> cleaned = CleanName(*change.name, "name");
    if (!cleaned.ok()) return cleaned.status();
    name = std::move(*cleaned);
  }
  std::optional<std::string> name_latin;
  if (change.name_latin) {
    Result<std::optional<std::string>> cleaned =
        CleanOptionalName(*change.name_latin, "name_latin");
    if (!cleaned.ok()) return cleaned.status();
    name_latin = std::move(*cleaned);
  }

  Territory updated;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Territory> current = FindVisible(tx, who, code);
    if (!current.ok()) return current.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, auth::Permission::kTerritoryWrite, current->path));
    if (current->version != expected_version) {
      return Status::Conflict(
          "conflict.stale_version", "version",
          "territory " + code + " is at version " + std::to_string(current->version));
    }
    const std::string new_name = name.value_or(current->name);
    const std::optional<std::string> new_latin =
        change.name_latin_given ? name_latin : current->name_latin;
    if (new_name == current->name && new_latin == current->name_latin) {
      updated = std::move(*current);
      return Status::Ok();
    }
    Json detail = Json::object();
    if (new_name != current->name) detail["name"] = {{"from", current->name}, {"to", new_name}};
    if (new_latin != current->name_latin) {
      detail["name_latin"] = {{"from", OptJson(current->name_latin)}, {"to", OptJson(new_latin)}};
    }
    Result<Territory> saved = UpdateTerritoryNames(tx, code, expected_version, new_name, new_latin);
    if (!saved.ok()) return saved.status();
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "territory.update", *saved, detail));
    updated = std::move(*saved);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return updated;
}

}  // namespace socius::territory
