// The year of casework of a demo community: cases opened across the year that moved through
// their states as far as their age allows, with home visits, a plan, referrals and closures.
#include <algorithm>

#include "demo/community.h"
#include "demo/dates.h"
#include "demo/words.h"

namespace socius::demo {

namespace {

using cases::CaseState;
using cases::Category;
using core::Date;
using core::Status;

// How often each category is opened (per hundred cases), in cases::Category order.
constexpr int kCategoryWeights[] = {22, 18, 16, 10, 16, 6, 8, 4};

}  // namespace

Status CommunityBuilder::Cases() {
  for (int i = 0; i < plan_.cases; ++i) SOCIUS_RETURN_IF_ERROR(OneCase(i));
  return Status::Ok();
}

Status CommunityBuilder::OneCase(int number) {
  const Words& words = WordsOf(plan_.country);
  int roll = dice_.Below(100);
  int category_index = 0;
  while (roll >= kCategoryWeights[category_index]) roll -= kCategoryWeights[category_index++];
  const Category category = static_cast<Category>(category_index);

  // Who the case is about.
  cases::CaseInput in;
  in.category = category;
  std::optional<int> person;  // persons_ index, for a case about a person
  int household = -1;
  switch (category) {
    case Category::kChildAtRisk:
      person = RandomPerson(2, 17);
      break;
    case Category::kElderlyAlone:
      for (int attempt = 0; attempt < 100 && !person; ++attempt) {
        const int h = dice_.Below(static_cast<int>(households_.size()));
        if (households_[static_cast<size_t>(h)].elderly_alone)
          person = households_[static_cast<size_t>(h)].members.front();
      }
      if (!person) person = RandomPerson(70, 99);
      break;
    case Category::kDisability:
      for (int attempt = 0; attempt < 200 && !person; ++attempt) {
        const int p = dice_.Below(static_cast<int>(persons_.size()));
        if (persons_[static_cast<size_t>(p)].disability) person = p;
      }
      if (!person) person = RandomPerson(18, 90);
      break;
    case Category::kDomesticViolence:
    case Category::kOther:
      person = RandomPerson(20, 60);
      break;
    default:
      for (int attempt = 0; attempt < 200 && household < 0; ++attempt) {
        const int h = dice_.Below(static_cast<int>(households_.size()));
        const DemoHousehold& candidate = households_[static_cast<size_t>(h)];
        const bool fits = category == Category::kLargeFamily ? candidate.children >= 3
                          : category == Category::kPoverty   ? candidate.poor
                                                             : candidate.children > 0;
        if (fits) household = h;
      }
      if (household < 0) household = dice_.Below(static_cast<int>(households_.size()));
  }
  if (person) {
    in.subject_kind = cases::Subject::Kind::kPerson;
    in.subject_id = persons_[static_cast<size_t>(*person)].id;
  } else {
    const DemoHousehold& h = households_[static_cast<size_t>(household)];
    in.subject_kind = cases::Subject::Kind::kHousehold;
    in.subject_id = h.id;
    if (h.screening_id && dice_.Percent(60)) in.origin_assessment_id = h.screening_id;
  }
  const int risk = dice_.Below(100);
  in.risk_level = category == Category::kDomesticViolence ? cases::RiskLevel::kHigh
                  : risk < 30                             ? cases::RiskLevel::kLow
                  : risk < 75                             ? cases::RiskLevel::kMedium
                  : risk < 95                             ? cases::RiskLevel::kHigh
                                                          : cases::RiskLevel::kCritical;
  in.opening_reason = words.opening[static_cast<size_t>(category_index)];
  const auth::Principal& worker = Worker();
  in.assigned_worker_id = worker.user_id;

  // Older cases first, so that case numbers follow the opening dates.
  const int64_t age = 364 - (364LL * number) / std::max(1, plan_.cases) - dice_.Below(3);
  const Date opened = DateOfDay(today_day_ - std::max<int64_t>(0, age));
  core::Result<cases::CaseView> view = cases_use_.Open(worker, in);
  if (!view.ok()) return view.status();
  const std::string id = view->record.id;
  int64_t version = view->record.version;
  ++counts_["cases"];
  SOCIUS_RETURN_IF_ERROR(BackdateOpening(db_, id, opened));

  Date last = opened;
  auto move = [&](const auth::Principal& who, CaseState to,
                  const std::optional<std::string>& reason) -> Status {
    core::Result<cases::TransitionResult> moved =
        cases_use_.Transition(who, id, version, to, reason);
    if (!moved.ok()) return moved.status();
    version = moved->view.record.version;
    return Status::Ok();
  };
  auto visit = [&](Date day) -> Status {
    cases::ContactInput c;
    c.kind = cases::ContactKind::kHomeVisit;
    c.subject_kind = in.subject_kind;
    c.subject_id = in.subject_id;
    c.case_id = std::optional<std::string>(id);
    c.status = cases::ContactStatus::kDone;
    c.date = day;
    c.time = std::optional<std::string>("10:00");
    c.outcome = std::optional<cases::ContactOutcome>(cases::ContactOutcome::kAdviceGiven);
    c.observations = std::optional<std::string>(dice_.Pick(words.observations));
    c.next_steps = std::optional<std::string>(dice_.Pick(words.next_steps));
    SOCIUS_RETURN_IF_ERROR(Count("contacts", contacts_use_.Record(worker, c).status()));
    // The visit took the worker to the case again.
    core::Result<cases::CaseView> again = cases_use_.Get(worker, id);
    if (!again.ok()) return again.status();
    version = again->record.version;
    return Status::Ok();
  };
  auto ahead = [&](int lo, int hi) { return DateOfDay(DayNumber(last) + dice_.Between(lo, hi)); };
  std::optional<Date> closed;

  // intake → assessment, with a first home visit; some are closed at intake.
  Date next = ahead(1, 6);
  if (next <= today_ && dice_.Percent(7)) {
    SOCIUS_RETURN_IF_ERROR(move(staff_.head, CaseState::kClosed, words.closure_unfounded));
    last = closed.emplace(next);
  } else if (next <= today_) {
    SOCIUS_RETURN_IF_ERROR(visit(next));
    SOCIUS_RETURN_IF_ERROR(move(worker, CaseState::kAssessment, std::nullopt));
    last = next;
    // assessment → planning, with the intersectoral plan.
    next = ahead(5, 15);
    if (next <= today_) {
      SOCIUS_RETURN_IF_ERROR(move(worker, CaseState::kPlanning, std::nullopt));
      last = next;
      const int goals = dice_.Between(1, 2);
      for (int g = 0; g < goals; ++g) {
        core::Result<cases::PlanGoal> goal =
            cases_use_.AddGoal(worker, id, dice_.Pick(words.goals));
        if (!goal.ok()) return goal.status();
        for (int a = dice_.Between(2, 3); a > 0; --a) {
          cases::ActionInput action;
          action.goal_id = goal->id;
          action.text = dice_.Pick(words.actions);
          const int agency = dice_.Below(5);
          action.agency = static_cast<cases::Agency>(agency);
          if (agency == 0) {
            action.responsible_user_id = std::optional<std::string>(worker.user_id);
          } else {
            action.responsible_name = words.outside_responsible[static_cast<size_t>(agency - 1)];
          }
          const Date deadline = DateOfDay(DayNumber(last) + dice_.Between(10, 100));
          action.deadline = deadline;
          core::Result<cases::PlanAction> added = cases_use_.AddAction(worker, id, action);
          if (!added.ok()) return added.status();
          ++counts_["plan_actions"];
          // Past deadlines: most done, some cancelled, the rest overdue.
          std::optional<cases::ActionStatus> status;
          const int outcome = dice_.Below(100);
          if (deadline < today_) {
            if (outcome < 72)
              status = cases::ActionStatus::kDone;
            else if (outcome < 82)
              status = cases::ActionStatus::kCancelled;
            else if (outcome < 90)
              status = cases::ActionStatus::kInProgress;
          } else if (outcome < 40) {
            status = cases::ActionStatus::kInProgress;
          }
          if (status) {
            cases::ActionInput change;
            change.status = *status;
            core::Result<cases::PlanAction> changed =
                cases_use_.UpdateAction(worker, added->id, added->version, change);
            if (!changed.ok()) return changed.status();
          }
        }
      }
      core::Result<cases::CaseView> again = cases_use_.Get(worker, id);
      if (!again.ok()) return again.status();
      version = again->record.version;
      // planning → in service, with a referral.
      next = ahead(3, 10);
      if (next <= today_) {
        SOCIUS_RETURN_IF_ERROR(move(worker, CaseState::kInService, std::nullopt));
        last = next;
        if (dice_.Percent(65)) {
          // A person is sent to a service of the catalogue when one fits; a household, or
          // someone no service here takes, to a service outside it.
          const DemoService* service = nullptr;
          if (person) {
            const int person_age = Age(persons_[static_cast<size_t>(*person)]);
            for (const DemoService& s : services_) {
              const bool fits = (s.type == services::ServiceType::kDayCentre && person_age < 18) ||
                                (s.type == services::ServiceType::kHomeCare && person_age >= 65) ||
                                (s.type == services::ServiceType::kCounselling &&
                                 person_age >= 18 && person_age < 65);
              if (fits && !enrolled_.count({s.id, *person})) service = &s;
            }
          }
          cases::ReferralInput r;
          r.referred_on = last;
          if (service != nullptr) {
            r.service_id = service->id;
          } else {
            r.provider = dice_.Pick(words.outside_providers);
            r.service = dice_.Pick(words.actions);
          }
          core::Result<cases::Referral> referral = cases_use_.AddReferral(worker, id, r);
          if (!referral.ok()) return referral.status();
          ++counts_["referrals"];
          if (service != nullptr) {
            services::EnrolmentInput e;
            e.service_id = service->id;
            e.person_id = persons_[static_cast<size_t>(*person)].id;
            e.case_id = id;
            e.referral_id = referral->id;
            e.priority = in.risk_level >= cases::RiskLevel::kHigh ? services::Priority::kHigh
                                                                  : services::Priority::kNormal;
            services::Enrolments enrolments(db_);
            SOCIUS_RETURN_IF_ERROR(Count("enrolments", enrolments.Enrol(worker, e).status()));
            enrolled_.insert({service->id, *person});
          } else if (DayNumber(last) + 7 <= today_day_) {
            cases::ReferralAnswerInput answer;
            const int a = dice_.Below(100);
            answer.answer = a < 70   ? cases::ReferralAnswer::kAccepted
                            : a < 85 ? cases::ReferralAnswer::kWaitingList
                                     : cases::ReferralAnswer::kRefused;
            if (answer.answer == cases::ReferralAnswer::kRefused)
              answer.answer_reason = words.refusal;
            answer.answered_on = DateOfDay(DayNumber(last) + dice_.Between(2, 7));
            SOCIUS_RETURN_IF_ERROR(
                cases_use_.AnswerReferral(worker, referral->id, referral->version, answer)
                    .status());
          }
          core::Result<cases::CaseView> now = cases_use_.Get(worker, id);
          if (!now.ok()) return now.status();
          version = now->record.version;
        }
        // in service → monitoring → closed.
        next = ahead(30, 110);
        if (next <= today_) {
          SOCIUS_RETURN_IF_ERROR(visit(next));
          SOCIUS_RETURN_IF_ERROR(move(worker, CaseState::kMonitoring, std::nullopt));
          last = next;
          next = ahead(20, 80);
          if (next <= today_) {
            SOCIUS_RETURN_IF_ERROR(move(staff_.head, CaseState::kClosed, words.closure));
            last = closed.emplace(next);
          }
        }
      }
    }
  }
  if (closed) ++counts_["cases_closed"];
  return BackdateTimeline(db_, id, opened, last, closed);
}

}  // namespace socius::demo
