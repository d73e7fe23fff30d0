#include "demo/demo.h"

#include <sstream>
#include <thread>

#include "assessments/questionnaires.h"
#include "auth/bootstrap.h"
#include "auth/users.h"
#include "demo/community.h"
#include "demo/dates.h"
#include "demo/words.h"
#include "territory/import.h"

namespace socius::demo {

namespace {

using core::Status;

// The territories of the two communities with their parents, as data/territories has them
// (the Ukrainian rows verbatim from ua.csv). Moldova's communes are not in the reference data
// yet: Trebujeni, a commune of the Orhei raion (villages Trebujeni, Butuceni, Morovaia), is
// given a CUATM-style code of its own.
constexpr char kTerritoriesCsv[] =
    "code,parent_code,level,name,name_latin\n"
    "MD,,country,Republica Moldova,\n"
    "MD:6400,MD,district,Orhei,\n"
    "MD:6471,MD:6400,community,Trebujeni,\n"
    "MD:6471001,MD:6471,settlement,Trebujeni,\n"
    "MD:6471002,MD:6471,settlement,Butuceni,\n"
    "MD:6471003,MD:6471,settlement,Morovaia,\n"
    "UA,,country,Україна,Ukraina\n"
    "UA:UA32000000000030281,UA,region,Київська,\n"
    "UA:UA32060000000012455,UA:UA32000000000030281,district,Броварський,\n"
    "UA:UA32060150000031409,UA:UA32060000000012455,community,Калитянська,\n"
    "UA:UA32060150010098317,UA:UA32060150000031409,settlement,Калита,\n"
    "UA:UA32060150020078362,UA:UA32060150000031409,settlement,Бервиця,\n"
    "UA:UA32060150030025066,UA:UA32060150000031409,settlement,Заворичі,\n"
    "UA:UA32060150040068824,UA:UA32060150000031409,settlement,Мокрець,\n"
    "UA:UA32060150050033317,UA:UA32060150000031409,settlement,Опанасів,\n"
    "UA:UA32060150060034313,UA:UA32060150000031409,settlement,Семиполки,\n";

struct StaffSpec {
  std::string username;
  std::string display_name;
  std::string role;
};

struct CommunitySpec {
  CommunityPlan plan;
  std::vector<StaffSpec> staff;  // head, workers..., officer, analyst
};

std::vector<CommunitySpec> Communities() {
  CommunitySpec md;
  md.plan.country = Country::kMoldova;
  md.plan.code = "MD:6471";
  md.plan.name = "Trebujeni";
  md.plan.settlement_codes = {"MD:6471001", "MD:6471002", "MD:6471003"};
  md.plan.households = 480;
  md.plan.cases = 70;
  md.plan.contacts_per_month = 60;
  md.staff = {{"trebujeni.head", "Natalia Rusu", "head_of_service"},
              {"trebujeni.worker1", "Elena Ceban", "social_worker"},
              {"trebujeni.worker2", "Ion Munteanu", "social_worker"},
              {"trebujeni.benefits", "Galina Cojocaru", "benefits_officer"},
              {"trebujeni.analyst", "Victor Lungu", "analyst"}};
  CommunitySpec ua;
  ua.plan.country = Country::kUkraine;
  ua.plan.code = "UA:UA32060150000031409";
  ua.plan.name = "Калитянська";
  ua.plan.settlement_codes = {"UA:UA32060150010098317", "UA:UA32060150020078362",
                              "UA:UA32060150030025066", "UA:UA32060150040068824",
                              "UA:UA32060150050033317", "UA:UA32060150060034313"};
  ua.plan.households = 620;
  ua.plan.cases = 100;
  ua.plan.contacts_per_month = 85;
  ua.staff = {{"kalyta.head", "Оксана Коваленко", "head_of_service"},
              {"kalyta.worker1", "Ірина Шевчук", "social_worker"},
              {"kalyta.worker2", "Андрій Мельник", "social_worker"},
              {"kalyta.worker3", "Тетяна Бондар", "social_worker"},
              {"kalyta.benefits", "Людмила Ткаченко", "benefits_officer"},
              {"kalyta.analyst", "Дмитро Савченко", "analyst"}};
  return {md, ua};
}

core::Result<auth::Principal> PrincipalOf(store::Database& db, const std::string& username) {
  return auth::PrincipalOfUsername(db, username);
}

}  // namespace

core::Result<bool> HoldsData(store::Database& db) {
  core::Result<int64_t> rows = CountUsersAndPersons(db);
  if (!rows.ok()) return rows.status();
  return *rows > 0;
}

core::Result<DemoReport> FillDemo(store::Database& db, const DemoOptions& options) {
  if (options.today > core::Today()) {
    return Status::InvalidArgument("demo.future_today", "today",
                                   "--today " + options.today.ToString() + " is after today");
  }
  core::Result<bool> holds = HoldsData(db);
  if (!holds.ok()) return holds.status();
  if (*holds) {
    return Status::Conflict("demo.not_empty", "db",
                            "the database already holds users or persons; the demo needs an "
                            "empty one");
  }
  DemoReport report;
  std::istringstream csv(kTerritoriesCsv);
  territory::ImportOptions import;
  import.source = "demo";
  core::Result<territory::ImportReport> territories =
      territory::ImportTerritoriesCsv(db, csv, import);
  if (!territories.ok()) return territories.status();
  if (!territories->committed) {
    const territory::ImportError& first = territories->errors.front();
    return Status::Internal("demo territories row " + std::to_string(first.row) + ": " +
                            first.message);
  }
  SOCIUS_RETURN_IF_ERROR(assessments::Questionnaires::InstallShipped(db));

  core::Result<std::optional<std::string>> admin =
      auth::EnsureFirstAdministrator(db, options.admin_password);
  if (!admin.ok()) return admin.status();
  report.users.push_back({std::string(auth::kFirstAdministrator), "administrator", "installation",
                          admin->value_or("(SOCIUS_ADMIN_PASSWORD)")});
  core::Result<auth::Principal> administrator =
      PrincipalOf(db, std::string(auth::kFirstAdministrator));
  if (!administrator.ok()) return administrator.status();

  const std::vector<CommunitySpec> specs = Communities();
  std::vector<CommunityStaff> staff(specs.size());
  auth::UserAccounts accounts(db, auth::AuthOptions{}, nullptr);
  for (size_t c = 0; c < specs.size(); ++c) {
    staff[c].administrator = *administrator;
    for (const StaffSpec& s : specs[c].staff) {
      core::Result<auth::CreatedUser> user =
          auth::AddUser(db, s.username, s.display_name, s.role, specs[c].plan.code, std::nullopt);
      if (!user.ok()) return user.status();
      // The staff work in their community's language.
      auth::UserChange language;
      language.language = WordsOf(specs[c].plan.country).language;
      core::Result<auth::User> changed =
          accounts.Update(nullptr, user->user.id, user->user.version, language);
      if (!changed.ok()) return changed.status();
      report.users.push_back(
          {s.username, s.role, specs[c].plan.name, user->one_time_password.value_or("")});
      core::Result<auth::Principal> who = PrincipalOf(db, s.username);
      if (!who.ok()) return who.status();
      if (s.role == "head_of_service") staff[c].head = *who;
      if (s.role == "social_worker") staff[c].workers.push_back(*who);
      if (s.role == "benefits_officer") staff[c].officer = *who;
    }
  }

  // The communities are independent: each is built on its own thread (their writes share the
  // database's group commits), each from its own seed, so its records are the same whatever
  // the interleaving.
  std::vector<std::unique_ptr<CommunityBuilder>> builders;
  for (size_t c = 0; c < specs.size(); ++c) {
    builders.push_back(std::make_unique<CommunityBuilder>(
        db, specs[c].plan, staff[c], options.seed * 1000003 + c, options.today));
  }
  std::vector<Status> results(specs.size());
  std::vector<std::thread> threads;
  for (size_t c = 0; c < specs.size(); ++c) {
    threads.emplace_back([&, c] { results[c] = builders[c]->Build(); });
  }
  for (std::thread& t : threads) t.join();
  for (size_t c = 0; c < specs.size(); ++c) {
    if (!results[c].ok()) return std::move(results[c]).With("community", specs[c].plan.name);
  }

  SOCIUS_RETURN_IF_ERROR(BackdateWork(db, options.today));

  Counts total;
  total["territories"] = territories->created;
  total["users"] = static_cast<int64_t>(report.users.size());
  for (const auto& builder : builders) {
    for (const auto& [kind, n] : builder->counts()) total[kind] += n;
  }
  static const char* const kOrder[] = {
      "territories", "users",         "persons",       "households",   "screenings",
      "contacts",    "cases",         "cases_closed",  "plan_actions", "referrals",
      "providers",   "services",      "enrolments",    "programmes",   "applications",
      "decisions",   "payment_lists", "payment_lines", "cards"};
  for (const char* kind : kOrder) report.counts.emplace_back(kind, total[kind]);
  return report;
}

}  // namespace socius::demo
