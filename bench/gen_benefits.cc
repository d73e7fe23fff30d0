#include "gen_benefits.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "auth/roles.h"
#include "batch_insert.h"
#include "bench_registry_common.h"
#include "benefits/benefits.h"
#include "benefits/rules.h"
#include "benefits/stored.h"
#include "random.h"
#include "registry/model.h"

namespace socius::bench {

namespace {

using benefits::AmountRule;
using benefits::Programme;
using benefits::Rule;
using benefits::RuleKind;
using core::Date;
using core::Month;
using core::Status;
using store::Value;

// Households per write transaction.
constexpr uint64_t kHouseholdsPerTransaction = 50'000;

constexpr const char* kFamilyNames[] = {
    "Popescu",  "Ionescu",  "Popa",   "Pop",      "Radu",  "Dumitru",    "Stan",
    "Stoica",   "Gheorghe", "Rusu",   "Munteanu", "Matei", "Constantin", "Ciobanu",
    "Moldovan", "Lungu",    "Florea", "Marin",    "Tudor", "Ursu",       "Ene",
    "Sandu",    "Dinu",     "Barbu",  "Nistor",   "Toma",  "Cristea",    "Zamfir"};
constexpr const char* kMaleNames[] = {"Ion",    "Gheorghe",  "Vasile",  "Constantin", "Mihai",
                                      "Andrei", "Alexandru", "Nicolae", "Ștefan",     "Florin",
                                      "Adrian", "Cristian",  "Dumitru", "Marian",     "Ionuț"};
constexpr const char* kFemaleNames[] = {
    "Maria",    "Elena", "Ioana",      "Ana",       "Mihaela",  "Andreea", "Cristina", "Daniela",
    "Gabriela", "Alina", "Florentina", "Georgiana", "Nicoleta", "Simona",  "Vasilica"};
constexpr const char* kDegrees[] = {"mild", "moderate", "severe", "profound"};
// How many live in a household of 1..8 (a census's shares, rounded).
constexpr double kSizeWeights[] = {25, 27, 20, 15, 7, 3, 2, 1};

template <size_t N>
const char* Pick(Random& r, const char* const (&names)[N]) {
  return names[r.Below(N)];
}

std::string Instant(Date day, int minute) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00.000Z", day.ToString().c_str(), minute / 60,
                minute % 60);
  return buf;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

struct Commune {
  std::string id;
  std::string path;
};

std::vector<Commune> CommunitiesOf(store::Database& db, const std::string& country) {
  std::vector<Commune> out;
  Check(db.Read([&](store::Session& tx) -> Status {
    return tx.ForEach(
        "SELECT id, path FROM territories WHERE level = 'community' AND path LIKE ? ORDER BY code",
        {"/" + country + "/%"}, [&](const store::Row& row) {
          out.push_back({row.Text(0), row.Text(1)});
          return true;
        });
  }),
        "reading communities");
  if (out.empty()) {
    std::cerr << "benefits_bench: no communities in " << country << "\n";
    std::exit(1);
  }
  return out;
}

// The user every use case is called as: administrator and benefits officer of the whole
// installation (the root territory, path '/').
auth::Principal WriteAdministrator(store::Database& db, Random& r, const std::string& now) {
  auth::Principal who;
  who.user_id = RandomId(r);
  who.username = "benefits-admin";
  who.display_name = "Administratorul beneficiilor";
  who.language = "ro";
  for (auth::Role role : {auth::Role::kAdministrator, auth::Role::kBenefitsOfficer}) {
    who.grants.push_back({role, "root", "ROOT", "/"});
  }
  Check(db.Write([&](store::Session& tx) -> Status {
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec("INSERT INTO users (id, username, username_key, display_name, password_hash, "
                "language, home_territory_id, version, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, '-', 'ro', 'root', 1, ?, ?)",
                {who.user_id, who.username, who.username, who.display_name, now, now})
            .status());
    for (const auth::RoleGrant& g : who.grants) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO role_assignments (id, user_id, role, territory_id, created_at) "
                  "VALUES (?, ?, ?, 'root', ?)",
                  {RandomId(r), who.user_id, std::string(auth::Name(g.role)), now})
              .status());
    }
    return Status::Ok();
  }),
        "writing the administrator");
  return who;
}

Rule RuleOf(RuleKind kind) {
  Rule rule;
  rule.kind = kind;
  return rule;
}

Programme CreateProgramme(store::Database& db, const auth::Principal& who,
                          const std::string& country, benefits::ProgrammeKind kind,
                          const std::string& name, AmountRule amount_rule, int64_t amount_minor,
                          std::vector<Rule> rules) {
  benefits::ProgrammeInput in;
  in.territory_code = country;
  in.name = name;
  in.kind = kind;
  in.currency = benefits::Currency::kRon;
  in.status = benefits::ProgrammeStatus::kOpen;
  in.amount_rule = amount_rule;
  in.amount_minor = amount_minor;
  in.budget_period = benefits::BudgetPeriod::kMonth;
  in.budget_minor = 100'000'000'000;  // a billion lei a month: the budget is not measured here
  in.rules = std::move(rules);
  in.documents = std::vector<std::string>{"Act de identitate", "Adeverință de venit"};
  auto made = benefits::Programmes(db).Create(who, in);
  Check(made.status(), "creating the programme " + name);
  return *made;
}

// One generated household, as eligibility sees it.
struct Household {
  std::string id;
  std::vector<std::string> member_ids;
  benefits::HouseholdFacts facts;
};

}  // namespace

GeneratedBenefits GenerateBenefits(store::Database& db, const BenefitsOptions& options) {
  const auto start = Clock::now();
  GeneratedBenefits out;
  Random r(options.seed ^ 0xbe11ef175ULL);
  const Date today = core::Today();
  const std::string now = Instant(today, 6 * 60);
  const Month month = options.month;
  const Date first_day = core::FirstDay(month);
  const std::vector<Commune> communities = CommunitiesOf(db, options.country);
  out.country_code = options.country;
  out.administrator = WriteAdministrator(db, r, now);
  const auth::Principal& who = out.administrator;

  // The minimum inclusion income: a top-up to 600 lei per member for households with
  // children, under 600 lei per member, living in the community for a year, not yet paid.
  Rule income = RuleOf(RuleKind::kIncomePerMember);
  income.max_minor = 60'000;
  Rule children = RuleOf(RuleKind::kChildren);
  children.min = 1;
  children.under = 18;
  Rule residence = RuleOf(RuleKind::kResidenceMonths);
  residence.min = 12;
  const Programme aid =
      CreateProgramme(db, who, options.country, benefits::ProgrammeKind::kMonthlyAid,
                      "Venitul minim de incluziune", AmountRule::kTopUp, 60'000,
                      {income, children, residence, RuleOf(RuleKind::kNotPaidThisPeriod)});
  // The households that are not beneficiaries declared their income to the heating aid.
  Rule heating_income = RuleOf(RuleKind::kIncomePerMember);
  heating_income.max_minor = 200'000;
  const Programme heating =
      CreateProgramme(db, who, options.country, benefits::ProgrammeKind::kHeatingAid,
                      "Ajutor pentru încălzirea locuinței", AmountRule::kFixed, 25'000,
                      {heating_income, RuleOf(RuleKind::kNotPaidThisPeriod)});
  out.programme_id = aid.id;

  const WeightedChoice size_of(
      std::vector<double>(std::begin(kSizeWeights), std::end(kSizeWeights)));
  const Month paid_from = benefits::AddMonths(month, -2), paid_to = benefits::AddMonths(month, 3);
  const int64_t paid_months = benefits::MonthsBetween(paid_from, paid_to);
  int64_t committed_per_month = 0;
  uint64_t eligible_seen = 0;

  for (uint64_t done = 0; done < options.households;) {
    const uint64_t end = std::min(options.households, done + kHouseholdsPerTransaction);
    Check(db.Write([&](store::Session& tx) -> Status {
      BatchSet batch;
      const size_t households =
          batch.Table("households", {"id", "community_id", "address", "head_person_id", "version",
                                     "created_at", "updated_at"});
      const size_t persons =
          batch.Table("persons", {"id", "community_id", "given_name", "family_name", "birth_date",
                                  "sex", "languages", "disability_degree", "name_key",
                                  "household_id", "version", "created_at", "updated_at"});
      const size_t members =
          batch.Table("household_members",
                      {"household_id", "person_id", "relationship_to_head", "community_id"});
      const size_t applications = batch.Table("benefit_applications", {"id",
                                                                       "programme_id",
                                                                       "household_id",
                                                                       "community_id",
                                                                       "applicant_id",
                                                                       "submitted_on",
                                                                       "period_from",
                                                                       "period_to",
                                                                       "resident_since",
                                                                       "incomes",
                                                                       "monthly_income_minor",
                                                                       "documents",
                                                                       "eligibility",
                                                                       "eligible",
                                                                       "state",
                                                                       "decision_id",
                                                                       "recorded_by",
                                                                       "version",
                                                                       "created_at",
                                                                       "updated_at"});
      const size_t incomes =
          batch.Table("household_incomes", {"household_id", "community_id", "monthly_income_minor",
                                            "resident_since", "declared_on", "application_id"});
      const size_t decisions =
          batch.Table("benefit_decisions",
                      {"id", "application_id", "programme_id", "household_id", "community_id",
                       "outcome", "state", "amount_minor", "period_from", "period_to", "decided_by",
                       "decided_at", "version", "created_at", "updated_at"});
      const size_t holders =
          batch.Table("benefit_holders", {"programme_id", "household_id", "decisions"});

      for (; done < end; ++done) {
        const Commune& community = communities[r.Below(communities.size())];
        Household h;
        h.id = RandomId(r);
        h.facts.household_id = h.id;
        // Registered in the registry up to twelve years ago; some moved in lately.
        const Date registered = core::AddDays(today, -r.Between(30, 4400));
        const std::string registered_at = Instant(registered, r.Between(7 * 60, 16 * 60));
        const size_t size = size_of.Pick(r) + 1;
        const std::string family = Pick(r, kFamilyNames);
        const int head_age = r.Between(size > 2 ? 24 : 19, size > 4 ? 60 : 88);
        const std::string head_id = RandomId(r);
        // The household first: its members refer to it.
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, households,
                      {h.id, community.id, "Str. Principală " + std::to_string(r.Between(1, 300)),
                       head_id, int64_t{1}, registered_at, registered_at}));
        for (size_t m = 0; m < size; ++m) {
          // Head, spouse, then children (and in a large household an older parent).
          const bool parent = m == size - 1 && size >= 5 && r.Chance(0.4);
          const char* relationship = m == 0                                ? "head"
                                     : m == 1 && size > 1 && r.Chance(0.8) ? "spouse"
                                     : parent                              ? "parent"
                                                                           : "child";
          int age = head_age;
          if (std::string_view(relationship) == "spouse")
            age = std::max(18, head_age + r.Between(-6, 6));
          if (std::string_view(relationship) == "child")
            age = r.Between(0, std::max(0, std::min(30, head_age - 18)));
          if (parent) age = std::min(99, head_age + r.Between(20, 32));
          const bool female = m == 0 ? r.Chance(0.45) : m == 1 ? true : r.Chance(0.5);
          const Date born = core::AddDays(today, -(age * 365 + r.Between(0, 364)));
          const std::string pid = m == 0 ? head_id : RandomId(r);
          h.member_ids.push_back(pid);
          h.facts.birth_dates.push_back(born);
          if (m == 0) h.facts.applicant_birth_date = born;
          Value degree = store::Null();
          if (r.Chance(age >= 65 ? 0.12 : 0.04)) {
            const size_t d = r.Chance(0.5) ? 0U : r.Chance(0.6) ? 1U : r.Chance(0.7) ? 2U : 3U;
            degree = std::string(kDegrees[d]);
            const auto parsed = registry::ParseDisabilityDegree(kDegrees[d]);
            if (!h.facts.max_disability || *parsed > *h.facts.max_disability) {
              h.facts.max_disability = parsed;
            }
          }
          const std::string given = female ? Pick(r, kFemaleNames) : Pick(r, kMaleNames);
          SOCIUS_RETURN_IF_ERROR(batch.Add(
              tx, persons,
              {pid, community.id, given, family, born.ToString(),
               std::string(female ? "female" : "male"), std::string("ro"), degree,
               Lower(family + " " + given), h.id, int64_t{1}, registered_at, registered_at}));
          SOCIUS_RETURN_IF_ERROR(
              batch.Add(tx, members, {h.id, pid, std::string(relationship), community.id}));
        }
        // Most households declared an income on an application; a few never applied.
        if (r.Chance(0.03)) continue;
        const double u = r.Unit();
        const int64_t per_member = 10'000 + static_cast<int64_t>(u * u * 400'000);
        const int64_t declared = per_member * static_cast<int64_t>(size);
        h.facts.monthly_income_minor = declared;
        std::optional<Date> resident_since;
        if (r.Chance(0.3)) resident_since = core::AddDays(today, -r.Between(60, 9000));
        h.facts.resident_since = resident_since ? *resident_since : registered;
        // The aid's rules in the month, before anything is paid: a beneficiary is eligible,
        // picked so that about `beneficiaries` are (all of the last ones if short).
        benefits::Eligibility aid_check = benefits::Evaluate(aid, h.facts, paid_from);
        const uint64_t left =
            options.beneficiaries - std::min(options.beneficiaries, out.decisions);
        bool beneficiary = false;
        if (left > 0) {
          const uint64_t remaining = options.households - done;
          if (aid_check.eligible) ++eligible_seen;
          const double rate =
              std::max(0.01, static_cast<double>(eligible_seen) / static_cast<double>(done + 1));
          beneficiary =
              remaining <= left ||
              (aid_check.eligible &&
               r.Unit() < static_cast<double>(left) / (rate * static_cast<double>(remaining)));
        }
        const Programme& programme = beneficiary ? aid : heating;
        const benefits::Eligibility e =
            beneficiary ? aid_check : benefits::Evaluate(heating, h.facts, month);
        const std::string application_id = RandomId(r);
        const std::string decision_id = RandomId(r);
        const Date submitted = core::AddDays(first_day, -r.Between(70, 100));
        const std::string submitted_at = Instant(submitted, r.Between(8 * 60, 16 * 60));
        benefits::Income salary;
        salary.person_id = h.member_ids[0];
        salary.kind = benefits::IncomeKind::kSalary;
        salary.monthly_amount_minor = declared;
        const Value since = resident_since ? Value(resident_since->ToString()) : store::Null();
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, applications,
                      {application_id,
                       programme.id,
                       h.id,
                       community.id,
                       h.member_ids[0],
                       submitted.ToString(),
                       (beneficiary ? paid_from : month).ToString(),
                       (beneficiary ? paid_to : month).ToString(),
                       since,
                       benefits::IncomesJson({salary}).dump(),
                       declared,
                       std::string(R"([{"name":"Act de identitate","provided":true},)"
                                   R"({"name":"Adeverință de venit","provided":true}])"),
                       benefits::EligibilityJson(e).dump(),
                       int64_t{e.eligible ? 1 : 0},
                       std::string(beneficiary ? "decided" : "submitted"),
                       beneficiary ? Value(decision_id) : store::Null(),
                       who.user_id,
                       int64_t{beneficiary ? 2 : 1},
                       submitted_at,
                       submitted_at}));
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, incomes,
                      {h.id, community.id, declared, since, submitted.ToString(), application_id}));
        ++out.incomes;
        ++out.applications;
        if (!beneficiary) continue;
        const int64_t amount =
            std::max<int64_t>(1, benefits::AmountDue(aid, static_cast<int64_t>(size), declared));
        committed_per_month += amount;
        const std::string decided_at =
            Instant(core::AddDays(submitted, r.Between(3, 20)), r.Between(8 * 60, 16 * 60));
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, decisions,
            {decision_id, application_id, aid.id, h.id, community.id, std::string("approved"),
             std::string("active"), amount, paid_from.ToString(), paid_to.ToString(), who.user_id,
             decided_at, int64_t{1}, decided_at, decided_at}));
        SOCIUS_RETURN_IF_ERROR(batch.Add(tx, holders, {aid.id, h.id, int64_t{1}}));
        ++out.decisions;
      }
      return batch.Flush(tx);
    }),
          "writing households");
  }
  // What the decisions hold of each month's budget.
  Check(db.Write([&](store::Session& tx) -> Status {
    for (int64_t i = 0; i < paid_months; ++i) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO programme_budgets (programme_id, period, amount_minor, "
                  "committed_minor, own) VALUES (?, ?, ?, ?, 0)",
                  {aid.id, benefits::AddMonths(paid_from, i).ToString(), aid.budget_minor,
                   committed_per_month})
              .status());
    }
    return Status::Ok();
  }),
        "writing budgets");
  out.households = options.households;
  Check(db.Read([&](store::Session& tx) -> Status {
    auto n = tx.Query("SELECT COUNT(*) FROM persons");
    if (!n.ok()) return n.status();
    out.persons = static_cast<uint64_t>((*n)[0].Int(0));
    return Status::Ok();
  }),
        "counting persons");
  out.seconds = Seconds(start);
  return out;
}

}  // namespace socius::bench
