// socius_dedup_bench --persons 1000000 --seed 1 [--duplicates 0.1 --threads 2]: the
// deduplication engine (src/dedup/engine.h) on a generated registry in which about one person
// in ten is registered a second time the way it happens at a desk: a typo, day and month
// swapped, no identifier, the name in another romanisation or the other script, another form
// of the given name, a woman's family name changed by marriage, another or no phone, another
// settlement. The truth is known, so it prints the pair completeness of the blocking, the
// precision, recall and F1 of the proposed pairs and of the pairs their groups imply, the time
// of each stage end to end (match keys, blocking, training, scoring, clustering) and the peak
// memory.

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "dedup/engine.h"
#include "person_gen.h"
#include "person_names.h"
#include "random.h"
#include "spelling.h"
#include "text/match_key.h"

namespace {

using socius::bench::GeneratedPerson;
using socius::bench::NameStock;
using socius::bench::Random;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// A registration as typed, before match keys: what the engine's caller reads from the database.
struct Registration {
  std::string family, given, patronymic;
  int year = 0, month = 0, day = 0;
  char sex = 0;
  std::string identifier, settlement, household, phone;
};

std::string PhoneDigits(const std::string& phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.size() > 9 ? digits.substr(digits.size() - 9) : digits;
}

Registration Register(const GeneratedPerson& p) {
  Registration r;
  r.family = p.family_name;
  r.given = p.given_name;
  r.patronymic = p.patronymic;
  r.year = p.birth_date.year;
  r.month = p.birth_date.month;
  r.day = p.birth_date.day;
  r.sex = p.sex == socius::registry::Sex::kFemale ? 'f' : 'm';
  if (!p.identifier_value.empty()) r.identifier = p.identifier_scheme + ":" + p.identifier_value;
  const size_t comma = p.address.rfind(", ");
  r.settlement = p.community->code + "/" +
                 (comma == std::string::npos ? p.address : p.address.substr(comma + 2));
  r.household = p.household_ref;
  r.phone = PhoneDigits(p.phone);
  return r;
}

bool Cyrillic(NameStock stock) { return socius::bench::NamesOf(stock).cyrillic; }

// The same person registered again, with the differences of a second registration.
Registration Duplicate(const GeneratedPerson& p, const Registration& first, Random& random) {
  namespace b = socius::bench;
  Registration r = first;
  auto names = [&](const auto& spell) {
    r.family = spell(p.native_family);
    r.given = spell(p.native_given);
    r.patronymic = spell(p.native_patronymic);
  };
  // Spelling: another romanisation, the other script, no diacritics.
  if (Cyrillic(p.stock)) {
    if (random.Chance(0.30)) {
      const auto standard = static_cast<b::Romanisation>(random.Below(b::kRomanisations));
      names([&](std::string_view s) { return b::Romanise(s, p.stock, standard); });
    } else if (p.stock == NameStock::kMacedonian && random.Chance(0.1)) {
      names([](std::string_view s) { return b::SerbianLatin(s); });
    } else if (random.Chance(0.3)) {
      names([](std::string_view s) { return std::string(s); });  // natively, as first typed
    }
  } else if (random.Chance(0.15)) {
    const bool moldovan = p.stock == NameStock::kMoldovan && random.Chance(0.3);
    names([&](std::string_view s) { return b::Cyrillicise(s, p.stock, moldovan); });
  } else if (random.Chance(0.25)) {
    names([](std::string_view s) { return b::StripDiacritics(s); });
  }
  if (random.Chance(0.05)) {
    const std::string form = b::OtherGivenNameForm(p.native_given, random);
    if (!form.empty()) r.given = form;
  }
  if (random.Chance(0.15)) {
    std::string& part = random.Chance(0.5) ? r.family : r.given;
    part = b::AddTypo(part, random, 4);
  }
  if (random.Chance(0.2)) r.patronymic.clear();
  // A woman's family name changed by marriage.
  const int age = 2026 - p.birth_date.year;
  if (r.sex == 'f' && age >= 18 && age <= 55 && random.Chance(0.2)) {
    const auto& lists = b::NamesOf(p.stock);
    r.family =
        b::FeminineFamilyName(p.stock, lists.family[random.Below(lists.family.size())], true);
  }
  // The birth date: day and month swapped, one part wrong, or unknown.
  const double d = random.Unit();
  if (d < 0.06 && r.day <= 12 && r.day != r.month) {
    std::swap(r.day, r.month);
  } else if (d < 0.10) {
    r.day = 1 + (r.day + random.Between(0, 26)) % 28;
  } else if (d < 0.12) {
    r.year += random.Chance(0.5) ? 1 : -10;
  } else if (d < 0.13) {
    r.month = r.day = 0;
  }
  if (random.Chance(0.4)) r.identifier.clear();
  const double phone = random.Unit();
  if (phone < 0.4) {
    r.phone.clear();
  } else if (phone < 0.5) {
    r.phone = std::to_string(600000000 + random.Below(399999999));
  }
  if (random.Chance(0.1)) r.settlement += "/moved";
  if (random.Chance(0.7)) r.household.clear();
  return r;
}

// Match keys of names already seen, as a batch run keeps them: names repeat a great deal.
class KeyCache {
 public:
  const std::string& Of(const std::string& name) {
    auto it = keys_.find(name);
    if (it == keys_.end()) it = keys_.emplace(name, socius::text::NameMatchKey(name)).first;
    return it->second;
  }

 private:
  std::unordered_map<std::string, std::string> keys_;
};

socius::dedup::Record Keys(const Registration& r, KeyCache& cache) {
  socius::dedup::Record record;
  record.family_key = cache.Of(r.family);
  record.given_key = cache.Of(r.given);
  record.patronymic_key = cache.Of(r.patronymic);
  record.birth_year = static_cast<int16_t>(r.year);
  record.birth_month = static_cast<int8_t>(r.month);
  record.birth_day = static_cast<int8_t>(r.day);
  record.sex = r.sex;
  if (!r.identifier.empty()) record.identifiers = {r.identifier};
  record.settlement = r.settlement;
  record.household = r.household;
  record.phone = r.phone;
  return record;
}

struct Figures {
  double precision = 0, recall = 0, f1 = 0;
};

Figures Judge(size_t found, size_t proposed, size_t truth) {
  Figures f;
  f.precision = proposed ? static_cast<double>(found) / static_cast<double>(proposed) : 0;
  f.recall = truth ? static_cast<double>(found) / static_cast<double>(truth) : 0;
  f.f1 = f.precision + f.recall > 0 ? 2 * f.precision * f.recall / (f.precision + f.recall) : 0;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("The deduplication engine on a generated registry with planted duplicates.");
  uint64_t persons = 1'000'000;
  uint64_t seed = 1;
  double duplicates = 0.10;
  socius::dedup::Options options;
  options.threads = 2;
  app.add_option("--persons", persons, "Persons generated before the duplicates")
      ->check(CLI::Range(100ULL, 20'000'000ULL));
  app.add_option("--seed", seed, "Seed of the registry and of the duplicates");
  app.add_option("--duplicates", duplicates, "Share of persons registered twice")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--threads", options.threads, "Engine threads");
  app.add_option("--max-block", options.max_block, "Records compared all with all at most");
  app.add_option("--window", options.window, "Sorted neighbourhood of a larger block");
  app.add_option("--threshold", options.threshold, "Probability a pair is proposed from");
  bool strict = false;
  app.add_flag("--strict", strict, "Fail when a target is missed");
  size_t show = 0;
  app.add_option("--show", show, "Print this many false and missed pairs with their weights");
  CLI11_PARSE(app, argc, argv);

  auto territories = socius::bench::LoadTerritories(socius::bench::DefaultTerritoriesDir());
  if (!territories.ok()) {
    std::cerr << "dedup_bench: " << territories.status().detail() << "\n";
    return 1;
  }
  // The registry, then the second registrations after it; entity[i] is the person of record i.
  auto start = Clock::now();
  socius::bench::PersonGenerator generator(*territories, seed, socius::core::Date{2026, 1, 1});
  Random random(seed * 7919 + 17);
  std::vector<Registration> registrations;
  std::vector<Registration> second;
  std::vector<uint32_t> original_of_second;
  registrations.reserve(persons + persons * duplicates * 1.1);
  for (uint64_t i = 0; i < persons; ++i) {
    const GeneratedPerson& p = generator.Next();
    registrations.push_back(Register(p));
    if (random.Chance(duplicates)) {
      second.push_back(Duplicate(p, registrations.back(), random));
      original_of_second.push_back(static_cast<uint32_t>(i));
    }
  }
  std::vector<std::pair<uint32_t, uint32_t>> truth;
  for (size_t k = 0; k < second.size(); ++k) {
    truth.emplace_back(original_of_second[k], static_cast<uint32_t>(registrations.size()));
    registrations.push_back(std::move(second[k]));
  }
  std::vector<Registration>().swap(second);
  std::sort(truth.begin(), truth.end());
  const size_t n = registrations.size();
  std::printf("registry: %zu persons + %zu registered again = %zu records (generated in %.1f s)\n",
              static_cast<size_t>(persons), truth.size(), n, Since(start));

  // Match keys, as the batch run computes them from the database rows.
  start = Clock::now();
  std::vector<socius::dedup::Record> records(n);
  {
    std::vector<std::thread> pool;
    const int threads = std::max(1, options.threads);
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        KeyCache cache;
        for (size_t i = t; i < n; i += threads) records[i] = Keys(registrations[i], cache);
      });
    }
    for (std::thread& t : pool) t.join();
  }
  const double keys_seconds = Since(start);
  std::vector<Registration>().swap(registrations);

  // Pair completeness of the blocking alone (not part of the end-to-end time).
  size_t met = 0, candidate_count = 0;
  {
    const auto candidates = socius::dedup::CandidatePairs(records, options);
    candidate_count = candidates.size();
    for (const auto& pair : truth) {
      met += std::binary_search(candidates.begin(), candidates.end(), pair);
    }
  }

  const socius::dedup::RunResult result = socius::dedup::Run(records, options);
  const auto& stats = result.stats;
  const double engine_seconds = stats.blocking_seconds + stats.training_seconds +
                                stats.scoring_seconds + stats.clustering_seconds;
  const double total_seconds = keys_seconds + engine_seconds;

  auto is_true = [&](uint32_t a, uint32_t b) {
    return std::binary_search(truth.begin(), truth.end(), std::make_pair(a, b));
  };
  size_t found = 0;
  for (const auto& pair : result.pairs) found += is_true(pair.a, pair.b);
  size_t group_pairs = 0, group_found = 0;
  for (const auto& group : result.groups) {
    for (size_t i = 0; i < group.size(); ++i) {
      for (size_t j = i + 1; j < group.size(); ++j) {
        ++group_pairs;
        group_found += is_true(group[i], group[j]);
      }
    }
  }
  const Figures pairs = Judge(found, result.pairs.size(), truth.size());
  const Figures grouped = Judge(group_found, group_pairs, truth.size());
  const double completeness = truth.empty() ? 1 : static_cast<double>(met) / truth.size();
  if (show > 0) {
    auto print = [&](const char* what, uint32_t a, uint32_t b) {
      const socius::dedup::Score score =
          socius::dedup::Explain(result.model, records[a], records[b]);
      std::printf("%s p=%.3f w=%.1f\n", what, score.probability, score.match_weight);
      for (const uint32_t r : {a, b}) {
        const auto& x = records[r];
        std::printf("   %s | %s | %s | %d-%d-%d %c %s %s %s %s\n", x.family_key.c_str(),
                    x.given_key.c_str(), x.patronymic_key.c_str(), x.birth_year, x.birth_month,
                    x.birth_day, x.sex ? x.sex : '-',
                    x.identifiers.empty() ? "-" : x.identifiers[0].c_str(), x.settlement.c_str(),
                    x.household.c_str(), x.phone.c_str());
      }
      for (const auto& f : score.fields) {
        std::printf("   %s=%s:%.1f", std::string(socius::dedup::Name(f.field)).c_str(),
                    std::string(socius::dedup::Name(f.level)).c_str(), f.weight);
      }
      std::printf("\n");
    };
    size_t shown = 0;
    for (const auto& pair : result.pairs) {
      if (!is_true(pair.a, pair.b) && shown++ < show) print("false", pair.a, pair.b);
    }
    std::vector<std::pair<uint32_t, uint32_t>> proposed;
    for (const auto& pair : result.pairs) proposed.emplace_back(pair.a, pair.b);
    std::sort(proposed.begin(), proposed.end());
    shown = 0;
    for (const auto& pair : truth) {
      if (!std::binary_search(proposed.begin(), proposed.end(), pair) && shown++ < show) {
        print("missed", pair.first, pair.second);
      }
    }
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  std::printf("threads: %d, max block %zu, window %zu, threshold %.2f\n", options.threads,
              options.max_block, options.window, options.threshold);
  std::printf("candidate pairs:        %lld (%.1f per record)\n",
              static_cast<long long>(stats.candidate_pairs),
              static_cast<double>(stats.candidate_pairs) / static_cast<double>(n));
  std::printf("pair completeness:      %.4f (%zu of %zu true pairs meet; target >= 0.99) %s\n",
              completeness, met, truth.size(), completeness >= 0.99 ? "ok" : "BELOW TARGET");
  std::printf("pair quality:           %.4f (true pairs among candidate pairs)\n",
              candidate_count ? static_cast<double>(met) / candidate_count : 0);
  std::printf(
      "proposed pairs:         %lld: precision %.4f recall %.4f F1 %.4f (target >= 0.95) %s\n",
      static_cast<long long>(stats.proposed_pairs), pairs.precision, pairs.recall, pairs.f1,
      pairs.f1 >= 0.95 ? "ok" : "BELOW TARGET");
  std::printf("pairs of the groups:    %zu in %lld groups: precision %.4f recall %.4f F1 %.4f\n",
              group_pairs, static_cast<long long>(stats.groups), grouped.precision, grouped.recall,
              grouped.f1);
  std::printf("model:                  prior %.3g, %d EM rounds\n", result.model.prior,
              result.model.em_iterations);
  std::printf(
      "time: keys %.2f s, blocking %.2f s, training %.2f s, scoring %.2f s, "
      "clustering %.2f s\n",
      keys_seconds, stats.blocking_seconds, stats.training_seconds, stats.scoring_seconds,
      stats.clustering_seconds);
  std::printf(
      "end to end:             %.1f s, %.0f records/s (target <= 60 s at 1M on 2 cores) %s\n",
      total_seconds, static_cast<double>(n) / total_seconds,
      total_seconds <= 60 ? "ok" : "ABOVE TARGET");
  std::printf("peak RSS:               %.0f MB\n", static_cast<double>(usage.ru_maxrss) / 1024);
  // Wall times mean little on a machine others load: the CPU time and the load tell.
  double load[1] = {0};
  getloadavg(load, 1);
  std::printf(
      "process CPU:            user %.1f s, system %.1f s (generation included); "
      "load average %.2f on %u cores\n",
      static_cast<double>(usage.ru_utime.tv_sec) + usage.ru_utime.tv_usec / 1e6,
      static_cast<double>(usage.ru_stime.tv_sec) + usage.ru_stime.tv_usec / 1e6, load[0],
      std::thread::hardware_concurrency());
  const bool met_targets =
      completeness >= 0.99 && pairs.f1 >= 0.95 && (persons < 1'000'000 || total_seconds <= 60);
  return strict && !met_targets ? 1 : 0;
}
