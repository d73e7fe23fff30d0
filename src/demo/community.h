#pragma once

// One demo community, built step by step through the rooms' use cases: its people, a year of
// contacts and cases, screenings, services with their enrolments, benefits and payments.
// Internal to the demo library; demo.h is its face.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "assessments/assessments.h"
#include "auth/principal.h"
#include "benefits/benefits.h"
#include "benefits/cards.h"
#include "benefits/payments.h"
#include "cases/cases.h"
#include "cases/contacts.h"
#include "core/clock.h"
#include "core/status.h"
#include "demo/names.h"
#include "registry/households.h"
#include "registry/person_index.h"
#include "registry/persons.h"
#include "services/services.h"
#include "store/database.h"

namespace socius::demo {

// What a community is made of, before it is filled.
struct CommunityPlan {
  Country country = Country::kMoldova;
  std::string code;  // the community-level territory
  std::string name;
  std::vector<std::string> settlement_codes;
  std::vector<std::string> settlement_names;  // for addresses and service names
  int households = 400;
  int cases = 80;
  int contacts_per_month = 70;
};

// The staff a community's work is done by.
struct CommunityStaff {
  auth::Principal administrator;  // creates the benefit programmes (programme.manage)
  auth::Principal head;
  std::vector<auth::Principal> workers;
  auth::Principal officer;
};

// How many records of each kind were made ("persons", "cases", ...).
using Counts = std::map<std::string, int64_t>;

class CommunityBuilder {
 public:
  CommunityBuilder(store::Database& db, const CommunityPlan& plan, const CommunityStaff& staff,
                   uint64_t seed, core::Date today);

  // Builds everything in order; the first failure is returned with the step in its detail.
  core::Status Build();
  const Counts& counts() const { return counts_; }

 private:
  struct DemoPerson {
    std::string id;
    core::Date birth;
    registry::Sex sex = registry::Sex::kFemale;
    int household = -1;
    bool disability = false;
  };
  struct DemoHousehold {
    std::string id;
    std::vector<int> members;  // persons_ indexes, head first
    int children = 0;
    bool elderly_alone = false;
    bool poor = false;  // declares an income under the aid's threshold
    std::optional<std::string> screening_id;
  };
  struct DemoService {
    std::string id;
    services::ServiceType type = services::ServiceType::kOther;
    int capacity = 0;
  };

  core::Status People();
  // Registers one person (thread-safe); `id` receives theirs.
  core::Status AddPerson(const registry::PersonInput& input, std::string* id);
  core::Status Screenings();
  core::Status Catalogue();
  core::Status Contacts();
  core::Status Cases();
  core::Status OneCase(int number);
  core::Status Enrolments();
  core::Status Benefits();
  core::Status Payments();

  // Helpers shared by the steps.
  int Age(const DemoPerson& p) const { return AgeOn(p.birth, today_); }
  const auth::Principal& Worker() {
    return staff_.workers[dice_.Below(static_cast<int>(staff_.workers.size()))];
  }
  core::Date DayInPastYear() { return DateOfDay(today_day_ - dice_.Below(365)); }
  int RandomPerson(int min_age, int max_age);
  core::Status Count(const std::string& kind, const core::Status& status);
  bool Md() const { return plan_.country == Country::kMoldova; }

  store::Database& db_;
  const CommunityPlan plan_;
  const CommunityStaff staff_;
  Dice dice_;
  NameBook names_;
  core::Date today_;
  int64_t today_day_;
  registry::PersonIndex index_;
  registry::Persons persons_use_;
  registry::Households households_use_;
  services::ReferralCatalogue catalogue_;  // before cases_use_, which points to it
  cases::Cases cases_use_;
  cases::Contacts contacts_use_;
  assessments::Assessments assessments_use_;
  std::vector<DemoPerson> persons_;
  std::vector<DemoHousehold> households_;
  std::vector<DemoService> services_;
  std::set<std::pair<std::string, int>> enrolled_;  // service id, person
  std::vector<std::string> programme_ids_;          // those paid monthly or once
  Counts counts_;
  uint64_t serial_ = 0;
};

}  // namespace socius::demo
