#include "gen_reports.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "assessments/model.h"
#include "assessments/questionnaires.h"
#include "auth/roles.h"
#include "batch_insert.h"
#include "bench_registry_common.h"
#include "benefits/model.h"
#include "cases/model.h"
#include "core/figures.h"
#include "random.h"
#include "services/model.h"

namespace socius::bench {
namespace {

using core::Date;
using core::Month;
using core::Status;
using store::Null;
using store::Value;

// Rows per write transaction of the big tables.
constexpr uint64_t kRowsPerTransaction = 100'000;

constexpr const char* kFamilyNames[] = {
    "Popescu",  "Ionescu",  "Popa",   "Pop",      "Radu",  "Dumitru",    "Stan",
    "Stoica",   "Gheorghe", "Rusu",   "Munteanu", "Matei", "Constantin", "Ciobanu",
    "Moldovan", "Lungu",    "Florea", "Marin",    "Tudor", "Ursu",       "Ene",
    "Sandu",    "Dinu",     "Barbu",  "Nistor",   "Toma",  "Cristea",    "Zamfir"};
constexpr const char* kGivenNames[] = {
    "Ion",    "Gheorghe", "Vasile",    "Mihai",    "Andrei",  "Nicolae",  "Ștefan",  "Maria",
    "Elena",  "Ioana",    "Ana",       "Mihaela",  "Andreea", "Cristina", "Daniela", "Alina",
    "Florin", "Adrian",   "Georgiana", "Nicoleta", "Simona",  "Marian",   "Ionuț",   "Vasilica"};
constexpr const char* kFlags[] = {"poverty",           "disability",        "child_out_of_school",
                                  "child_left_behind", "elderly_alone",     "violence_risk",
                                  "chronic_illness",   "no_identity_papers"};
constexpr const char* kProviders[] = {
    "DGASPC", "Spitalul Județean", "Inspectoratul Școlar", "Poliția locală",
    "AJOFM",  "Asociația Speranța"};

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

std::string ClockTime(int minute) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

using core::AddMonths;

int MonthIndex(Month m) { return m.year * 12 + (m.month - 1); }

int DayNumber(Date d) {
  using namespace std::chrono;
  return static_cast<int>(sys_days{year{d.year} / month{static_cast<unsigned>(d.month)} /
                                   day{static_cast<unsigned>(d.day)}}
                              .time_since_epoch()
                              .count());
}

int DaysBetween(Date a, Date b) { return DayNumber(b) - DayNumber(a); }

struct Community {
  std::string id, code, name;
  double weight = 1;
  std::vector<std::string> workers;
};

struct Region {
  std::string id, code, name, country;
  std::vector<Community> communities;
};

// The region and its communities; the Romanian county with most communities when `code` is
// empty (as gen_services picks it).
Region ReadRegion(store::Database& db, const std::string& code) {
  struct Row {
    std::string id, code, name, path, level;
  };
  std::vector<Row> rows;
  Check(db.Read([&](store::Session& tx) -> Status {
    return tx.ForEach(
        "SELECT id, code, name, path, level FROM territories WHERE level IN ('region', "
        "'community') ORDER BY code",
        {}, [&](const store::Row& r) {
          rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
          return true;
        });
  }),
        "reading territories");
  const Row* region = nullptr;
  size_t most = 0;
  for (const Row& r : rows) {
    if (r.level != "region" || (code.empty() ? !r.code.starts_with("RO:") : r.code != code)) {
      continue;
    }
    const size_t n = static_cast<size_t>(std::count_if(rows.begin(), rows.end(), [&](const Row& c) {
      return c.level == "community" && c.path.starts_with(r.path);
    }));
    if (region == nullptr || n > most) region = &r, most = n;
  }
  if (region == nullptr || most == 0) {
    std::cerr << "reports_bench: no region " << (code.empty() ? "with communities" : code) << "\n";
    std::exit(1);
  }
  Region out{
      region->id, region->code, region->name, region->code.substr(0, region->code.find(':')), {}};
  for (const Row& r : rows) {
    if (r.level != "community" || !r.path.starts_with(region->path)) continue;
    // Towns and cities have more people, so more of everything.
    const bool town = r.name.starts_with("Municipiul ") || r.name.starts_with("Oraș ") ||
                      r.name.starts_with("Oraşul ") || r.name.starts_with("Municipiul");
    out.communities.push_back({r.id, r.code, r.name, town ? 8.0 : 1.0, {}});
  }
  return out;
}

// The CREATE INDEX statements of `table`'s secondary indexes (not those of its constraints),
// after dropping them.
std::vector<std::string> DropIndexes(store::Database& db, const std::string& table) {
  std::vector<std::pair<std::string, std::string>> found;
  const bool sqlite = db.dialect() == store::Dialect::kSqlite;
  Check(db.Write([&](store::Session& tx) -> Status {
    found.clear();
    auto rows = tx.Query(
        sqlite ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND "
                 "sql IS NOT NULL"
               : "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ? AND "
                 "i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                 "WHERE c.conname = i.indexname)",
        {table});
    if (!rows.ok()) return rows.status();
    for (const store::Row& row : *rows) found.emplace_back(row.Text(0), row.Text(1));
    for (const auto& [name, sql] : found) {
      SOCIUS_RETURN_IF_ERROR(tx.Exec("DROP INDEX " + name).status());
    }
    return Status::Ok();
  }),
        "dropping the indexes of " + table);
  std::vector<std::string> out;
  for (auto& [name, sql] : found) out.push_back(std::move(sql));
  return out;
}

void CreateIndexes(store::Database& db, const std::vector<std::string>& statements) {
  for (const std::string& sql : statements) {
    Check(db.Write([&](store::Session& tx) { return tx.Exec(sql).status(); }), sql);
  }
}

// One household as the generator keeps it: where it lives, its members (persons
// first_person .. first_person + size - 1).
struct Household {
  uint32_t community = 0;
  uint32_t first_person = 0;
  uint32_t size = 0;
};

// One case as contacts and plans need it.
struct CaseRef {
  uint32_t community = 0;
  bool person = false;
  uint32_t subject = 0;  // a person's or a household's index
  uint32_t household = 0;
  Date opened, end;  // end: closed, or the last day of the data
  bool closed = false;
  bool confidential = false;
};

class Generator {
 public:
  Generator(store::Database& db, const ReportsOptions& options)
      : db_(db), options_(options), r_(options.seed ^ 0x4e9041a5ULL) {}

  GeneratedReports Run();

 private:
  Date RandomDay() { return core::AddDays(first_day_, static_cast<int>(r_.Below(days_))); }
  Date DayBetween(Date from, Date to) {
    if (to < from) return from;
    return core::AddDays(
        from, static_cast<int>(r_.Below(static_cast<uint64_t>(DaysBetween(from, to) + 1))));
  }
  int Minute() { return r_.Between(8 * 60, 16 * 60 + 30); }
  uint32_t RandomCommunity() { return static_cast<uint32_t>(community_of_.Pick(r_)); }
  const std::string& Worker(uint32_t community) {
    const auto& w = region_.communities[community].workers;
    return w[r_.Below(w.size())];
  }
  uint32_t HouseholdIn(uint32_t community) {
    const auto& list = households_of_[community];
    return list[r_.Below(list.size())];
  }

  void WriteUsers();
  void WriteRegistry();
  void WriteServices();
  void WriteCases();
  void WriteContacts();
  void WriteScreenings();
  void WriteEnrolments();
  void WriteBenefits();

  store::Database& db_;
  const ReportsOptions& options_;
  Random r_;
  GeneratedReports out_;
  Region region_;
  WeightedChoice community_of_{std::vector<double>{1}};
  Date first_day_, last_day_;
  uint64_t days_ = 1;
  std::string now_;
  std::vector<Household> households_;
  std::vector<std::string> household_ids_, person_ids_;
  std::vector<uint32_t> person_household_;
  std::vector<std::vector<uint32_t>> households_of_;  // by community
  std::vector<CaseRef> cases_;
  std::vector<std::string> case_ids_;
  std::vector<std::string> service_ids_;
  std::vector<std::string> service_types_;
};

void Generator::WriteUsers() {
  auth::Principal& who = out_.administrator;
  who.user_id = RandomId(r_);
  who.username = "reports-admin";
  who.display_name = "Administratorul rapoartelor";
  who.language = "ro";
  who.grants.push_back({auth::Role::kAdministrator, "root", "ROOT", "/"});
  Check(db_.Write([&](store::Session& tx) -> Status {
    BatchSet batch;
    const size_t users = batch.Table(
        "users", {"id", "username", "username_key", "display_name", "password_hash", "language",
                  "home_territory_id", "version", "created_at", "updated_at"});
    const size_t roles =
        batch.Table("role_assignments", {"id", "user_id", "role", "territory_id", "created_at"});
    SOCIUS_RETURN_IF_ERROR(
        batch.Add(tx, users,
                  {who.user_id, who.username, who.username, who.display_name, std::string("-"),
                   std::string("ro"), std::string("root"), int64_t{1}, now_, now_}));
    SOCIUS_RETURN_IF_ERROR(batch.Add(
        tx, roles,
        {RandomId(r_), who.user_id, std::string("administrator"), std::string("root"), now_}));
    // Social workers: more in towns.
    for (size_t c = 0; c < region_.communities.size(); ++c) {
      Community& community = region_.communities[c];
      const int n = community.weight > 1 ? 6 : 2;
      for (int w = 0; w < n; ++w) {
        const std::string id = RandomId(r_);
        const std::string username = "rb-" +
                                     Lower(community.code.substr(community.code.find(':') + 1)) +
                                     "-" + std::to_string(w + 1);
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, users,
                      {id, username, username, "Asistent social " + std::to_string(w + 1),
                       std::string("-"), std::string("ro"), community.id, int64_t{1}, now_, now_}));
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, roles, {RandomId(r_), id, std::string("social_worker"), community.id, now_}));
        community.workers.push_back(id);
        ++out_.users;
      }
    }
    return batch.Flush(tx);
  }),
        "writing users");
  ++out_.users;
}

// Households of one to seven members in the communities by their weight: about one household
// for every forty contacts, at least two per community.
void Generator::WriteRegistry() {
  const uint64_t wanted =
      std::max<uint64_t>({options_.contacts / 40, options_.cases, region_.communities.size() * 2});
  constexpr double kSizeWeights[] = {25, 27, 20, 15, 7, 4, 2};
  const WeightedChoice size_of(
      std::vector<double>(std::begin(kSizeWeights), std::end(kSizeWeights)));
  households_of_.resize(region_.communities.size());
  for (uint64_t h = 0; h < wanted; ++h) {
    Household hh;
    hh.community = h < region_.communities.size() * 2
                       ? static_cast<uint32_t>(h % region_.communities.size())
                       : RandomCommunity();
    hh.first_person = static_cast<uint32_t>(person_ids_.size());
    hh.size = static_cast<uint32_t>(size_of.Pick(r_) + 1);
    households_of_[hh.community].push_back(static_cast<uint32_t>(households_.size()));
    household_ids_.push_back(RandomId(r_));
    for (uint32_t m = 0; m < hh.size; ++m) {
      person_ids_.push_back(RandomId(r_));
      person_household_.push_back(static_cast<uint32_t>(households_.size()));
    }
    households_.push_back(hh);
  }
  const std::vector<std::string> indexes = DropIndexes(db_, "persons");
  for (uint64_t done = 0; done < households_.size();) {
    const uint64_t end = std::min<uint64_t>(households_.size(), done + kRowsPerTransaction / 3);
    Check(db_.Write([&](store::Session& tx) -> Status {
      BatchSet batch;
      const size_t households =
          batch.Table("households", {"id", "community_id", "address", "head_person_id", "version",
                                     "created_at", "updated_at"});
      const size_t persons =
          batch.Table("persons", {"id", "community_id", "given_name", "family_name", "birth_date",
                                  "sex", "languages", "name_key", "household_id", "version",
                                  "created_at", "updated_at"});
      const size_t members =
          batch.Table("household_members",
                      {"household_id", "person_id", "relationship_to_head", "community_id"});
      for (; done < end; ++done) {
        const Household& hh = households_[done];
        const std::string& community = region_.communities[hh.community].id;
        const std::string family = Pick(r_, kFamilyNames);
        SOCIUS_RETURN_IF_ERROR(batch.Add(tx, households,
                                         {household_ids_[done], community,
                                          "Str. Principală " + std::to_string(r_.Between(1, 300)),
                                          person_ids_[hh.first_person], int64_t{1}, now_, now_}));
        for (uint32_t m = 0; m < hh.size; ++m) {
          const uint32_t p = hh.first_person + m;
          const int age = m == 0   ? r_.Between(20, 85)
                          : m == 1 ? r_.Between(20, 70)
                                   : r_.Between(0, 25);
          const std::string given = Pick(r_, kGivenNames);
          SOCIUS_RETURN_IF_ERROR(batch.Add(
              tx, persons,
              {person_ids_[p], community, given, family,
               core::AddDays(last_day_, -(age * 365 + r_.Between(0, 364))).ToString(),
               std::string(r_.Chance(0.5) ? "female" : "male"), std::string("ro"),
               Lower(family + " " + given), household_ids_[done], int64_t{1}, now_, now_}));
          SOCIUS_RETURN_IF_ERROR(batch.Add(tx, members,
                                           {household_ids_[done], person_ids_[p],
                                            std::string(m == 0   ? "head"
                                                        : m == 1 ? "spouse"
                                                                 : "child"),
                                            community}));
        }
      }
      return batch.Flush(tx);
    }),
          "writing households");
  }
  CreateIndexes(db_, indexes);
  out_.households = households_.size();
  out_.persons = person_ids_.size();
}

void Generator::WriteServices() {
  const std::string country = region_.country;
  Check(db_.Write([&](store::Session& tx) -> Status {
    BatchSet batch;
    const size_t provider_rows =
        batch.Table("providers", {"id", "territory_id", "country", "name", "name_key", "search_key",
                                  "kind", "version", "created_at", "updated_at"});
    const size_t service_rows = batch.Table(
        "services", {"id", "provider_id", "territory_id", "name", "name_key", "search_key", "type",
                     "target_groups", "languages", "capacity", "places_used", "free", "active",
                     "version", "created_at", "updated_at"});
    for (size_t c = 0; c < region_.communities.size(); ++c) {
      const Community& community = region_.communities[c];
      const std::string provider = RandomId(r_);
      const std::string name = "Serviciul Public de Asistență Socială " + community.name;
      SOCIUS_RETURN_IF_ERROR(
          batch.Add(tx, provider_rows,
                    {provider, community.id, country, name, Lower(name), Lower(name),
                     std::string("public"), int64_t{1}, now_, now_}));
      const int n = community.weight > 1 ? 6 : 1;
      for (int s = 0; s < n; ++s) {
        const auto type = static_cast<services::ServiceType>(r_.Below(14));
        const std::string type_name(services::Name(type));
        const std::string service_name =
            type_name + " " + community.name + " " + std::to_string(s + 1);
        service_ids_.push_back(RandomId(r_));
        service_types_.push_back(type_name);
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, service_rows,
            {service_ids_.back(), provider, community.id, service_name, Lower(service_name),
             Lower(service_name), type_name, std::string("elderly"), std::string("ro"),
             int64_t{1'000'000}, int64_t{0}, int64_t{1}, int64_t{1}, int64_t{1}, now_, now_}));
      }
    }
    return batch.Flush(tx);
  }),
        "writing services");
  out_.services = service_ids_.size();
}

void Generator::WriteCases() {
  using cases::ActionStatus;
  using cases::CaseState;
  const int history = static_cast<int>(days_);
  std::vector<std::vector<int64_t>> numbers(region_.communities.size(),
                                            std::vector<int64_t>(2100, 0));
  const std::vector<std::string> indexes = DropIndexes(db_, "plan_actions");
  for (uint64_t done = 0; done < options_.cases;) {
    const uint64_t end = std::min(options_.cases, done + kRowsPerTransaction / 4);
    Check(db_.Write([&](store::Session& tx) -> Status {
      BatchSet batch;
      const size_t case_rows = batch.Table(
          "cases", {"id", "community_id", "number", "person_id", "household_id", "category",
                    "risk_level", "state", "assigned_worker_id", "opening_reason", "origin_kind",
                    "confidential", "child_case", "closure_reason", "opened_at", "closed_at",
                    "version", "created_at", "updated_at"});
      const size_t goals = batch.Table("plan_goals", {"id", "case_id", "community_id", "text",
                                                      "version", "created_at", "updated_at"});
      const size_t actions =
          batch.Table("plan_actions", {"id", "goal_id", "case_id", "community_id", "text", "agency",
                                       "responsible_name", "deadline", "status", "version",
                                       "created_at", "updated_at"});
      const size_t referrals =
          batch.Table("referrals", {"id", "case_id", "community_id", "provider", "service",
                                    "referred_on", "answer", "answered_on", "service_id", "version",
                                    "created_at", "updated_at"});
      for (; done < end; ++done) {
        CaseRef k;
        const uint32_t h = HouseholdIn(RandomCommunity());
        k.community = households_[h].community;
        k.household = h;
        k.person = r_.Chance(0.6);
        k.subject = k.person ? households_[h].first_person +
                                   static_cast<uint32_t>(r_.Below(households_[h].size))
                             : h;
        // Most opened within the data's months; a stock opened up to two years before.
        k.opened = r_.Chance(0.85) ? RandomDay() : core::AddDays(first_day_, -r_.Between(1, 730));
        k.end = last_day_;
        const double u = r_.Unit();
        CaseState state = u < 0.42   ? CaseState::kClosed
                          : u < 0.48 ? CaseState::kIntake
                          : u < 0.56 ? CaseState::kAssessment
                          : u < 0.64 ? CaseState::kPlanning
                          : u < 0.86 ? CaseState::kInService
                                     : CaseState::kMonitoring;
        if (state == CaseState::kClosed) {
          const Date closed = core::AddDays(k.opened, r_.Between(20, 420));
          if (closed <= last_day_) {
            k.closed = true;
            k.end = closed;
          } else {
            state = CaseState::kMonitoring;
          }
        }
        k.confidential = r_.Chance(0.04);
        const auto category = static_cast<cases::Category>(r_.Below(8));
        const auto risk = static_cast<cases::RiskLevel>(r_.Chance(0.35)  ? 0
                                                        : r_.Chance(0.6) ? 1
                                                        : r_.Chance(0.8) ? 2
                                                                         : 3);
        const std::string id = RandomId(r_);
        const int64_t n = ++numbers[k.community][static_cast<size_t>(k.opened.year)];
        char number[48];
        std::snprintf(number, sizeof number, "%s-%d-%06lld",
                      region_.communities[k.community]
                          .code.substr(region_.communities[k.community].code.find(':') + 1)
                          .c_str(),
                      k.opened.year, static_cast<long long>(n));
        const std::string opened_at = Instant(k.opened, Minute());
        const Value closed_at = k.closed ? Value(Instant(k.end, Minute())) : Null();
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, case_rows,
                      {id, region_.communities[k.community].id, std::string(number),
                       k.person ? Value(person_ids_[k.subject]) : Null(),
                       k.person ? Null() : Value(household_ids_[k.subject]),
                       std::string(cases::Name(category)), std::string(cases::Name(risk)),
                       std::string(cases::Name(state)), Worker(k.community),
                       std::string("Semnalare la audiență"), std::string("direct"),
                       int64_t{k.confidential ? 1 : 0},
                       int64_t{category == cases::Category::kChildAtRisk ? 1 : 0},
                       k.closed ? Value(std::string("obiective atinse")) : Null(), opened_at,
                       closed_at, int64_t{3}, opened_at, k.closed ? closed_at : Value(opened_at)}));
        const std::string& community = region_.communities[k.community].id;
        // A plan once past the assessment: goals with their actions, deadlines spread over the
        // case's life; what is past its deadline mostly done, some late.
        if (state != CaseState::kIntake && state != CaseState::kAssessment) {
          const int goal_count = r_.Between(1, 2);
          for (int g = 0; g < goal_count; ++g) {
            const std::string goal = RandomId(r_);
            const Date planned = core::AddDays(k.opened, r_.Between(5, 30));
            const std::string planned_at = Instant(planned, Minute());
            SOCIUS_RETURN_IF_ERROR(
                batch.Add(tx, goals,
                          {goal, id, community, std::string("Stabilizarea situației familiei"),
                           int64_t{1}, planned_at, planned_at}));
            ++out_.goals;
            const int action_count = r_.Between(1, 3);
            for (int a = 0; a < action_count; ++a) {
              const Date deadline = core::AddDays(planned, r_.Between(10, 240));
              ActionStatus status;
              Date updated = planned;
              if (k.closed) {
                status = r_.Chance(0.85) ? ActionStatus::kDone : ActionStatus::kCancelled;
                updated = std::min(k.end, core::AddDays(deadline, r_.Between(-20, 15)));
              } else if (deadline < last_day_) {
                const double v = r_.Unit();
                status = v < 0.7   ? ActionStatus::kDone
                         : v < 0.8 ? ActionStatus::kInProgress
                                   : ActionStatus::kPlanned;
                if (status == ActionStatus::kDone) {
                  updated = std::min(last_day_, core::AddDays(deadline, r_.Between(-20, 25)));
                }
              } else {
                status = r_.Chance(0.6) ? ActionStatus::kPlanned : ActionStatus::kInProgress;
              }
              if (updated < planned) updated = planned;
              const auto agency = static_cast<cases::Agency>(r_.Below(7));
              SOCIUS_RETURN_IF_ERROR(batch.Add(
                  tx, actions,
                  {RandomId(r_), goal, id, community, std::string("Însoțire la medicul de familie"),
                   std::string(cases::Name(agency)), std::string("Asistentul social"),
                   deadline.ToString(), std::string(cases::Name(status)), int64_t{2}, planned_at,
                   Instant(updated, Minute())}));
              ++out_.actions;
            }
          }
        }
        // Referrals: to a service of the catalogue, or outside it.
        const int referral_count = r_.Chance(0.35) ? (r_.Chance(0.25) ? 2 : 1) : 0;
        for (int f = 0; f < referral_count; ++f) {
          const Date on = DayBetween(k.opened, k.end);
          const auto answer = static_cast<cases::ReferralAnswer>(
              on > core::AddDays(last_day_, -20) ? 0 : r_.Below(4));
          const bool listed = r_.Chance(0.6);
          const std::string at = Instant(on, Minute());
          SOCIUS_RETURN_IF_ERROR(batch.Add(
              tx, referrals,
              {RandomId(r_), id, community, std::string(Pick(r_, kProviders)),
               std::string("Consiliere psihologică"), on.ToString(),
               std::string(cases::Name(answer)),
               answer == cases::ReferralAnswer::kPending
                   ? Null()
                   : Value(std::min(last_day_, core::AddDays(on, r_.Between(1, 20))).ToString()),
               listed ? Value(service_ids_[r_.Below(service_ids_.size())]) : Null(), int64_t{1}, at,
               at}));
          ++out_.referrals;
        }
        cases_.push_back(k);
        case_ids_.push_back(id);
      }
      return batch.Flush(tx);
    }),
          "writing cases");
  }
  // The counters in step with the numbers given.
  Check(db_.Write([&](store::Session& tx) -> Status {
    BatchInsert batch("case_counters", {"community_id", "year", "last_number"});
    for (size_t c = 0; c < numbers.size(); ++c) {
      for (size_t y = 0; y < numbers[c].size(); ++y) {
        if (numbers[c][y] == 0) continue;
        if (batch.Add({region_.communities[c].id, static_cast<int64_t>(y), numbers[c][y]})) {
          SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
        }
      }
    }
    return batch.Flush(tx);
  }),
        "writing case counters");
  CreateIndexes(db_, indexes);
  out_.cases = cases_.size();
  (void)history;
}

// Contacts over the months: about half on a case (its subject, within its life), the rest
// standalone (audiences and calls of people who came once).
void Generator::WriteContacts() {
  using cases::ContactKind;
  using cases::ContactStatus;
  const WeightedChoice kind_of({35, 22, 28, 5, 5, 5});
  const WeightedChoice reason_of({30, 14, 12, 10, 8, 3, 6, 5, 7, 5});
  const std::vector<std::string> indexes = DropIndexes(db_, "contacts");
  for (uint64_t done = 0; done < options_.contacts;) {
    const uint64_t end = std::min(options_.contacts, done + kRowsPerTransaction);
    Check(db_.Write([&](store::Session& tx) -> Status {
      BatchInsert batch("contacts",
                        {"id", "community_id", "kind", "status", "contact_date", "contact_time",
                         "person_id", "household_id", "case_id", "reason", "outcome", "worker_id",
                         "version", "created_at", "updated_at"});
      for (; done < end; ++done) {
        uint32_t community, household;
        bool person;
        uint32_t subject;
        Value case_id = Null();
        Date day;
        if (!cases_.empty() && r_.Chance(0.5)) {
          const size_t k = r_.Below(cases_.size());
          const CaseRef& c = cases_[k];
          community = c.community;
          household = c.household;
          person = c.person;
          subject = c.subject;
          case_id = case_ids_[k];
          day = DayBetween(std::max(c.opened, first_day_), c.end);
        } else {
          household = HouseholdIn(RandomCommunity());
          community = households_[household].community;
          person = r_.Chance(0.7);
          subject = person ? households_[household].first_person +
                                 static_cast<uint32_t>(r_.Below(households_[household].size))
                           : household;
          day = RandomDay();
        }
        const auto kind = static_cast<ContactKind>(kind_of.Pick(r_));
        // Planned contacts are the coming ones; a home visit is missed now and then.
        ContactStatus status = ContactStatus::kDone;
        if (day > core::AddDays(last_day_, -7) && r_.Chance(0.4)) {
          status = ContactStatus::kPlanned;
        } else if (r_.Chance(kind == ContactKind::kHomeVisit ? 0.09 : 0.03)) {
          status = ContactStatus::kMissed;
        }
        const bool with_reason =
            kind == ContactKind::kAudience || kind == ContactKind::kPhoneCall || r_.Chance(0.6);
        const std::string at = Instant(day, Minute());
        if (batch.Add({RandomId(r_), region_.communities[community].id,
                       std::string(cases::Name(kind)), std::string(cases::Name(status)),
                       day.ToString(), ClockTime(Minute()),
                       person ? Value(person_ids_[subject]) : Null(),
                       person ? Null() : Value(household_ids_[subject]), case_id,
                       with_reason ? Value(std::string(cases::Name(
                                         static_cast<cases::ContactReason>(reason_of.Pick(r_)))))
                                   : Null(),
                       status == ContactStatus::kDone
                           ? Value(std::string(
                                 cases::Name(static_cast<cases::ContactOutcome>(r_.Below(5)))))
                           : Null(),
                       Worker(community), int64_t{1}, at, at})) {
          SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
        }
        (void)household;
      }
      return batch.Flush(tx);
    }),
          "writing contacts");
    std::fprintf(stderr, "\r  contacts %llu / %llu", static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(options_.contacts));
  }
  std::fprintf(stderr, "\n");
  const auto start = Clock::now();
  CreateIndexes(db_, indexes);
  out_.index_seconds += Seconds(start);
  out_.contacts = options_.contacts;
}

// Household screenings finished over the months (half as many as cases), with their flags; a
// few drafts not yet finished.
void Generator::WriteScreenings() {
  Check(assessments::Questionnaires::InstallShipped(db_), "installing the questionnaires");
  int64_t version = 1;
  Check(db_.Read([&](store::Session& tx) -> Status {
    auto rows = tx.Query("SELECT MAX(version) FROM questionnaires WHERE code = ?",
                         {std::string(assessments::kScreeningCode)});
    if (!rows.ok()) return rows.status();
    if (rows->empty() || (*rows)[0].IsNull(0)) {
      return Status::NotFound("questionnaire.not_found", "household_screening");
    }
    version = (*rows)[0].Int(0);
    return Status::Ok();
  }),
        "reading the screening questionnaire");
  const uint64_t count = std::max<uint64_t>(1, options_.cases / 2);
  for (uint64_t done = 0; done < count;) {
    const uint64_t end = std::min(count, done + kRowsPerTransaction / 2);
    Check(db_.Write([&](store::Session& tx) -> Status {
      BatchInsert batch("assessments",
                        {"id", "community_id", "household_id", "questionnaire_code",
                         "questionnaire_version", "status", "answers", "score", "score_band",
                         "flags", "version", "created_at", "updated_at", "finished_at"});
      for (; done < end; ++done) {
        const uint32_t h = HouseholdIn(RandomCommunity());
        const Date day = RandomDay();
        const bool final = r_.Chance(0.95);
        std::string flags;
        int score = 0;
        const int flag_count = r_.Chance(0.4) ? 0 : r_.Between(1, 3);
        for (int f = 0; f < flag_count; ++f) {
          const std::string flag = Pick(r_, kFlags);
          if (("," + flags + ",").find("," + flag + ",") != std::string::npos) continue;
          flags += (flags.empty() ? "" : ",") + flag;
          score += r_.Between(2, 4);
        }
        const std::string at = Instant(day, Minute());
        if (batch.Add({RandomId(r_), region_.communities[households_[h].community].id,
                       household_ids_[h], std::string(assessments::kScreeningCode), version,
                       std::string(final ? "final" : "draft"), std::string("{}"),
                       final ? Value(int64_t{score}) : Null(),
                       final ? Value(std::string(score <= 2   ? "low"
                                                 : score <= 6 ? "medium"
                                                              : "high"))
                             : Null(),
                       final ? flags : std::string(), int64_t{final ? 2 : 1}, at, at,
                       final ? Value(at) : Null()})) {
          SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
        }
        ++out_.screenings;
      }
      return batch.Flush(tx);
    }),
          "writing screenings");
  }
}

// Enrolments (a third as many as cases): places started over the months, some ended, some
// still waiting; each person at most once per service.
void Generator::WriteEnrolments() {
  using services::EnrolmentState;
  const uint64_t count = std::min<uint64_t>(options_.cases / 3 + 1, person_ids_.size());
  const uint64_t stride = 7919;  // a prime: persons visited once each
  Check(db_.Write([&](store::Session& tx) -> Status {
    BatchInsert batch("enrolments",
                      {"id", "service_id", "person_id", "community_id", "state", "state_rank",
                       "priority", "priority_rank", "requested_at", "offered_at", "started_on",
                       "ended_on", "worker_id", "version", "created_at", "updated_at"});
    for (uint64_t e = 0; e < count; ++e) {
      const uint32_t p = static_cast<uint32_t>((e * stride) % person_ids_.size());
      const uint32_t community = households_[person_household_[p]].community;
      const double u = r_.Unit();
      const EnrolmentState state = u < 0.45   ? EnrolmentState::kActive
                                   : u < 0.48 ? EnrolmentState::kSuspended
                                   : u < 0.50 ? EnrolmentState::kOffered
                                   : u < 0.62 ? EnrolmentState::kWaiting
                                   : u < 0.92 ? EnrolmentState::kEnded
                                              : EnrolmentState::kWithdrawn;
      const Date requested = DayBetween(core::AddDays(first_day_, -180), last_day_);
      Value offered = Null(), started = Null(), ended = Null();
      if (state != EnrolmentState::kWaiting && state != EnrolmentState::kWithdrawn) {
        const Date s = std::min(last_day_, core::AddDays(requested, r_.Between(0, 60)));
        if (state == EnrolmentState::kOffered) {
          offered = Instant(s, Minute());
        } else {
          started = s.ToString();
          if (state == EnrolmentState::kEnded) {
            ended = std::min(last_day_, core::AddDays(s, r_.Between(14, 400))).ToString();
          }
        }
      } else if (state == EnrolmentState::kWithdrawn) {
        ended = std::min(last_day_, core::AddDays(requested, r_.Between(1, 120))).ToString();
      }
      const std::string at = Instant(requested, Minute());
      const int64_t priority = state == EnrolmentState::kWaiting ? r_.Between(0, 2) : 2;
      if (batch.Add({RandomId(r_), service_ids_[e % service_ids_.size()], person_ids_[p],
                     region_.communities[community].id, std::string(services::Name(state)),
                     static_cast<int64_t>(state),
                     std::string(services::Name(static_cast<services::Priority>(priority))),
                     priority, at, offered, started, ended, Worker(community), int64_t{1}, at,
                     at})) {
        SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
      }
      ++out_.enrolments;
    }
    return batch.Flush(tx);
  }),
        "writing enrolments");
}

// The benefit programmes of the region: the minimum inclusion income paid monthly, the heating
// aid paid in the winter months, a one-off grant and the large-family card. Each beneficiary
// household applied, was decided on, and was paid once per month of its decision on the
// month's payment list, until `payments` lines are written; rejected applications and
// applications still waiting beside them; cards issued from the card programme's decisions.
void Generator::WriteBenefits() {
  const std::string currency = region_.country == "MD" ? "MDL" : "RON";
  struct Programme {
    std::string id, name, kind;
    int64_t amount;
  };
  std::vector<Programme> programmes = {
      {RandomId(r_), "Venitul minim de incluziune", "monthly_aid", 60'000},
      {RandomId(r_), "Ajutor pentru încălzirea locuinței", "heating_aid", 25'000},
      {RandomId(r_), "Ajutor de urgență", "one_off_grant", 150'000},
      {RandomId(r_), "Card pentru familii numeroase", "large_family_card", 0}};
  const int months = options_.months;
  const Month first_month = AddMonths(options_.last_month, -(months - 1));
  // One list per paying programme and month.
  std::vector<std::vector<std::string>> list_ids(2, std::vector<std::string>(months));
  std::vector<std::vector<int64_t>> list_lines(2, std::vector<int64_t>(months, 0)),
      list_totals(2, std::vector<int64_t>(months, 0));
  const std::string card_key = RandomId(r_);
  Check(db_.Write([&](store::Session& tx) -> Status {
    for (const Programme& p : programmes) {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO programmes (id, territory_id, name, name_key, search_key, kind, "
                  "currency, status, amount_rule, amount_minor, budget_period, budget_minor, "
                  "rules, documents, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
                  "?, 'open', 'fixed', ?, 'month', 100000000000, '[]', '[]', 1, ?, ?)",
                  {p.id, region_.id, p.name, Lower(p.name), Lower(p.name), p.kind, currency,
                   p.amount, now_, now_})
              .status());
    }
    for (int prog = 0; prog < 2; ++prog) {
      for (int m = 0; m < months; ++m) {
        const Month period = AddMonths(first_month, m);
        list_ids[prog][m] = RandomId(r_);
        char number[64];
        std::snprintf(number, sizeof number, "PL-%s-%d-%s", region_.code.c_str(), prog + 1,
                      period.ToString().c_str());
        const std::string at = Instant(core::AddDays(core::FirstDay(period), 2), 9 * 60);
        SOCIUS_RETURN_IF_ERROR(
            tx.Exec("INSERT INTO payment_lists (id, programme_id, territory_id, period, number, "
                    "lines, total_minor, created_by, version, created_at, updated_at) VALUES (?, "
                    "?, ?, ?, ?, 0, 0, ?, 1, ?, ?)",
                    {list_ids[prog][m], programmes[prog].id, region_.id, period.ToString(),
                     std::string(number), out_.administrator.user_id, at, at})
                .status());
        ++out_.payment_lists;
      }
    }
    return tx
        .Exec(
            "INSERT INTO card_keys (id, generation, public_key, secret_key, created_at) VALUES "
            "(?, 1, ?, ?, ?)",
            {card_key, std::string(43, 'A'), std::string(43, 'B'), now_})
        .status();
  }),
        "writing programmes");

  const std::vector<std::string> indexes = DropIndexes(db_, "payment_lines");
  // Households taken in a different order per programme, each at most once.
  const uint64_t households = households_.size();
  std::vector<uint64_t> next(programmes.size(), 0);
  std::vector<uint64_t> strides = {104'729, 1'299'709, 15'485'863, 32'452'843};
  for (uint64_t& stride : strides) {
    while (std::gcd(stride, households) != 1) ++stride;
  }
  auto household_for = [&](size_t programme) -> std::optional<uint32_t> {
    if (next[programme] >= households) return std::nullopt;
    const uint64_t k = next[programme]++;
    return static_cast<uint32_t>((k * strides[programme] + programme * 7) % households);
  };
  const Month last = options_.last_month;
  uint64_t lines = 0;
  uint64_t reference = 0;
  while (lines < options_.payments) {
    Check(db_.Write([&](store::Session& tx) -> Status {
      BatchSet batch;
      const size_t applications =
          batch.Table("benefit_applications",
                      {"id", "programme_id", "household_id", "community_id", "applicant_id",
                       "submitted_on", "period_from", "period_to", "incomes",
                       "monthly_income_minor", "documents", "eligibility", "eligible", "state",
                       "decision_id", "recorded_by", "version", "created_at", "updated_at"});
      const size_t decisions =
          batch.Table("benefit_decisions",
                      {"id", "application_id", "programme_id", "household_id", "community_id",
                       "outcome", "state", "amount_minor", "period_from", "period_to", "reason",
                       "decided_by", "decided_at", "version", "created_at", "updated_at"});
      const size_t payment_lines =
          batch.Table("payment_lines", {"id", "list_id", "programme_id", "period", "household_id",
                                        "community_id", "decision_id", "payee_id", "reference",
                                        "amount_minor", "state", "settled_on"});
      const size_t cards = batch.Table(
          "benefit_cards", {"id", "number", "programme_id", "household_id", "community_id",
                            "decision_id", "valid_from", "valid_until", "state", "token", "key_id",
                            "issued_by", "issued_at", "version", "created_at", "updated_at"});
      // An application, and its decision when `outcome` is set; the decision's id.
      auto apply = [&](size_t programme, uint32_t h, Date submitted, Month from, Month to,
                       const char* outcome, const char* state) -> core::Result<std::string> {
        const std::string application = RandomId(r_);
        const std::string decision = outcome ? RandomId(r_) : std::string();
        const std::string& community = region_.communities[households_[h].community].id;
        const std::string at = Instant(submitted, Minute());
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, applications,
            {application, programmes[programme].id, household_ids_[h], community,
             person_ids_[households_[h].first_person], submitted.ToString(), from.ToString(),
             to.ToString(), std::string("[]"), int64_t{r_.Between(20'000, 200'000)},
             std::string("[]"), std::string("{}"), int64_t{1},
             std::string(outcome ? "decided" : "submitted"), outcome ? Value(decision) : Null(),
             out_.administrator.user_id, int64_t{outcome ? 2 : 1}, at, at}));
        ++out_.applications;
        if (!outcome) return decision;
        const Date decided = std::min(last_day_, core::AddDays(submitted, r_.Between(3, 25)));
        const std::string decided_at = Instant(decided, Minute());
        SOCIUS_RETURN_IF_ERROR(batch.Add(
            tx, decisions,
            {decision, application, programmes[programme].id, household_ids_[h], community,
             std::string(outcome), std::string(state),
             std::string(outcome) == "approved"
                 ? programmes[programme].amount + r_.Between(0, 40'000)
                 : int64_t{0},
             from.ToString(), to.ToString(),
             std::string(outcome) == "rejected" ? Value(std::string("venit peste prag")) : Null(),
             out_.administrator.user_id, decided_at, int64_t{1}, decided_at, decided_at}));
        ++out_.decisions;
        return decision;
      };
      const uint64_t stop = std::min(options_.payments, lines + kRowsPerTransaction);
      while (lines < stop) {
        // Four in five lines are the monthly income; the rest the heating aid, November to
        // March.
        const size_t programme = r_.Chance(0.8) ? 0 : 1;
        const std::optional<uint32_t> h = household_for(programme);
        if (!h) break;
        Month from, to;
        if (programme == 0) {
          const int start = r_.Between(-6, months - 1);
          const int length = r_.Between(3, 24);
          from = AddMonths(first_month, std::max(0, start));
          to = AddMonths(first_month, std::min(months - 1, start + length - 1));
          if (to < from) to = from;
        } else {
          // The winter of one of the years covered.
          const int winters = (months + 11) / 12;
          const int w = r_.Between(0, winters);
          Month november{first_month.year - 1 + w, 11};
          from = std::max(november, first_month);
          to = std::min(AddMonths(november, 4), last);
          if (to < from) continue;
        }
        const Date submitted = core::AddDays(core::FirstDay(from), -r_.Between(5, 40));
        const bool ended = to < last;
        auto decision =
            apply(programme, *h, submitted, from, to, "approved", ended ? "ended" : "active");
        if (!decision.ok()) return decision.status();
        const std::string& community = region_.communities[households_[*h].community].id;
        const int64_t amount = programmes[programme].amount + r_.Between(0, 40'000);
        for (Month m = from; m <= to && lines < options_.payments; m = AddMonths(m, 1)) {
          const int index = MonthIndex(m) - MonthIndex(first_month);
          const bool current = m == last;
          const double u = r_.Unit();
          const char* state = current && u < 0.1 ? "pending" : u < 0.97 ? "paid" : "returned";
          char ref[64];
          std::snprintf(ref, sizeof ref, "PL%s-%d-%09llu", m.ToString().c_str(),
                        static_cast<int>(programme) + 1,
                        static_cast<unsigned long long>(++reference));
          SOCIUS_RETURN_IF_ERROR(batch.Add(
              tx, payment_lines,
              {RandomId(r_), list_ids[programme][static_cast<size_t>(index)],
               programmes[programme].id, m.ToString(), household_ids_[*h], community, *decision,
               person_ids_[households_[*h].first_person], std::string(ref), amount,
               std::string(state),
               std::string(state) == "pending"
                   ? Null()
                   : Value(core::AddDays(core::FirstDay(m), r_.Between(8, 20)).ToString())}));
          ++list_lines[programme][static_cast<size_t>(index)];
          list_totals[programme][static_cast<size_t>(index)] += amount;
          ++lines;
        }
        // Beside the approvals: rejections, grants, cards and applications still waiting.
        const Month any = AddMonths(first_month, r_.Between(0, months - 1));
        const Date day = DayBetween(core::FirstDay(any), std::min(last_day_, core::LastDay(any)));
        if (r_.Chance(0.25)) {
          auto rejected = apply(r_.Chance(0.7) ? 0 : 1, HouseholdIn(RandomCommunity()), day, any,
                                any, "rejected", "rejected");
          if (!rejected.ok()) return rejected.status();
        }
        if (r_.Chance(0.05)) {
          auto waiting = apply(0, HouseholdIn(RandomCommunity()), day, any, any, nullptr, "");
          if (!waiting.ok()) return waiting.status();
        }
        if (r_.Chance(0.08)) {
          if (const auto g = household_for(2)) {
            auto grant = apply(2, *g, day, any, any, "approved",
                               r_.Chance(0.02) ? "awaiting_approval" : "ended");
            if (!grant.ok()) return grant.status();
          }
        }
        if (r_.Chance(0.1)) {
          if (const auto c = household_for(3)) {
            auto card_decision = apply(3, *c, day, any, AddMonths(any, 35), "approved", "active");
            if (!card_decision.ok()) return card_decision.status();
            const Date issued = std::min(last_day_, core::AddDays(day, r_.Between(3, 30)));
            char number[64];
            std::snprintf(number, sizeof number, "%s-%d-%06llu", region_.code.c_str(), issued.year,
                          static_cast<unsigned long long>(out_.cards + 1));
            const std::string at = Instant(issued, Minute());
            SOCIUS_RETURN_IF_ERROR(
                batch.Add(tx, cards,
                          {RandomId(r_), std::string(number), programmes[3].id, household_ids_[*c],
                           region_.communities[households_[*c].community].id, *card_decision,
                           issued.ToString(), core::AddDays(issued, 3 * 365).ToString(),
                           std::string("active"), std::string("token"), card_key,
                           out_.administrator.user_id, at, int64_t{1}, at, at}));
            ++out_.cards;
          }
        }
      }
      return batch.Flush(tx);
    }),
          "writing benefits");
    if (next[0] >= households && next[1] >= households) break;
    std::fprintf(stderr, "\r  payment lines %llu / %llu", static_cast<unsigned long long>(lines),
                 static_cast<unsigned long long>(options_.payments));
  }
  std::fprintf(stderr, "\n");
  Check(db_.Write([&](store::Session& tx) -> Status {
    for (int prog = 0; prog < 2; ++prog) {
      for (int m = 0; m < months; ++m) {
        SOCIUS_RETURN_IF_ERROR(
            tx.Exec("UPDATE payment_lists SET lines = ?, total_minor = ? WHERE id = ?",
                    {list_lines[prog][m], list_totals[prog][m], list_ids[prog][m]})
                .status());
      }
    }
    return Status::Ok();
  }),
        "counting the lists");
  const auto start = Clock::now();
  CreateIndexes(db_, indexes);
  out_.index_seconds += Seconds(start);
  out_.payments = lines;
}

GeneratedReports Generator::Run() {
  const auto start = Clock::now();
  region_ = ReadRegion(db_, options_.region);
  out_.region_code = region_.code;
  out_.region_name = region_.name;
  out_.communities = region_.communities.size();
  std::vector<double> weights;
  for (const Community& c : region_.communities) weights.push_back(c.weight);
  community_of_ = WeightedChoice(weights);
  first_day_ = core::FirstDay(AddMonths(options_.last_month, -(options_.months - 1)));
  last_day_ = core::LastDay(options_.last_month);
  days_ = static_cast<uint64_t>(DaysBetween(first_day_, last_day_) + 1);
  now_ = Instant(core::Today(), 6 * 60);
  WriteUsers();
  WriteRegistry();
  WriteServices();
  WriteCases();
  WriteContacts();
  WriteScreenings();
  WriteEnrolments();
  WriteBenefits();
  out_.seconds = Seconds(start);
  return out_;
}

}  // namespace

GeneratedReports GenerateReports(store::Database& db, const ReportsOptions& options) {
  Generator generator(db, options);
  return generator.Run();
}

}  // namespace socius::bench
