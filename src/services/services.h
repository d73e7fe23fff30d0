#pragma once

// The use cases of the services room: providers, services and enrolments. Each opens its
// transaction, decides visibility (a provider or service outside the caller's service.read
// reach and not one they work for as staff, an enrolment outside their enrolment.work scope
// and not of a service they run or work in, is NotFound exactly as missing), applies
// rules.h, and writes the audit entry in the transaction that makes the change. A provider's
// staff read enrolled persons only through an audited read (enrolment.staff_read per person
// shown). Thread-safe.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "cases/cases.h"
#include "core/clock.h"
#include "core/result.h"
#include "services/model.h"
#include "services/repository.h"
#include "store/database.h"

namespace socius::services {

class Providers {
 public:
  explicit Providers(store::Database& db) : db_(db) {}
  // service.manage over the territory (NotFound("territory.not_found") outside service.read
  // reach, PermissionDenied when visible but not managed).
  core::Result<Provider> Create(const auth::Principal& who, const ProviderInput& input);
  core::Result<Provider> Get(const auth::Principal& who, const std::string& id);
  core::Result<ProviderPage> List(const auth::Principal& who,
                                  const std::optional<std::string>& territory_code,
                                  const std::optional<std::string>& q, const std::string& after,
                                  int limit);
  core::Result<Provider> Update(const auth::Principal& who, const std::string& id,
                                int64_t expected_version, const ProviderInput& input);

  // The provider's staff: service.manage over its territory. A member must hold the
  // provider_staff role over a territory that covers the provider's
  // (InvalidArgument("provider.staff_not_eligible", "user_id") otherwise, also for a user who
  // does not exist). Adding a member twice, or removing one who is none, changes nothing.
  core::Result<std::vector<StaffMember>> Staff(const auth::Principal& who, const std::string& id);
  core::Result<std::vector<StaffMember>> AddStaff(const auth::Principal& who, const std::string& id,
                                                  const std::string& user_id);
  core::Result<std::vector<StaffMember>> RemoveStaff(const auth::Principal& who,
                                                     const std::string& id,
                                                     const std::string& user_id);

 private:
  store::Database& db_;
};

struct ServiceListQuery {
  std::optional<std::string> territory_code;
  // The services a person of this community may be sent to: placed in it (or below), or in a
  // territory above it.
  std::optional<std::string> community_code;
  std::optional<ServiceType> type;
  std::optional<std::string> provider_id;
  std::optional<LicenceStatus> licence;
  std::optional<std::string> q;
};

class Services {
 public:
  explicit Services(store::Database& db) : db_(db) {}
  core::Result<Service> Create(const auth::Principal& who, const ServiceInput& input);
  core::Result<Service> Get(const auth::Principal& who, const std::string& id);
  core::Result<ServicePage> List(const auth::Principal& who, const ServiceListQuery& query,
                                 const std::string& after, int limit);
  // A raised capacity offers the new places to the waiting list in the same transaction.
  core::Result<Service> Update(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const ServiceInput& input);

 private:
  store::Database& db_;
};

// The catalogue as a case's referral sees it: a service within the caller's service.read reach
// (cases::ServiceCatalogue). Stateless; the composition root hands it to the cases room.
class ReferralCatalogue : public cases::ServiceCatalogue {
 public:
  core::Result<cases::CatalogueService> Find(store::Session& tx, const auth::Principal& who,
                                             const std::string& id) const override;
};

struct EnrolmentListQuery {
  std::optional<std::string> service_id;
  std::optional<std::string> person_id;
  bool mine = false;  // enrolments the caller made
  std::optional<EnrolmentState> state;
  bool current_only = false;
};

struct AttendancePage {
  Service service;
  std::vector<AttendanceRow> items;
  std::optional<std::string> next;
};

class Enrolments {
 public:
  explicit Enrolments(store::Database& db) : db_(db) {}
  // enrolment.work over the person's community; active when a place is free, else waiting.
  // With `referral_id`, the case's pending referral to this service (of the case named, or
  // that becomes the enrolment's case; about the person): the referral is linked and answered
  // in the same transaction (accepted, or waiting_list). InvalidArgument
  // ("enrolment.referral_not_found" | "enrolment.referral_other_case" |
  // "enrolment.referral_other_service", "referral_id"), Conflict("enrolment.referral_answered",
  // "referral_id").
  core::Result<Enrolment> Enrol(const auth::Principal& who, const EnrolmentInput& input);
  core::Result<Enrolment> Get(const auth::Principal& who, const std::string& id);
  core::Result<EnrolmentPage> List(const auth::Principal& who, const EnrolmentListQuery& query,
                                   const std::string& after, int limit);
  // A place freed (an end, a declined offer) goes to the first in the waiting list. The
  // referral an enrolment was made from follows its moves (cases::FollowEnrolment). A
  // provider's staff may only suspend, resume or end (auth.forbidden otherwise).
  core::Result<Enrolment> Move(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const EnrolmentTransition& move);

  // The enrolments of a service that held a place in `month`, with the days each attended.
  // Staff of the provider and who runs the service see every row, a social worker the persons
  // of their communities.
  core::Result<AttendancePage> Attendance(const auth::Principal& who, const std::string& service_id,
                                          core::Month month, const std::string& after, int limit);
  // Records the days of `month` (rules.h CheckAttendance): the provider's staff or who runs
  // the service (auth.forbidden for others who see the enrolment). `expected_version` 0 for
  // a month with nothing recorded yet.
  core::Result<AttendanceRow> RecordAttendance(const auth::Principal& who,
                                               const std::string& enrolment_id, core::Month month,
                                               const std::vector<int>& days,
                                               int64_t expected_version);

 private:
  store::Database& db_;
};

// The supply half of a needs assessment: per community (or the territory above communities a
// service is placed in) and service type, the services, places, places used, persons waiting
// and the longest wait. Counts only, never a name: service.read over the territory
// (NotFound("territory.not_found") outside it).
struct MapRow {
  std::string area_code;
  std::string area_name;
  ServiceType type = ServiceType::kOther;
  int64_t services = 0;
  int64_t places = 0;
  int64_t places_used = 0;
  int64_t waiting = 0;
  std::optional<std::string> oldest_waiting_since;
};
struct ServicesMap {
  Place territory;
  std::vector<MapRow> rows;    // by area name, then type
  std::vector<MapRow> totals;  // per type over the whole territory (area empty)
};
core::Result<ServicesMap> MapOf(store::Database& db, const auth::Principal& who,
                                const std::string& territory_code);

// The maps of MapOf, each drawn once for all who read it: the map of a region reads every
// service under it, and a needs assessment is read by many at once. A map is dropped as soon
// as this server changes the catalogue (CatalogueGeneration: services, places, waiting lists),
// else after at most 30 s (a change made by another server on the same database, a territory
// renamed); readers of one territory wait for a single drawing. The caller's reach is checked
// on every call, with MapOf's answer. Thread-safe.
class ServicesMaps {
 public:
  explicit ServicesMaps(store::Database& db) : db_(db) {}
  core::Result<std::shared_ptr<const ServicesMap>> Of(const auth::Principal& who,
                                                      const std::string& territory_code);

 private:
  struct Entry {
    std::mutex drawing;                      // held by the reader drawing the map
    std::shared_ptr<const ServicesMap> map;  // the rest under ServicesMaps::mutex_
    uint64_t generation = 0;
    core::TimePoint at;
  };
  store::Database& db_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;
};

}  // namespace socius::services
