#include "case_gen.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "auth/password.h"
#include "batch_insert.h"
#include "bench_registry_common.h"
#include "cases/model.h"
#include "cases/rules.h"

namespace socius::bench {

namespace {

using core::Date;
using core::Status;
using store::Value;
using Json = nlohmann::json;
namespace k = socius::cases;

// --- days and instants ---

// Days since 1970-01-01 (H. Hinnant's days_from_civil) and back.
int DayOf(Date d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date DateOfDay(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return Date{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::string DayText(int day) { return DateOfDay(day).ToString(); }

// An instant of office hours on `day` ("2025-03-04T09:41:00.000Z").
std::string At(int day, int minute) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00.000Z", DayText(day).c_str(), minute / 60,
                minute % 60);
  return buf;
}
int OfficeMinute(Random& r) { return 7 * 60 + static_cast<int>(r.Below(9 * 60)); }
std::string TimeOfDay(int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

template <typename T, size_t N>
T Pick(Random& r, const std::array<std::pair<T, double>, N>& table) {
  double u = r.Unit(), sum = 0;
  for (const auto& [value, weight] : table) {
    if (u < (sum += weight)) return value;
  }
  return table.back().first;
}
template <size_t N>
const char* PickText(Random& r, const std::array<const char*, N>& texts) {
  return texts[r.Below(N)];
}

// --- the distributions of community practice ---

// What brings a case: poverty and families in crisis most, violence seldom.
constexpr std::array<std::pair<k::Category, double>, 8> kCategories = {{
    {k::Category::kPoverty, 0.24},
    {k::Category::kFamilyInCrisis, 0.18},
    {k::Category::kElderlyAlone, 0.16},
    {k::Category::kChildAtRisk, 0.14},
    {k::Category::kDisability, 0.12},
    {k::Category::kLargeFamily, 0.07},
    {k::Category::kDomesticViolence, 0.05},
    {k::Category::kOther, 0.04},
}};
constexpr std::array<std::pair<k::RiskLevel, double>, 4> kRisk = {{
    {k::RiskLevel::kLow, 0.30},
    {k::RiskLevel::kMedium, 0.45},
    {k::RiskLevel::kHigh, 0.20},
    {k::RiskLevel::kCritical, 0.05},
}};
// Children and violence are assessed higher.
constexpr std::array<std::pair<k::RiskLevel, double>, 4> kRiskProtection = {{
    {k::RiskLevel::kLow, 0.10},
    {k::RiskLevel::kMedium, 0.35},
    {k::RiskLevel::kHigh, 0.40},
    {k::RiskLevel::kCritical, 0.15},
}};
// About 60 % open.
constexpr std::array<std::pair<k::CaseState, double>, 6> kStates = {{
    {k::CaseState::kIntake, 0.06},
    {k::CaseState::kAssessment, 0.08},
    {k::CaseState::kPlanning, 0.08},
    {k::CaseState::kInService, 0.22},
    {k::CaseState::kMonitoring, 0.16},
    {k::CaseState::kClosed, 0.40},
}};
// How far a closed case got before it closed.
constexpr std::array<std::pair<k::CaseState, double>, 5> kClosedFrom = {{
    {k::CaseState::kIntake, 0.08},
    {k::CaseState::kAssessment, 0.17},
    {k::CaseState::kPlanning, 0.05},
    {k::CaseState::kInService, 0.30},
    {k::CaseState::kMonitoring, 0.40},
}};
constexpr std::array<std::pair<k::ContactKind, double>, 6> kContactKinds = {{
    {k::ContactKind::kHomeVisit, 0.35},
    {k::ContactKind::kAudience, 0.25},
    {k::ContactKind::kPhoneCall, 0.25},
    {k::ContactKind::kSchoolMeeting, 0.06},
    {k::ContactKind::kClinicMeeting, 0.05},
    {k::ContactKind::kGroupSession, 0.04},
}};
constexpr std::array<std::pair<k::ContactOutcome, double>, 4> kOutcomes = {{
    {k::ContactOutcome::kAdviceGiven, 0.50},
    {k::ContactOutcome::kApplicationTaken, 0.20},
    {k::ContactOutcome::kReferred, 0.12},
    {k::ContactOutcome::kNothingNeeded, 0.18},
}};
constexpr std::array<std::pair<k::Agency, double>, 7> kAgencies = {{
    {k::Agency::kSocialProtection, 0.45},
    {k::Agency::kEducation, 0.15},
    {k::Agency::kHealth, 0.15},
    {k::Agency::kEmployment, 0.10},
    {k::Agency::kPolice, 0.04},
    {k::Agency::kNgo, 0.08},
    {k::Agency::kOther, 0.03},
}};

k::ContactReason ReasonOf(k::Category c) {
  switch (c) {
    case k::Category::kChildAtRisk:
      return k::ContactReason::kChildWelfare;
    case k::Category::kFamilyInCrisis:
      return k::ContactReason::kSocialAid;
    case k::Category::kElderlyAlone:
      return k::ContactReason::kElderlyCare;
    case k::Category::kDisability:
      return k::ContactReason::kDisability;
    case k::Category::kPoverty:
      return k::ContactReason::kSocialAid;
    case k::Category::kDomesticViolence:
      return k::ContactReason::kViolence;
    case k::Category::kLargeFamily:
      return k::ContactReason::kDocuments;
    case k::Category::kOther:
      return k::ContactReason::kOther;
  }
  return k::ContactReason::kOther;
}

constexpr std::array<const char*, 8> kOpeningReasons = {
    "Family without income since the father lost his job; rent arrears.",
    "School reports repeated absences and signs of neglect.",
    "Lives alone, cannot manage shopping and medication since the stroke.",
    "Mother asks for help after violence at home; police informed.",
    "Child with disability needs a personal assistant and therapy.",
    "Five children, overcrowded housing, no heating for the winter.",
    "Neighbours report an elderly man not seen for days.",
    "Referred by the family doctor: malnutrition of two children.",
};
constexpr std::array<const char*, 10> kGoals = {
    "Stable income for the household",
    "Regular school attendance of the children",
    "Safe housing before winter",
    "Daily care at home",
    "Access to medical treatment and medication",
    "Identity documents for every family member",
    "Protection from violence",
    "Parenting skills and family support",
    "Employment of an adult of the household",
    "Disability assessment and allowance",
};
constexpr std::array<const char*, 12> kActions = {
    "Apply for the minimum income guarantee",
    "Enrol the children in the after-school programme",
    "Visit the family together with the school counsellor",
    "Arrange home care two times a week",
    "Book the disability assessment commission",
    "Accompany the mother to the civil registry",
    "Request firewood from the local support fund",
    "Register with the employment agency",
    "Agree a safety plan with the police inspector",
    "Medical check-up of the children at the clinic",
    "Apply for the heating allowance",
    "Follow-up visit after one month",
};
constexpr std::array<const char*, 6> kProviders = {
    "Day centre for children",
    "Home care service",
    "Social canteen",
    "Rehabilitation centre",
    "Shelter for victims of violence",
    "Counselling centre",
};
constexpr std::array<const char*, 6> kServices = {
    "day care", "home care", "meals", "rehabilitation", "emergency shelter", "counselling",
};
constexpr std::array<const char*, 8> kNotes = {
    "Called the school: attendance improved this month.",
    "The mother did not open the door; will try again next week.",
    "Discussed the budget with the family; debts are being repaid.",
    "Grandmother agrees to look after the children in the afternoons.",
    "Doctor confirms the treatment is followed.",
    "Father back from work abroad; tension in the family.",
    "Firewood delivered; house heated.",
    "Child says he is afraid to go home; talked to the head of service.",
};
constexpr std::array<const char*, 6> kObservations = {
    "House clean, food in the fridge, children at school.",
    "One room heated, damp walls, children share one bed.",
    "Elderly woman alone, medication taken, neighbour helps with shopping.",
    "Father absent, mother tired, baby well cared for.",
    "No food in the house; urgent aid arranged.",
    "Family cooperative; documents brought as agreed.",
};
constexpr std::array<const char*, 5> kPresent = {
    "mother, two children",        "both parents",          "the beneficiary and a neighbour",
    "grandmother, three children", "the beneficiary alone",
};
constexpr std::array<const char*, 6> kActionsTaken = {
    "Explained the aid application", "Took the application for social aid",
    "Checked the living conditions", "Agreed next steps with the family",
    "Gave information on services",  "Delivered food parcel",
};
constexpr std::array<const char*, 5> kNextSteps = {
    "Visit again in two weeks",         "Bring the income certificates", "Call the school",
    "Follow up with the family doctor", "Check the referral answer",
};
constexpr std::array<const char*, 5> kExternalNames = {
    "Ana Popescu (school counsellor)",    "Dr. Ivan Kovalenko",     "Inspector Mihai Rusu",
    "Olena Shevchuk (employment agency)", "Caritas volunteer team",
};

constexpr k::CaseState kPath[] = {k::CaseState::kIntake, k::CaseState::kAssessment,
                                  k::CaseState::kPlanning, k::CaseState::kInService,
                                  k::CaseState::kMonitoring};
int StageOf(k::CaseState s) {
  for (int i = 0; i < 5; ++i) {
    if (kPath[i] == s) return i;
  }
  return 4;
}
std::string N(auto v) { return std::string(k::Name(v)); }

// --- teams and users ---

struct User {
  std::string id, username, display_name;
};

struct Team {
  std::vector<size_t> parents;    // indices into the parent list
  std::vector<uint64_t> persons;  // ordinals of the persons of its communities
  std::vector<User> workers;
  User head;
  uint64_t cases = 0;
};

// One case before it is written: drawn first for all, then numbered in opening order.
struct CaseMeta {
  uint32_t team = 0;
  uint16_t worker = 0;
  uint16_t first_worker = 0;  // differs when the case was reassigned
  uint64_t subject = 0;       // person ordinal
  bool household = false;
  k::Category category = k::Category::kOther;
  k::RiskLevel risk = k::RiskLevel::kMedium;
  k::CaseState state = k::CaseState::kIntake;
  int stage = 0;               // the last stage reached (closed cases: before closing)
  int opened = 0, closed = 0;  // days; closed 0 when open
  int minute = 0;
  bool child = false, confidential = false, closure_pending = false, from_contact = false;
  int64_t sequence = 0;
  uint32_t contacts = 0;
};

}  // namespace

CaseworkReport GenerateCasework(store::Database& db, const Territories& territories,
                                const CaseworkInput& input, const CaseworkOptions& options) {
  const auto start = Clock::now();
  CaseworkReport report;
  Random r(options.seed ^ 0xca5e5ca5e5ULL);
  const int today = DayOf(options.today);
  const std::string now = At(today, 6 * 60);
  const std::vector<CaseworkCommunity>& communities = input.communities;

  // Groups of communities by the territory above them, split into teams of like population.
  std::vector<std::string> parent_ids;
  std::unordered_map<std::string, size_t> parent_index;
  std::vector<uint64_t> parent_persons;
  std::vector<size_t> parent_of(communities.size());
  for (size_t c = 0; c < communities.size(); ++c) {
    auto [it, added] = parent_index.emplace(communities[c].parent_code, parent_ids.size());
    if (added) {
      parent_ids.push_back(communities[c].parent_id);
      parent_persons.push_back(0);
    }
    parent_of[c] = it->second;
  }
  for (const PlacedPerson& p : input.persons) ++parent_persons[parent_of[p.community]];
  const uint64_t wanted_teams =
      std::max<uint64_t>(1, (options.cases + options.cases_per_team / 2) / options.cases_per_team);
  const size_t team_count = std::min<size_t>(wanted_teams, parent_ids.size());
  std::vector<Team> teams(team_count);
  std::vector<size_t> team_of_parent(parent_ids.size());
  {
    // Neighbouring groups (by code) make a team.
    std::vector<size_t> order(parent_ids.size());
    for (size_t p = 0; p < order.size(); ++p) order[p] = p;
    std::vector<std::string> parent_codes(parent_ids.size());
    for (const auto& [code, p] : parent_index) parent_codes[p] = code;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return parent_codes[a] < parent_codes[b]; });
    const double per_team = static_cast<double>(input.persons.size()) / team_count;
    double so_far = 0;
    size_t previous = 0;
    for (size_t n = 0; n < order.size(); ++n) {
      const size_t p = order[n];
      size_t t = std::min(team_count - 1, static_cast<size_t>(so_far / per_team));
      // Every team gets a group of its own even when a few groups hold most persons.
      if (n + team_count >= order.size()) t = std::max(t, n + team_count - order.size());
      t = std::min(t, previous + 1);
      previous = t;
      team_of_parent[p] = t;
      teams[t].parents.push_back(p);
      so_far += static_cast<double>(parent_persons[p]);
    }
  }
  for (uint64_t o = 0; o < input.persons.size(); ++o) {
    teams[team_of_parent[parent_of[input.persons[o].community]]].persons.push_back(o);
  }

  auto hash = auth::HashPassword(options.password, auth::PasswordCost::kMinimum);
  Check(hash.status(), "hashing the password");
  PersonGenerator names(territories, options.seed ^ 0x5eed, options.today);
  Check(db.Write([&](store::Session& tx) -> Status {
    BatchSet batch;
    const size_t users = batch.Table(
        "users", {"id", "username", "username_key", "display_name", "password_hash", "language",
                  "home_territory_id", "active", "must_change_password", "failed_logins", "version",
                  "created_at", "updated_at", "password_changed_at"});
    const size_t roles =
        batch.Table("role_assignments", {"id", "user_id", "role", "territory_id", "created_at"});
    auto add_user = [&](User& u, const std::string& username, const char* role,
                        const Team& team) -> Status {
      const GeneratedPerson& name = names.Next();
      u = User{RandomId(r), username, name.native_given + " " + name.native_family};
      SOCIUS_RETURN_IF_ERROR(
          batch.Add(tx, users,
                    {u.id, u.username, u.username, u.display_name, *hash, std::string("en"),
                     parent_ids[team.parents.front()], int64_t{1}, int64_t{0}, int64_t{0},
                     int64_t{1}, now, now, now}));
      for (size_t p : team.parents) {
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, roles, {RandomId(r), u.id, std::string(role), parent_ids[p], now}));
      }
      ++report.users;
      return Status::Ok();
    };
    for (size_t t = 0; t < teams.size(); ++t) {
      char name[64];
      std::snprintf(name, sizeof name, "head-%02zu", t + 1);
      SOCIUS_RETURN_IF_ERROR(add_user(teams[t].head, name, "head_of_service", teams[t]));
      teams[t].workers.resize(static_cast<size_t>(options.workers_per_team));
      for (int w = 0; w < options.workers_per_team; ++w) {
        std::snprintf(name, sizeof name, "worker-%02zu-%02d", t + 1, w + 1);
        SOCIUS_RETURN_IF_ERROR(
            add_user(teams[t].workers[static_cast<size_t>(w)], name, "social_worker", teams[t]));
      }
    }
    return batch.Flush(tx);
  }),
        "writing users");

  // The cases: drawn, then numbered per community and year in the order they opened.
  std::vector<CaseMeta> metas;
  metas.reserve(options.cases);
  {
    uint64_t persons_total = 0;
    for (const Team& t : teams) persons_total += t.persons.size();
    uint64_t given = 0;
    for (size_t t = 0; t < teams.size(); ++t) {
      teams[t].cases = t + 1 == teams.size() ? options.cases - given
                                             : options.cases * teams[t].persons.size() /
                                                   std::max<uint64_t>(1, persons_total);
      given += teams[t].cases;
    }
  }
  for (size_t t = 0; t < teams.size(); ++t) {
    const Team& team = teams[t];
    if (team.persons.empty()) continue;
    for (uint64_t i = 0; i < team.cases; ++i) {
      CaseMeta m;
      m.team = static_cast<uint32_t>(t);
      m.worker = m.first_worker = static_cast<uint16_t>(i % team.workers.size());
      m.subject = team.persons[r.Below(team.persons.size())];
      m.household = input.persons[m.subject].household != 0 && r.Chance(0.3);
      m.category = Pick(r, kCategories);
      const bool protection =
          m.category == k::Category::kChildAtRisk || m.category == k::Category::kDomesticViolence;
      m.risk = Pick(r, protection ? kRiskProtection : kRisk);
      m.state = Pick(r, kStates);
      m.minute = OfficeMinute(r);
      if (m.state == k::CaseState::kClosed) {
        m.stage = StageOf(Pick(r, kClosedFrom));
        m.opened = today - 30 - static_cast<int>(r.Below(4 * 365));
        m.closed =
            std::min(today - 1, m.opened + 20 + m.stage * 60 + static_cast<int>(r.Below(300)));
      } else {
        m.stage = StageOf(m.state);
        // How long ago a case at this stage usually opened.
        static constexpr int kMinAge[] = {0, 10, 30, 60, 180};
        static constexpr int kSpan[] = {30, 60, 120, 700, 900};
        m.opened = today - kMinAge[m.stage] -
                   static_cast<int>(r.Below(static_cast<uint64_t>(kSpan[m.stage])));
      }
      std::optional<int> age;
      if (!m.household) age = DateOfDay(m.opened).year - input.persons[m.subject].birth_year;
      m.child = k::IsChildCase(m.category, age);
      m.confidential = m.child || m.category == k::Category::kDomesticViolence;
      m.closure_pending = m.child && m.state == k::CaseState::kMonitoring && r.Chance(0.1);
      m.from_contact = r.Chance(0.2);
      if (r.Chance(0.06)) m.first_worker = static_cast<uint16_t>(r.Below(team.workers.size()));
      metas.push_back(m);
    }
  }
  std::sort(metas.begin(), metas.end(), [](const CaseMeta& a, const CaseMeta& b) {
    return a.opened != b.opened ? a.opened < b.opened : a.minute < b.minute;
  });
  std::map<std::pair<uint32_t, int>, int64_t> counters;
  double weight_sum = 0;
  for (CaseMeta& m : metas) {
    const uint32_t community = input.persons[m.subject].community;
    m.sequence = ++counters[{community, DateOfDay(m.opened).year}];
    weight_sum += 30 + ((m.closed ? m.closed : today) - m.opened);
  }
  // About 85 % of the contacts belong to cases, in proportion to how long each ran.
  const double case_contacts = static_cast<double>(options.contacts) * 0.85;
  for (CaseMeta& m : metas) {
    const double share =
        case_contacts * (30 + ((m.closed ? m.closed : today) - m.opened)) / weight_sum;
    m.contacts = static_cast<uint32_t>(share) + (r.Unit() < share - std::floor(share) ? 1 : 0);
  }

  std::vector<std::vector<uint64_t>> open_by_worker(teams.size());
  for (size_t t = 0; t < teams.size(); ++t) open_by_worker[t].assign(teams[t].workers.size(), 0);
  std::vector<std::unordered_map<size_t, uint64_t>> cases_by_parent(teams.size());

  BatchSet batch;
  const size_t t_cases = batch.Table("cases", {"id",
                                               "community_id",
                                               "number",
                                               "person_id",
                                               "household_id",
                                               "category",
                                               "risk_level",
                                               "state",
                                               "assigned_worker_id",
                                               "opening_reason",
                                               "origin_kind",
                                               "origin_id",
                                               "confidential",
                                               "child_case",
                                               "closure_requested_by",
                                               "closure_requested_at",
                                               "closure_reason",
                                               "opened_at",
                                               "closed_at",
                                               "version",
                                               "created_at",
                                               "updated_at",
                                               "created_by"});
  const size_t t_goals = batch.Table("plan_goals", {"id", "case_id", "community_id", "text",
                                                    "version", "created_at", "updated_at"});
  const size_t t_actions =
      batch.Table("plan_actions", {"id", "goal_id", "case_id", "community_id", "text", "agency",
                                   "responsible_user_id", "responsible_name", "responsible_contact",
                                   "deadline", "status", "version", "created_at", "updated_at"});
  const size_t t_referrals =
      batch.Table("referrals", {"id", "case_id", "community_id", "provider", "service", "contact",
                                "referred_on", "answer", "answer_reason", "answered_on", "version",
                                "created_at", "updated_at"});
  const size_t t_contacts = batch.Table(
      "contacts", {"id",           "community_id", "kind",         "status",     "contact_date",
                   "contact_time", "person_id",    "household_id", "case_id",    "reason",
                   "action_taken", "outcome",      "worker_id",    "present",    "observations",
                   "next_steps",   "version",      "created_at",   "updated_at", "created_by"});
  const size_t t_events = batch.Table(
      "case_events",
      {"id", "case_id", "community_id", "at", "actor_id", "kind", "confidential", "detail"});

  auto subject_values = [&](uint64_t ordinal, bool household) -> std::pair<Value, Value> {
    if (household) {
      return {store::Null(), HouseholdId(input.person_seed, input.persons[ordinal].household)};
    }
    return {PersonId(input.person_seed, ordinal), store::Null()};
  };

  // One contact row (and its timeline line when on a case). Returns its id.
  struct ContactDraft {
    k::ContactKind kind = k::ContactKind::kAudience;
    k::ContactStatus status = k::ContactStatus::kDone;
    int day = 0, minute = 0, recorded = 0;
    std::optional<k::ContactReason> reason;
    std::optional<k::ContactOutcome> outcome;
  };
  auto add_contact = [&](store::Session& tx, const ContactDraft& d, const std::string& community_id,
                         const std::pair<Value, Value>& subject, const std::string* case_id,
                         const User& worker) -> Status {
    const std::string id = RandomId(r);
    const bool visit = d.kind == k::ContactKind::kHomeVisit;
    const bool done = d.status == k::ContactStatus::kDone;
    const bool timed = d.kind != k::ContactKind::kAudience && d.kind != k::ContactKind::kPhoneCall;
    std::optional<std::string> action, present, observations, next;
    if (done) {
      action = PickText(r, kActionsTaken);
      if (visit) {
        present = PickText(r, kPresent);
        observations = PickText(r, kObservations);
      }
      if (r.Chance(0.5)) next = PickText(r, kNextSteps);
    }
    auto opt = [](const std::optional<std::string>& s) { return s ? Value(*s) : store::Null(); };
    const std::string recorded = At(d.recorded, d.minute);
    SOCIUS_RETURN_IF_ERROR(batch.Add(tx, t_contacts,
                                     {id,
                                      community_id,
                                      N(d.kind),
                                      N(d.status),
                                      DayText(d.day),
                                      timed || visit ? Value(TimeOfDay(d.minute)) : store::Null(),
                                      subject.first,
                                      subject.second,
                                      case_id ? Value(*case_id) : store::Null(),
                                      d.reason ? Value(N(*d.reason)) : store::Null(),
                                      opt(action),
                                      d.outcome ? Value(N(*d.outcome)) : store::Null(),
                                      worker.id,
                                      opt(present),
                                      opt(observations),
                                      opt(next),
                                      int64_t{1},
                                      recorded,
                                      recorded,
                                      worker.id}));
    ++report.contacts;
    if (!case_id) return Status::Ok();
    Json j = {{"contact_id", id},
              {"kind", N(d.kind)},
              {"status", N(d.status)},
              {"date", DayText(d.day)},
              {"worker_id", worker.id}};
    if (d.reason) j["reason"] = N(*d.reason);
    if (d.outcome) j["outcome"] = N(*d.outcome);
    j["worker"] = worker.display_name;
    if (action) j["action_taken"] = *action;
    if (present) j["present"] = *present;
    if (observations) j["observations"] = *observations;
    if (next) j["next_steps"] = *next;
    ++report.events;
    return batch.Add(tx, t_events,
                     {RandomId(r), *case_id, community_id, recorded, worker.id,
                      std::string("contact"), int64_t{0}, j.dump()});
  };
  auto contact_draft = [&](k::Category category, int from, int to) {
    ContactDraft d;
    d.kind = Pick(r, kContactKinds);
    d.day = from + static_cast<int>(r.Below(static_cast<uint64_t>(std::max(1, to - from + 1))));
    d.minute = OfficeMinute(r);
    d.recorded = d.day;
    if (d.kind == k::ContactKind::kHomeVisit && r.Chance(0.07)) {
      d.status = k::ContactStatus::kMissed;
    } else {
      d.outcome = Pick(r, kOutcomes);
    }
    if (d.kind == k::ContactKind::kAudience || d.kind == k::ContactKind::kPhoneCall ||
        r.Chance(0.5)) {
      d.reason = r.Chance(0.8) ? ReasonOf(category) : k::ContactReason::kOther;
    }
    return d;
  };

  constexpr size_t kCasesPerTransaction = 5000;
  for (size_t begin = 0; begin < metas.size(); begin += kCasesPerTransaction) {
    const size_t end = std::min(metas.size(), begin + kCasesPerTransaction);
    Check(db.Write([&](store::Session& tx) -> Status {
      for (size_t i = begin; i < end; ++i) {
        const CaseMeta& m = metas[i];
        const Team& team = teams[m.team];
        const User& worker = team.workers[m.worker];
        const User& first = team.workers[m.first_worker];
        const uint32_t community_index = input.persons[m.subject].community;
        const CaseworkCommunity& community = communities[community_index];
        const std::string& cid = community.id;
        const std::string id = RandomId(r);
        const std::string number = k::FormatCaseNumber(k::DefaultNumberPrefix(community.code),
                                                       DateOfDay(m.opened).year, m.sequence);
        const int end_day = m.closed ? m.closed : today;
        const std::string opened_at = At(m.opened, m.minute);
        const auto subject = subject_values(m.subject, m.household);
        const bool open = m.state != k::CaseState::kClosed;
        ++report.cases;
        report.open_cases += open;
        if (open) ++open_by_worker[m.team][m.worker];
        ++cases_by_parent[m.team][parent_of[community_index]];

        // The days each stage was reached, spread over the case's life.
        int stage_day[5];
        for (int s = 0; s <= m.stage; ++s) {
          stage_day[s] = m.opened + (end_day - m.opened) * s / (m.stage + 2);
        }
        std::string origin_contact;
        if (m.from_contact) origin_contact = RandomId(r);
        const std::string closure_at = At(std::max(m.opened, today - 3), 10 * 60);
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, t_cases,
            {id,
             cid,
             number,
             subject.first,
             subject.second,
             N(m.category),
             N(m.risk),
             N(m.state),
             worker.id,
             std::string(PickText(r, kOpeningReasons)),
             std::string(m.from_contact ? "contact" : "direct"),
             m.from_contact ? Value(origin_contact) : store::Null(),
             int64_t{m.confidential ? 1 : 0},
             int64_t{m.child ? 1 : 0},
             m.closure_pending ? Value(worker.id) : store::Null(),
             m.closure_pending ? Value(closure_at) : store::Null(),
             m.closure_pending ? Value(std::string("Goals reached, family stable")) : store::Null(),
             opened_at,
             m.closed ? Value(At(m.closed, 15 * 60)) : store::Null(),
             int64_t{3 + m.stage},
             opened_at,
             At(end_day, 16 * 60),
             first.id}));

        auto event = [&](int day, int minute, const User& actor, const char* kind,
                         const Json& detail, bool confidential = false) {
          ++report.events;
          return batch.Add(tx, t_events,
                           {RandomId(r), id, cid, At(day, minute), actor.id, std::string(kind),
                            int64_t{confidential ? 1 : 0}, detail.dump()});
        };
        // The contact the case was opened from: an audience that day.
        if (m.from_contact) {
          const std::string contact_at = At(m.opened, std::max(7 * 60, m.minute - 30));
          SOCIUS_RETURN_IF_ERROR(batch.Add(tx, t_contacts,
                                           {origin_contact,
                                            cid,
                                            N(k::ContactKind::kAudience),
                                            N(k::ContactStatus::kDone),
                                            DayText(m.opened),
                                            store::Null(),
                                            subject.first,
                                            subject.second,
                                            id,
                                            N(ReasonOf(m.category)),
                                            std::string("Heard the request"),
                                            N(k::ContactOutcome::kCaseOpened),
                                            first.id,
                                            store::Null(),
                                            store::Null(),
                                            store::Null(),
                                            int64_t{1},
                                            contact_at,
                                            contact_at,
                                            first.id}));
          ++report.contacts;
        }
        SOCIUS_RETURN_IF_ERROR(event(m.opened, m.minute, first, "state",
                                     {{"opened", true}, {"to", "intake"}, {"number", number}}));
        for (int s = 1; s <= m.stage; ++s) {
          SOCIUS_RETURN_IF_ERROR(event(stage_day[s], OfficeMinute(r), first, "state",
                                       {{"from", N(kPath[s - 1])}, {"to", N(kPath[s])}}));
        }
        if (m.first_worker != m.worker) {
          const int day = m.opened + (end_day - m.opened) / 3;
          SOCIUS_RETURN_IF_ERROR(event(day, OfficeMinute(r), team.head, "assignment",
                                       {{"from", first.id}, {"to", worker.id}}));
        }
        if (m.closed) {
          const Json to_closed = {{"from", N(kPath[m.stage])},
                                  {"to", "closed"},
                                  {"reason", "Goals of the plan reached"}};
          if (m.child) {
            Json request = to_closed;
            request["closure_requested"] = true;
            SOCIUS_RETURN_IF_ERROR(
                event(std::max(m.opened, m.closed - 2), 11 * 60, worker, "state", request));
            SOCIUS_RETURN_IF_ERROR(event(m.closed, 15 * 60, team.head, "state",
                                         {{"approved", true},
                                          {"from", N(kPath[m.stage])},
                                          {"reason", "Goals of the plan reached"}}));
          } else {
            SOCIUS_RETURN_IF_ERROR(event(m.closed, 15 * 60, worker, "state", to_closed));
          }
        } else if (m.closure_pending) {
          SOCIUS_RETURN_IF_ERROR(event(std::max(m.opened, today - 3), 10 * 60, worker, "state",
                                       {{"from", "monitoring"},
                                        {"to", "closed"},
                                        {"reason", "Goals reached, family stable"},
                                        {"closure_requested", true}}));
        }

        // The plan, from the planning stage on.
        if (m.stage >= 2) {
          const int plan_day = stage_day[2];
          const int goals = 1 + static_cast<int>(r.Below(3));
          for (int g = 0; g < goals; ++g) {
            const std::string goal_id = RandomId(r);
            const std::string goal_text = PickText(r, kGoals);
            const std::string made = At(plan_day, 9 * 60 + g);
            SOCIUS_RETURN_IF_ERROR(
                batch.Add(tx, t_goals, {goal_id, id, cid, goal_text, int64_t{1}, made, made}));
            ++report.goals;
            SOCIUS_RETURN_IF_ERROR(event(plan_day, 9 * 60 + g, worker, "plan",
                                         {{"goal_id", goal_id}, {"goal", goal_text}}));
            const int actions = 1 + static_cast<int>(r.Below(3));
            for (int a = 0; a < actions; ++a) {
              const std::string action_id = RandomId(r);
              const k::Agency agency = Pick(r, kAgencies);
              const bool ours = agency == k::Agency::kSocialProtection;
              const std::string responsible =
                  ours ? worker.display_name : PickText(r, kExternalNames);
              const int deadline = plan_day + 14 + static_cast<int>(r.Below(170));
              k::ActionStatus status;
              if (m.closed) {
                status = r.Chance(0.8) ? k::ActionStatus::kDone : k::ActionStatus::kCancelled;
              } else if (deadline < today) {
                const double u = r.Unit();
                status = u < 0.65   ? k::ActionStatus::kDone
                         : u < 0.75 ? k::ActionStatus::kInProgress
                                    : k::ActionStatus::kPlanned;
                if (status != k::ActionStatus::kDone) ++report.overdue_actions;
              } else {
                const double u = r.Unit();
                status = u < 0.6    ? k::ActionStatus::kPlanned
                         : u < 0.95 ? k::ActionStatus::kInProgress
                                    : k::ActionStatus::kDone;
              }
              const std::string text = PickText(r, kActions);
              const std::string made_action = At(plan_day, 9 * 60 + 10 + a);
              SOCIUS_RETURN_IF_ERROR(
                  batch.Add(tx, t_actions,
                            {action_id, goal_id, id, cid, text, N(agency),
                             ours ? Value(worker.id) : store::Null(), responsible,
                             ours ? store::Null()
                                  : Value(std::string("+40 721 000 ") + std::to_string(100 + a)),
                             DayText(deadline), N(status),
                             int64_t{status == k::ActionStatus::kPlanned ? 1 : 2}, made_action,
                             made_action}));
              ++report.actions;
              Json detail = {{"action_id", action_id},
                             {"goal_id", goal_id},
                             {"text", text},
                             {"agency", N(agency)},
                             {"responsible", responsible},
                             {"deadline", DayText(deadline)},
                             {"status", "planned"}};
              SOCIUS_RETURN_IF_ERROR(event(plan_day, 9 * 60 + 10 + a, worker, "plan", detail));
              if (status != k::ActionStatus::kPlanned) {
                detail["status"] = N(status);
                const int changed = std::min(end_day, std::max(plan_day, deadline - 3));
                SOCIUS_RETURN_IF_ERROR(event(changed, OfficeMinute(r), worker, "plan", detail));
              }
            }
          }
        }

        // Referrals to services, from the service stage on.
        if (m.stage >= 3 && r.Chance(0.45)) {
          const int count = 1 + (r.Chance(0.3) ? 1 : 0);
          for (int n = 0; n < count; ++n) {
            const std::string ref_id = RandomId(r);
            const size_t which = r.Below(kProviders.size());
            const std::string provider = kProviders[which], service = kServices[which];
            const int on = stage_day[3] + static_cast<int>(r.Below(static_cast<uint64_t>(
                                              std::max(1, end_day - stage_day[3]))));
            k::ReferralAnswer answer = k::ReferralAnswer::kPending;
            if (today - on > 14 || m.closed) {
              const double u = r.Unit();
              answer = u < 0.6    ? k::ReferralAnswer::kAccepted
                       : u < 0.75 ? k::ReferralAnswer::kWaitingList
                       : u < 0.85 ? k::ReferralAnswer::kRefused
                                  : k::ReferralAnswer::kPending;
            }
            const bool answered = answer != k::ReferralAnswer::kPending;
            const int answered_on = std::min(end_day, on + 3 + static_cast<int>(r.Below(20)));
            const char* reason = answer == k::ReferralAnswer::kRefused ? "No places left" : nullptr;
            const std::string made = At(on, 11 * 60);
            SOCIUS_RETURN_IF_ERROR(batch.Add(
                tx, t_referrals,
                {ref_id, id, cid, provider, service,
                 std::string("+40 256 000 ") + std::to_string(200 + which), DayText(on), N(answer),
                 reason ? Value(std::string(reason)) : store::Null(),
                 answered ? Value(DayText(answered_on)) : store::Null(), int64_t{answered ? 2 : 1},
                 made, answered ? At(answered_on, 12 * 60) : made}));
            ++report.referrals;
            SOCIUS_RETURN_IF_ERROR(event(on, 11 * 60, worker, "referral",
                                         {{"referral_id", ref_id},
                                          {"provider", provider},
                                          {"service", service},
                                          {"answer", "pending"}}));
            if (answered) {
              Json detail = {{"referral_id", ref_id},
                             {"provider", provider},
                             {"service", service},
                             {"answer", N(answer)},
                             {"answered_on", DayText(answered_on)}};
              if (reason) detail["answer_reason"] = reason;
              SOCIUS_RETURN_IF_ERROR(event(answered_on, 12 * 60, worker, "referral", detail));
            }
          }
        }

        // Notes, some of them confidential.
        const int notes = 1 + static_cast<int>(r.Below(4));
        for (int n = 0; n < notes; ++n) {
          const int day =
              m.opened +
              static_cast<int>(r.Below(static_cast<uint64_t>(std::max(1, end_day - m.opened))));
          const bool confidential = r.Chance(m.confidential ? 0.3 : 0.1);
          SOCIUS_RETURN_IF_ERROR(event(day, OfficeMinute(r), worker, "note",
                                       {{"text", PickText(r, kNotes)}}, confidential));
        }

        // Contacts over the case's life; open cases have visits planned for the next days.
        for (uint32_t n = 0; n < m.contacts; ++n) {
          ContactDraft d = contact_draft(m.category, m.opened, end_day);
          if (open && d.kind == k::ContactKind::kHomeVisit && r.Chance(0.08)) {
            d.day = today + static_cast<int>(r.Below(14));
            d.recorded = today - static_cast<int>(r.Below(5));
            d.status = k::ContactStatus::kPlanned;
            d.outcome.reset();
          }
          const User& by = d.day < stage_day[0] + (end_day - m.opened) / 3 ? first : worker;
          SOCIUS_RETURN_IF_ERROR(add_contact(tx, d, cid, subject, &id, by));
        }
      }
      return batch.Flush(tx);
    }),
          "writing cases");
  }

  // Standalone contacts: audiences and calls that needed no case.
  const uint64_t standalone =
      options.contacts > report.contacts ? options.contacts - report.contacts : 0;
  for (uint64_t done = 0; done < standalone;) {
    const uint64_t end = std::min(standalone, done + 50'000);
    Check(db.Write([&](store::Session& tx) -> Status {
      for (; done < end; ++done) {
        const Team& team = teams[r.Below(teams.size())];
        if (team.persons.empty()) continue;
        const uint64_t ordinal = team.persons[r.Below(team.persons.size())];
        ContactDraft d = contact_draft(Pick(r, kCategories), today - 3 * 365, today);
        if (d.kind != k::ContactKind::kAudience && d.kind != k::ContactKind::kPhoneCall &&
            d.kind != k::ContactKind::kHomeVisit) {
          d.kind = k::ContactKind::kAudience;
        }
        if (!d.reason) d.reason = k::ContactReason::kSocialAid;
        const std::string& cid = communities[input.persons[ordinal].community].id;
        SOCIUS_RETURN_IF_ERROR(add_contact(tx, d, cid, subject_values(ordinal, false), nullptr,
                                           team.workers[r.Below(team.workers.size())]));
      }
      return batch.Flush(tx);
    }),
          "writing standalone contacts");
  }

  Check(db.Write([&](store::Session& tx) -> Status {
    BatchSet rows;
    const size_t t = rows.Table("case_counters", {"community_id", "year", "last_number"});
    for (const auto& [key, last] : counters) {
      SOCIUS_RETURN_IF_ERROR(
          rows.Add(tx, t, {communities[key.first].id, int64_t{key.second}, last}));
    }
    return rows.Flush(tx);
  }),
        "writing case counters");

  // Who the benchmarks ask: the worker nearest to 200 open cases, and the head of that team.
  uint64_t best_gap = UINT64_MAX;
  size_t best_team = 0;
  for (size_t t = 0; t < teams.size(); ++t) {
    for (size_t w = 0; w < teams[t].workers.size(); ++w) {
      const uint64_t open = open_by_worker[t][w];
      const uint64_t gap = open > 200 ? open - 200 : 200 - open;
      if (gap < best_gap) {
        best_gap = gap;
        best_team = t;
        report.today_worker = teams[t].workers[w].username;
        report.today_worker_open = open;
      }
    }
  }
  report.team_head = teams[best_team].head.username;
  uint64_t most = 0;
  for (const auto& [parent, n] : cases_by_parent[best_team]) {
    if (n > most) {
      most = n;
      for (const auto& [code, p] : parent_index) {
        if (p == parent) report.team_territory_code = code;
      }
    }
  }
  report.teams = static_cast<int>(teams.size());
  report.seconds = Seconds(start);
  return report;
}

}  // namespace socius::bench
