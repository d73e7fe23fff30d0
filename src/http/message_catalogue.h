#pragma once

#include <array>
#include <span>
#include <string_view>

namespace socius::http {

// The languages of every message, in the catalogue's order. English is the fallback.
inline constexpr std::array<std::string_view, 6> kLanguages = {"en", "ro", "uk", "mk", "lt", "ru"};

// One translated problem message: a short title and a sentence, each with {placeholders}.
struct CatalogueEntry {
  std::string_view code;
  std::array<std::string_view, kLanguages.size()> title;
  std::array<std::string_view, kLanguages.size()> detail;
};

// Every entry of every src/<room>/messages.json, sorted by code, without duplicates. Built at
// compile time by messages_gen (a duplicate code or a missing language fails the build).
std::span<const CatalogueEntry> MessageCatalogue();

// The entry for `code`, or nullptr. Thread-safe (the table is constant).
const CatalogueEntry* FindMessage(std::string_view code);

// The position of `language` in kLanguages, or -1.
int LanguageIndex(std::string_view language);

}  // namespace socius::http
