// What a demo community offers its residents: the providers and services of its catalogue
// with their enrolments and waiting lists, and the benefit programmes with their applications,
// decisions, payment lists (paid or returned by the bank) and large-family cards.
#include <algorithm>
#include <cstdio>

#include "demo/community.h"
#include "demo/words.h"

namespace socius::demo {

namespace {

using core::Date;
using core::Month;
using core::Status;

Month AddMonths(Month m, int n) {
  const int index = m.year * 12 + (m.month - 1) + n;
  return Month{index / 12, index % 12 + 1};
}

std::string Amount(int64_t minor) {
  char text[64];
  std::snprintf(text, sizeof text, "%lld.%02lld", static_cast<long long>(minor / 100),
                static_cast<long long>(minor % 100));
  return text;
}

}  // namespace

// --- services ---

Status CommunityBuilder::Catalogue() {
  const Words& words = WordsOf(plan_.country);
  struct ServiceSpec {
    bool ngo;
    std::string name;
    services::ServiceType type;
    std::vector<services::TargetGroup> groups;
    int capacity;
  };
  using services::ServiceType;
  using services::TargetGroup;
  const std::vector<ServiceSpec> specs = {
      {false, words.day_centre, ServiceType::kDayCentre, {TargetGroup::kChildren}, Md() ? 15 : 20},
      {false,
       words.home_care,
       ServiceType::kHomeCare,
       {TargetGroup::kElderly, TargetGroup::kDisability},
       Md() ? 18 : 25},
      {false,
       words.canteen,
       ServiceType::kSocialCanteen,
       {TargetGroup::kElderly, TargetGroup::kFamilies},
       Md() ? 30 : 40},
      {true,
       words.counselling,
       ServiceType::kCounselling,
       {TargetGroup::kFamilies, TargetGroup::kViolenceSurvivors},
       12}};
  std::string provider_ids[2];
  for (int p = 0; p < 2; ++p) {
    services::ProviderInput in;
    in.territory_code = plan_.code;
    in.name = p == 0 ? words.public_provider : words.ngo_provider;
    in.kind = p == 0 ? services::ProviderKind::kPublic : services::ProviderKind::kNonGovernmental;
    if (p == 1)
      in.legal_id = registry::Patch<std::string>(std::optional<std::string>(words.ngo_legal_id));
    in.phone = registry::Patch<std::string>(
        std::optional<std::string>(words.phone_prefix + (p == 0 ? "1203040" : "5506070")));
    services::Providers providers(db_);
    core::Result<services::Provider> created = providers.Create(staff_.head, in);
    if (!created.ok()) return created.status();
    provider_ids[p] = created->id;
    ++counts_["providers"];
  }
  for (size_t i = 0; i < specs.size(); ++i) {
    const ServiceSpec& spec = specs[i];
    services::ServiceInput in;
    in.provider_id = provider_ids[spec.ngo ? 1 : 0];
    in.territory_code = plan_.code;
    in.name = spec.name;
    in.type = spec.type;
    in.licence_number = registry::Patch<std::string>(std::optional<std::string>(
        (Md() ? "AM-" : "ЛП-") + std::to_string(2019 + static_cast<int>(i)) + "-0" +
        std::to_string(37 + 11 * i)));
    // One licence about to expire, for the catalogue's warning. Licences are valid from the
    // real today, whatever --today says: an expired one takes nobody.
    const int64_t now = DayNumber(core::Today());
    const Date until =
        i == 2 ? DateOfDay(now + 40) : DateOfDay(now + 400 + 200 * static_cast<int64_t>(i));
    in.licence_valid_until = registry::Patch<Date>(std::optional<Date>(until));
    in.settlement_codes = plan_.settlement_codes;
    in.target_groups = spec.groups;
    in.capacity = spec.capacity;
    in.free = true;
    in.languages = std::vector<std::string>{WordsOf(plan_.country).language};
    in.active = true;
    services::Services catalogue(db_);
    core::Result<services::Service> created = catalogue.Create(staff_.head, in);
    if (!created.ok()) return created.status();
    services_.push_back(DemoService{created->id, spec.type, spec.capacity});
    ++counts_["services"];
  }
  return Status::Ok();
}

Status CommunityBuilder::Enrolments() {
  const Words& words = WordsOf(plan_.country);
  services::Enrolments enrolments(db_);
  for (const DemoService& service : services_) {
    const bool children = service.type == services::ServiceType::kDayCentre;
    const bool elderly = service.type == services::ServiceType::kHomeCare;
    // Enough to fill the places and leave a few waiting.
    const int wanted = service.capacity + dice_.Between(2, 5);
    std::vector<std::string> active;
    for (int i = 0; i < wanted; ++i) {
      const int p = children  ? RandomPerson(6, 14)
                    : elderly ? RandomPerson(70, 95)
                              : RandomPerson(18, 90);
      if (!enrolled_.insert({service.id, p}).second) continue;
      services::EnrolmentInput in;
      in.service_id = service.id;
      in.person_id = persons_[static_cast<size_t>(p)].id;
      in.priority = dice_.Percent(15) ? services::Priority::kUrgent : services::Priority::kNormal;
      core::Result<services::Enrolment> e = enrolments.Enrol(Worker(), in);
      if (!e.ok()) return e.status();
      ++counts_["enrolments"];
      if (e->state == services::EnrolmentState::kActive) active.push_back(e->id);
    }
    // Some places end; the first in line is offered the place and takes it.
    for (int ended = 0; ended < 2 && !active.empty(); ++ended) {
      const std::string id =
          active[static_cast<size_t>(dice_.Below(static_cast<int>(active.size())))];
      active.erase(std::find(active.begin(), active.end(), id));
      core::Result<services::Enrolment> e = enrolments.Get(staff_.head, id);
      if (!e.ok()) return e.status();
      services::EnrolmentTransition end;
      end.to = services::EnrolmentState::kEnded;
      end.reason = words.service_end;
      SOCIUS_RETURN_IF_ERROR(enrolments.Move(staff_.head, id, e->version, end).status());
      services::EnrolmentListQuery offered;
      offered.service_id = service.id;
      offered.state = services::EnrolmentState::kOffered;
      core::Result<services::EnrolmentPage> page = enrolments.List(staff_.head, offered, "", 20);
      if (!page.ok()) return page.status();
      for (const services::Enrolment& o : page->items) {
        services::EnrolmentTransition take;
        take.to = services::EnrolmentState::kActive;
        SOCIUS_RETURN_IF_ERROR(enrolments.Move(staff_.head, o.id, o.version, take).status());
      }
    }
  }
  return Status::Ok();
}

// --- benefits ---

Status CommunityBuilder::Benefits() {
  const Words& words = WordsOf(plan_.country);
  using benefits::AmountRule;
  using benefits::ProgrammeKind;
  const benefits::Currency currency = Md() ? benefits::Currency::kMdl : benefits::Currency::kUah;
  // The monthly aid tops households up to a guaranteed income per member.
  const int64_t threshold = Md() ? 150000 : 250000;
  auto programme = [&](const std::string& name, ProgrammeKind kind, AmountRule rule, int64_t amount,
                       benefits::BudgetPeriod period, int64_t budget,
                       std::vector<benefits::Rule> rules) -> core::Result<std::string> {
    benefits::ProgrammeInput in;
    in.territory_code = plan_.code;
    in.name = name;
    in.kind = kind;
    in.currency = currency;
    in.status = benefits::ProgrammeStatus::kOpen;
    in.amount_rule = rule;
    in.amount_minor = amount;
    in.budget_period = period;
    in.budget_minor = budget;
    in.rules = std::move(rules);
    in.documents = words.documents;
    benefits::Programmes programmes(db_);
    core::Result<benefits::Programme> created = programmes.Create(staff_.administrator, in);
    if (!created.ok()) return created.status();
    ++counts_["programmes"];
    return created->id;
  };
  benefits::Rule income;
  income.kind = benefits::RuleKind::kIncomePerMember;
  income.max_minor = threshold;
  benefits::Rule children;
  children.kind = benefits::RuleKind::kChildren;
  children.min = 3;
  core::Result<std::string> aid =
      programme(words.aid, ProgrammeKind::kMonthlyAid, AmountRule::kPerMember, Md() ? 45000 : 90000,
                benefits::BudgetPeriod::kMonth, Md() ? 60000000 : 120000000, {income});
  if (!aid.ok()) return aid.status();
  core::Result<std::string> grant = programme(
      words.grant, ProgrammeKind::kOneOffGrant, AmountRule::kFixed, Md() ? 200000 : 300000,
      benefits::BudgetPeriod::kYear, Md() ? 10000000 : 20000000, {});
  if (!grant.ok()) return grant.status();
  programme_ids_ = {*aid, *grant};
  std::optional<std::string> heating;
  if (!Md()) {
    core::Result<std::string> made =
        programme(words.heating, ProgrammeKind::kHeatingAid, AmountRule::kFixed, 150000,
                  benefits::BudgetPeriod::kMonth, 30000000, {income});
    if (!made.ok()) return made.status();
    heating = *made;
    programme_ids_.push_back(*made);
  }
  core::Result<std::string> card =
      programme(words.card, ProgrammeKind::kLargeFamilyCard, AmountRule::kFixed, 1,
                benefits::BudgetPeriod::kYear, 100000000, {children});
  if (!card.ok()) return card.status();

  benefits::Applications applications(db_);
  benefits::Decisions decisions(db_);
  // One application: incomes under or over the threshold, a decision unless still waiting.
  auto apply = [&](DemoHousehold& h, const std::string& programme_id, Date submitted, Month from,
                   Month to, bool eligible,
                   bool decide) -> core::Result<std::optional<std::string>> {
    benefits::ApplicationInput in;
    in.programme_id = programme_id;
    in.household_id = h.id;
    in.applicant_id = persons_[static_cast<size_t>(h.members.front())].id;
    in.submitted_on = submitted.ToString();
    in.period_from = from.ToString();
    in.period_to = to.ToString();
    const int64_t members = static_cast<int64_t>(h.members.size());
    const int64_t per_member = eligible ? threshold * dice_.Between(25, 95) / 100
                                        : threshold * dice_.Between(115, 220) / 100;
    std::vector<benefits::Income> incomes;
    std::vector<int> earners;
    for (int m : h.members) {
      if (Age(persons_[static_cast<size_t>(m)]) >= 18) earners.push_back(m);
    }
    int64_t left = per_member * members;
    for (size_t i = 0; i < earners.size() && left > 0; ++i) {
      benefits::Income line;
      const DemoPerson& p = persons_[static_cast<size_t>(earners[i])];
      line.person_id = p.id;
      line.kind = Age(p) >= 63        ? benefits::IncomeKind::kPension
                  : dice_.Percent(70) ? benefits::IncomeKind::kSalary
                                      : benefits::IncomeKind::kAgriculture;
      line.monthly_amount_minor =
          i + 1 == earners.size() ? left : left * dice_.Between(40, 80) / 100;
      left -= line.monthly_amount_minor;
      incomes.push_back(line);
    }
    in.incomes = incomes;
    std::vector<benefits::Document> documents;
    for (const std::string& name : words.documents) documents.push_back({name, true});
    in.documents = documents;
    core::Result<benefits::Application> a = applications.Create(staff_.officer, in);
    if (!a.ok()) return a.status();
    ++counts_["applications"];
    if (!decide) return std::optional<std::string>();
    benefits::DecisionInput d;
    d.outcome = eligible ? benefits::Outcome::kApproved : benefits::Outcome::kRejected;
    if (!eligible) d.reason = words.rejection;
    core::Result<benefits::Decision> decision =
        decisions.Decide(staff_.officer, a->id, a->version, d);
    if (!decision.ok()) return decision.status();
    ++counts_["decisions"];
    return eligible ? std::optional<std::string>(decision->id) : std::optional<std::string>();
  };

  for (DemoHousehold& h : households_) {
    // The monthly aid: six months from the month of the application; the newest applications
    // wait for their decision.
    if (h.poor || dice_.Percent(6)) {
      // Applications from the half-year before the demo's year too, so that its first
      // months already pay as many households as the others.
      const Date submitted = DateOfDay(today_day_ - dice_.Below(540));
      const Month from = core::MonthOf(submitted);
      const bool recent = DayNumber(submitted) > today_day_ - 6;
      core::Result<std::optional<std::string>> done =
          apply(h, *aid, submitted, from, AddMonths(from, 5), h.poor && dice_.Percent(92), !recent);
      if (!done.ok()) return done.status();
    }
    if (dice_.Percent(Md() ? 5 : 6)) {
      const Date submitted = DayInPastYear();
      const Month month = core::MonthOf(submitted);
      core::Result<std::optional<std::string>> done =
          apply(h, *grant, submitted, month, month, true, true);
      if (!done.ok()) return done.status();
    }
    if (heating && (h.elderly_alone || h.children >= 2) && dice_.Percent(45)) {
      // The last heating season that began by today: October to March.
      const int season = today_.month >= 10 ? today_.year : today_.year - 1;
      const int64_t first = std::max(DayNumber(Date{season, 9, 15}), today_day_ - 364);
      const int64_t latest = std::min(DayNumber(Date{season, 11, 30}), today_day_);
      if (first <= latest) {
        const Date submitted = DateOfDay(first + dice_.Below(static_cast<int>(latest - first + 1)));
        const Month from = std::max(core::MonthOf(submitted), Month{season, 10});
        core::Result<std::optional<std::string>> done = apply(
            h, *heating, submitted, from, Month{season + 1, 3}, h.poor || dice_.Percent(50), true);
        if (!done.ok()) return done.status();
      }
    }
    if (h.children >= 3 && counts_["cards"] < 4) {
      const Date submitted = DateOfDay(today_day_ - dice_.Between(5, 60));
      const Month from = core::MonthOf(submitted);
      core::Result<std::optional<std::string>> decision =
          apply(h, *card, submitted, from, from, true, true);
      if (!decision.ok()) return decision.status();
      benefits::CardInput in;
      in.decision_id = decision->value();
      benefits::Cards cards(db_);
      SOCIUS_RETURN_IF_ERROR(Count("cards", cards.Issue(staff_.officer, in).status()));
    }
  }
  return Status::Ok();
}

// --- payments ---

Status CommunityBuilder::Payments() {
  const Words& words = WordsOf(plan_.country);
  benefits::Payments payments(db_);
  const Month current = core::MonthOf(today_);
  for (const std::string& programme : programme_ids_) {
    for (int back = 11; back >= 0; --back) {
      const Month month = AddMonths(current, -back);
      core::Result<benefits::PaymentList> list =
          payments.Generate(staff_.officer, programme, month, std::nullopt);
      if (!list.ok() && list.status().code() == "payment.nothing_to_pay") continue;
      if (!list.ok()) return list.status();
      ++counts_["payment_lists"];
      counts_["payment_lines"] += list->totals.lines;
      if (back == 0) continue;  // this month's list waits for the bank
      // The bank's answer: paid on the 20th, a few returned.
      std::string csv = "reference,amount,status,date,note\n";
      std::string after;
      for (;;) {
        benefits::PaymentLineFilter filter;
        filter.list_id = list->id;
        core::Result<benefits::PaymentLinePage> lines =
            payments.Lines(staff_.officer, filter, after, 500);
        if (!lines.ok()) return lines.status();
        for (const benefits::PaymentLine& line : lines->items) {
          const bool returned = dice_.Percent(2);
          char date[32];
          std::snprintf(date, sizeof date, "%04d-%02d-20", month.year, month.month);
          csv += line.reference + "," + Amount(line.amount_minor) + "," +
                 (returned ? "returned" : "paid") + "," + date + "," +
                 (returned ? words.returned : std::string()) + "\n";
        }
        if (!lines->next) break;
        after = *lines->next;
      }
      SOCIUS_RETURN_IF_ERROR(payments.Confirm(staff_.officer, list->id, csv).status());
    }
  }
  return Status::Ok();
}

}  // namespace socius::demo
