// Wire names of the services room's enumerations.
#include "services/model.h"

#include "core/name_table.h"

namespace socius::services {
namespace {

template <typename E, size_t N>
using Table = core::NameTable<E, N>;
using core::NameIn;
using core::ParseIn;

constexpr Table<ProviderKind, 3> kProviderKinds = {
    {{ProviderKind::kPublic, "public"},
     {ProviderKind::kNonGovernmental, "non_governmental"},
     {ProviderKind::kPrivate, "private"}}};

constexpr Table<ServiceType, 14> kServiceTypes = {
    {{ServiceType::kDayCentre, "day_centre"},
     {ServiceType::kHomeCare, "home_care"},
     {ServiceType::kResidentialElderly, "residential_elderly"},
     {ServiceType::kResidentialDisability, "residential_disability"},
     {ServiceType::kChildRehabilitation, "child_rehabilitation"},
     {ServiceType::kSocialCanteen, "social_canteen"},
     {ServiceType::kMobileTeam, "mobile_team"},
     {ServiceType::kRespiteCare, "respite_care"},
     {ServiceType::kHalfWayHouse, "half_way_house"},
     {ServiceType::kFamilySupport, "family_support"},
     {ServiceType::kFosterCare, "foster_care"},
     {ServiceType::kCounselling, "counselling"},
     {ServiceType::kTransport, "transport"},
     {ServiceType::kOther, "other"}}};

constexpr Table<TargetGroup, 9> kTargetGroups = {
    {{TargetGroup::kChildren, "children"},
     {TargetGroup::kFamilies, "families"},
     {TargetGroup::kElderly, "elderly"},
     {TargetGroup::kDisability, "disability"},
     {TargetGroup::kViolenceSurvivors, "violence_survivors"},
     {TargetGroup::kHomeless, "homeless"},
     {TargetGroup::kUnemployed, "unemployed"},
     {TargetGroup::kYouth, "youth"},
     {TargetGroup::kOther, "other"}}};

constexpr Table<LicenceStatus, 4> kLicenceStatuses = {{{LicenceStatus::kValid, "valid"},
                                                       {LicenceStatus::kExpiring, "expiring"},
                                                       {LicenceStatus::kExpired, "expired"},
                                                       {LicenceStatus::kNone, "none"}}};

constexpr Table<EnrolmentState, 6> kStates = {{{EnrolmentState::kOffered, "offered"},
                                               {EnrolmentState::kActive, "active"},
                                               {EnrolmentState::kSuspended, "suspended"},
                                               {EnrolmentState::kWaiting, "waiting"},
                                               {EnrolmentState::kEnded, "ended"},
                                               {EnrolmentState::kWithdrawn, "withdrawn"}}};

constexpr Table<Priority, 3> kPriorities = {
    {{Priority::kUrgent, "urgent"}, {Priority::kHigh, "high"}, {Priority::kNormal, "normal"}}};

constexpr Table<HelpState, 4> kHelpStates = {{{HelpState::kOpen, "open"},
                                              {HelpState::kAudience, "audience"},
                                              {HelpState::kCase, "case"},
                                              {HelpState::kClosed, "closed"}}};

constexpr std::array<std::string_view, 6> kLanguages = {"ro", "uk", "mk", "lt", "ru", "en"};

}  // namespace

std::string_view Name(ProviderKind v) { return NameIn(kProviderKinds, v); }
std::string_view Name(ServiceType v) { return NameIn(kServiceTypes, v); }
std::string_view Name(TargetGroup v) { return NameIn(kTargetGroups, v); }
std::string_view Name(LicenceStatus v) { return NameIn(kLicenceStatuses, v); }
std::string_view Name(EnrolmentState v) { return NameIn(kStates, v); }
std::string_view Name(Priority v) { return NameIn(kPriorities, v); }

std::optional<ProviderKind> ParseProviderKind(std::string_view n) {
  return ParseIn(kProviderKinds, n);
}
std::optional<ServiceType> ParseServiceType(std::string_view n) {
  return ParseIn(kServiceTypes, n);
}
std::optional<TargetGroup> ParseTargetGroup(std::string_view n) {
  return ParseIn(kTargetGroups, n);
}
std::optional<LicenceStatus> ParseLicenceStatus(std::string_view n) {
  return ParseIn(kLicenceStatuses, n);
}
std::optional<EnrolmentState> ParseEnrolmentState(std::string_view n) {
  return ParseIn(kStates, n);
}
std::optional<Priority> ParsePriority(std::string_view n) { return ParseIn(kPriorities, n); }
std::string_view Name(HelpState v) { return NameIn(kHelpStates, v); }
std::optional<HelpState> ParseHelpState(std::string_view n) { return ParseIn(kHelpStates, n); }

bool IsServiceLanguage(std::string_view code) {
  for (std::string_view l : kLanguages) {
    if (l == code) return true;
  }
  return false;
}

}  // namespace socius::services
