// Throughput of the name match key and of the typo measures, on 100,000 generated names in
// Latin (plain and with diacritics) and Cyrillic. Prints one line per figure.
//   socius_text_bench              run the benchmark
//   socius_text_bench NAME...      print the match key of each NAME instead

#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "text/match_key.h"
#include "text/similarity.h"

namespace {

using socius::text::BoundedEditDistance;
using socius::text::NameMatchKey;
using socius::text::Trigrams;

// Names are built from a first part and an ending so that the keys are varied.
const std::vector<std::string> kLatinStems = {
    "Popesc",   "Ionesc",    "Țurcan",    "Ștefănesc",  "Rus",       "Cojocar",   "Cioban",
    "Munteanu", "Lupu",      "Polishch",  "Shevch",     "Kravch",    "Tkach",     "Bondar",
    "Kovalch",  "Melnyk",    "Oliinyk",   "Žukausk",    "Kazlausk",  "Petrausk",  "Jankausk",
    "Šimk",     "Gjorgjiev", "Jovanovsk", "Stojanovsk", "Nikolovsk", "Trajkovsk", "Poliščuk",
    "Ševčenk",  "Gončarenk", "Hnatiuk",   "Savchuk"};
const std::vector<std::string> kCyrillicStems = {
    "Поліщ",     "Шевч",    "Кравч",    "Ткач",    "Бондар",   "Ковальч",  "Мельник",
    "Олійник",   "Гнатюк",  "Полищ",    "Смирн",   "Кузнецов", "Соловьёв", "Васильев",
    "Ѓорѓиев",   "Јованов", "Стојанов", "Николов", "Трајков",  "Мирча",    "Чобан",
    "Жукаускас", "Щербак",  "Юлія",     "Наталья"};
const std::vector<std::string> kEndings = {"u",    "uk", "enko", "a",   "ov", "ski", "as",   "ius",
                                           "eanu", "ko", "",     "ich", "ян", "ук",  "енко", "ски"};

std::vector<std::string> GenerateNames(size_t count, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::string> names;
  names.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const bool cyrillic = random() % 3 == 0;
    const auto& stems = cyrillic ? kCyrillicStems : kLatinStems;
    names.push_back(stems[random() % stems.size()] + kEndings[random() % kEndings.size()]);
  }
  return names;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
    for (int i = 1; i < argc; ++i) std::printf("%s\t%s\n", argv[i], NameMatchKey(argv[i]).c_str());
    return 0;
  }
  const std::vector<std::string> names = GenerateNames(100'000, 20260101);
  NameMatchKey("warm-up");  // builds the transliterator once, outside the measurement

  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const auto& name : names) keys.push_back(NameMatchKey(name));
  const double key_seconds = Seconds(start);
  std::printf("match_key: %zu names in %.3f s = %.0f keys/s\n", names.size(), key_seconds,
              static_cast<double>(names.size()) / key_seconds);

  start = std::chrono::steady_clock::now();
  size_t near = 0;
  for (size_t i = 1; i < keys.size(); ++i)
    near += BoundedEditDistance(keys[i - 1], keys[i], 2) <= 2;
  const double distance_seconds = Seconds(start);
  std::printf("bounded_edit_distance(max 2): %zu pairs in %.3f s = %.0f pairs/s (%zu near)\n",
              keys.size() - 1, distance_seconds,
              static_cast<double>(keys.size() - 1) / distance_seconds, near);

  start = std::chrono::steady_clock::now();
  size_t trigram_count = 0;
  for (const auto& key : keys) trigram_count += Trigrams(key).size();
  const double trigram_seconds = Seconds(start);
  std::printf("trigrams: %zu keys in %.3f s = %.0f keys/s (%.1f trigrams per key)\n", keys.size(),
              trigram_seconds, static_cast<double>(keys.size()) / trigram_seconds,
              static_cast<double>(trigram_count) / static_cast<double>(keys.size()));
  return 0;
}
