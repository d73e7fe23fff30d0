// What residents reach without an account: the directory of a community's services as JSON
// (/api/v1/public/...) and as a light page for phones (/directory/{code}: plain HTML, no
// script, well under 100 KB), and the request for help they send from it; and the intake
// queue where workers answer those requests (/api/v1/help-requests).
#include "services/public_routes.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "auth/permissions.h"
#include "auth/throttle.h"
#include "http/compress.h"
#include "http/html.h"
#include "http/problem.h"
#include "services/directory.h"
#include "services/rules.h"
#include "services/wire.h"

namespace socius::services {

using auth::Permission;
using core::Result;
using core::Status;
using http::Html;
using http::Request;
using http::Response;

namespace {

constexpr std::string_view kLanguages[] = {"ro", "uk", "mk", "lt", "ru", "en"};
constexpr std::string_view kLanguageNames[] = {"Română",   "Українська", "Македонски",
                                               "Lietuvių", "Русский",    "English"};
// A resident may send this many requests for help from one address in the window.
constexpr int kHelpRequestsPerWindow = 5;
constexpr std::chrono::minutes kHelpWindow{10};
constexpr size_t kMaxCursorBytes = 256;

// The answers of the public GETs, as sent (rendered, compressed), for a few seconds and only
// while the catalogue is unchanged: a page of 200 services is rendered once, not per phone.
class AnswerCache {
 public:
  std::optional<Response> Find(const std::string& key) {
    const core::TimePoint now = std::chrono::system_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = answers_.find(key);
    if (it == answers_.end() || it->second.generation != CatalogueGeneration() ||
        now - it->second.at >= kFreshFor) {
      return std::nullopt;
    }
    return it->second.response;
  }
  // Forgets everything when the answers would pass kMaxBytes: memory stays bounded whatever
  // the queries, and the next requests fill it again with what is asked now.
  void Keep(const std::string& key, uint64_t generation, const Response& response) {
    const size_t size = key.size() + response.body.size();
    if (size > kMaxBytes / 8) return;  // too big to be worth holding
    std::lock_guard<std::mutex> lock(mutex_);
    if (answers_.size() >= kMaxAnswers || bytes_ + size > kMaxBytes) {
      answers_.clear();
      bytes_ = 0;
    }
    auto [it, added] = answers_.insert_or_assign(
        key, Entry{response, std::chrono::system_clock::now(), generation});
    if (added) bytes_ += size;
  }

 private:
  static constexpr std::chrono::seconds kFreshFor{30};
  static constexpr size_t kMaxAnswers = 4000;
  static constexpr size_t kMaxBytes = 64u << 20;
  size_t bytes_ = 0;
  struct Entry {
    Response response;
    core::TimePoint at;
    uint64_t generation = 0;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> answers_;
};

struct Rooms {
  explicit Rooms(store::Database& db)
      : directory(db),
        help(db),
        help_window(kHelpRequestsPerWindow,
                    std::chrono::duration_cast<std::chrono::seconds>(kHelpWindow)) {}
  PublicDirectory directory;
  HelpRequests help;
  auth::AttemptWindow help_window;
  AnswerCache answers;
};

// The cache key of a public GET: what changes its answer.
std::string AnswerKey(const Request& request, std::string_view kind, const std::string& lang) {
  std::string key(kind);
  for (const std::string& part :
       {request.PathParam("code"), lang, request.QueryParam("q").value_or(""),
        request.QueryParam("type").value_or(""),
        std::string(http::AcceptsGzip(request) ? "gz" : "")}) {
    key += '\x1f';
    key += part;
  }
  return key;
}

std::string LanguageOf(const Request& request) {
  if (std::optional<std::string> lang = request.QueryParam("lang")) {
    for (std::string_view l : kLanguages) {
      if (*lang == l) return *lang;
    }
  }
  return request.language.empty() ? "en" : request.language;
}

std::string Fill(std::string text, std::string_view name, const std::string& value) {
  const std::string marker = "{" + std::string(name) + "}";
  for (size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + value.size())) {
    text.replace(at, marker.size(), value);
  }
  return text;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<const Service*> Matching(const Directory& d, const std::optional<std::string>& q,
                                     std::optional<ServiceType> type) {
  std::vector<const Service*> out;
  for (const Service& s : d.services) {
    if (type && s.type != *type) continue;
    if (q && !MatchesNeed(s, *q)) continue;
    out.push_back(&s);
  }
  return out;
}

Json PublicService(const Service& s, const std::string& lang, core::Date today) {
  Json groups = Json::array();
  for (TargetGroup g : s.target_groups) {
    groups.push_back({{"code", std::string(Name(g))}, {"label", GroupLabel(g, lang)}});
  }
  Json settlements = Json::array();
  for (const Place& p : s.settlements) settlements.push_back({{"code", p.code}, {"name", p.name}});
  auto opt = [](const std::optional<std::string>& v) { return v ? Json(*v) : Json(); };
  return Json{{"id", s.id},
              {"name", s.name},
              {"type", std::string(Name(s.type))},
              {"type_label", TypeLabel(s.type, lang)},
              {"description", opt(s.description)},
              {"provider_name", s.provider_name},
              {"territory_name", s.territory.name},
              {"address", opt(s.address)},
              {"settlements", std::move(settlements)},
              {"target_groups", std::move(groups)},
              {"opening_hours", opt(s.opening_hours)},
              {"languages", s.languages},
              {"free", s.free},
              {"price", opt(s.price)},
              {"how_to_apply", opt(s.how_to_apply)},
              {"phone", opt(s.phone)},
              {"email", opt(s.email)},
              {"places_free", std::max<int64_t>(0, s.capacity - s.places_used)},
              {"licence_status", std::string(Name(LicenceStatusOn(s.licence_valid_until, today)))}};
}

Result<std::optional<std::string>> QueryQ(const Request& request) {
  std::optional<std::string> q = request.QueryParam("q");
  if (!q || q->find_first_not_of(" \t") == std::string::npos) return std::optional<std::string>();
  if (q->size() > 200) return http::InvalidQuery("q");
  return q;
}

Result<std::optional<ServiceType>> QueryType(const Request& request) {
  std::optional<std::string> type = request.QueryParam("type");
  if (!type || type->empty()) return std::optional<ServiceType>();
  std::optional<ServiceType> parsed = ParseServiceType(*type);
  if (!parsed) return http::InvalidQuery("type");
  return parsed;
}

Response Cacheable(Response response) {
  response.Header("Cache-Control", "public, max-age=60");
  response.Header("Vary", "Accept-Language");
  return response;
}

// --- the JSON API ---

Result<Response> DirectoryJson(Rooms& r, Request& request) {
  const std::string lang = LanguageOf(request);
  const std::string key = AnswerKey(request, "json", lang);
  if (std::optional<Response> cached = r.answers.Find(key)) return std::move(*cached);
  const uint64_t generation = CatalogueGeneration();
  Result<std::optional<std::string>> q = QueryQ(request);
  if (!q.ok()) return q.status();
  Result<std::optional<ServiceType>> type = QueryType(request);
  if (!type.ok()) return type.status();
  Result<Directory> d = r.directory.Of(request.PathParam("code"));
  if (!d.ok()) return d.status();
  const core::Date today = core::Today();
  Json items = Json::array();
  for (const Service* s : Matching(*d, *q, *type)) items.push_back(PublicService(*s, lang, today));
  Response answer = http::GzipIfAccepted(
      request,
      Cacheable(Response::JsonBody(
          200, Json{{"community", {{"code", d->community.code}, {"name", d->community.name}}},
                    {"items", std::move(items)}})));
  r.answers.Keep(key, generation, answer);
  return answer;
}

// Whom the limit counts: the IPv4 address, or the /64 network of an IPv6 one (a single
// machine holds a whole /64).
std::string SenderKey(const std::string& ip) {
  if (ip.find(':') == std::string::npos) return ip;
  boost::system::error_code ec;
  const boost::asio::ip::address_v6 v6 = boost::asio::ip::make_address_v6(ip, ec);
  if (ec) return ip;
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  boost::asio::ip::address_v6::bytes_type bytes = v6.to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

// Counts the request against the sender; 429 with Retry-After when over.
std::optional<Response> Throttled(Rooms& r, const Request& request) {
  std::optional<std::chrono::seconds> wait = r.help_window.Record(
      "help:" + SenderKey(request.client_ip), std::chrono::system_clock::now());
  if (!wait) return std::nullopt;
  const int64_t minutes = (wait->count() + 59) / 60;
  Response problem = http::ProblemResponse(
      Status::ResourceExhausted("help.too_many_requests").With("minutes", std::to_string(minutes)),
      request.language, request.path);
  problem.Header("Retry-After", std::to_string(wait->count()));
  return problem;
}

Result<Response> SubmitJson(Rooms& r, Request& request) {
  // Every request counts, the malformed too: the limit is on what one address sends.
  if (std::optional<Response> refused = Throttled(r, request)) return std::move(*refused);
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<HelpRequestInput> input = ReadHelpRequestInput(*body);
  if (!input.ok()) return input.status();
  Result<HelpRequest> h = r.help.Submit(request.PathParam("code"), *input);
  if (!h.ok()) return h.status();
  return Response::JsonBody(
      201, Json{{"confirmation", h->confirmation},
                {"community", {{"code", h->community_code}, {"name", h->community_name}}}});
}

// --- the intake queue ---

Result<Response> ListHelp(Rooms& r, Request& request) {
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  Result<std::string> after = http::ListAfter(request, kMaxCursorBytes);
  if (!after.ok()) return after.status();
  std::optional<std::string> state = request.QueryParam("state");
  if (state && *state != "resolved" && !ParseHelpState(*state)) return http::InvalidQuery("state");
  std::optional<std::string> community = request.QueryParam("community");
  if (community && (community->empty() || community->size() > 64)) {
    return http::InvalidQuery("community");
  }
  Result<HelpPage> page = r.help.List(*request.principal, community, state, *after, *limit);
  if (!page.ok()) return page.status();
  Json items = Json::array();
  for (const HelpRequest& h : page->items) items.push_back(EncodeHelpRequest(h));
  return Response::JsonBody(
      200, Json{{"items", std::move(items)},
                {"next_cursor", page->next ? Json(http::EncodeHexCursor(*page->next)) : Json()}});
}

Result<Response> GetHelp(Rooms& r, Request& request) {
  Result<HelpRequest> h = r.help.Get(*request.principal, request.PathParam("id"));
  if (!h.ok()) return h.status();
  return http::WithEtag(Response::JsonBody(200, EncodeHelpRequest(*h)), h->version);
}

Result<Response> ResolveHelp(Rooms& r, Request& request) {
  Result<int64_t> expected = http::RequiredIfMatch(request);
  if (!expected.ok()) return expected.status();
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  Result<HelpResolution> resolution = ReadHelpResolution(*body);
  if (!resolution.ok()) return resolution.status();
  Result<HelpRequest> h =
      r.help.Resolve(*request.principal, request.PathParam("id"), *expected, *resolution);
  if (!h.ok()) return h.status();
  return http::WithEtag(Response::JsonBody(200, EncodeHelpRequest(*h)), h->version);
}

// --- the page ---

constexpr std::string_view kStyle =
    "body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}"
    "header,main{max-width:44rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}"
    "h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:0 0 .25rem}"
    "nav{display:flex;flex-wrap:wrap;gap:.2rem .8rem}a{color:#0b57a4}"
    "form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0}"
    "form.search label{flex-basis:100%;font-weight:600}"
    "input,textarea,button{font:inherit;padding:.5rem;border:1px solid #767676;border-radius:4px}"
    "form.search input{flex:1;min-width:10rem}"
    "button{background:#0b57a4;color:#fff;border-color:#0b57a4;cursor:pointer}"
    "ul.services{list-style:none;padding:0}"
    "ul.services li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.8rem;"
    "margin:.6rem 0}"
    ".meta{color:#4a4a4a;margin:0 0 .4rem}dl{margin:.3rem 0;display:grid;"
    "grid-template-columns:max-content 1fr;gap:.15rem .6rem}dt{font-weight:600}dd{margin:0}"
    ".flag{color:#8a1c1c;font-weight:600}.hint{color:#4a4a4a;margin:.2rem 0 0;flex-basis:100%}"
    "#help form{display:grid;gap:.4rem;max-width:32rem}#help label{font-weight:600}"
    ".consent{display:flex;gap:.5rem;align-items:start;font-weight:400!important}"
    ".trap{display:none}.error{border:2px solid #8a1c1c;padding:.6rem;border-radius:6px;"
    "background:#fff}.done{border:2px solid #1d6b2f;padding:.8rem;border-radius:6px;"
    "background:#fff}";

struct HelpForm {
  HelpRequestInput values;
  std::string error;  // the message shown above the form, if any
};

void PageStart(std::string& out, const std::string& lang, const std::string& title) {
  out += "<!doctype html><html lang=\"" + Html(lang) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" +
         Html(title) + "</title><style>" + std::string(kStyle) + "</style></head><body>";
}

void LanguageLinks(std::string& out, const std::string& base, const std::string& lang) {
  out += "<nav aria-label=\"" + Html(PublicText("language_switch", lang)) + "\">";
  for (size_t i = 0; i < std::size(kLanguages); ++i) {
    const std::string code(kLanguages[i]);
    out += "<a href=\"" + Html(base + "?lang=" + code) + "\" hreflang=\"" + code + "\" lang=\"" +
           code + "\"" + (code == lang ? " aria-current=\"true\"" : "") + ">" +
           Html(kLanguageNames[i]) + "</a> ";
  }
  out += "</nav>";
}

void ServiceItem(std::string& out, const Service& s, const std::string& lang, core::Date today) {
  out += "<li><article><h2>" + Html(s.name) + "</h2><p class=\"meta\">" +
         Html(TypeLabel(s.type, lang)) + " · " + Html(PublicText("provider", lang)) + ": " +
         Html(s.provider_name) + "</p>";
  if (LicenceStatusOn(s.licence_valid_until, today) == LicenceStatus::kExpired) {
    out += "<p class=\"flag\">" + Html(PublicText("licence_expired", lang)) + "</p>";
  }
  if (s.description) out += "<p>" + Html(*s.description) + "</p>";
  out += "<dl>";
  auto row = [&](std::string_view key, const std::string& value) {
    out += "<dt>" + Html(PublicText(key, lang)) + "</dt><dd>" + value + "</dd>";
  };
  if (!s.target_groups.empty()) {
    std::string groups;
    for (TargetGroup g : s.target_groups)
      groups += (groups.empty() ? "" : ", ") + GroupLabel(g, lang);
    row("for_whom", Html(groups));
  }
  std::string where = s.address ? *s.address : s.territory.name;
  row("where", Html(where));
  if (!s.settlements.empty()) {
    std::string names;
    for (const Place& p : s.settlements) names += (names.empty() ? "" : ", ") + p.name;
    row("serves", Html(names));
  }
  if (s.opening_hours) row("when", Html(*s.opening_hours));
  if (s.phone) {
    row("phone", "<a href=\"tel:" + Html(*s.phone) + "\">" + Html(*s.phone) + "</a>");
  }
  if (s.email) {
    row("email", "<a href=\"mailto:" + Html(*s.email) + "\">" + Html(*s.email) + "</a>");
  }
  row("price", Html(s.free ? PublicText("free", lang) : s.price.value_or("")));
  if (!s.languages.empty()) {
    std::string names;
    for (const std::string& l : s.languages) {
      for (size_t i = 0; i < std::size(kLanguages); ++i) {
        if (kLanguages[i] == l)
          names += (names.empty() ? "" : ", ") + std::string(kLanguageNames[i]);
      }
    }
    row("languages", Html(names));
  }
  if (s.how_to_apply) row("how_to_apply", Html(*s.how_to_apply));
  out += "</dl><p>";
  const int64_t free = std::max<int64_t>(0, s.capacity - s.places_used);
  out += free > 0 ? Html(Fill(PublicText("places_free", lang), "n", std::to_string(free)))
                  : Html(PublicText("places_none", lang));
  out += "</p></article></li>";
}

void HelpSection(std::string& out, const Place& community, const std::string& lang,
                 const HelpForm& form) {
  const HelpRequestInput& v = form.values;
  out += "<section id=\"help\" aria-labelledby=\"help-title\"><h2 id=\"help-title\">" +
         Html(PublicText("help_title", lang)) + "</h2><p>" +
         Html(Fill(PublicText("help_intro", lang), "community", community.name)) + "</p>";
  if (!form.error.empty()) {
    out += "<div class=\"error\" role=\"alert\"><strong>" + Html(PublicText("error_title", lang)) +
           "</strong><p>" + Html(form.error) + "</p></div>";
  }
  out += "<form method=\"post\" action=\"/directory/" + Html(UrlEncode(community.code)) +
         "/help\"><input type=\"hidden\" name=\"lang\" value=\"" + Html(lang) + "\">";
  out += "<label for=\"need\">" + Html(PublicText("need_label", lang)) +
         "</label><textarea id=\"need\" name=\"need\" rows=\"4\" maxlength=\"2000\" required>" +
         Html(v.need) + "</textarea>";
  out += "<label for=\"for_whom\">" + Html(PublicText("for_whom_label", lang)) +
         "</label><input id=\"for_whom\" name=\"for_whom\" maxlength=\"200\" value=\"" +
         Html(v.for_whom.value_or("")) + "\">";
  out += "<label for=\"name\">" + Html(PublicText("name_label", lang)) +
         "</label><input id=\"name\" name=\"name\" maxlength=\"200\" autocomplete=\"name\" "
         "required value=\"" +
         Html(v.name) + "\">";
  out += "<label for=\"contact\">" + Html(PublicText("contact_label", lang)) +
         "</label><input id=\"contact\" name=\"contact\" maxlength=\"200\" autocomplete=\"tel\" "
         "required value=\"" +
         Html(v.contact) + "\">";
  out +=
      "<div class=\"trap\" aria-hidden=\"true\"><label for=\"website\">Website</label>"
      "<input id=\"website\" name=\"website\" tabindex=\"-1\" autocomplete=\"off\"></div>";
  out +=
      "<label class=\"consent\"><input type=\"checkbox\" name=\"consent\" value=\"yes\" required" +
      std::string(v.consent ? " checked" : "") + "> " + Html(PublicText("consent_label", lang)) +
      "</label>";
  out += "<button type=\"submit\">" + Html(PublicText("send", lang)) + "</button></form></section>";
}

Response HtmlPage(int status, std::string body) {
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  return response;
}

Response NotFoundPage(const std::string& lang) {
  std::string out;
  PageStart(out, lang, PublicText("not_found_title", lang));
  out += "<main><h1>" + Html(PublicText("not_found_title", lang)) + "</h1><p>" +
         Html(PublicText("not_found_text", lang)) + "</p></main></body></html>";
  return HtmlPage(404, std::move(out));
}

std::string DirectoryHtml(const Directory& d, const std::string& lang,
                          const std::optional<std::string>& q, const HelpForm& form) {
  const core::Date today = core::Today();
  const std::string base = "/directory/" + UrlEncode(d.community.code);
  std::string out;
  out.reserve(4096 + d.services.size() * 700);
  const std::string title = Fill(PublicText("page_title", lang), "community", d.community.name);
  PageStart(out, lang, title);
  out += "<header>";
  LanguageLinks(out, base, lang);
  out += "<h1>" + Html(title) + "</h1><p>" +
         Html(Fill(PublicText("intro", lang), "community", d.community.name)) +
         "</p></header><main>";
  out += "<form class=\"search\" role=\"search\" method=\"get\" action=\"" + Html(base) +
         "\"><label for=\"q\">" + Html(PublicText("search_label", lang)) +
         "</label><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"200\" value=\"" +
         Html(q.value_or("")) +
         "\" aria-describedby=\"q-hint\"><input type=\"hidden\" "
         "name=\"lang\" value=\"" +
         Html(lang) + "\"><button type=\"submit\">" + Html(PublicText("search_button", lang)) +
         "</button><p id=\"q-hint\" class=\"hint\">" + Html(PublicText("search_hint", lang)) +
         "</p></form>";
  std::vector<const Service*> shown = Matching(d, q, std::nullopt);
  if (q) {
    out += "<p><a href=\"" + Html(base + "?lang=" + lang) + "\">" +
           Html(PublicText("show_all", lang)) + "</a></p>";
  }
  if (shown.empty() && q) {
    out += "<p role=\"status\">" + Html(Fill(PublicText("no_results", lang), "q", *q)) + "</p>";
  } else {
    out += "<p role=\"status\">" +
           Html(Fill(PublicText("results", lang), "n", std::to_string(shown.size()))) + "</p>";
  }
  out += "<ul class=\"services\">";
  for (const Service* s : shown) ServiceItem(out, *s, lang, today);
  out += "</ul>";
  HelpSection(out, d.community, lang, form);
  out += "</main></body></html>";
  return out;
}

// The request-for-help form alone, under the community's title: what a refused request shows.
std::string HelpFormHtml(const Place& community, const std::string& lang, const HelpForm& form) {
  const std::string title = Fill(PublicText("page_title", lang), "community", community.name);
  std::string out;
  PageStart(out, lang, title);
  out += "<header><h1>" + Html(title) + "</h1><p><a href=\"" +
         Html("/directory/" + UrlEncode(community.code) + "?lang=" + lang) + "\">" +
         Html(PublicText("back", lang)) + "</a></p></header><main>";
  HelpSection(out, community, lang, form);
  out += "</main></body></html>";
  return out;
}

Result<Response> DirectoryPage(Rooms& r, Request& request) {
  const std::string lang = LanguageOf(request);
  const std::string key = AnswerKey(request, "page", lang);
  if (std::optional<Response> cached = r.answers.Find(key)) return std::move(*cached);
  const uint64_t generation = CatalogueGeneration();
  Result<std::optional<std::string>> q = QueryQ(request);
  if (!q.ok()) return q.status();
  Result<Directory> d = r.directory.Of(request.PathParam("code"));
  if (!d.ok() && d.status().code() == "territory.not_found") return NotFoundPage(lang);
  if (!d.ok()) return d.status();
  Response answer = http::GzipIfAccepted(
      request, Cacheable(HtmlPage(200, DirectoryHtml(*d, lang, *q, HelpForm{}))));
  r.answers.Keep(key, generation, answer);
  return answer;
}

// application/x-www-form-urlencoded → name/value pairs (the last of a repeated name wins).
std::map<std::string, std::string> FormFields(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string_view pair(body.data() + start, end - start);
    const size_t eq = pair.find('=');
    std::optional<std::string> name = http::PercentDecode(pair.substr(0, eq), true);
    std::optional<std::string> value = eq == std::string_view::npos
                                           ? std::string()
                                           : http::PercentDecode(pair.substr(eq + 1), true);
    if (name && value) out[*name] = *value;
    start = end + 1;
  }
  return out;
}

Result<Response> SubmitPage(Rooms& r, Request& request) {
  std::map<std::string, std::string> fields = FormFields(request.body);
  HelpForm form;
  form.values.language = "en";
  if (auto it = fields.find("lang"); it != fields.end()) {
    for (std::string_view l : kLanguages) {
      if (it->second == l) form.values.language = it->second;
    }
  }
  const std::string& lang = form.values.language;
  form.values.need = fields["need"];
  if (!fields["for_whom"].empty()) form.values.for_whom = fields["for_whom"];
  form.values.name = fields["name"];
  form.values.contact = fields["contact"];
  form.values.consent = fields["consent"] == "yes";
  if (!fields["website"].empty()) form.values.trap = fields["website"];

  Result<Directory> d = r.directory.Of(request.PathParam("code"));
  if (!d.ok() && d.status().code() == "territory.not_found") return NotFoundPage(lang);
  if (!d.ok()) return d.status();
  // A refused request gets the form back with its values, not the whole directory again.
  auto again = [&](int status, std::string error) {
    form.error = std::move(error);
    return HtmlPage(status, HelpFormHtml(d->community, lang, form));
  };
  // Only this page's own form: another site may not make its visitors' browsers send requests.
  const std::string fetch_site = request.Header("sec-fetch-site");
  const std::string origin = request.Header("origin");
  const std::string host = request.Header("host");
  if (fetch_site == "cross-site" ||
      (!origin.empty() && origin != "null" && (host.empty() || !origin.ends_with("//" + host)))) {
    return again(403, PublicText("error_cross_site", lang));
  }
  if (std::optional<Response> refused = Throttled(r, request)) {
    std::string wait = "10";
    for (const auto& [name, value] : refused->headers) {
      if (name == "Retry-After") wait = std::to_string((std::stoll(value) + 59) / 60);
    }
    Response page = again(429, Fill(PublicText("error_too_many", lang), "minutes", wait));
    page.Header("Retry-After", std::to_string(std::stoll(wait) * 60));
    return page;
  }
  Result<HelpRequest> h = r.help.Submit(d->community.code, form.values);
  if (!h.ok()) {
    const std::string& code = h.status().code();
    std::string key = "error_too_long";
    if (code == "help.need_required") key = "error_need_required";
    if (code == "help.name_required") key = "error_name_required";
    if (code == "help.contact_required") key = "error_contact_required";
    if (code == "help.consent_required") key = "error_consent_required";
    if (code == "help.markup_not_allowed") key = "error_markup";
    // request.field_too_long keeps error_too_long.
    if (h.status().kind() != core::StatusKind::kInvalidArgument) return h.status();
    return again(400, PublicText(key, lang));
  }
  std::string out;
  PageStart(out, lang, PublicText("sent_title", lang));
  out += "<main><div class=\"done\" role=\"status\"><h1>" + Html(PublicText("sent_title", lang)) +
         "</h1><p>" +
         Html(Fill(Fill(PublicText("sent_text", lang), "number", h->confirmation), "community",
                   d->community.name)) +
         "</p></div><p><a href=\"" +
         Html("/directory/" + UrlEncode(d->community.code) + "?lang=" + lang) + "\">" +
         Html(PublicText("back", lang)) + "</a></p></main></body></html>";
  return HtmlPage(201, std::move(out));
}

}  // namespace

void RegisterPublicServiceRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto rooms = std::make_shared<Rooms>(db);
  auto to = [rooms](Result<Response> (*handler)(Rooms&, Request&)) {
    return [rooms, handler](Request& request) { return handler(*rooms, request); };
  };
  router.Add("GET", "/api/v1/public/communities/{code}/services", Guard::Public(),
             to(&DirectoryJson));
  router.Add("POST", "/api/v1/public/communities/{code}/help-requests", Guard::Public(),
             to(&SubmitJson));
  const Guard work = Guard::Needs(Permission::kCaseWork);
  router.Add("GET", "/api/v1/help-requests", work, to(&ListHelp));
  router.Add("GET", "/api/v1/help-requests/{id}", work, to(&GetHelp));
  router.Add("POST", "/api/v1/help-requests/{id}/resolution", work, to(&ResolveHelp));
  // The page for residents, outside /api: plain HTML for a phone on a weak connection.
  router.Add("GET", "/directory/{code}", Guard::Public(), to(&DirectoryPage));
  router.Add("POST", "/directory/{code}/help", Guard::Public(), to(&SubmitPage));
}

}  // namespace socius::services
