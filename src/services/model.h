#pragma once

// Providers, the services they run (type, licence, capacity, the settlements they serve) and
// enrolments: a person's place in a service, offered or active, or a turn on its waiting
// list. Plain data; docs/services-api.md gives the wire names.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace socius::services {

enum class ProviderKind { kPublic, kNonGovernmental, kPrivate };

enum class ServiceType {
  kDayCentre,
  kHomeCare,
  kResidentialElderly,
  kResidentialDisability,
  kChildRehabilitation,
  kSocialCanteen,
  kMobileTeam,
  kRespiteCare,
  kHalfWayHouse,
  kFamilySupport,
  kFosterCare,
  kCounselling,
  kTransport,
  kOther,
};

enum class TargetGroup {
  kChildren,
  kFamilies,
  kElderly,
  kDisability,
  kViolenceSurvivors,
  kHomeless,
  kUnemployed,
  kYouth,
  kOther,
};

enum class LicenceStatus { kValid, kExpiring, kExpired, kNone };

// The order of the values is the order of lists (offered first, withdrawn last); the first
// four hold or wait for a place ("current").
enum class EnrolmentState { kOffered, kActive, kSuspended, kWaiting, kEnded, kWithdrawn };

// The order of the values is the waiting list's.
enum class Priority { kUrgent, kHigh, kNormal };

std::string_view Name(ProviderKind v);
std::string_view Name(ServiceType v);
std::string_view Name(TargetGroup v);
std::string_view Name(LicenceStatus v);
std::string_view Name(EnrolmentState v);
std::string_view Name(Priority v);
std::optional<ProviderKind> ParseProviderKind(std::string_view name);
std::optional<ServiceType> ParseServiceType(std::string_view name);
std::optional<TargetGroup> ParseTargetGroup(std::string_view name);
std::optional<LicenceStatus> ParseLicenceStatus(std::string_view name);
std::optional<EnrolmentState> ParseEnrolmentState(std::string_view name);
std::optional<Priority> ParsePriority(std::string_view name);

// The languages a service may be offered in (the product's six).
bool IsServiceLanguage(std::string_view code);

// A territory as a record names it.
struct Place {
  std::string id;
  std::string code;
  std::string name;
  std::string path;
  std::string level;
};

struct Provider {
  std::string id;
  int64_t version = 1;
  Place territory;
  std::string name;
  ProviderKind kind = ProviderKind::kPublic;
  std::optional<std::string> legal_id;
  std::optional<std::string> address;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> website;
  int64_t services = 0;  // how many services it runs
  std::string created_at;
  std::string updated_at;
};

// A change or a new provider: absent fields are left alone (create: defaults); an inner
// nullopt clears an optional one.
template <typename T>
using Patch = std::optional<std::optional<T>>;

struct ProviderInput {
  std::optional<std::string> territory_code;  // create only
  std::optional<std::string> name;
  std::optional<ProviderKind> kind;
  Patch<std::string> legal_id;
  Patch<std::string> address;
  Patch<std::string> phone;
  Patch<std::string> email;
  Patch<std::string> website;
};

struct ServiceFigures {
  int64_t capacity = 0;
  int64_t places_used = 0;
  int64_t waiting = 0;
  std::optional<std::string> oldest_waiting_since;  // requested_at of the first to wait longest
};

struct Service {
  std::string id;
  int64_t version = 1;
  std::string provider_id;
  std::string provider_name;
  Place territory;
  std::string name;
  ServiceType type = ServiceType::kOther;
  std::optional<std::string> description;
  std::optional<std::string> licence_number;
  std::optional<core::Date> licence_valid_until;
  std::optional<std::string> address;
  std::vector<Place> settlements;
  std::vector<TargetGroup> target_groups;
  std::optional<std::string> opening_hours;
  std::vector<std::string> languages;
  int64_t capacity = 0;
  int64_t places_used = 0;
  int64_t waiting = 0;
  std::optional<std::string> oldest_waiting_since;
  bool free = true;
  std::optional<std::string> price;
  std::optional<std::string> how_to_apply;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  bool active = true;
  std::string created_at;
  std::string updated_at;
};

struct ServiceInput {
  std::optional<std::string> provider_id;     // create only
  std::optional<std::string> territory_code;  // create only
  std::optional<std::string> name;
  std::optional<ServiceType> type;
  Patch<std::string> description;
  Patch<std::string> licence_number;
  Patch<core::Date> licence_valid_until;
  Patch<std::string> address;
  std::optional<std::vector<std::string>> settlement_codes;
  std::optional<std::vector<TargetGroup>> target_groups;
  Patch<std::string> opening_hours;
  std::optional<std::vector<std::string>> languages;
  std::optional<int64_t> capacity;
  std::optional<bool> free;
  Patch<std::string> price;
  Patch<std::string> how_to_apply;
  Patch<std::string> phone;
  Patch<std::string> email;
  std::optional<bool> active;
};

struct UserRef {
  std::string id;
  std::string display_name;
};

struct Enrolment {
  std::string id;
  int64_t version = 1;
  std::string service_id;
  std::string service_name;
  ServiceType service_type = ServiceType::kOther;
  std::string service_path;  // the service's territory, for who runs it
  std::string provider_id;   // whose staff work with it
  std::string person_id;
  std::string person_name;  // "Family Given"
  std::optional<core::Date> person_birth_date;
  std::string community_id;
  std::string community_code;
  std::string community_path;
  EnrolmentState state = EnrolmentState::kWaiting;
  Priority priority = Priority::kNormal;
  std::optional<int64_t> position;  // waiting only: 1 is next
  std::optional<std::string> case_id;
  std::optional<std::string> note;
  std::optional<std::string> outside_area_reason;
  std::string requested_at;
  std::optional<std::string> offered_at;
  std::optional<core::Date> started_on;
  std::optional<core::Date> ended_on;
  std::optional<std::string> end_reason;
  UserRef worker;
  std::string created_at;
  std::string updated_at;
  // The caller sees it only as staff of the provider: no case, only the moves of staff.
  bool seen_as_staff = false;
};

struct EnrolmentInput {
  std::string service_id;
  std::string person_id;
  Priority priority = Priority::kNormal;
  std::optional<std::string> case_id;
  std::optional<std::string> referral_id;  // the case's referral to the service it answers
  std::optional<std::string> note;
  std::optional<std::string> outside_area_reason;
};

struct EnrolmentTransition {
  EnrolmentState to = EnrolmentState::kActive;
  std::optional<std::string> reason;
  std::optional<core::Date> date;
};

// A user who works in a provider's services (role provider_staff): sees them, the persons
// enrolled and the waiting list, records attendance, ends or suspends enrolments.
struct StaffMember {
  UserRef user;
  std::string username;
  UserRef added_by;
  std::string added_at;
};

// The days of a month an enrolled person attended a day service. `version` 0: nothing
// recorded yet.
struct AttendanceRow {
  Enrolment enrolment;
  std::vector<int> days;  // day numbers, increasing
  int64_t version = 0;
  std::optional<UserRef> updated_by;
  std::optional<std::string> updated_at;
};

// A resident's request for help, sent from the public directory to the community's intake
// queue.
enum class HelpState { kOpen, kAudience, kCase, kClosed };
std::string_view Name(HelpState v);
std::optional<HelpState> ParseHelpState(std::string_view name);

struct HelpRequest {
  std::string id;
  int64_t version = 1;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  std::string confirmation;
  std::string need;
  std::optional<std::string> for_whom;
  std::string name;
  std::string contact;
  std::string language;
  HelpState state = HelpState::kOpen;
  std::optional<std::string> answer;
  std::optional<std::string> contact_id;
  std::optional<std::string> case_id;
  std::optional<UserRef> resolved_by;
  std::optional<std::string> resolved_at;
  std::string created_at;
  std::string updated_at;
};

// What a resident sends. `trap` is a field a person never sees (the spam trap).
struct HelpRequestInput {
  std::string need;
  std::optional<std::string> for_whom;
  std::string name;
  std::string contact;
  bool consent = false;
  std::string language = "en";
  std::optional<std::string> trap;
};

// How a worker resolves a request: an audience recorded (contact_id), a case opened
// (case_id), or closed with an answer.
struct HelpResolution {
  HelpState outcome = HelpState::kClosed;
  std::optional<std::string> answer;
  std::optional<std::string> contact_id;
  std::optional<std::string> case_id;
};

}  // namespace socius::services
