// Wire names of the cases room's enumerations.
#include "cases/model.h"

#include "core/name_table.h"

namespace socius::cases {
namespace {

template <typename E, size_t N>
using Table = core::NameTable<E, N>;
using core::NameIn;
using core::ParseIn;

constexpr Table<CaseState, 6> kStates = {{{CaseState::kIntake, "intake"},
                                          {CaseState::kAssessment, "assessment"},
                                          {CaseState::kPlanning, "planning"},
                                          {CaseState::kInService, "in_service"},
                                          {CaseState::kMonitoring, "monitoring"},
                                          {CaseState::kClosed, "closed"}}};

constexpr Table<Category, 8> kCategories = {{{Category::kChildAtRisk, "child_at_risk"},
                                             {Category::kFamilyInCrisis, "family_in_crisis"},
                                             {Category::kElderlyAlone, "elderly_alone"},
                                             {Category::kDisability, "disability"},
                                             {Category::kPoverty, "poverty"},
                                             {Category::kDomesticViolence, "domestic_violence"},
                                             {Category::kLargeFamily, "large_family"},
                                             {Category::kOther, "other"}}};

constexpr Table<RiskLevel, 4> kRisks = {{{RiskLevel::kLow, "low"},
                                         {RiskLevel::kMedium, "medium"},
                                         {RiskLevel::kHigh, "high"},
                                         {RiskLevel::kCritical, "critical"}}};

constexpr Table<OriginKind, 4> kOrigins = {{{OriginKind::kDirect, "direct"},
                                            {OriginKind::kContact, "contact"},
                                            {OriginKind::kScreening, "screening"},
                                            {OriginKind::kAssessment, "assessment"}}};

constexpr Table<ContactKind, 6> kKinds = {{{ContactKind::kAudience, "audience"},
                                           {ContactKind::kPhoneCall, "phone_call"},
                                           {ContactKind::kHomeVisit, "home_visit"},
                                           {ContactKind::kSchoolMeeting, "school_meeting"},
                                           {ContactKind::kClinicMeeting, "clinic_meeting"},
                                           {ContactKind::kGroupSession, "group_session"}}};

constexpr Table<ContactStatus, 3> kContactStatuses = {{{ContactStatus::kDone, "done"},
                                                       {ContactStatus::kPlanned, "planned"},
                                                       {ContactStatus::kMissed, "missed"}}};

constexpr Table<ContactReason, 10> kReasons = {{{ContactReason::kSocialAid, "social_aid"},
                                                {ContactReason::kDocuments, "documents"},
                                                {ContactReason::kChildWelfare, "child_welfare"},
                                                {ContactReason::kElderlyCare, "elderly_care"},
                                                {ContactReason::kDisability, "disability"},
                                                {ContactReason::kViolence, "violence"},
                                                {ContactReason::kHousing, "housing"},
                                                {ContactReason::kEmployment, "employment"},
                                                {ContactReason::kHealth, "health"},
                                                {ContactReason::kOther, "other"}}};

constexpr Table<ContactOutcome, 5> kOutcomes = {
    {{ContactOutcome::kAdviceGiven, "advice_given"},
     {ContactOutcome::kApplicationTaken, "application_taken"},
     {ContactOutcome::kReferred, "referred"},
     {ContactOutcome::kCaseOpened, "case_opened"},
     {ContactOutcome::kNothingNeeded, "nothing_needed"}}};

constexpr Table<Agency, 7> kAgencies = {{{Agency::kSocialProtection, "social_protection"},
                                         {Agency::kEducation, "education"},
                                         {Agency::kHealth, "health"},
                                         {Agency::kPolice, "police"},
                                         {Agency::kEmployment, "employment"},
                                         {Agency::kNgo, "ngo"},
                                         {Agency::kOther, "other"}}};

constexpr Table<ActionStatus, 4> kActionStatuses = {{{ActionStatus::kPlanned, "planned"},
                                                     {ActionStatus::kInProgress, "in_progress"},
                                                     {ActionStatus::kDone, "done"},
                                                     {ActionStatus::kCancelled, "cancelled"}}};

constexpr Table<ReferralAnswer, 4> kAnswers = {{{ReferralAnswer::kPending, "pending"},
                                                {ReferralAnswer::kAccepted, "accepted"},
                                                {ReferralAnswer::kRefused, "refused"},
                                                {ReferralAnswer::kWaitingList, "waiting_list"}}};

}  // namespace

std::string_view Name(CaseState v) { return NameIn(kStates, v); }
std::string_view Name(Category v) { return NameIn(kCategories, v); }
std::string_view Name(RiskLevel v) { return NameIn(kRisks, v); }
std::string_view Name(OriginKind v) { return NameIn(kOrigins, v); }
std::string_view Name(ContactKind v) { return NameIn(kKinds, v); }
std::string_view Name(ContactStatus v) { return NameIn(kContactStatuses, v); }
std::string_view Name(ContactReason v) { return NameIn(kReasons, v); }
std::string_view Name(ContactOutcome v) { return NameIn(kOutcomes, v); }
std::string_view Name(Agency v) { return NameIn(kAgencies, v); }
std::string_view Name(ActionStatus v) { return NameIn(kActionStatuses, v); }
std::string_view Name(ReferralAnswer v) { return NameIn(kAnswers, v); }

std::optional<CaseState> ParseCaseState(std::string_view n) { return ParseIn(kStates, n); }
std::optional<Category> ParseCategory(std::string_view n) { return ParseIn(kCategories, n); }
std::optional<RiskLevel> ParseRiskLevel(std::string_view n) { return ParseIn(kRisks, n); }
std::optional<OriginKind> ParseOriginKind(std::string_view n) { return ParseIn(kOrigins, n); }
std::optional<ContactKind> ParseContactKind(std::string_view n) { return ParseIn(kKinds, n); }
std::optional<ContactStatus> ParseContactStatus(std::string_view n) {
  return ParseIn(kContactStatuses, n);
}
std::optional<ContactReason> ParseContactReason(std::string_view n) { return ParseIn(kReasons, n); }
std::optional<ContactOutcome> ParseContactOutcome(std::string_view n) {
  return ParseIn(kOutcomes, n);
}
std::optional<Agency> ParseAgency(std::string_view n) { return ParseIn(kAgencies, n); }
std::optional<ActionStatus> ParseActionStatus(std::string_view n) {
  return ParseIn(kActionStatuses, n);
}
std::optional<ReferralAnswer> ParseReferralAnswer(std::string_view n) {
  return ParseIn(kAnswers, n);
}

}  // namespace socius::cases
