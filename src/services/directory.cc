#include "services/directory.h"

#include <nlohmann/json.hpp>
#include <random>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "cases/cases.h"
#include "core/ids.h"
#include "services/rules.h"
#include "text/match_key.h"

namespace socius::services {

// public_page_embedded.cc, generated from public_page.json.
std::string_view PublicPageJson();

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

constexpr std::chrono::seconds kDirectoryFreshFor{30};
constexpr size_t kMaxCachedCommunities = 5000;

std::atomic<uint64_t> catalogue_generation{1};

struct Words {
  Json json;
  // The match keys of the words that name each need ("type:social_canteen", "group:elderly"):
  // its labels and everyday words in every language.
  std::map<std::string, std::vector<std::string>> need_keys;
};

const Words& PublicWords() {
  static const Words words = [] {
    Words w;
    w.json = Json::parse(PublicPageJson());
    auto add = [&](const std::string& need, const std::string& text) {
      std::string key = text::NameMatchKey(text);
      if (key.size() >= 3) w.need_keys[need].push_back(std::move(key));
    };
    for (const char* section : {"types", "target_groups"}) {
      const std::string prefix = std::string(section) == "types" ? "type:" : "group:";
      for (const auto& [name, labels] : w.json[section].items()) {
        for (const auto& [lang, label] : labels.items())
          add(prefix + name, label.get<std::string>());
      }
    }
    for (const auto& [need, by_language] : w.json["needs"].items()) {
      for (const auto& [lang, list] : by_language.items()) {
        for (const Json& word : list) add(need, word.get<std::string>());
      }
    }
    return w;
  }();
  return words;
}

const std::string& Lookup(const Json& table, std::string_view key, std::string_view language) {
  static const std::string empty;
  auto entry = table.find(std::string(key));
  if (entry == table.end()) return empty;
  auto text = entry->find(std::string(language));
  if (text == entry->end()) text = entry->find("en");
  if (text == entry->end() || !text->is_string()) return empty;
  return text->get_ref<const std::string&>();
}

// Words that join others ("home care for the elderly", "люди з інвалідністю") and name no
// need: a query ignores them, as it ignores words of one or two letters.
bool IsLinkingWord(const std::string& key) {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const char* w :
         {"for", "and", "the", "with", "pentru", "din", "ale", "sau", "cei", "для", "або",
          "про", "від", "при", "arba", "kurie",  "или", "что", "как", "кои", "што", "тие"}) {
      out.push_back(text::NameMatchKey(w));
    }
    return out;
  }();
  for (const std::string& k : keys) {
    if (k == key) return true;
  }
  return false;
}

std::vector<std::string> QueryKeys(std::string_view query) {
  std::vector<std::string> keys;
  std::string word;
  auto flush = [&] {
    std::string key = text::NameMatchKey(word);
    if (key.size() >= 3 && !IsLinkingWord(key)) keys.push_back(std::move(key));
    word.clear();
  };
  for (char c : query) {
    if (c == ' ' || c == ',' || c == ';' || c == '\t' || c == '\n') {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return keys;
}

// A query word meets a need's word when one starts the other: "batran" meets "batrani",
// "canteens" meets "canteen". Short words must match whole.
bool WordMeets(const std::string& query_key, const std::string& need_key) {
  if (query_key == need_key) return true;
  if (query_key.size() >= 3 && need_key.starts_with(query_key)) return true;
  return need_key.size() >= 4 && query_key.starts_with(need_key);
}

bool NeedMet(const std::string& need, const std::string& query_key) {
  const auto& table = PublicWords().need_keys;
  auto it = table.find(need);
  if (it == table.end()) return false;
  for (const std::string& key : it->second) {
    if (WordMeets(query_key, key)) return true;
  }
  return false;
}

// A confirmation a resident can read out on the phone: eight letters and digits that cannot
// be mistaken for one another, in two groups.
std::string NewConfirmation() {
  static constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) out += '-';
    out += kAlphabet[random() % kAlphabet.size()];
  }
  return out;
}

// The request with `id` in the caller's case.work scope; otherwise NotFound, as if missing.
Result<HelpRequest> QueuedRequest(store::Session& tx, const auth::Principal& who,
                                  const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("help.not_found");
  Result<HelpRequest> found = FindHelpRequest(tx, id);
  if (found.ok() && auth::Allows(who, Permission::kCaseWork, found->community_path)) return found;
  if (!found.ok() && found.status().kind() != core::StatusKind::kNotFound) return found.status();
  return Status::NotFound("help.not_found");
}

}  // namespace

const std::string& PublicText(std::string_view key, std::string_view language) {
  return Lookup(PublicWords().json["strings"], key, language);
}

const std::string& TypeLabel(ServiceType type, std::string_view language) {
  return Lookup(PublicWords().json["types"], Name(type), language);
}

const std::string& GroupLabel(TargetGroup group, std::string_view language) {
  return Lookup(PublicWords().json["target_groups"], Name(group), language);
}

bool MatchesNeed(const Service& service, std::string_view query) {
  const std::string name = text::NameMatchKey(service.name + " " + service.provider_name);
  const std::string description = text::NameMatchKey(service.description.value_or(""));
  for (const std::string& word : QueryKeys(query)) {
    bool met = name.find(word) != std::string::npos ||
               description.find(word) != std::string::npos ||
               NeedMet("type:" + std::string(Name(service.type)), word);
    for (TargetGroup g : service.target_groups) {
      met = met || NeedMet("group:" + std::string(Name(g)), word);
    }
    if (!met) return false;
  }
  return true;
}

std::string NormalisedQuery(std::string_view query) {
  std::string out;
  for (const std::string& key : QueryKeys(query)) out += (out.empty() ? "" : " ") + key;
  return out;
}

void CatalogueChanged() { catalogue_generation.fetch_add(1, std::memory_order_relaxed); }

uint64_t CatalogueGeneration() { return catalogue_generation.load(std::memory_order_relaxed); }

Result<Directory> PublicDirectory::Of(const std::string& code) {
  const core::TimePoint now = std::chrono::system_clock::now();
  const uint64_t generation = CatalogueGeneration();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = cache_.find(code);
    if (it != cache_.end() && it->second.generation == generation &&
        now - it->second.at < kDirectoryFreshFor) {
      return it->second.directory;
    }
  }
  Directory directory;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Place> place = FindPlace(tx, code);
    if (!place.ok() || place->level != "community") {
      return Status::NotFound("territory.not_found").With("code", code);
    }
    Result<std::vector<Service>> services = DirectoryServices(tx, place->path);
    if (!services.ok()) return services.status();
    directory.community = std::move(*place);
    directory.services = std::move(*services);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  std::lock_guard<std::mutex> lock(mutex_);
  if (cache_.size() >= kMaxCachedCommunities) cache_.clear();
  cache_[code] = Cached{directory, now, generation};
  return directory;
}

// --- requests for help ---

Result<HelpRequest> HelpRequests::Submit(const std::string& community_code,
                                         const HelpRequestInput& input) {
  HelpRequest h;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Place> place = FindPlace(tx, community_code);
    if (!place.ok() || place->level != "community") {
      return Status::NotFound("territory.not_found").With("code", community_code);
    }
    SOCIUS_RETURN_IF_ERROR(CheckHelpRequest(input));
    h = HelpRequest{};
    h.id = core::NewId();
    h.community_id = place->id;
    h.community_code = place->code;
    h.community_name = place->name;
    h.community_path = place->path;
    h.confirmation = NewConfirmation();
    h.need = input.need;
    h.for_whom = input.for_whom;
    h.name = input.name;
    h.contact = input.contact;
    h.language = input.language;
    h.created_at = h.updated_at = core::NowUtc();
    // The trap: answered as if stored, so that a robot learns nothing.
    if (input.trap && !input.trap->empty()) return Status::Ok();
    SOCIUS_RETURN_IF_ERROR(InsertHelpRequest(tx, h));
    return auth::AppendAudit(tx, nullptr,
                             {"help_request.create", "help_request", h.id, h.community_id,
                              Json{{"confirmation", h.confirmation}}.dump()});
  });
  if (!status.ok()) return status;
  return h;
}

Result<HelpPage> HelpRequests::List(const auth::Principal& who,
                                    const std::optional<std::string>& community_code,
                                    const std::optional<std::string>& state,
                                    const std::string& after, int limit) {
  HelpPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    HelpFilter filter;
    filter.roots = auth::ScopePaths(who, Permission::kCaseWork);
    if (community_code) {
      Result<Place> place = FindPlace(tx, *community_code);
      if (!place.ok() || !auth::Allows(who, Permission::kCaseWork, place->path)) {
        return Status::NotFound("territory.not_found").With("code", *community_code);
      }
      filter.community_path = place->path;
    }
    if (state && *state == "resolved") {
      filter.resolved = true;
    } else if (state) {
      filter.state = ParseHelpState(*state);
    } else {
      filter.state = HelpState::kOpen;
    }
    Result<HelpPage> found = ListHelpRequests(tx, filter, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<HelpRequest> HelpRequests::Get(const auth::Principal& who, const std::string& id) {
  HelpRequest h;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<HelpRequest> found = QueuedRequest(tx, who, id);
    if (!found.ok()) return found.status();
    h = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return h;
}

Result<HelpRequest> HelpRequests::Resolve(const auth::Principal& who, const std::string& id,
                                          int64_t expected_version,
                                          const HelpResolution& resolution) {
  HelpRequest h;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<HelpRequest> found = QueuedRequest(tx, who, id);
    if (!found.ok()) return found.status();
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    if (found->state != HelpState::kOpen)
      return Status::Conflict("help.already_resolved", "outcome");
    SOCIUS_RETURN_IF_ERROR(CheckHelpResolution(resolution));
    h = std::move(*found);
    // The audience or case must be one the caller may see, in the request's community: a
    // resident's words never land on a confidential case by someone outside it.
    Status link = Status::Ok();
    if (resolution.outcome == HelpState::kAudience) {
      link = cases::CheckLinkableContact(tx, who, *resolution.contact_id, h.community_id);
    }
    if (resolution.outcome == HelpState::kCase) {
      link = cases::CheckLinkableCase(tx, who, *resolution.case_id, h.community_id);
    }
    if (link.code() == "case.link_not_found") {
      return Status::InvalidArgument("help.link_not_found", link.field());
    }
    SOCIUS_RETURN_IF_ERROR(link);
    h.state = resolution.outcome;
    h.answer = resolution.answer;
    h.contact_id =
        resolution.outcome == HelpState::kAudience ? resolution.contact_id : std::nullopt;
    h.case_id = resolution.outcome == HelpState::kCase ? resolution.case_id : std::nullopt;
    h.resolved_by = UserRef{who.user_id, who.display_name};
    h.resolved_at = h.updated_at = core::NowUtc();
    h.version = expected_version + 1;
    SOCIUS_RETURN_IF_ERROR(UpdateHelpRequest(tx, h, expected_version));
    Json detail = {{"outcome", std::string(Name(h.state))}};
    if (h.contact_id) detail["contact_id"] = *h.contact_id;
    if (h.case_id) detail["case_id"] = *h.case_id;
    return auth::AppendAudit(
        tx, &who, {"help_request.resolve", "help_request", h.id, h.community_id, detail.dump()});
  });
  if (!status.ok()) return status;
  return h;
}

}  // namespace socius::services
