#pragma once

// The services room's SQL, the same text on SQLite and PostgreSQL: providers, services
// with the settlements they serve, and enrolments. Runs in the caller's transaction; decides
// nothing (visibility is passed in as scope paths and filtered in SQL).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "services/model.h"
#include "store/database.h"

namespace socius::services {

// Which providers and services a caller sees: those whose territory lies under one of
// `roots`, or is one of `ancestors` (the territories above a root: a community worker sees the
// district's services).
struct Visibility {
  std::vector<std::string> roots;
  std::vector<std::string> ancestors;
  std::vector<std::string> provider_ids;  // and those of the providers they work for as staff
};
// The Visibility of the scope roots of a permission (auth::ScopePaths).
Visibility VisibilityOf(const std::vector<std::string>& roots);
// Whether a territory with `path` is visible.
bool Visible(const Visibility& v, const std::string& path);
// Whether a provider or a service is visible: its territory, or the caller works for it.
bool Visible(const Visibility& v, const Provider& provider);
bool Visible(const Visibility& v, const Service& service);

// The territory with `code`. NotFound("territory.not_found").
core::Result<Place> FindPlace(store::Session& tx, const std::string& code);

// --- providers ---
core::Status InsertProvider(store::Session& tx, const Provider& provider,
                            const std::string& country);
core::Status UpdateProvider(store::Session& tx, const Provider& provider, int64_t expected_version);
// NotFound("provider.not_found").
core::Result<Provider> FindProvider(store::Session& tx, const std::string& id);

struct ProviderFilter {
  std::optional<std::string> territory_path;  // in this subtree
  std::optional<std::string> q;               // part of the name (match key) or legal id
};
struct ProviderPage {
  std::vector<Provider> items;
  std::optional<std::string> next;
};
core::Result<ProviderPage> ListProviders(store::Session& tx, const Visibility& visible,
                                         const ProviderFilter& filter, const std::string& after,
                                         int limit);

// --- services ---
core::Status InsertService(store::Session& tx, const Service& service);
// The editable fields and the settlements; capacity is checked against places_used in SQL
// (Conflict("service.capacity_below_used", "capacity")).
core::Status UpdateService(store::Session& tx, const Service& service, int64_t expected_version);
// NotFound("service.not_found"). With its figures and settlements.
core::Result<Service> FindService(store::Session& tx, const std::string& id);

struct ServiceFilter {
  std::optional<std::string> territory_path;
  std::optional<std::string> community_path;  // placed within it, or on one of its ancestors
  std::optional<ServiceType> type;
  std::optional<std::string> provider_id;
  std::optional<LicenceStatus> licence;
  std::optional<std::string> q;
  core::Date today;
};
struct ServicePage {
  std::vector<Service> items;
  std::optional<std::string> next;
};
core::Result<ServicePage> ListServices(store::Session& tx, const Visibility& visible,
                                       const ServiceFilter& filter, const std::string& after,
                                       int limit);

// Takes one place if one is free: true when taken (one conditional UPDATE: the row lock
// makes concurrent takers wait and see the new count).
core::Result<bool> TakePlace(store::Session& tx, const std::string& service_id);
core::Status ReleasePlace(store::Session& tx, const std::string& service_id);

// --- enrolments ---
core::Status InsertEnrolment(store::Session& tx, const Enrolment& enrolment);
core::Status UpdateEnrolment(store::Session& tx, const Enrolment& enrolment,
                             int64_t expected_version);
// NotFound("enrolment.not_found"). With its position when waiting.
core::Result<Enrolment> FindEnrolment(store::Session& tx, const std::string& id);
// The first of the service's waiting list, if any.
core::Result<std::optional<Enrolment>> FirstWaiting(store::Session& tx,
                                                    const std::string& service_id);

struct EnrolmentFilter {
  std::optional<std::string> service_id;
  std::optional<std::string> person_id;
  std::optional<std::string> worker_id;
  std::optional<EnrolmentState> state;
  bool current_only = false;
  // Who may see which rows: enrolments of persons in `community_roots`, or of services whose
  // territory lies under `service_roots`.
  std::vector<std::string> community_roots;
  std::vector<std::string> service_roots;
  std::vector<std::string> provider_ids;  // and of the services of these providers (staff)
  // Only enrolments that held a place on some day of this month (attendance).
  std::optional<core::Month> placed_during;
};
struct EnrolmentPage {
  std::vector<Enrolment> items;
  std::optional<std::string> next;
};
core::Result<EnrolmentPage> ListEnrolments(store::Session& tx, const EnrolmentFilter& filter,
                                           const std::string& after, int limit);

// --- provider staff ---

// Adds a member; false when they already were one.
core::Result<bool> InsertStaff(store::Session& tx, const std::string& provider_id,
                               const std::string& user_id, const std::string& added_by,
                               const std::string& now);
// Removes a member; false when they were none.
core::Result<bool> DeleteStaff(store::Session& tx, const std::string& provider_id,
                               const std::string& user_id);
// By display name.
core::Result<std::vector<StaffMember>> ListStaff(store::Session& tx,
                                                 const std::string& provider_id);
// The providers a user works for, with their territory paths.
struct StaffPost {
  std::string provider_id;
  std::string territory_path;
};
core::Result<std::vector<StaffPost>> StaffPostsOf(store::Session& tx, const std::string& user_id);

// --- attendance ---

// The attendance recorded in `month` for the enrolments `ids`, by enrolment id (the
// enrolment itself left empty).
core::Result<std::map<std::string, AttendanceRow>> AttendanceOf(store::Session& tx,
                                                                const std::vector<std::string>& ids,
                                                                core::Month month);
// Writes the days of a month: inserts when `expected_version` is 0, else updates that version.
// Conflict("conflict.stale_version") when someone wrote first.
core::Status UpsertAttendance(store::Session& tx, const std::string& enrolment_id,
                              core::Month month, const std::vector<int>& days,
                              int64_t expected_version, const std::string& user_id,
                              const std::string& now);

// --- the services map ---

// One active service under `territory_path` as the map counts it: the community it lies in
// (the service's own territory when placed above communities), its type and its places.
struct MapService {
  std::string area_code;
  std::string area_name;
  std::string area_sort_key;  // the area's territories.sort_key: the collation key of its name
  ServiceType type = ServiceType::kOther;
  int64_t capacity = 0;
  int64_t places_used = 0;
  int64_t waiting = 0;
  std::optional<std::string> oldest_waiting_since;
};
core::Result<std::vector<MapService>> MapServices(store::Session& tx,
                                                  const std::string& territory_path);

// --- the public directory ---

// The active services a resident of the community at `community_path` may turn to: those
// placed in it or below it; those placed above it that serve their whole territory; and any
// that list the community, one of its settlements or a territory above it among those they
// serve. By name.
core::Result<std::vector<Service>> DirectoryServices(store::Session& tx,
                                                     const std::string& community_path);

// --- requests for help ---
core::Status InsertHelpRequest(store::Session& tx, const HelpRequest& request);
core::Status UpdateHelpRequest(store::Session& tx, const HelpRequest& request,
                               int64_t expected_version);
// NotFound("help.not_found").
core::Result<HelpRequest> FindHelpRequest(store::Session& tx, const std::string& id);

struct HelpFilter {
  std::vector<std::string> roots;             // communities under these (case.work scope)
  std::optional<std::string> community_path;  // in this subtree
  std::optional<HelpState> state;
  bool resolved = false;  // every state but open
};
struct HelpPage {
  std::vector<HelpRequest> items;
  std::optional<std::string> next;
};
// Oldest first: the queue is worked from its head.
core::Result<HelpPage> ListHelpRequests(store::Session& tx, const HelpFilter& filter,
                                        const std::string& after, int limit);

}  // namespace socius::services
