#pragma once

// The use cases of the services room: providers, services and enrolments. Each opens its
// transaction, decides visibility (a provider or service outside the caller's service.read
// reach, an enrolment outside their enrolment.work scope and not of a service they run, is
// NotFound exactly as missing), applies rules.h, and writes the audit entry in the
// transaction that makes the change. Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "auth/principal.h"
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

 private:
  store::Database& db_;
};

struct ServiceListQuery {
  std::optional<std::string> territory_code;
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

struct EnrolmentListQuery {
  std::optional<std::string> service_id;
  std::optional<std::string> person_id;
  bool mine = false;  // enrolments the caller made
  std::optional<EnrolmentState> state;
  bool current_only = false;
};

class Enrolments {
 public:
  explicit Enrolments(store::Database& db) : db_(db) {}
  // enrolment.work over the person's community; active when a place is free, else waiting.
  core::Result<Enrolment> Enrol(const auth::Principal& who, const EnrolmentInput& input);
  core::Result<Enrolment> Get(const auth::Principal& who, const std::string& id);
  core::Result<EnrolmentPage> List(const auth::Principal& who, const EnrolmentListQuery& query,
                                   const std::string& after, int limit);
  // A place freed (an end, a declined offer) goes to the first in the waiting list.
  core::Result<Enrolment> Move(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const EnrolmentTransition& move);

 private:
  store::Database& db_;
};

}  // namespace socius::services
