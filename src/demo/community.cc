#include "demo/community.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <utility>

#include "core/log.h"
#include "demo/dates.h"
#include "demo/words.h"

namespace socius::demo {

namespace {

using core::Date;
using core::Status;
using registry::Sex;

template <typename T>
registry::Patch<T> Set(T value) {
  return registry::Patch<T>(std::optional<T>(std::move(value)));
}

Sex OtherSex(Sex sex) { return sex == Sex::kMale ? Sex::kFemale : Sex::kMale; }

// How many of a community's records are written at once: their transactions share the
// database's group commits.
constexpr int kWriters = 4;

// Runs body(0) ... body(n - 1) on kWriters threads; stops at the first failure and returns it.
Status InParallel(int n, const std::function<Status(int)>& body) {
  std::atomic<int> next{0};
  std::mutex mutex;
  Status failure;
  auto work = [&] {
    for (int i = next++; i < n; i = next++) {
      Status status = body(i);
      if (!status.ok()) {
        std::lock_guard<std::mutex> lock(mutex);
        if (failure.ok()) failure = std::move(status);
        next = n;
        return;
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t) threads.emplace_back(work);
  for (std::thread& thread : threads) thread.join();
  return failure;
}

}  // namespace

CommunityBuilder::CommunityBuilder(store::Database& db, const CommunityPlan& plan,
                                   const CommunityStaff& staff, uint64_t seed, Date today)
    : db_(db),
      plan_(plan),
      staff_(staff),
      dice_(seed),
      names_(plan.country),
      today_(today),
      today_day_(DayNumber(today)),
      persons_use_(db, index_),
      households_use_(db),
      cases_use_(db, &catalogue_),
      contacts_use_(db),
      assessments_use_(db) {}

Status CommunityBuilder::Count(const std::string& kind, const Status& status) {
  if (status.ok()) ++counts_[kind];
  return status;
}

Status CommunityBuilder::Build() {
  const std::pair<const char*, Status (CommunityBuilder::*)()> steps[] = {
      {"persons and households", &CommunityBuilder::People},
      {"screenings", &CommunityBuilder::Screenings},
      {"services", &CommunityBuilder::Catalogue},
      {"cases", &CommunityBuilder::Cases},
      {"contacts", &CommunityBuilder::Contacts},
      {"enrolments", &CommunityBuilder::Enrolments},
      {"benefits", &CommunityBuilder::Benefits},
      {"payments", &CommunityBuilder::Payments}};
  for (const auto& [name, step] : steps) {
    const auto start = std::chrono::steady_clock::now();
    Status status = (this->*step)();
    if (!status.ok()) return std::move(status).With("step", name);
    spdlog::debug("demo: {}: {} in {} ms", plan_.name, name, core::MillisecondsSince(start));
  }
  return Status::Ok();
}

// --- people ---

Status CommunityBuilder::AddPerson(const registry::PersonInput& input, std::string* id) {
  core::Result<registry::Person> created = persons_use_.Create(staff_.head, input);
  if (!created.ok() && created.status().code() == "person.possible_duplicate") {
    // Namesakes born on the same day are two persons: the worker says so, as on the screen.
    created = persons_use_.Create(staff_.head, input,
                                  std::string("Another person with the same name and birth date"));
  }
  if (!created.ok()) return created.status();
  *id = created->id;
  return Status::Ok();
}

Status CommunityBuilder::People() {
  const Words& words = WordsOf(plan_.country);
  // Every household is drawn first, in order, so that the seed alone decides who lives here;
  // then they are registered on several threads at once.
  struct Draft {
    std::vector<registry::PersonInput> inputs;
    std::vector<DemoPerson> people;
    std::vector<std::string> relationships;
    registry::HouseholdInput household;
    DemoHousehold info;
  };
  std::vector<Draft> drafts(static_cast<size_t>(plan_.households));
  for (Draft& draft : drafts) {
    const size_t settlement =
        static_cast<size_t>(dice_.Below(static_cast<int>(plan_.settlement_codes.size())));
    const std::string address = names_.Street(dice_);
    const std::string family = names_.Family(dice_);
    // Who lives together: an older person alone, a couple, parents with children, a large
    // family, three generations.
    const int kind = dice_.Below(100);
    struct Member {
      int age;
      Sex sex;
      std::string relationship;
    };
    std::vector<Member> members;
    const Sex head_sex = dice_.Percent(60) ? Sex::kMale : Sex::kFemale;
    if (kind < 16) {
      members.push_back(
          {dice_.Between(66, 92), dice_.Percent(70) ? Sex::kFemale : Sex::kMale, "head"});
      draft.info.elderly_alone = true;
    } else if (kind < 28) {
      const int age = dice_.Between(63, 85);
      members.push_back({age, Sex::kMale, "head"});
      members.push_back({age - dice_.Between(0, 5), Sex::kFemale, "spouse"});
    } else if (kind < 40) {
      const int age = dice_.Between(22, 62);
      members.push_back({age, head_sex, "head"});
      if (dice_.Percent(70))
        members.push_back({age + dice_.Between(-4, 3), OtherSex(head_sex), "spouse"});
    } else {
      const bool large = kind >= 86 && kind < 95;
      const int children = large ? dice_.Between(3, 6) : dice_.Between(1, 2);
      const int age = dice_.Between(24 + 2 * children, 46);
      const bool single_mother = !large && dice_.Percent(18);
      members.push_back({age, single_mother ? Sex::kFemale : Sex::kMale, "head"});
      if (!single_mother) members.push_back({age - dice_.Between(0, 4), Sex::kFemale, "spouse"});
      for (int c = 0; c < children; ++c) {
        members.push_back({dice_.Between(0, std::min(17, age - 19)),
                           dice_.Percent(50) ? Sex::kMale : Sex::kFemale, "child"});
      }
      if (kind >= 95) members.push_back({dice_.Between(65, 88), Sex::kFemale, "parent"});
      draft.info.children = children;
    }
    std::string father_name;
    for (const Member& m : members) {
      DemoPerson person;
      person.sex = m.sex;
      person.birth =
          DateOfDay(today_day_ - static_cast<int64_t>(m.age) * 365 - dice_.Below(365) - m.age / 4);
      registry::PersonInput in;
      const std::string given = names_.Given(dice_, m.sex);
      if (m.relationship == "head" && m.sex == Sex::kMale) father_name = given;
      in.given_name = Set(given);
      in.family_name = Set(names_.FamilyFor(family, m.sex));
      std::string patronymic;
      if (m.relationship == "child" && !father_name.empty()) {
        patronymic = names_.Patronymic(father_name, m.sex);
      } else {
        patronymic = names_.Patronymic(names_.Given(dice_, Sex::kMale), m.sex);
      }
      if (!patronymic.empty()) in.patronymic = Set(patronymic);
      in.birth_date = Set(person.birth.ToString());
      in.sex = Set(std::string(m.sex == Sex::kMale ? "male" : "female"));
      in.community_code = Set(plan_.code);
      in.settlement_code = Set(plan_.settlement_codes[settlement]);
      in.address = Set(address);
      if (m.age >= 18 && dice_.Percent(75)) {
        in.phone = Set(words.phone_prefix + std::to_string(dice_.Between(1000000, 9999999)));
      }
      if (dice_.Percent(95)) {
        const std::string code = NationalIdentifier(plan_.country, person.birth, m.sex, ++serial_);
        in.identifiers = std::vector<registry::IdentifierInput>{
            {plan_.country == Country::kMoldova ? "MD-IDNP" : "UA-RNOKPP", code}};
      }
      in.languages = std::vector<std::string>{words.language};
      if (m.age >= 5 && dice_.Percent(m.age >= 65 ? 14 : 4)) {
        person.disability = true;
        in.disability_degree = Set(std::string(dice_.Percent(60) ? "moderate" : "severe"));
      }
      draft.inputs.push_back(std::move(in));
      draft.people.push_back(person);
      draft.relationships.push_back(m.relationship);
    }
    // Households that declare a low income: most large families and older people alone.
    DemoHousehold& household = draft.info;
    household.poor = dice_.Percent(household.children >= 3   ? 70
                                   : household.elderly_alone ? 45
                                                             : 22);
    registry::HouseholdInput& in = draft.household;
    in.community_code = Set(plan_.code);
    in.settlement_code = Set(plan_.settlement_codes[settlement]);
    in.address = Set(address);
    in.dwelling_type = Set(std::string(dice_.Percent(90) ? "house" : "apartment"));
    in.income_band = Set(std::string(household.poor      ? (dice_.Percent(30) ? "none" : "very_low")
                                     : dice_.Percent(60) ? "low"
                                                         : "medium"));
  }

  SOCIUS_RETURN_IF_ERROR(InParallel(plan_.households, [&](int h) -> Status {
    Draft& draft = drafts[static_cast<size_t>(h)];
    std::vector<registry::MemberInput> list;
    for (size_t i = 0; i < draft.inputs.size(); ++i) {
      SOCIUS_RETURN_IF_ERROR(AddPerson(draft.inputs[i], &draft.people[i].id));
      list.push_back({draft.people[i].id, draft.relationships[i]});
    }
    draft.household.members = std::move(list);
    core::Result<registry::Household> created =
        households_use_.Create(staff_.head, draft.household);
    if (!created.ok()) return created.status();
    draft.info.id = created->id;
    return Status::Ok();
  }));

  for (Draft& draft : drafts) {
    const int h = static_cast<int>(households_.size());
    for (DemoPerson& person : draft.people) {
      person.household = h;
      draft.info.members.push_back(static_cast<int>(persons_.size()));
      persons_.push_back(std::move(person));
    }
    households_.push_back(std::move(draft.info));
  }
  counts_["persons"] += static_cast<int64_t>(persons_.size());
  counts_["households"] += static_cast<int64_t>(households_.size());
  return Status::Ok();
}

int CommunityBuilder::RandomPerson(int min_age, int max_age) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int i = dice_.Below(static_cast<int>(persons_.size()));
    const int age = Age(persons_[static_cast<size_t>(i)]);
    if (age >= min_age && age <= max_age) return i;
  }
  return 0;
}

// --- screenings ---

Status CommunityBuilder::Screenings() {
  const Words& words = WordsOf(plan_.country);
  for (DemoHousehold& household : households_) {
    if (!(household.children >= 3 || household.elderly_alone || household.poor ||
          dice_.Percent(25)))
      continue;
    nlohmann::json a;
    const int n = static_cast<int>(household.members.size());
    a["members_count"] = n;
    int children = 0;
    bool school_age = false;
    bool disability = false;
    for (int m : household.members) {
      const DemoPerson& p = persons_[static_cast<size_t>(m)];
      if (Age(p) < 18) ++children;
      if (Age(p) >= 6 && Age(p) < 18) school_age = true;
      disability = disability || p.disability;
    }
    a["children_count"] = children;
    if (children > 0) {
      a["school_age_children"] = school_age;
      if (school_age) a["child_out_of_school"] = dice_.Percent(6);
      const bool abroad = dice_.Percent(Md() ? 22 : 8);
      a["parent_abroad"] = abroad;
      if (abroad) {
        static const std::vector<std::string> carers = {"other_parent", "grandparents",
                                                        "grandparents", "older_sibling", "nobody"};
        a["child_cared_by"] = dice_.Pick(carers);
      }
    }
    a["elderly_alone"] = household.elderly_alone;
    std::vector<std::string> incomes;
    if (household.poor) {
      incomes.push_back(dice_.Percent(50) ? "social_aid" : "seasonal_work");
      if (dice_.Percent(15)) incomes = {"none"};
    } else {
      incomes.push_back("salary");
    }
    if (household.elderly_alone && incomes.front() != "none") incomes.push_back("pension");
    if (children > 0 && incomes.front() != "none") incomes.push_back("child_allowance");
    a["income_sources"] = incomes;
    a["income_below_threshold"] = household.poor;
    static const std::vector<std::string> housing = {"adequate",    "adequate",     "adequate",
                                                     "overcrowded", "no_utilities", "precarious"};
    a["housing"] = household.poor ? dice_.Pick(housing) : std::string("adequate");
    a["utility_debts"] = household.poor && dice_.Percent(40);
    a["disability"] = disability;
    if (disability) a["disability_certificate"] = dice_.Percent(75);
    a["chronic_illness"] = dice_.Percent(household.elderly_alone ? 60 : 15);
    a["no_family_doctor"] = dice_.Percent(8);
    const bool violence = dice_.Percent(3);
    a["violence_signs"] = violence;
    if (violence) a["violence_details"] = words.violence_details;
    a["missing_documents"] = dice_.Percent(4);
    assessments::AssessmentInput in;
    in.questionnaire_code = "household_screening";
    in.household_id = household.id;
    in.answers = a.dump();
    in.status = assessments::AssessmentStatus::kFinal;
    core::Result<assessments::Assessment> done = assessments_use_.Create(Worker(), in);
    if (!done.ok()) return done.status();
    household.screening_id = done->id;
    ++counts_["screenings"];
  }
  return Status::Ok();
}

// --- contacts outside cases ---

Status CommunityBuilder::Contacts() {
  const Words& words = WordsOf(plan_.country);
  using cases::ContactKind;
  using cases::ContactOutcome;
  using cases::ContactReason;
  using cases::ContactStatus;
  static const std::vector<ContactReason> reasons = {
      ContactReason::kSocialAid,  ContactReason::kSocialAid,    ContactReason::kSocialAid,
      ContactReason::kDocuments,  ContactReason::kChildWelfare, ContactReason::kElderlyCare,
      ContactReason::kDisability, ContactReason::kHousing,      ContactReason::kEmployment,
      ContactReason::kHealth,     ContactReason::kOther};
  static const std::vector<ContactOutcome> outcomes = {
      ContactOutcome::kAdviceGiven,      ContactOutcome::kAdviceGiven,
      ContactOutcome::kAdviceGiven,      ContactOutcome::kApplicationTaken,
      ContactOutcome::kApplicationTaken, ContactOutcome::kReferred,
      ContactOutcome::kNothingNeeded};
  const int total = plan_.contacts_per_month * 12;
  // Drawn in order, recorded on several threads.
  std::vector<std::pair<const auth::Principal*, cases::ContactInput>> drafts;
  for (int i = 0; i < total; ++i) {
    const int roll = dice_.Below(100);
    ContactKind kind = roll < 52   ? ContactKind::kAudience
                       : roll < 72 ? ContactKind::kPhoneCall
                       : roll < 94 ? ContactKind::kHomeVisit
                       : roll < 97 ? ContactKind::kSchoolMeeting
                                   : ContactKind::kClinicMeeting;
    cases::ContactInput in;
    in.kind = kind;
    if (kind == ContactKind::kHomeVisit && dice_.Percent(50)) {
      in.subject_kind = cases::Subject::Kind::kHousehold;
      in.subject_id =
          households_[static_cast<size_t>(dice_.Below(static_cast<int>(households_.size())))].id;
    } else {
      const int p =
          kind == ContactKind::kSchoolMeeting ? RandomPerson(7, 17) : RandomPerson(18, 95);
      in.subject_id = persons_[static_cast<size_t>(p)].id;
    }
    in.date = DayInPastYear();
    in.time = std::optional<std::string>(std::to_string(dice_.Between(8, 16)) + ":" +
                                         (dice_.Percent(50) ? "00" : "30"));
    if (in.time->value().size() == 4) in.time = std::optional<std::string>("0" + in.time->value());
    const ContactReason reason = kind == ContactKind::kSchoolMeeting ? ContactReason::kChildWelfare
                                 : kind == ContactKind::kClinicMeeting ? ContactReason::kHealth
                                                                       : dice_.Pick(reasons);
    in.reason = std::optional<ContactReason>(reason);
    if (kind == ContactKind::kHomeVisit && dice_.Percent(10)) {
      in.status = ContactStatus::kMissed;
      in.observations = std::optional<std::string>(dice_.Pick(words.missed));
    } else {
      in.status = ContactStatus::kDone;
      in.outcome = std::optional<ContactOutcome>(dice_.Pick(outcomes));
      in.action_taken = std::optional<std::string>(dice_.Pick(words.advice));
      if (kind == ContactKind::kHomeVisit) {
        in.observations = std::optional<std::string>(dice_.Pick(words.observations));
        in.next_steps = std::optional<std::string>(dice_.Pick(words.next_steps));
      }
    }
    drafts.emplace_back(&Worker(), std::move(in));
  }
  // The visits planned for the next two weeks.
  for (int i = 0; i < plan_.contacts_per_month / 5; ++i) {
    cases::ContactInput in;
    in.kind = ContactKind::kHomeVisit;
    in.status = ContactStatus::kPlanned;
    in.subject_kind = cases::Subject::Kind::kHousehold;
    in.subject_id =
        households_[static_cast<size_t>(dice_.Below(static_cast<int>(households_.size())))].id;
    in.date = DateOfDay(today_day_ + dice_.Between(1, 14));
    in.reason = std::optional<ContactReason>(dice_.Pick(reasons));
    drafts.emplace_back(&Worker(), std::move(in));
  }
  SOCIUS_RETURN_IF_ERROR(InParallel(static_cast<int>(drafts.size()), [&](int i) {
    const auto& [worker, input] = drafts[static_cast<size_t>(i)];
    return contacts_use_.Record(*worker, input).status();
  }));
  counts_["contacts"] += static_cast<int64_t>(drafts.size());
  return Status::Ok();
}

}  // namespace socius::demo
