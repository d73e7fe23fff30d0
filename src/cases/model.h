#pragma once

// The records of the cases room: cases, contacts, plan goals and actions, referrals, and the
// events of a case's timeline. Plain data; docs/cases-api.md gives their wire form.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace socius::cases {

enum class CaseState { kIntake, kAssessment, kPlanning, kInService, kMonitoring, kClosed };
enum class Category {
  kChildAtRisk,
  kFamilyInCrisis,
  kElderlyAlone,
  kDisability,
  kPoverty,
  kDomesticViolence,
  kLargeFamily,
  kOther,
};
enum class RiskLevel { kLow, kMedium, kHigh, kCritical };
enum class OriginKind { kDirect, kContact, kScreening, kAssessment };

enum class ContactKind {
  kAudience,
  kPhoneCall,
  kHomeVisit,
  kSchoolMeeting,
  kClinicMeeting,
  kGroupSession,
};
enum class ContactStatus { kDone, kPlanned, kMissed };
enum class ContactReason {
  kSocialAid,
  kDocuments,
  kChildWelfare,
  kElderlyCare,
  kDisability,
  kViolence,
  kHousing,
  kEmployment,
  kHealth,
  kOther,
};
enum class ContactOutcome {
  kAdviceGiven,
  kApplicationTaken,
  kReferred,
  kCaseOpened,
  kNothingNeeded,
};

enum class Agency { kSocialProtection, kEducation, kHealth, kPolice, kEmployment, kNgo, kOther };
enum class ActionStatus { kPlanned, kInProgress, kDone, kCancelled };
enum class ReferralAnswer { kPending, kAccepted, kRefused, kWaitingList };

// Wire names ("in_service", "home_visit", ...) and their parsers (nullopt for an unknown name).
std::string_view Name(CaseState v);
std::string_view Name(Category v);
std::string_view Name(RiskLevel v);
std::string_view Name(OriginKind v);
std::string_view Name(ContactKind v);
std::string_view Name(ContactStatus v);
std::string_view Name(ContactReason v);
std::string_view Name(ContactOutcome v);
std::string_view Name(Agency v);
std::string_view Name(ActionStatus v);
std::string_view Name(ReferralAnswer v);
std::optional<CaseState> ParseCaseState(std::string_view name);
std::optional<Category> ParseCategory(std::string_view name);
std::optional<RiskLevel> ParseRiskLevel(std::string_view name);
std::optional<OriginKind> ParseOriginKind(std::string_view name);
std::optional<ContactKind> ParseContactKind(std::string_view name);
std::optional<ContactStatus> ParseContactStatus(std::string_view name);
std::optional<ContactReason> ParseContactReason(std::string_view name);
std::optional<ContactOutcome> ParseContactOutcome(std::string_view name);
std::optional<Agency> ParseAgency(std::string_view name);
std::optional<ActionStatus> ParseActionStatus(std::string_view name);
std::optional<ReferralAnswer> ParseReferralAnswer(std::string_view name);

// A user as a case shows them.
struct UserRef {
  std::string id;
  std::string display_name;
};

// What a case or a contact is about: a person or a household.
struct Subject {
  enum class Kind { kPerson, kHousehold } kind = Kind::kPerson;
  std::string id;
  std::string name;  // "Family Given" of the person, or of the household's head
};

struct ClosureRequest {
  UserRef requested_by;
  std::string requested_at;
  std::optional<std::string> reason;
};

// A transfer to another community, waiting for that community's head of service.
struct TransferRequest {
  std::string to_community_id;
  std::string to_community_code;
  std::string to_community_name;
  std::string to_community_path;
  UserRef requested_by;
  std::string requested_at;
  std::optional<std::string> reason;
};

struct Case {
  std::string id;
  int64_t version = 1;
  std::string number;
  std::string community_id;
  std::string community_code;
  std::string community_name;
  std::string community_path;
  Subject subject;
  Category category = Category::kOther;
  RiskLevel risk_level = RiskLevel::kMedium;
  CaseState state = CaseState::kIntake;
  UserRef assigned_worker;
  std::string opening_reason;
  OriginKind origin_kind = OriginKind::kDirect;
  std::optional<std::string> origin_id;
  bool confidential = false;
  bool child_case = false;
  bool team_visibility = false;  // the community's setting, read with the case
  std::optional<ClosureRequest> closure_request;
  std::optional<TransferRequest> transfer_request;
  std::string opened_at;
  std::optional<std::string> closed_at;
  std::string created_at;
  std::string updated_at;
  // Derived when read: plan actions planned or in progress, and those of them past deadline.
  int open_actions = 0;
  int overdue_actions = 0;
};

struct CaseSettings {
  std::string community_id;
  std::string community_code;
  std::string number_prefix;
  bool team_visibility = false;
  int64_t version = 1;  // kDefaultSettingsVersion: never stored (the defaults)
};
inline constexpr int64_t kDefaultSettingsVersion = 1;

struct Contact {
  std::string id;
  int64_t version = 1;
  ContactKind kind = ContactKind::kAudience;
  ContactStatus status = ContactStatus::kDone;
  core::Date date;
  std::optional<std::string> time;  // HH:MM
  std::string community_id;
  std::string community_code;
  std::string community_path;
  Subject subject;
  std::optional<std::string> case_id;
  std::optional<ContactReason> reason;
  std::optional<std::string> action_taken;
  std::optional<ContactOutcome> outcome;
  UserRef worker;
  std::optional<std::string> present;
  std::optional<std::string> observations;
  std::optional<std::string> next_steps;
  std::string created_at;
  std::string updated_at;
};

struct PlanAction {
  std::string id;
  int64_t version = 1;
  std::string goal_id;
  std::string case_id;
  std::string case_number;  // for lists outside the case ("Today")
  std::string community_id;
  std::string text;
  Agency agency = Agency::kSocialProtection;
  std::optional<std::string> responsible_user_id;
  std::string responsible_name;
  std::optional<std::string> responsible_contact;
  core::Date deadline;
  ActionStatus status = ActionStatus::kPlanned;
  std::string created_at;
  std::string updated_at;
};

struct PlanGoal {
  std::string id;
  int64_t version = 1;
  std::string case_id;
  std::string text;
  std::vector<PlanAction> actions;
};

struct Referral {
  std::string id;
  int64_t version = 1;
  std::string case_id;
  std::string community_id;
  std::string provider;
  std::string service;
  std::optional<std::string> contact;
  core::Date referred_on;
  std::optional<std::string> service_id;    // a service of the catalogue, or free text only
  std::optional<std::string> enrolment_id;  // the enrolment made from it: the answer follows it
  ReferralAnswer answer = ReferralAnswer::kPending;
  std::optional<std::string> answer_reason;
  std::optional<core::Date> answered_on;
  std::string created_at;
  std::string updated_at;
};

// One line of a case's timeline. `kind`: "state", "note", "contact", "plan", "referral",
// "assignment", "opened".
struct CaseEvent {
  std::string id;
  std::string case_id;
  std::string at;
  std::optional<UserRef> actor;
  std::string kind;
  bool confidential = false;
  std::string detail_json = "{}";
};

}  // namespace socius::cases

namespace socius::cases {

// A head of service's view of their team: each worker's load.
struct WorkerLoad {
  UserRef worker;
  int open_cases = 0;
  int high_risk_cases = 0;  // high or critical
  int overdue_actions = 0;
  int due_actions = 0;  // within 7 days, not yet overdue
  int visits_this_week = 0;
  int closure_requests = 0;
};

// What a caller sends to open a case (docs/cases-api.md); wire.cc has checked the shapes.
struct CaseInput {
  Subject::Kind subject_kind = Subject::Kind::kPerson;
  std::string subject_id;
  Category category = Category::kOther;
  RiskLevel risk_level = RiskLevel::kMedium;
  std::string opening_reason;
  std::optional<std::string> assigned_worker_id;
  std::optional<std::string> origin_contact_id;
  std::optional<std::string> origin_assessment_id;  // a finished assessment of the subject
};

// A PATCH of a case: each field absent or its new value.
struct CaseChanges {
  std::optional<Category> category;
  std::optional<RiskLevel> risk_level;
  std::optional<std::string> opening_reason;
  std::optional<bool> confidential;
};

// A contact as created, or the fields a PATCH changes (`subject_id` only on create).
struct ContactInput {
  std::optional<ContactKind> kind;
  Subject::Kind subject_kind = Subject::Kind::kPerson;
  std::string subject_id;
  // Each optional field: absent (nullopt), or set to a value or cleared (inner nullopt).
  std::optional<std::optional<std::string>> case_id;
  std::optional<ContactStatus> status;
  std::optional<core::Date> date;
  std::optional<std::optional<std::string>> time;
  std::optional<std::optional<ContactReason>> reason;
  std::optional<std::optional<std::string>> action_taken;
  std::optional<std::optional<ContactOutcome>> outcome;
  std::optional<std::string> worker_id;
  std::optional<std::optional<std::string>> present;
  std::optional<std::optional<std::string>> observations;
  std::optional<std::optional<std::string>> next_steps;
};

struct ActionInput {
  std::optional<std::string> goal_id;  // on create
  std::optional<std::string> text;
  std::optional<Agency> agency;
  // The responsible: a user of the system, or a name (and contact) outside it.
  std::optional<std::optional<std::string>> responsible_user_id;
  std::optional<std::string> responsible_name;
  std::optional<std::optional<std::string>> responsible_contact;
  std::optional<core::Date> deadline;
  std::optional<ActionStatus> status;
};

// A referral names a service of the catalogue (`service_id`: provider and service names come
// from there) or, outside it, the provider and the service as free text.
struct ReferralInput {
  std::optional<std::string> service_id;
  std::string provider;
  std::string service;
  std::optional<std::string> contact;
  core::Date referred_on;
};

struct ReferralAnswerInput {
  ReferralAnswer answer = ReferralAnswer::kAccepted;
  std::optional<std::string> answer_reason;
  core::Date answered_on;
};

}  // namespace socius::cases
