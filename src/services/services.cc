#include "services/services.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "auth/repository.h"
#include "cases/cases.h"
#include "core/ids.h"
#include "registry/subjects.h"
#include "services/directory.h"
#include "services/rules.h"
#include "text/collation.h"

namespace socius::services {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

// The providers the caller works for as staff: a membership, and provider.work over the
// provider's territory (a role withdrawn ends the access at once, whatever the membership).
Result<std::vector<std::string>> StaffProviders(store::Session& tx, const auth::Principal& who) {
  std::vector<std::string> ids;
  if (!auth::AllowsAnywhere(who, Permission::kProviderWork)) return ids;
  Result<std::vector<StaffPost>> posts = StaffPostsOf(tx, who.user_id);
  if (!posts.ok()) return posts.status();
  for (const StaffPost& post : *posts) {
    if (auth::Allows(who, Permission::kProviderWork, post.territory_path)) {
      ids.push_back(post.provider_id);
    }
  }
  return ids;
}

bool WorksFor(const std::vector<std::string>& provider_ids, const std::string& provider_id) {
  return std::find(provider_ids.begin(), provider_ids.end(), provider_id) != provider_ids.end();
}

// What the caller may see of the catalogue, without the providers they work for.
Visibility Reach(const auth::Principal& who) {
  return VisibilityOf(auth::ScopePaths(who, Permission::kServiceRead));
}

// What the caller may see of the catalogue: their service.read reach, and the providers they
// work for as staff with their services.
Result<Visibility> ReachIn(store::Session& tx, const auth::Principal& who) {
  Visibility v = Reach(who);
  Result<std::vector<std::string>> staff = StaffProviders(tx, who);
  if (!staff.ok()) return staff.status();
  v.provider_ids = std::move(*staff);
  return v;
}

// The country of a territory path: '/RO/RO:10/' → 'RO'.
std::string CountryOf(const std::string& path) {
  const size_t end = path.find('/', 1);
  return end == std::string::npos ? std::string() : path.substr(1, end - 1);
}

// The provider or service with `id` when the caller's catalogue reaches its territory;
// otherwise NotFound(`missing`), exactly as if it did not exist.
template <typename Record>
Result<Record> Reachable(store::Session& tx, const auth::Principal& who, const std::string& id,
                         Result<Record> (*find)(store::Session&, const std::string&),
                         const char* missing) {
  if (!core::LooksLikeId(id)) return Status::NotFound(missing);
  Result<Record> found = find(tx, id);
  if (found.ok()) {
    Result<Visibility> visible = ReachIn(tx, who);
    if (!visible.ok()) return visible.status();
    if (Visible(*visible, *found)) return found;
  }
  if (!found.ok() && found.status().kind() != core::StatusKind::kNotFound) return found.status();
  return Status::NotFound(missing);
}

// The path of the territory a list is narrowed to: one the caller's catalogue reaches, or
// one in their provider.work scope (a provider's staff narrowing to their community); else
// NotFound("territory.not_found").
Result<std::string> ListedTerritoryPath(store::Session& tx, const auth::Principal& who,
                                        const Visibility& visible, const std::string& code) {
  Result<Place> place = FindPlace(tx, code);
  if (!place.ok() || (!Visible(visible, place->path) &&
                      !auth::Allows(who, Permission::kProviderWork, place->path))) {
    return Status::NotFound("territory.not_found").With("code", code);
  }
  return place->path;
}

// A territory the caller may place a provider or a service in: visible (else NotFound, as
// missing) and managed (else PermissionDenied).
Result<Place> ManagedPlace(store::Session& tx, const auth::Principal& who,
                           const std::string& code) {
  Result<Place> place = FindPlace(tx, code);
  if (!place.ok() || !Visible(Reach(who), place->path)) {
    return Status::NotFound("territory.not_found").With("code", code);
  }
  SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kServiceManage, place->path));
  return place;
}

template <typename T>
void ApplyPatch(const Patch<T>& patch, std::optional<T>& field, Json& changed, const char* name) {
  if (!patch || *patch == field) return;
  field = *patch;
  changed.push_back(name);
}

template <typename T>
void ApplyValue(const std::optional<T>& value, T& field, Json& changed, const char* name) {
  if (!value || *value == field) return;
  field = *value;
  changed.push_back(name);
}

Json ApplyProvider(const ProviderInput& in, Provider& p) {
  Json changed = Json::array();
  ApplyValue(in.name, p.name, changed, "name");
  ApplyValue(in.kind, p.kind, changed, "kind");
  ApplyPatch(in.legal_id, p.legal_id, changed, "legal_id");
  ApplyPatch(in.address, p.address, changed, "address");
  ApplyPatch(in.phone, p.phone, changed, "phone");
  ApplyPatch(in.email, p.email, changed, "email");
  ApplyPatch(in.website, p.website, changed, "website");
  return changed;
}

Status DuplicateLegalIdAs(Status status) {
  if (status.code() == "store.unique_violation") {
    return Status::Conflict("provider.duplicate_legal_id", "legal_id");
  }
  return status;
}

// The settlements a service serves, by code: each an existing community or settlement of
// the service's country that the caller manages services over (a manager never lists their
// service on another community's public page).
// InvalidArgument("service.settlement_not_found", "settlement_codes").
Result<std::vector<Place>> SettlementsOf(store::Session& tx, const auth::Principal& who,
                                         const std::vector<std::string>& codes,
                                         const std::string& country) {
  std::vector<Place> out;
  for (const std::string& code : codes) {
    Result<Place> place = FindPlace(tx, code);
    if (!place.ok() && place.status().code() != "territory.not_found") return place.status();
    if (!place.ok() || CountryOf(place->path) != country ||
        (place->level != "community" && place->level != "settlement") ||
        !auth::Allows(who, Permission::kServiceManage, place->path)) {
      return Status::InvalidArgument("service.settlement_not_found", "settlement_codes")
          .With("code", code);
    }
    bool known = false;
    for (const Place& p : out) known = known || p.id == place->id;
    if (!known) out.push_back(std::move(*place));
  }
  return out;
}

Result<Json> ApplyService(store::Session& tx, const auth::Principal& who, const ServiceInput& in,
                          Service& s) {
  Json changed = Json::array();
  ApplyValue(in.name, s.name, changed, "name");
  ApplyValue(in.type, s.type, changed, "type");
  ApplyPatch(in.description, s.description, changed, "description");
  ApplyPatch(in.licence_number, s.licence_number, changed, "licence_number");
  ApplyPatch(in.licence_valid_until, s.licence_valid_until, changed, "licence_valid_until");
  ApplyPatch(in.address, s.address, changed, "address");
  if (in.settlement_codes) {
    Result<std::vector<Place>> places =
        SettlementsOf(tx, who, *in.settlement_codes, CountryOf(s.territory.path));
    if (!places.ok()) return places.status();
    std::vector<std::string> before;
    std::vector<std::string> after;
    for (const Place& p : s.settlements) before.push_back(p.id);
    for (const Place& p : *places) after.push_back(p.id);
    if (before != after) changed.push_back("settlement_codes");
    s.settlements = std::move(*places);
  }
  ApplyValue(in.target_groups, s.target_groups, changed, "target_groups");
  ApplyPatch(in.opening_hours, s.opening_hours, changed, "opening_hours");
  ApplyValue(in.languages, s.languages, changed, "languages");
  ApplyValue(in.capacity, s.capacity, changed, "capacity");
  ApplyValue(in.free, s.free, changed, "free");
  ApplyPatch(in.price, s.price, changed, "price");
  ApplyPatch(in.how_to_apply, s.how_to_apply, changed, "how_to_apply");
  ApplyPatch(in.phone, s.phone, changed, "phone");
  ApplyPatch(in.email, s.email, changed, "email");
  ApplyValue(in.active, s.active, changed, "active");
  if (s.free) s.price.reset();
  return changed;
}

// Whether the caller works with the enrolment's person's community, or runs its service.
bool WorksWith(const auth::Principal& who, const Enrolment& e) {
  return auth::Allows(who, Permission::kEnrolmentWork, e.community_path) ||
         auth::Allows(who, Permission::kServiceManage, e.service_path);
}

// What a provider's staff are shown of an enrolment: the person and what the service needs to
// know (`note`), never the case nor what the social workers wrote about the person's situation.
void StaffView(Enrolment& e) {
  e.seen_as_staff = true;
  e.case_id.reset();
  e.outside_area_reason.reset();
  e.end_reason.reset();
}

// Marks each enrolment the caller sees only as a provider's staff (dropping the withdrawn ones,
// which never held a place in their service), and adds the audit entry of that read (one per
// person shown) to `entries`.
void NoteStaffReads(const auth::Principal& who, std::vector<Enrolment>& seen,
                    std::vector<auth::AuditEvent>& entries) {
  std::erase_if(seen, [&](const Enrolment& e) {
    return e.state == EnrolmentState::kWithdrawn && !WorksWith(who, e);
  });
  for (Enrolment& e : seen) {
    if (WorksWith(who, e)) continue;
    StaffView(e);
    const Json detail = {{"enrolment_id", e.id}, {"service_id", e.service_id}};
    entries.push_back(
        {"enrolment.staff_read", "person", e.person_id, e.community_id, detail.dump()});
  }
}

// Runs `body` in a read transaction, audited (auth::AuditedRead) when the caller may read
// enrolled persons as a provider's staff.
template <typename Body>
Status ReadAudited(store::Database& db, const auth::Principal& who, Body&& body) {
  if (auth::AllowsAnywhere(who, Permission::kProviderWork)) return auth::AuditedRead(db, who, body);
  std::vector<auth::AuditEvent> staff_reads;  // none: the caller is no provider's staff
  return db.Read([&](store::Session& tx) {
    SOCIUS_RETURN_IF_ERROR(body(tx, staff_reads));
    if (!staff_reads.empty()) return Status::Internal("services: a staff read left unrecorded");
    return Status::Ok();
  });
}

// The enrolment with `id` when the caller may see it (they work with its person's community,
// run its service, or work for its provider); otherwise NotFound, as if missing.
Result<Enrolment> SeenEnrolment(store::Session& tx, const auth::Principal& who,
                                const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("enrolment.not_found");
  Result<Enrolment> found = FindEnrolment(tx, id);
  if (!found.ok() && found.status().kind() != core::StatusKind::kNotFound) return found.status();
  if (found.ok()) {
    if (WorksWith(who, *found)) return found;
    Result<std::vector<std::string>> staff = StaffProviders(tx, who);
    if (!staff.ok()) return staff.status();
    if (WorksFor(*staff, found->provider_id) && found->state != EnrolmentState::kWithdrawn) {
      StaffView(*found);
      return found;
    }
  }
  return Status::NotFound("enrolment.not_found");
}

Status AuditMove(store::Session& tx, const auth::Principal& who, const Enrolment& e,
                 EnrolmentState from, const std::optional<std::string>& reason, bool automatic) {
  Json detail = {{"service_id", e.service_id},
                 {"person_id", e.person_id},
                 {"from", std::string(Name(from))},
                 {"to", std::string(Name(e.state))}};
  if (reason) detail["reason"] = *reason;
  if (automatic) detail["automatic"] = true;
  return auth::AppendAudit(
      tx, &who, {"enrolment.state_change", "enrolment", e.id, e.community_id, detail.dump()});
}

// The referral the enrolment was made from follows its move from `from` (see
// cases::FollowEnrolment); nothing when the answer does not change.
Status FollowReferral(store::Session& tx, const auth::Principal& who, const Enrolment& e,
                      EnrolmentState from, const std::optional<std::string>& reason,
                      bool automatic) {
  const std::optional<cases::ReferralAnswer> before = ReferralAnswerOf(from);
  const std::optional<cases::ReferralAnswer> after = ReferralAnswerOf(e.state);
  if (!before || !after || *before == *after) return Status::Ok();
  cases::EnrolmentFollowUp follow;
  follow.enrolment_id = e.id;
  follow.from = *before;
  follow.to = *after;
  follow.reason = reason;
  follow.automatic = automatic;
  return cases::FollowEnrolment(tx, who, follow);
}

// The referral an enrolment is made from: one of a case the caller works on, of the case the
// enrolment names (when it names one), to this service, still waiting for an answer.
Result<cases::Referral> ReferralToEnrol(store::Session& tx, const auth::Principal& who,
                                        const std::string& referral_id,
                                        const std::optional<std::string>& case_id,
                                        const std::string& service_id) {
  Result<cases::Referral> referral = cases::ReferralToWorkOn(tx, who, referral_id);
  if (!referral.ok()) {
    if (referral.status().code() == "referral.not_found") {
      return Status::InvalidArgument("enrolment.referral_not_found", "referral_id");
    }
    return referral.status();
  }
  if (case_id && *case_id != referral->case_id) {
    return Status::InvalidArgument("enrolment.referral_other_case", "referral_id");
  }
  if (referral->service_id != service_id) {
    return Status::InvalidArgument("enrolment.referral_other_service", "referral_id");
  }
  if (referral->answer != cases::ReferralAnswer::kPending || referral->enrolment_id) {
    return Status::Conflict("enrolment.referral_answered", "referral_id");
  }
  return referral;
}

// Offers the service's free places to its waiting list, first in line first.
Status OfferFreePlaces(store::Session& tx, const auth::Principal& who,
                       const std::string& service_id) {
  while (true) {
    Result<std::optional<Enrolment>> next = FirstWaiting(tx, service_id);
    if (!next.ok()) return next.status();
    if (!*next) return Status::Ok();
    Result<bool> taken = TakePlace(tx, service_id);
    if (!taken.ok()) return taken.status();
    if (!*taken) return Status::Ok();
    Enrolment e = std::move(**next);
    const int64_t version = e.version;
    e.state = EnrolmentState::kOffered;
    e.offered_at = core::NowUtc();
    e.version = version + 1;
    e.updated_at = *e.offered_at;
    SOCIUS_RETURN_IF_ERROR(UpdateEnrolment(tx, e, version));
    SOCIUS_RETURN_IF_ERROR(AuditMove(tx, who, e, EnrolmentState::kWaiting, std::nullopt, true));
    SOCIUS_RETURN_IF_ERROR(
        FollowReferral(tx, who, e, EnrolmentState::kWaiting, std::nullopt, true));
  }
}

}  // namespace

// --- the catalogue as referrals see it ---

Result<cases::CatalogueService> ReferralCatalogue::Find(store::Session& tx,
                                                        const auth::Principal& who,
                                                        const std::string& id) const {
  Result<Service> found = Reachable(tx, who, id, &FindService, "service.not_found");
  if (!found.ok()) return found.status();
  cases::CatalogueService out;
  out.id = found->id;
  out.name = found->name;
  out.provider_name = found->provider_name;
  out.contact = found->phone ? found->phone : found->email;
  out.active = found->active;
  return out;
}

// --- providers ---

Result<Provider> Providers::Create(const auth::Principal& who, const ProviderInput& input) {
  Provider p;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Place> place = ManagedPlace(tx, who, input.territory_code.value_or(""));
    if (!place.ok()) return place.status();
    p = Provider{};
    p.id = core::NewId();
    p.territory = *place;
    ApplyProvider(input, p);
    SOCIUS_RETURN_IF_ERROR(CheckProvider(p));
    p.created_at = p.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(DuplicateLegalIdAs(InsertProvider(tx, p, CountryOf(place->path))));
    Json detail = {{"name", p.name}, {"kind", std::string(Name(p.kind))}};
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(
        tx, &who, {"provider.create", "provider", p.id, p.territory.id, detail.dump()}));
    Result<Provider> stored = FindProvider(tx, p.id);
    if (!stored.ok()) return stored.status();
    p = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return p;
}

Result<Provider> Providers::Get(const auth::Principal& who, const std::string& id) {
  Provider p;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Provider> found = Reachable(tx, who, id, &FindProvider, "provider.not_found");
    if (!found.ok()) return found.status();
    p = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return p;
}

Result<ProviderPage> Providers::List(const auth::Principal& who,
                                     const std::optional<std::string>& territory_code,
                                     const std::optional<std::string>& q, const std::string& after,
                                     int limit) {
  ProviderPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Visibility> reach = ReachIn(tx, who);
    if (!reach.ok()) return reach.status();
    const Visibility& visible = *reach;
    ProviderFilter filter;
    filter.q = q;
    if (territory_code) {
      Result<std::string> path = ListedTerritoryPath(tx, who, visible, *territory_code);
      if (!path.ok()) return path.status();
      filter.territory_path = *path;
    }
    Result<ProviderPage> found = ListProviders(tx, visible, filter, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Provider> Providers::Update(const auth::Principal& who, const std::string& id,
                                   int64_t expected_version, const ProviderInput& input) {
  Provider p;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Provider> found = Reachable(tx, who, id, &FindProvider, "provider.not_found");
    if (!found.ok()) return found.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kServiceManage, found->territory.path));
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    p = std::move(*found);
    Json changed = ApplyProvider(input, p);
    SOCIUS_RETURN_IF_ERROR(CheckProvider(p));
    if (!changed.empty()) {
      p.version = expected_version + 1;
      p.updated_at = core::NowUtc();
      SOCIUS_RETURN_IF_ERROR(DuplicateLegalIdAs(UpdateProvider(tx, p, expected_version)));
      SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(tx, &who,
                                               {"provider.update", "provider", p.id, p.territory.id,
                                                Json{{"changed", changed}}.dump()}));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  CatalogueChanged();
  return p;
}

Result<std::vector<StaffMember>> Providers::Staff(const auth::Principal& who,
                                                  const std::string& id) {
  std::vector<StaffMember> staff;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Provider> found = Reachable(tx, who, id, &FindProvider, "provider.not_found");
    if (!found.ok()) return found.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kServiceManage, found->territory.path));
    Result<std::vector<StaffMember>> listed = ListStaff(tx, found->id);
    if (!listed.ok()) return listed.status();
    staff = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return staff;
}

namespace {

// Whether the user with `user_id` may join the staff of a provider placed at `provider_path`:
// an active account holding provider_staff over a territory that covers it.
Result<bool> EligibleStaff(store::Session& tx, const std::string& user_id,
                           const std::string& provider_path) {
  if (!core::LooksLikeId(user_id)) return false;
  Result<std::optional<auth::User>> user = auth::UserRepository(tx).FindById(user_id);
  if (!user.ok()) return user.status();
  if (!*user || !(*user)->active) return false;
  for (const auth::UserRole& grant : (*user)->roles) {
    if (grant.role == auth::Role::kProviderStaff &&
        auth::PathCovers(grant.territory.path, provider_path)) {
      return true;
    }
  }
  return false;
}

// Adds a member to a provider's staff (`add`), or removes one; audited when it changed
// something. The staff as it now is.
Result<std::vector<StaffMember>> ChangeStaff(store::Database& db, const auth::Principal& who,
                                             const std::string& id, const std::string& user_id,
                                             bool add) {
  std::vector<StaffMember> staff;
  Status status = db.Write([&](store::Session& tx) -> Status {
    Result<Provider> found = Reachable(tx, who, id, &FindProvider, "provider.not_found");
    if (!found.ok()) return found.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kServiceManage, found->territory.path));
    if (add) {
      Result<bool> eligible = EligibleStaff(tx, user_id, found->territory.path);
      if (!eligible.ok()) return eligible.status();
      if (!*eligible) return Status::InvalidArgument("provider.staff_not_eligible", "user_id");
    }
    Result<bool> changed = add ? InsertStaff(tx, found->id, user_id, who.user_id, core::NowUtc())
                               : DeleteStaff(tx, found->id, user_id);
    if (!changed.ok()) return changed.status();
    if (*changed) {
      SOCIUS_RETURN_IF_ERROR(
          auth::AppendAudit(tx, &who,
                            {add ? "provider.staff_add" : "provider.staff_remove", "provider",
                             found->id, found->territory.id, Json{{"user_id", user_id}}.dump()}));
    }
    Result<std::vector<StaffMember>> listed = ListStaff(tx, found->id);
    if (!listed.ok()) return listed.status();
    staff = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return staff;
}

}  // namespace

Result<std::vector<StaffMember>> Providers::AddStaff(const auth::Principal& who,
                                                     const std::string& id,
                                                     const std::string& user_id) {
  return ChangeStaff(db_, who, id, user_id, true);
}

Result<std::vector<StaffMember>> Providers::RemoveStaff(const auth::Principal& who,
                                                        const std::string& id,
                                                        const std::string& user_id) {
  return ChangeStaff(db_, who, id, user_id, false);
}

// --- services ---

Result<Service> Services::Create(const auth::Principal& who, const ServiceInput& input) {
  Service s;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    const std::string provider_id = input.provider_id.value_or("");
    Result<Provider> provider =
        Reachable(tx, who, provider_id, &FindProvider, "provider.not_found");
    if (!provider.ok()) return provider.status();
    Result<Place> place = ManagedPlace(tx, who, input.territory_code.value_or(""));
    if (!place.ok()) return place.status();
    if (!place->path.starts_with(provider->territory.path)) {
      return Status::InvalidArgument("service.territory_outside_provider", "territory_code");
    }
    s = Service{};
    s.id = core::NewId();
    s.provider_id = provider->id;
    s.provider_name = provider->name;
    s.territory = *place;
    Result<Json> changed = ApplyService(tx, who, input, s);
    if (!changed.ok()) return changed.status();
    SOCIUS_RETURN_IF_ERROR(CheckService(s));
    s.created_at = s.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertService(tx, s));
    Json detail = {{"name", s.name},
                   {"type", std::string(Name(s.type))},
                   {"provider_id", s.provider_id},
                   {"capacity", s.capacity}};
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(
        tx, &who, {"service.create", "service", s.id, s.territory.id, detail.dump()}));
    Result<Service> stored = FindService(tx, s.id);
    if (!stored.ok()) return stored.status();
    s = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  CatalogueChanged();
  return s;
}

Result<Service> Services::Get(const auth::Principal& who, const std::string& id) {
  Service s;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Service> found = Reachable(tx, who, id, &FindService, "service.not_found");
    if (!found.ok()) return found.status();
    s = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return s;
}

Result<ServicePage> Services::List(const auth::Principal& who, const ServiceListQuery& query,
                                   const std::string& after, int limit) {
  ServicePage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Visibility> reach = ReachIn(tx, who);
    if (!reach.ok()) return reach.status();
    const Visibility& visible = *reach;
    ServiceFilter filter;
    filter.type = query.type;
    filter.provider_id = query.provider_id;
    filter.licence = query.licence;
    filter.q = query.q;
    filter.today = core::Today();
    if (query.territory_code) {
      Result<std::string> path = ListedTerritoryPath(tx, who, visible, *query.territory_code);
      if (!path.ok()) return path.status();
      filter.territory_path = *path;
    }
    if (query.community_code) {
      Result<std::string> path = ListedTerritoryPath(tx, who, visible, *query.community_code);
      if (!path.ok()) return path.status();
      filter.community_path = *path;
    }
    Result<ServicePage> found = ListServices(tx, visible, filter, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Service> Services::Update(const auth::Principal& who, const std::string& id,
                                 int64_t expected_version, const ServiceInput& input) {
  Service s;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Service> found = Reachable(tx, who, id, &FindService, "service.not_found");
    if (!found.ok()) return found.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kServiceManage, found->territory.path));
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    s = std::move(*found);
    const int64_t capacity_before = s.capacity;
    Result<Json> changed = ApplyService(tx, who, input, s);
    if (!changed.ok()) return changed.status();
    SOCIUS_RETURN_IF_ERROR(CheckService(s));
    if (changed->empty()) return Status::Ok();
    s.version = expected_version + 1;
    s.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateService(tx, s, expected_version));
    Json detail = {{"changed", *changed}};
    if (s.capacity != capacity_before) {
      detail["capacity"] = {{"from", capacity_before}, {"to", s.capacity}};
    }
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(
        tx, &who, {"service.update", "service", s.id, s.territory.id, detail.dump()}));
    if (s.capacity > capacity_before) SOCIUS_RETURN_IF_ERROR(OfferFreePlaces(tx, who, s.id));
    Result<Service> stored = FindService(tx, s.id);
    if (!stored.ok()) return stored.status();
    s = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  CatalogueChanged();
  return s;
}

// --- enrolments ---

Result<Enrolment> Enrolments::Enrol(const auth::Principal& who, const EnrolmentInput& input) {
  Enrolment e;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Service> service =
        Reachable(tx, who, input.service_id, &FindService, "service.not_found");
    if (!service.ok()) return service.status();
    Result<registry::SubjectPlace> person = registry::PersonPlace(
        tx, input.person_id, auth::ScopePaths(who, Permission::kEnrolmentWork));
    if (!person.ok()) return person.status();
    if (!service->active) return Status::Conflict("enrolment.service_inactive", "service_id");
    const core::Date today = core::Today();
    if (LicenceStatusOn(service->licence_valid_until, today) == LicenceStatus::kExpired) {
      return Status::Conflict("enrolment.licence_expired", "service_id")
          .With("valid_until", service->licence_valid_until->ToString());
    }
    // The referral and the case first: a wrong one is refused before the area is asked for.
    std::optional<std::string> case_id = input.case_id;
    std::optional<cases::Referral> referral;
    if (input.referral_id) {
      Result<cases::Referral> found =
          ReferralToEnrol(tx, who, *input.referral_id, input.case_id, service->id);
      if (!found.ok()) return found.status();
      case_id = found->case_id;
      referral = std::move(*found);
    }
    if (case_id) {
      cases::Subject subject;
      subject.kind = cases::Subject::Kind::kPerson;
      subject.id = input.person_id;
      Status filing = cases::CheckFiling(tx, who, *case_id, subject, cases::FilingStep::kFile);
      if (filing.code() == "case.link_not_found" || filing.code() == "case.link_other_subject") {
        // The referral's case is about someone else (the caller works on it: they found it).
        if (referral)
          return Status::InvalidArgument("enrolment.referral_other_case", "referral_id");
        return Status::InvalidArgument("enrolment.case_not_found", "case_id");
      }
      SOCIUS_RETURN_IF_ERROR(filing);
    }
    const Residence residence{person->community_id, person->community_path, person->settlement_id};
    if (!Serves(service->territory.path, service->settlements, residence) &&
        !input.outside_area_reason) {
      return Status::Conflict("enrolment.outside_area", "outside_area_reason");
    }
    e = Enrolment{};
    e.id = core::NewId();
    e.service_id = service->id;
    e.person_id = input.person_id;
    e.community_id = person->community_id;
    e.priority = input.priority;
    e.case_id = case_id;
    e.note = input.note;
    e.outside_area_reason = input.outside_area_reason;
    e.requested_at = e.created_at = e.updated_at = core::NowUtc();
    e.worker.id = who.user_id;
    Result<bool> taken = TakePlace(tx, service->id);
    if (!taken.ok()) return taken.status();
    e.state = *taken ? EnrolmentState::kActive : EnrolmentState::kWaiting;
    if (*taken) e.started_on = today;
    SOCIUS_RETURN_IF_ERROR(InsertEnrolment(tx, e));
    Json detail = {{"service_id", e.service_id},
                   {"person_id", e.person_id},
                   {"state", std::string(Name(e.state))},
                   {"priority", std::string(Name(e.priority))}};
    if (e.outside_area_reason) detail["outside_area"] = true;
    if (referral) detail["referral_id"] = referral->id;
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(
        tx, &who, {"enrolment.create", "enrolment", e.id, e.community_id, detail.dump()}));
    if (referral) {
      SOCIUS_RETURN_IF_ERROR(
          cases::LinkReferralToEnrolment(tx, who, *referral, e.id, *ReferralAnswerOf(e.state)));
    }
    Result<Enrolment> stored = FindEnrolment(tx, e.id);
    if (!stored.ok()) return stored.status();
    e = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  CatalogueChanged();
  return e;
}

Result<Enrolment> Enrolments::Get(const auth::Principal& who, const std::string& id) {
  Enrolment e;
  Status status = ReadAudited(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Enrolment> found = SeenEnrolment(tx, who, id);
    if (!found.ok()) return found.status();
    std::vector<Enrolment> seen = {std::move(*found)};
    NoteStaffReads(who, seen, entries);
    e = std::move(seen[0]);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return e;
}

Result<EnrolmentPage> Enrolments::List(const auth::Principal& who, const EnrolmentListQuery& query,
                                       const std::string& after, int limit) {
  if (!auth::AllowsAnywhere(who, Permission::kEnrolmentWork) &&
      !auth::AllowsAnywhere(who, Permission::kServiceManage) &&
      !auth::AllowsAnywhere(who, Permission::kProviderWork)) {
    return Status::PermissionDenied("auth.forbidden");
  }
  EnrolmentPage page;
  Status status = ReadAudited(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    EnrolmentFilter filter;
    filter.community_roots = auth::ScopePaths(who, Permission::kEnrolmentWork);
    filter.service_roots = auth::ScopePaths(who, Permission::kServiceManage);
    Result<std::vector<std::string>> staff = StaffProviders(tx, who);
    if (!staff.ok()) return staff.status();
    filter.provider_ids = std::move(*staff);
    filter.state = query.state;
    filter.current_only = query.current_only;
    if (query.service_id) {
      Result<Service> service =
          Reachable(tx, who, *query.service_id, &FindService, "service.not_found");
      if (!service.ok()) return service.status();
      filter.service_id = service->id;
    }
    if (query.person_id) {
      Result<registry::SubjectPlace> person = registry::PersonPlace(
          tx, *query.person_id, auth::ScopePaths(who, Permission::kPersonRead));
      if (!person.ok()) return person.status();
      filter.person_id = *query.person_id;
    }
    if (query.mine) filter.worker_id = who.user_id;
    Result<EnrolmentPage> found = ListEnrolments(tx, filter, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    NoteStaffReads(who, page.items, entries);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Enrolment> Enrolments::Move(const auth::Principal& who, const std::string& id,
                                   int64_t expected_version, const EnrolmentTransition& move) {
  Enrolment e;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Enrolment> found = SeenEnrolment(tx, who, id);
    if (!found.ok()) return found.status();
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    e = std::move(*found);
    const bool as_staff = e.seen_as_staff;
    if (as_staff) {
      const std::vector<EnrolmentState> allowed = StaffTransitions(e.state);
      if (std::find(allowed.begin(), allowed.end(), move.to) == allowed.end()) {
        return Status::PermissionDenied("auth.forbidden");
      }
    }
    const core::Date today = core::Today();
    SOCIUS_RETURN_IF_ERROR(CheckTransition(e.state, move, today, e.started_on));
    const EnrolmentState from = e.state;
    const core::Date on = move.date.value_or(today);
    e.state = move.to;
    switch (move.to) {
      case EnrolmentState::kActive:
        if (from == EnrolmentState::kOffered) e.started_on = on;
        e.end_reason.reset();
        break;
      case EnrolmentState::kSuspended:
        e.end_reason = move.reason;
        break;
      case EnrolmentState::kEnded:
      case EnrolmentState::kWithdrawn:
        e.ended_on = on;
        e.end_reason = move.reason;
        break;
      case EnrolmentState::kOffered:
      case EnrolmentState::kWaiting:
        break;  // never asked for: CheckTransition refused it
    }
    e.version = expected_version + 1;
    e.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateEnrolment(tx, e, expected_version));
    SOCIUS_RETURN_IF_ERROR(AuditMove(tx, who, e, from, move.reason, false));
    SOCIUS_RETURN_IF_ERROR(FollowReferral(tx, who, e, from, move.reason, false));
    if (HoldsPlace(from) && !HoldsPlace(e.state)) {
      SOCIUS_RETURN_IF_ERROR(ReleasePlace(tx, e.service_id));
      SOCIUS_RETURN_IF_ERROR(OfferFreePlaces(tx, who, e.service_id));
    }
    Result<Enrolment> stored = FindEnrolment(tx, e.id);
    if (!stored.ok()) return stored.status();
    e = std::move(*stored);
    if (as_staff) StaffView(e);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  CatalogueChanged();
  return e;
}

Result<AttendancePage> Enrolments::Attendance(const auth::Principal& who,
                                              const std::string& service_id, core::Month month,
                                              const std::string& after, int limit) {
  AttendancePage page;
  Status status = ReadAudited(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Service> service = Reachable(tx, who, service_id, &FindService, "service.not_found");
    if (!service.ok()) return service.status();
    EnrolmentFilter filter;
    filter.service_id = service->id;
    filter.placed_during = month;
    filter.community_roots = auth::ScopePaths(who, Permission::kEnrolmentWork);
    filter.service_roots = auth::ScopePaths(who, Permission::kServiceManage);
    Result<std::vector<std::string>> staff = StaffProviders(tx, who);
    if (!staff.ok()) return staff.status();
    filter.provider_ids = std::move(*staff);
    Result<EnrolmentPage> enrolments = ListEnrolments(tx, filter, after, limit);
    if (!enrolments.ok()) return enrolments.status();
    NoteStaffReads(who, enrolments->items, entries);
    std::vector<std::string> ids;
    for (const Enrolment& e : enrolments->items) ids.push_back(e.id);
    Result<std::map<std::string, AttendanceRow>> recorded = AttendanceOf(tx, ids, month);
    if (!recorded.ok()) return recorded.status();
    page.service = std::move(*service);
    for (Enrolment& e : enrolments->items) {
      AttendanceRow row;
      if (auto it = recorded->find(e.id); it != recorded->end()) row = std::move(it->second);
      row.enrolment = std::move(e);
      page.items.push_back(std::move(row));
    }
    page.next = std::move(enrolments->next);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<AttendanceRow> Enrolments::RecordAttendance(const auth::Principal& who,
                                                   const std::string& enrolment_id,
                                                   core::Month month, const std::vector<int>& days,
                                                   int64_t expected_version) {
  AttendanceRow row;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Enrolment> found = SeenEnrolment(tx, who, enrolment_id);
    if (!found.ok()) return found.status();
    // Those who run the service or work in it count the days; a social worker only reads them.
    if (!found->seen_as_staff &&
        !auth::Allows(who, Permission::kServiceManage, found->service_path)) {
      Result<std::vector<std::string>> staff = StaffProviders(tx, who);
      if (!staff.ok()) return staff.status();
      if (!WorksFor(*staff, found->provider_id)) return Status::PermissionDenied("auth.forbidden");
    }
    Result<std::vector<int>> checked = CheckAttendance(*found, month, days, core::Today());
    if (!checked.ok()) return checked.status();
    const std::string now = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(
        UpsertAttendance(tx, found->id, month, *checked, expected_version, who.user_id, now));
    const Json detail = {{"month", month.ToString()},
                         {"days_present", checked->size()},
                         {"service_id", found->service_id},
                         {"person_id", found->person_id}};
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(
        tx, &who,
        {"attendance.record", "enrolment", found->id, found->community_id, detail.dump()}));
    Result<std::map<std::string, AttendanceRow>> stored = AttendanceOf(tx, {found->id}, month);
    if (!stored.ok()) return stored.status();
    row = std::move(stored->at(found->id));
    row.enrolment = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return row;
}

// --- the services map ---

Result<ServicesMap> MapOf(store::Database& db, const auth::Principal& who,
                          const std::string& territory_code) {
  ServicesMap map;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<Place> place = FindPlace(tx, territory_code);
    if (!place.ok() || !auth::Allows(who, Permission::kServiceRead, place->path)) {
      return Status::NotFound("territory.not_found").With("code", territory_code);
    }
    Result<std::vector<MapService>> services = MapServices(tx, place->path);
    if (!services.ok()) return services.status();
    map.territory = std::move(*place);
    std::map<std::pair<std::string, ServiceType>, MapRow> rows;
    std::map<ServiceType, MapRow> totals;
    auto add = [](MapRow& row, const MapService& s) {
      row.services += 1;
      row.places += s.capacity;
      row.places_used += s.places_used;
      row.waiting += s.waiting;
      if (s.oldest_waiting_since &&
          (!row.oldest_waiting_since || *s.oldest_waiting_since < *row.oldest_waiting_since)) {
        row.oldest_waiting_since = s.oldest_waiting_since;
      }
    };
    for (const MapService& s : *services) {
      // Areas in the order readers expect (the collation key the territory room stores with
      // every name; computed for a row it has not filled yet), then by code.
      const std::string& sort_key =
          s.area_sort_key.empty() ? text::CollationKey(s.area_name) : s.area_sort_key;
      MapRow& row = rows[{sort_key + '\x1f' + s.area_code, s.type}];
      row.area_code = s.area_code;
      row.area_name = s.area_name;
      row.type = s.type;
      add(row, s);
      MapRow& total = totals[s.type];
      total.type = s.type;
      add(total, s);
    }
    for (auto& [key, row] : rows) map.rows.push_back(std::move(row));
    for (auto& [type, row] : totals) map.totals.push_back(std::move(row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return map;
}

namespace {
// How long a map is kept when nothing in this server changed the catalogue: a change made by
// another server on the same database, or a territory renamed, shows after this at most.
constexpr std::chrono::seconds kMapFreshFor{30};
constexpr size_t kMaxCachedMaps = 500;
}  // namespace

Result<std::shared_ptr<const ServicesMap>> ServicesMaps::Of(const auth::Principal& who,
                                                            const std::string& territory_code) {
  std::shared_ptr<Entry> entry;
  std::shared_ptr<const ServicesMap> map;
  // Under mutex_: the entry's map when it is still the catalogue's.
  auto fresh = [&] {
    return entry->map && entry->generation == CatalogueGeneration() &&
                   std::chrono::system_clock::now() - entry->at < kMapFreshFor
               ? entry->map
               : nullptr;
  };
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(territory_code);
    if (it == entries_.end()) {
      if (entries_.size() >= kMaxCachedMaps) entries_.clear();
      it = entries_.emplace(territory_code, std::make_shared<Entry>()).first;
    }
    entry = it->second;
    map = fresh();
  }
  if (!map) {
    // One reader draws the map; the others of the same territory wait for it.
    std::lock_guard<std::mutex> drawing(entry->drawing);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      map = fresh();
    }
    if (!map) {
      // Read before the database: a change committed meanwhile leaves the map stale at once.
      const uint64_t generation = CatalogueGeneration();
      const core::TimePoint at = std::chrono::system_clock::now();
      Result<ServicesMap> drawn = MapOf(db_, who, territory_code);
      std::lock_guard<std::mutex> lock(mutex_);
      if (!drawn.ok()) {
        auto it = entries_.find(territory_code);
        if (it != entries_.end() && it->second == entry && !entry->map) entries_.erase(it);
        return drawn.status();
      }
      entry->map = std::make_shared<const ServicesMap>(std::move(*drawn));
      entry->generation = generation;
      entry->at = at;
      return entry->map;  // MapOf checked the caller's reach
    }
  }
  if (!auth::Allows(who, Permission::kServiceRead, map->territory.path)) {
    return Status::NotFound("territory.not_found").With("code", territory_code);
  }
  return map;
}

}  // namespace socius::services
