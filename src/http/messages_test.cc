// The message catalogue as built from every src/*/messages.json: complete in all six
// languages, with the same placeholders in each.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "http/message_catalogue.h"

namespace socius::http {
namespace {

std::set<std::string> Placeholders(std::string_view text) {
  std::set<std::string> names;
  size_t open = 0;
  while ((open = text.find('{', open)) != std::string_view::npos) {
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    names.emplace(text.substr(open + 1, close - open - 1));
    open = close + 1;
  }
  return names;
}

TEST(MessageCatalogue, EveryEntryHasAllLanguagesWithTheSamePlaceholders) {
  ASSERT_FALSE(MessageCatalogue().empty());
  for (const CatalogueEntry& entry : MessageCatalogue()) {
    for (size_t i = 0; i < kLanguages.size(); ++i) {
      EXPECT_FALSE(entry.title[i].empty()) << entry.code << " title " << kLanguages[i];
      EXPECT_FALSE(entry.detail[i].empty()) << entry.code << " detail " << kLanguages[i];
      EXPECT_EQ(Placeholders(entry.title[i]), Placeholders(entry.title[0]))
          << entry.code << " title " << kLanguages[i];
      EXPECT_EQ(Placeholders(entry.detail[i]), Placeholders(entry.detail[0]))
          << entry.code << " detail " << kLanguages[i];
    }
  }
}

TEST(MessageCatalogue, IsSortedWithoutDuplicates) {
  auto catalogue = MessageCatalogue();
  for (size_t i = 1; i < catalogue.size(); ++i) {
    EXPECT_LT(catalogue[i - 1].code, catalogue[i].code);
  }
}

TEST(MessageCatalogue, RomanianUsesCommaBelowLetters) {
  int ro = LanguageIndex("ro");
  ASSERT_GE(ro, 0);
  for (const CatalogueEntry& entry : MessageCatalogue()) {
    for (std::string_view text : {entry.title[ro], entry.detail[ro]}) {
      for (std::string_view cedilla : {"ş", "ţ", "Ş", "Ţ"}) {
        EXPECT_EQ(text.find(cedilla), std::string_view::npos) << entry.code << ": " << text;
      }
    }
  }
}

TEST(MessageCatalogue, HoldsTheCodesTheHttpLayerEmits) {
  for (const char* code : {"internal",
                           "request.not_found",
                           "request.method_not_allowed",
                           "request.malformed_json",
                           "request.not_an_object",
                           "request.too_deep",
                           "request.unsupported_media_type",
                           "request.body_too_large",
                           "request.headers_too_large",
                           "request.unknown_field",
                           "request.missing_field",
                           "request.wrong_type",
                           "request.field_too_long",
                           "request.control_characters",
                           "request.invalid_query",
                           "request.if_match_required",
                           "request.timeout",
                           "conflict.stale_version",
                           "auth.unauthenticated",
                           "auth.session_expired",
                           "auth.csrf_invalid",
                           "auth.forbidden",
                           "auth.password_change_required",
                           "store.busy",
                           "store.unique_violation",
                           "store.backup_exists",
                           "store.bad_url",
                           "store.cannot_open",
                           "http.cannot_listen"}) {
    EXPECT_NE(FindMessage(code), nullptr) << code;
  }
  EXPECT_EQ(FindMessage("request.no_such_code"), nullptr);
}

// Every problem code the server can raise, found in the sources: the first string of a
// Status factory (Status::NotFound("person.not_found", ...)), of the rooms' FieldError and of
// the import's Problem. A code without an entry would reach a user as its raw code.
std::set<std::string> CodesRaisedInTheSources() {
  namespace fs = std::filesystem;
  const std::regex raised(
      R"re((?:Status::[A-Za-z]+|FieldError|Problem\([^,()"]*,)\s*\(?\s*"([a-z_]+\.[a-z_.]+)")re");
  std::set<std::string> codes;
  for (const auto& entry : fs::recursive_directory_iterator(SOCIUS_SOURCE_DIR "/src")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.ends_with(".cc") || name.ends_with("_test.cc")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator it(source.begin(), source.end(), raised), end; it != end; ++it) {
      codes.insert((*it)[1]);
    }
  }
  // Codes built from a record's name ("<record>.community_required").
  for (const char* record : {"person", "household"}) {
    codes.insert(std::string(record) + ".community_required");
  }
  return codes;
}

TEST(MessageCatalogue, EveryCodeTheServerCanRaiseHasATitleAndDetailInSixLanguages) {
  const std::set<std::string> codes = CodesRaisedInTheSources();
  ASSERT_GT(codes.size(), 100u) << "the source scan found too little: is the pattern stale?";
  for (const std::string& code : codes) {
    const CatalogueEntry* entry = FindMessage(code);
    if (entry == nullptr) {
      ADD_FAILURE() << code << " has no entry in any src/*/messages.json";
      continue;
    }
    for (size_t i = 0; i < kLanguages.size(); ++i) {
      EXPECT_FALSE(entry->title[i].empty()) << code << " " << kLanguages[i];
      EXPECT_FALSE(entry->detail[i].empty()) << code << " " << kLanguages[i];
    }
  }
}

}  // namespace
}  // namespace socius::http
