// socius_gen_services: the services of one region with their enrolments, written straight into
// a database (SQLite or PostgreSQL) with multi-row INSERTs, for the services map benchmark of
// bench/run.sh.
//
//   socius_gen_services --db sqlite:/tmp/map.db                   (5,000 services, 200,000
//                                                                  enrolments)
//   socius_gen_services --db postgresql://... --manifest map.env  (who to log in as, where)
//
// The region (default: the Romanian county with the most communities, Suceava) gets
// providers (a public social assistance service in each community; the region's directorate,
// associations and private firms at the region), services spread over its communities (towns
// more than villages, a few placed at the region itself) and types, persons in its
// communities, and enrolments in the states a working catalogue holds: places held within
// capacity, mostly active, some offered or suspended (services.places_used is their count);
// waiting lists on full services only (a free place would have been offered), asked for over
// the last eighteen months with varied priorities; past enrolments ended or withdrawn. One
// head of service (the map's reader) and ten social workers hold their roles over the region.
//
// The database must be new. The manifest is shell `KEY=value` lines: the head of service and
// their password, the region's code. Prints what it wrote, how long it took, and checks that
// places_used is the count of places held for every service.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <string>
#include <unordered_set>
#include <vector>

#include "auth/password.h"
#include "batch_insert.h"
#include "bench_registry_common.h"
#include "registry/rules.h"
#include "services/model.h"
#include "text/collation.h"
#include "text/match_key.h"

namespace {

using socius::core::Date;
using socius::core::Status;
using socius::services::EnrolmentState;
using socius::services::ServiceType;
using socius::store::Value;
namespace bench = socius::bench;

// A place services are put in: the region itself (index 0) or one of its communities, with
// the persons living there (ordinals first_person .. first_person + persons - 1).
struct Area {
  std::string id, code, name;
  double weight = 1;
  uint64_t first_person = 0, persons = 0;
  int64_t most_enrolments = 0;  // of one service placed here
  int64_t enrolments = 0;       // of all services placed here
};

struct Provider {
  std::string id;
  size_t area = 0;
  std::string name;
  std::string kind;
};

// How many enrolments of each state a service holds.
struct PlannedService {
  size_t area = 0;
  size_t provider = 0;
  ServiceType type = ServiceType::kOther;
  int64_t capacity = 0;
  std::array<int64_t, 6> count{};  // by EnrolmentState
  int64_t PlacesUsed() const { return count[0] + count[1] + count[2]; }
  int64_t Current() const { return PlacesUsed() + count[3]; }
  int64_t Total() const { return std::accumulate(count.begin(), count.end(), int64_t{0}); }
};

// The service types of a region: how common each is, its places, whom it serves and what the
// services of that type are called.
struct TypeProfile {
  ServiceType type;
  double weight;
  int min_places, max_places;
  const char* groups;
  const char* name;
};
constexpr TypeProfile kTypes[] = {
    {ServiceType::kHomeCare, 18, 15, 60, "elderly,disability", "Îngrijire la domiciliu"},
    {ServiceType::kDayCentre, 16, 15, 45, "children,elderly", "Centrul de zi"},
    {ServiceType::kFamilySupport, 10, 10, 40, "families,children", "Sprijin pentru familie"},
    {ServiceType::kCounselling, 10, 10, 40, "families,violence_survivors", "Consiliere"},
    {ServiceType::kSocialCanteen, 8, 30, 90, "elderly,homeless,unemployed", "Cantina socială"},
    {ServiceType::kMobileTeam, 6, 10, 35, "elderly,disability", "Echipa mobilă"},
    {ServiceType::kResidentialElderly, 6, 20, 70, "elderly", "Cămin pentru vârstnici"},
    {ServiceType::kResidentialDisability, 5, 20, 60, "disability", "Centrul rezidențial"},
    {ServiceType::kChildRehabilitation, 5, 10, 30, "children,disability",
     "Recuperare neuromotorie"},
    {ServiceType::kFosterCare, 5, 5, 20, "children", "Asistență maternală"},
    {ServiceType::kTransport, 4, 10, 30, "elderly,disability", "Transport adaptat"},
    {ServiceType::kRespiteCare, 3, 5, 15, "disability,families", "Centrul de răgaz"},
    {ServiceType::kHalfWayHouse, 2, 8, 20, "youth", "Locuință protejată"},
    {ServiceType::kOther, 2, 10, 30, "other", "Serviciul social"},
};

constexpr const char* kSuspendReasons[] = {"internare în spital", "plecat temporar la rude",
                                           "la cererea familiei"};
constexpr const char* kEndReasons[] = {"obiective atinse", "mutat în altă localitate", "decedat",
                                       "transferat la alt serviciu", "renunțare la cerere"};
constexpr const char* kWithdrawReasons[] = {"nu mai are nevoie", "a găsit alt serviciu",
                                            "mutat în altă localitate"};

std::string Instant(Date day, int minute) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00.000Z", day.ToString().c_str(), minute / 60,
                minute % 60);
  return buf;
}

std::string StateName(EnrolmentState s) { return std::string(socius::services::Name(s)); }

// The region and its communities, region first. Picks the Romanian county with the most
// communities when `code` is empty (the town weights below know Romanian names).
std::vector<Area> ReadRegion(socius::store::Database& db, const std::string& code) {
  struct Row {
    std::string id, code, name, path, level;
  };
  std::vector<Row> rows;
  bench::Check(db.Read([&](socius::store::Session& tx) -> Status {
    auto found = tx.Query(
        "SELECT id, code, name, path, level FROM territories "
        "WHERE level IN ('region', 'community') ORDER BY code");
    if (!found.ok()) return found.status();
    for (const auto& r : *found)
      rows.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    return Status::Ok();
  }),
               "reading territories");
  const Row* region = nullptr;
  size_t most = 0;
  for (const Row& r : rows) {
    if (r.level != "region" || (code.empty() ? !r.code.starts_with("RO:") : r.code != code)) {
      continue;
    }
    const size_t n = std::count_if(rows.begin(), rows.end(), [&](const Row& c) {
      return c.level == "community" && c.path.starts_with(r.path);
    });
    if (region == nullptr || n > most) region = &r, most = n;
  }
  if (region == nullptr || most == 0) {
    std::cerr << "gen_services: no region " << (code.empty() ? "with communities" : code) << "\n";
    std::exit(1);
  }
  std::vector<Area> areas{{region->id, region->code, region->name}};
  for (const Row& r : rows) {
    if (r.level != "community" || !r.path.starts_with(region->path)) continue;
    // Towns hold most services (by the Romanian names of their communities); villages few.
    const bool town = r.name.starts_with("Municipiul ") || r.name.starts_with("Oraș ");
    areas.push_back({r.id, r.code, r.name, town ? 5.0 : 1.0});
  }
  return areas;
}

// The generator's names for persons of the region's communities only.
bench::Territories Only(const bench::Territories& all, const std::vector<Area>& areas) {
  std::unordered_set<std::string> codes;
  for (const Area& a : areas) codes.insert(a.code);
  bench::Territories out;
  bool any = false;
  for (int c = 0; c < bench::kCountries; ++c) {
    for (const bench::Community& community : all.communities[c]) {
      if (codes.contains(community.code)) out.communities[c].push_back(community), any = true;
    }
  }
  return any ? out : all;
}

// How many of each state every service holds: places within capacity (a full service in two of
// five, with a waiting list), then past enrolments up to `enrolments` in all.
std::vector<PlannedService> PlanServices(bench::Random& r, const std::vector<Area>& areas,
                                         const std::vector<Provider>& providers, uint64_t services,
                                         uint64_t enrolments) {
  std::vector<double> type_weights, area_weights;
  for (const TypeProfile& t : kTypes) type_weights.push_back(t.weight);
  // The region itself holds about 4 % of the services.
  double community_weight = 0;
  for (size_t a = 1; a < areas.size(); ++a) community_weight += areas[a].weight;
  area_weights.push_back(community_weight * 0.04);
  for (size_t a = 1; a < areas.size(); ++a) area_weights.push_back(areas[a].weight);
  const bench::WeightedChoice type_of(type_weights), area_of(area_weights);
  // Providers by area: the community's public service; at the region, the directorate first.
  std::vector<size_t> region_providers, public_of(areas.size(), 0);
  for (size_t p = 0; p < providers.size(); ++p) {
    if (providers[p].area == 0) {
      region_providers.push_back(p);
    } else {
      public_of[providers[p].area] = p;
    }
  }
  std::vector<PlannedService> out(services);
  int64_t current = 0;
  for (PlannedService& s : out) {
    const size_t t = type_of.Pick(r);
    s.type = kTypes[t].type;
    s.area = area_of.Pick(r);
    s.capacity = r.Between(kTypes[t].min_places, kTypes[t].max_places);
    if (s.area == 0) {
      s.provider = region_providers[r.Chance(0.7) ? 0 : 1 + r.Below(region_providers.size() - 1)];
    } else {
      s.provider = r.Chance(0.55) ? public_of[s.area]
                                  : region_providers[1 + r.Below(region_providers.size() - 1)];
    }
    int64_t used = s.capacity, waiting = 0;
    if (r.Chance(0.4)) {
      const double u = r.Unit();
      waiting = 1 + static_cast<int64_t>(u * u * static_cast<double>(s.capacity));
    } else {
      used = static_cast<int64_t>(static_cast<double>(s.capacity) * (0.5 + 0.45 * r.Unit()));
    }
    s.count[3] = waiting;
    for (int64_t i = 0; i < used; ++i) {
      const double u = r.Unit();
      ++s.count[u < 0.03 ? 0 : u < 0.08 ? 2 : 1];
    }
    current += s.Current();
  }
  if (current > static_cast<int64_t>(enrolments)) {
    std::cerr << "gen_services: " << current << " places held and waited for, more than the "
              << enrolments << " enrolments asked for\n";
    std::exit(1);
  }
  // The past: ended places and withdrawn requests, more where there are more places.
  std::vector<double> capacities;
  for (const PlannedService& s : out) capacities.push_back(static_cast<double>(s.capacity));
  const bench::WeightedChoice by_capacity(capacities);
  for (int64_t i = current; i < static_cast<int64_t>(enrolments); ++i) {
    ++out[by_capacity.Pick(r)].count[r.Chance(0.85) ? 4 : 5];
  }
  return out;
}

// The persons each community needs: every enrolment of one service is a different person,
// and a person uses two services on average.
uint64_t PlacePersons(std::vector<Area>& areas, const std::vector<PlannedService>& services) {
  for (const PlannedService& s : services) {
    areas[s.area].enrolments += s.Total();
    areas[s.area].most_enrolments = std::max(areas[s.area].most_enrolments, s.Total());
  }
  uint64_t next = 0;
  for (size_t a = 1; a < areas.size(); ++a) {
    areas[a].first_person = next;
    areas[a].persons = static_cast<uint64_t>(
        std::max<int64_t>({50, areas[a].most_enrolments, (areas[a].enrolments + 1) / 2}));
    next += areas[a].persons;
  }
  // The region's services take persons from all its communities.
  areas[0].first_person = 0;
  areas[0].persons = next;
  if (static_cast<int64_t>(next) < areas[0].most_enrolments) {
    std::cerr << "gen_services: too few persons for the region's services\n";
    std::exit(1);
  }
  return next;
}

struct Users {
  std::string head;
  std::vector<std::string> workers;
};

Users WriteUsers(socius::store::Database& db, bench::Random& r, const Area& region,
                 const std::string& password, const std::string& now) {
  auto hash = socius::auth::HashPassword(password, socius::auth::PasswordCost::kMinimum);
  bench::Check(hash.status(), "hashing the password");
  Users out;
  bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
    bench::BatchSet batch;
    const size_t users = batch.Table(
        "users", {"id", "username", "username_key", "display_name", "password_hash", "language",
                  "home_territory_id", "active", "must_change_password", "failed_logins", "version",
                  "created_at", "updated_at", "password_changed_at"});
    const size_t roles =
        batch.Table("role_assignments", {"id", "user_id", "role", "territory_id", "created_at"});
    auto add = [&](const std::string& username, const std::string& name,
                   const char* role) -> socius::core::Result<std::string> {
      const std::string id = bench::RandomId(r);
      SOCIUS_RETURN_IF_ERROR(
          batch.Add(tx, users,
                    {id, username, username, name, *hash, std::string("ro"), region.id, int64_t{1},
                     int64_t{0}, int64_t{0}, int64_t{1}, now, now, now}));
      SOCIUS_RETURN_IF_ERROR(
          batch.Add(tx, roles, {bench::RandomId(r), id, std::string(role), region.id, now}));
      return id;
    };
    auto head = add("map-head", "Șefa serviciului social", "head_of_service");
    if (!head.ok()) return head.status();
    out.head = "map-head";
    for (int w = 1; w <= 10; ++w) {
      char username[32];
      std::snprintf(username, sizeof username, "map-worker-%02d", w);
      auto worker =
          add(username, std::string("Asistent social ") + std::to_string(w), "social_worker");
      if (!worker.ok()) return worker.status();
      out.workers.push_back(*worker);
    }
    return batch.Flush(tx);
  }),
               "writing users");
  return out;
}

std::vector<Provider> WriteProviders(socius::store::Database& db, bench::Random& r,
                                     const std::vector<Area>& areas, const std::string& now) {
  std::vector<Provider> out{
      {bench::RandomId(r), 0, "Direcția Generală de Asistență Socială " + areas[0].name, "public"}};
  for (size_t a = 1; a < areas.size(); ++a) {
    out.push_back({bench::RandomId(r), a, "Serviciul Public de Asistență Socială " + areas[a].name,
                   "public"});
  }
  static constexpr const char* kAssociations[] = {
      "Speranța", "Sfântul Nicolae", "Casa Bună",          "Pentru Voi",
      "Împreună", "Lumina",          "Alături de Bătrâni", "Copii Fericiți"};
  for (int i = 0; i < 160; ++i) {
    const bool firm = i % 5 == 4;
    out.push_back({bench::RandomId(r), 0,
                   std::string(firm ? "SC Îngrijire " : "Asociația ") + kAssociations[i % 8] + " " +
                       std::to_string(i / 8 + 1) + (firm ? " SRL" : ""),
                   firm ? "private" : "non_governmental"});
  }
  const std::string country = areas[0].code.substr(0, areas[0].code.find(':'));
  bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
    bench::BatchInsert batch(
        "providers", {"id", "territory_id", "country", "name", "name_key", "search_key", "kind",
                      "version", "created_at", "updated_at"});
    for (const Provider& p : out) {
      if (batch.Add({p.id, areas[p.area].id, country, p.name, socius::text::CollationKey(p.name),
                     socius::text::NameMatchKey(p.name), p.kind, int64_t{1}, now, now})) {
        SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
      }
    }
    return batch.Flush(tx);
  }),
               "writing providers");
  return out;
}

std::vector<std::string> WriteServices(socius::store::Database& db, bench::Random& r,
                                       const std::vector<Area>& areas,
                                       const std::vector<Provider>& providers,
                                       const std::vector<PlannedService>& services, Date today,
                                       const std::string& now) {
  std::vector<std::string> ids;
  std::vector<int> numbers(areas.size() * std::size(kTypes), 0);
  bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
    bench::BatchInsert batch(
        "services",
        {"id",          "provider_id",   "territory_id",  "name",           "name_key",
         "search_key",  "type",          "description",   "licence_number", "licence_valid_until",
         "address",     "target_groups", "opening_hours", "languages",      "capacity",
         "places_used", "free",          "how_to_apply",  "phone",          "active",
         "version",     "created_at",    "updated_at"});
    for (const PlannedService& s : services) {
      const size_t t =
          static_cast<size_t>(std::find_if(std::begin(kTypes), std::end(kTypes),
                                           [&](const TypeProfile& p) { return p.type == s.type; }) -
                              std::begin(kTypes));
      const int n = ++numbers[s.area * std::size(kTypes) + t];
      const std::string name = std::string(kTypes[t].name) + " " + areas[s.area].name +
                               (n > 1 ? " " + std::to_string(n) : "");
      ids.push_back(bench::RandomId(r));
      // Licences valid for a few years, a few expired or about to.
      const Date valid_until = socius::core::AddDays(today, r.Between(-60, 4 * 365));
      if (batch.Add(
              {ids.back(),
               providers[s.provider].id,
               areas[s.area].id,
               name,
               socius::text::CollationKey(name),
               socius::text::NameMatchKey(name),
               std::string(socius::services::Name(s.type)),
               std::string(kTypes[t].name) + " pentru locuitorii din " + areas[s.area].name + ".",
               "L-" + std::to_string(100000 + ids.size()),
               valid_until.ToString(),
               "Str. Principală " + std::to_string(r.Between(1, 200)),
               std::string(kTypes[t].groups),
               std::string("Luni–Vineri 8–16"),
               std::string("ro"),
               s.capacity,
               s.PlacesUsed(),
               int64_t{1},
               std::string("Cereți asistentului social al comunității."),
               "+40 230 " + std::to_string(r.Between(100000, 999999)),
               int64_t{1},
               int64_t{1},
               now,
               now})) {
        SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
      }
    }
    return batch.Flush(tx);
  }),
               "writing services");
  return ids;
}

// The persons of the communities, in area order, with their national identifiers.
std::vector<std::string> WritePersons(socius::store::Database& db, const bench::Territories& names,
                                      uint64_t seed, const std::vector<Area>& areas, Date today,
                                      const std::string& now) {
  constexpr uint64_t kBatch = 50'000;
  std::vector<std::string> community_of;  // by ordinal
  community_of.reserve(areas[0].persons);
  bench::PersonGenerator generator(names, seed, today);
  size_t area = 1;
  for (uint64_t done = 0; done < areas[0].persons;) {
    const uint64_t end = std::min(areas[0].persons, done + kBatch);
    bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
      bench::BatchSet batch;
      const size_t persons =
          batch.Table("persons", {"id", "community_id", "given_name", "family_name", "patronymic",
                                  "birth_date", "sex", "address", "phone", "languages", "name_key",
                                  "version", "created_at", "updated_at"});
      const size_t identifiers = batch.Table(
          "person_identifiers", {"person_id", "scheme", "value", "country", "community_id"});
      auto opt = [](const std::string& s) { return s.empty() ? socius::store::Null() : Value(s); };
      for (; done < end; ++done) {
        while (done >= areas[area].first_person + areas[area].persons) ++area;
        const bench::GeneratedPerson& p = generator.Next();
        const std::string id = bench::PersonId(seed, p.ordinal);
        community_of.push_back(areas[area].id);
        SOCIUS_RETURN_IF_ERROR(
            batch.Add(tx, persons,
                      {id, areas[area].id, p.given_name, p.family_name, opt(p.patronymic),
                       p.birth_date.ToString(), std::string(socius::registry::Name(p.sex)),
                       opt(p.address), opt(p.phone), std::string("ro"),
                       socius::registry::PersonNameKey(bench::AsPerson(p)), int64_t{1}, now, now}));
        if (!p.identifier_value.empty()) {
          SOCIUS_RETURN_IF_ERROR(
              batch.Add(tx, identifiers,
                        {id, p.identifier_scheme, p.identifier_value,
                         std::string(bench::CountryCode(p.country)), areas[area].id}));
        }
      }
      return batch.Flush(tx);
    }),
                 "writing persons");
  }
  return community_of;
}

// One enrolment's dates and reason, by its state, as the server would have written them.
struct Dates {
  std::string requested_at, updated_at;
  Value offered_at = socius::store::Null(), started_on = socius::store::Null(),
        ended_on = socius::store::Null(), end_reason = socius::store::Null();
  int64_t version = 1;
};

Dates DatesOf(bench::Random& r, EnrolmentState state, Date today) {
  auto day = [&](int days_ago) { return socius::core::AddDays(today, -days_ago); };
  auto minute = [&] { return 7 * 60 + r.Between(0, 9 * 60 - 1); };
  auto reason = [&](const auto& reasons) {
    return Value(std::string(reasons[r.Below(std::size(reasons))]));
  };
  Dates d;
  switch (state) {
    case EnrolmentState::kWaiting: {
      // Most asked recently; a few have waited a year and more.
      const double u = r.Unit();
      d.requested_at = d.updated_at = Instant(day(static_cast<int>(540 * u * u)), minute());
      break;
    }
    case EnrolmentState::kOffered: {
      const int offered = r.Between(0, 6);
      d.requested_at = Instant(day(offered + r.Between(10, 400)), minute());
      d.updated_at = Instant(day(offered), minute());
      d.offered_at = d.updated_at;
      d.version = 2;
      break;
    }
    case EnrolmentState::kActive:
    case EnrolmentState::kSuspended: {
      const int started = r.Between(1, 1500);
      d.requested_at = Instant(day(started + r.Between(0, 60)), minute());
      d.started_on = day(started).ToString();
      d.updated_at = Instant(day(started), minute());
      if (r.Chance(0.3)) {  // came from the waiting list
        d.offered_at = Instant(day(started + r.Between(0, 5)), minute());
        d.version = 3;
      }
      if (state == EnrolmentState::kSuspended) {
        d.end_reason = reason(kSuspendReasons);
        d.updated_at = Instant(day(r.Between(0, std::min(started, 60))), minute());
        ++d.version;
      }
      break;
    }
    case EnrolmentState::kEnded: {
      const int started = r.Between(30, 2500);
      const int ended = started - r.Between(14, started - 1);
      d.requested_at = Instant(day(started + r.Between(0, 60)), minute());
      d.started_on = day(started).ToString();
      d.ended_on = day(ended).ToString();
      d.end_reason = reason(kEndReasons);
      d.updated_at = Instant(day(ended), minute());
      d.version = 2;
      break;
    }
    case EnrolmentState::kWithdrawn: {
      const int requested = r.Between(30, 900);
      const int withdrawn = requested - r.Between(1, std::min(300, requested));
      d.requested_at = Instant(day(requested), minute());
      d.ended_on = day(withdrawn).ToString();
      d.end_reason = reason(kWithdrawReasons);
      d.updated_at = Instant(day(withdrawn), minute());
      d.version = 2;
      break;
    }
  }
  return d;
}

// The enrolments of every service: each a different person of the service's area, picked
// with a stride through the area's persons.
std::array<uint64_t, 6> WriteEnrolments(socius::store::Database& db, bench::Random& r,
                                        uint64_t seed, const std::vector<Area>& areas,
                                        const std::vector<PlannedService>& services,
                                        const std::vector<std::string>& service_ids,
                                        const std::vector<std::string>& community_of,
                                        const Users& users, Date today) {
  constexpr size_t kServicesPerTransaction = 1000;
  std::array<uint64_t, 6> written{};
  for (size_t first = 0; first < services.size(); first += kServicesPerTransaction) {
    bench::Check(db.Write([&](socius::store::Session& tx) -> Status {
      bench::BatchInsert batch(
          "enrolments",
          {"id", "service_id", "person_id", "community_id", "state", "state_rank", "priority",
           "priority_rank", "requested_at", "offered_at", "started_on", "ended_on", "end_reason",
           "worker_id", "version", "created_at", "updated_at"});
      for (size_t i = first; i < std::min(services.size(), first + kServicesPerTransaction); ++i) {
        const PlannedService& s = services[i];
        const Area& area = areas[s.area];
        uint64_t stride = 1 + r.Below(area.persons);
        while (std::gcd(stride, area.persons) != 1) stride = 1 + r.Below(area.persons);
        uint64_t at = r.Below(area.persons);
        for (size_t state = 0; state < s.count.size(); ++state) {
          for (int64_t n = 0; n < s.count[state]; ++n, at = (at + stride) % area.persons) {
            const auto st = static_cast<EnrolmentState>(state);
            const double u = r.Unit();
            const int64_t priority = st != EnrolmentState::kWaiting ? 2
                                     : u < 0.08                     ? 0
                                     : u < 0.3                      ? 1
                                                                    : 2;
            const uint64_t person = area.first_person + at;
            const Dates d = DatesOf(r, st, today);
            if (batch.Add({bench::RandomId(r), service_ids[i], bench::PersonId(seed, person),
                           community_of[person], StateName(st), static_cast<int64_t>(state),
                           std::string(socius::services::Name(
                               static_cast<socius::services::Priority>(priority))),
                           priority, d.requested_at, d.offered_at, d.started_on, d.ended_on,
                           d.end_reason, users.workers[r.Below(users.workers.size())], d.version,
                           d.requested_at, d.updated_at})) {
              SOCIUS_RETURN_IF_ERROR(batch.Flush(tx));
            }
            ++written[state];
          }
        }
      }
      return batch.Flush(tx);
    }),
                 "writing enrolments");
  }
  return written;
}

// Services whose places_used is not the count of their places held: none expected.
int64_t Inconsistent(socius::store::Database& db) {
  int64_t out = -1;
  bench::Check(db.Read([&](socius::store::Session& tx) -> Status {
    auto rows = tx.Query(
        "SELECT COUNT(*) FROM services s WHERE s.places_used <> (SELECT COUNT(*) FROM "
        "enrolments e WHERE e.service_id = s.id AND e.state_rank < 3) OR s.places_used > "
        "s.capacity");
    if (!rows.ok()) return rows.status();
    out = (*rows)[0].Int(0);
    return Status::Ok();
  }),
               "checking places");
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("Writes the services of a region with their enrolments into a database.");
  std::string url;
  std::string region_code;
  uint64_t services = 5'000;
  uint64_t enrolments = 200'000;
  uint64_t seed = 1;
  std::string manifest_path;
  std::string password = "Bench-Head-Password-1";
  std::string territories_dir = bench::DefaultTerritoriesDir();
  app.add_option("--db", url, "sqlite:PATH or postgresql://...")->required();
  app.add_option("--region", region_code,
                 "Region code (default: the Romanian county with most communities)");
  app.add_option("--services", services, "Services (default 5000)");
  app.add_option("--enrolments", enrolments, "Enrolments (default 200000)");
  app.add_option("--seed", seed, "Seed: the same seed (and day) gives the same data");
  app.add_option("--manifest", manifest_path, "Write who to log in as (shell KEY=value lines)");
  app.add_option("--password", password, "Password of every generated user");
  app.add_option("--territories", territories_dir, "Folder of the territory CSV files");
  CLI11_PARSE(app, argc, argv);
  bench::SetProgramName("gen_services");
  if (services == 0) {
    std::cerr << "gen_services: --services must be at least 1\n";
    return 1;
  }

  auto territories = bench::LoadTerritories(territories_dir);
  bench::Check(territories.status(), "territories");
  const auto start = bench::Clock::now();
  auto db = bench::OpenFresh(url, territories_dir);
  const Date today = socius::core::Today();
  const std::string now = Instant(today, 6 * 60);
  bench::Random r(seed ^ 0x5e4a1ce5ULL);
  std::vector<Area> areas = ReadRegion(*db, region_code);
  std::printf("== services map data (%s, seed %llu, today %s)\n",
              std::string(db->dialect_name()).c_str(), static_cast<unsigned long long>(seed),
              today.ToString().c_str());
  std::printf("  region         %s %s, %zu communities\n", areas[0].code.c_str(),
              areas[0].name.c_str(), areas.size() - 1);
  std::fflush(stdout);

  const Users users = WriteUsers(*db, r, areas[0], password, now);
  const std::vector<Provider> providers = WriteProviders(*db, r, areas, now);
  const std::vector<PlannedService> plan = PlanServices(r, areas, providers, services, enrolments);
  const uint64_t persons = PlacePersons(areas, plan);
  const auto rows_start = bench::Clock::now();
  const std::vector<std::string> service_ids =
      WriteServices(*db, r, areas, providers, plan, today, now);
  const std::vector<std::string> community_of =
      WritePersons(*db, Only(*territories, areas), seed, areas, today, now);
  const double persons_seconds = bench::Seconds(rows_start);
  const auto enrolments_start = bench::Clock::now();
  const std::array<uint64_t, 6> written =
      WriteEnrolments(*db, r, seed, areas, plan, service_ids, community_of, users, today);
  const double enrolments_seconds = bench::Seconds(enrolments_start);
  const int64_t inconsistent = Inconsistent(*db);

  int64_t capacity = 0, used = 0, full = 0;
  std::unordered_set<uint64_t> cells;
  for (const PlannedService& s : plan) {
    capacity += s.capacity;
    used += s.PlacesUsed();
    full += s.PlacesUsed() == s.capacity;
    cells.insert(s.area * 64 + static_cast<uint64_t>(s.type));
  }
  auto n = [](auto v) { return static_cast<unsigned long long>(v); };
  std::printf("  providers      %10zu\n", providers.size());
  std::printf("  services       %10zu (%zu of them at the region; %lld full), %llu places\n",
              plan.size(),
              static_cast<size_t>(std::count_if(plan.begin(), plan.end(),
                                                [](const PlannedService& s) { return !s.area; })),
              static_cast<long long>(full), n(capacity));
  std::printf("  services map   %10zu rows (community and type)\n", cells.size());
  std::printf("  persons        %10llu, services and persons in %.1f s\n", n(persons),
              persons_seconds);
  const uint64_t total = std::accumulate(written.begin(), written.end(), uint64_t{0});
  std::printf("  enrolments     %10llu in %.1f s = %.0f rows/s\n", n(total), enrolments_seconds,
              static_cast<double>(total) / enrolments_seconds);
  std::printf(
      "                 offered %llu, active %llu, suspended %llu (%llu places used), waiting "
      "%llu, ended %llu, withdrawn %llu\n",
      n(written[0]), n(written[1]), n(written[2]), n(used), n(written[3]), n(written[4]),
      n(written[5]));
  std::printf("  places_used    %s\n", inconsistent == 0
                                           ? "the count of places held on every service"
                                           : "DIFFERS from the places held");
  std::printf("  generation took %.1f s in all\n", bench::Seconds(start));
  db->Close();
  if (inconsistent != 0) return 1;
  if (!manifest_path.empty()) {
    std::ofstream m(manifest_path);
    m << "MAP_PASSWORD='" << password << "'\n"
      << "MAP_HEAD='" << users.head << "'\n"
      << "MAP_TERRITORY='" << areas[0].code << "'\n"
      << "MAP_SERVICES=" << plan.size() << "\n"
      << "MAP_ENROLMENTS=" << total << "\n";
    if (!m) {
      std::cerr << "gen_services: cannot write " << manifest_path << "\n";
      return 1;
    }
  }
  return 0;
}
