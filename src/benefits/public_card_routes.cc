// What a shop, a museum or a phone reaches without an account to check a large-family card:
// the verification of a token as JSON (/api/v1/public/cards/verify), the published public
// keys for offline readers (/api/v1/public/cards/keys), and a light page (/cards/verify: plain
// HTML in six languages, one small script of this server that reads a token from the URL
// fragment). None of them ever says who holds a card. Checks are limited per sender.
#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "auth/throttle.h"
#include "benefits/card_routes.h"
#include "benefits/card_token.h"
#include "benefits/card_wire.h"
#include "benefits/cards.h"
#include "http/html.h"
#include "http/problem.h"

namespace socius::benefits {

using core::Result;
using core::Status;
using http::Html;
using http::Request;
using http::Response;
using Json = nlohmann::json;

namespace {

// A shop's reader scans a card every few seconds at the till: 60 checks a minute per sender
// leave it room, while a script trying tokens is slowed to a crawl.
constexpr int kChecksPerWindow = 60;
constexpr std::chrono::seconds kCheckWindow{60};

struct Rooms {
  explicit Rooms(store::Database& db) : cards(db), checks(kChecksPerWindow, kCheckWindow) {}
  Cards cards;
  auth::AttemptWindow checks;
};

// Whom the limit counts: the IPv4 address, or the /64 network of an IPv6 one (a single
// machine holds a whole /64), as the public help requests count them.
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

// Counts the check against the sender: how long to wait when over the limit.
std::optional<std::chrono::seconds> Refused(Rooms& r, const Request& request) {
  return r.checks.Record("card:" + SenderKey(request.client_ip), std::chrono::system_clock::now());
}

// --- the JSON API ---

std::string Trimmed(std::string text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

Result<Response> VerifyJson(Rooms& r, Request& request) {
  if (std::optional<std::chrono::seconds> wait = Refused(r, request)) {
    const int64_t minutes = (wait->count() + 59) / 60;
    Response problem = http::ProblemResponse(
        Status::ResourceExhausted("card.too_many_checks").With("minutes", std::to_string(minutes)),
        request.language, request.path);
    problem.Header("Retry-After", std::to_string(wait->count()));
    return problem;
  }
  // A scanner may add a line end; the rest of the token is as read.
  const std::string token = Trimmed(request.QueryParam("token").value_or(""));
  if (token.empty()) return http::InvalidQuery("token");
  Result<CardVerdict> verdict = r.cards.Verify(token, core::Today());
  if (!verdict.ok()) return verdict.status();
  return Response::JsonBody(200, EncodeVerdict(*verdict));
}

Result<Response> KeysJson(Rooms& r, Request&) {
  Result<std::vector<StoredCardKey>> keys = r.cards.PublishedKeys();
  if (!keys.ok()) return keys.status();
  Response response = Response::JsonBody(200, EncodePublishedKeys(*keys));
  response.Header("Cache-Control", "public, max-age=300");
  return response;
}

// --- the page ---

struct PageText {
  std::string_view lang, language_name, language_switch, title, intro, label, button;
  std::string_view valid, valid_text, expired, expired_text, not_yet, not_yet_text;
  std::string_view revoked, revoked_text, invalid, invalid_text, too_many;
};

// The six languages, in the order of the links at the top of the page.
constexpr PageText kTexts[] = {
    {"ro", "Română", "Limba", "Verificarea cardului de familie",
     "Scanați codul QR de pe card cu un cititor sau lipiți aici codul pe care îl conține. "
     "Răspunsul spune doar dacă cardul este valabil, niciodată cine îl deține.",
     "Codul cardului", "Verifică", "Valabil", "Cardul este valabil până la {date}.", "Expirat",
     "Cardul a fost valabil până la {date}.", "Încă nu este valabil",
     "Cardul devine valabil mai târziu.", "Retras", "Cardul a fost retras și nu mai este valabil.",
     "Nevalabil", "Acest cod nu este un card al programului sau a fost modificat.",
     "Prea multe verificări de la această adresă. Încercați din nou peste un minut."},
    {"uk", "Українська", "Мова", "Перевірка сімейної картки",
     "Зчитайте QR-код картки сканером або вставте сюди код, який він містить. Відповідь каже "
     "лише, чи дійсна картка, і ніколи — кому вона належить.",
     "Код картки", "Перевірити", "Дійсна", "Картка дійсна до {date}.", "Термін дії минув",
     "Картка була дійсна до {date}.", "Ще не дійсна", "Картка стане дійсною пізніше.", "Відкликана",
     "Картку відкликано, вона більше не дійсна.", "Недійсна",
     "Цей код не є карткою програми або його змінено.",
     "Забагато перевірок з цієї адреси. Спробуйте ще раз за хвилину."},
    {"mk", "Македонски", "Јазик", "Проверка на семејна картичка",
     "Скенирајте го QR-кодот на картичката со читач или залепете го овде кодот што го содржи. "
     "Одговорот кажува само дали картичката важи, никогаш чија е.",
     "Код на картичката", "Провери", "Важи", "Картичката важи до {date}.", "Истечена",
     "Картичката важеше до {date}.", "Сè уште не важи", "Картичката ќе важи подоцна.", "Одземена",
     "Картичката е одземена и повеќе не важи.", "Не важи",
     "Овој код не е картичка од програмата или е изменет.",
     "Премногу проверки од оваа адреса. Обидете се повторно за една минута."},
    {"lt", "Lietuvių", "Kalba", "Šeimos kortelės patikra",
     "Nuskaitykite kortelės QR kodą skaitytuvu arba įklijuokite čia jame esantį kodą. "
     "Atsakymas nurodo tik, ar kortelė galioja, bet niekada — kam ji priklauso.",
     "Kortelės kodas", "Tikrinti", "Galioja", "Kortelė galioja iki {date}.", "Nebegalioja",
     "Kortelė galiojo iki {date}.", "Dar negalioja", "Kortelė įsigalios vėliau.", "Atšaukta",
     "Kortelė atšaukta ir nebegalioja.", "Negalioja",
     "Šis kodas nėra programos kortelė arba buvo pakeistas.",
     "Per daug patikrų iš šio adreso. Bandykite dar kartą po minutės."},
    {"ru", "Русский", "Язык", "Проверка семейной карты",
     "Считайте QR-код карты сканером или вставьте сюда код, который он содержит. Ответ "
     "говорит только, действительна ли карта, и никогда — кому она принадлежит.",
     "Код карты", "Проверить", "Действительна", "Карта действительна до {date}.",
     "Срок действия истёк", "Карта была действительна до {date}.", "Ещё не действительна",
     "Карта станет действительной позже.", "Отозвана", "Карта отозвана и больше не действительна.",
     "Недействительна", "Этот код не является картой программы или был изменён.",
     "Слишком много проверок с этого адреса. Повторите через минуту."},
    {"en", "English", "Language", "Check a family card",
     "Scan the QR code on the card with a reader, or paste here the code it holds. The answer "
     "says only whether the card is valid, never who holds it.",
     "Card code", "Check", "Valid", "The card is valid until {date}.", "Expired",
     "The card was valid until {date}.", "Not yet valid", "The card becomes valid later.",
     "Revoked", "The card has been revoked and is no longer valid.", "Not valid",
     "This code is not a card of the scheme, or it has been altered.",
     "Too many checks from this address. Try again in a minute."},
};

const PageText& TextsFor(std::string_view lang) {
  for (const PageText& t : kTexts) {
    if (t.lang == lang) return t;
  }
  return kTexts[std::size(kTexts) - 1];
}

// ?lang= when it names one of the six, else the request's language (Accept-Language).
const PageText& PageLanguage(const Request& request, const std::string& chosen) {
  std::string lang = chosen.empty() ? request.QueryParam("lang").value_or("") : chosen;
  for (const PageText& t : kTexts) {
    if (t.lang == lang) return t;
  }
  return TextsFor(request.language);
}

std::string WithDate(std::string_view text, const std::optional<core::Date>& date) {
  std::string out(text);
  const size_t at = out.find("{date}");
  if (at != std::string::npos) out.replace(at, 6, date ? date->ToString() : "");
  return out;
}

constexpr std::string_view kStyle =
    "body{font:18px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}"
    "header,main{max-width:36rem;margin:0 auto;padding:0 1rem}header{padding-top:1rem}"
    "h1{font-size:1.5rem;margin:.5rem 0}nav{display:flex;flex-wrap:wrap;gap:.2rem .8rem}"
    "a{color:#0b57a4}form{display:grid;gap:.5rem;margin:1rem 0}label{font-weight:600}"
    "textarea,button{font:inherit;padding:.6rem;border:1px solid #767676;border-radius:4px}"
    "textarea{font-family:ui-monospace,monospace;font-size:.9rem;word-break:break-all}"
    "button{background:#0b57a4;color:#fff;border-color:#0b57a4;cursor:pointer}"
    ".answer{border:3px solid;border-radius:8px;padding:.8rem 1rem;margin:1rem 0;background:#fff}"
    ".answer h2{margin:0 0 .3rem;font-size:1.6rem}.valid{border-color:#1d6b2f}"
    ".valid h2{color:#1d6b2f}.bad{border-color:#8a1c1c}.bad h2{color:#8a1c1c}";

// The answer shown above the form; empty when nothing was asked.
struct Answer {
  std::optional<CardVerdict> verdict;
  bool refused = false;
};

Response Page(int status, const PageText& t, const Answer& answer) {
  std::string out;
  out.reserve(4096);
  out += "<!doctype html><html lang=\"" + Html(t.lang) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" "
         "content=\"noindex\"><title>" +
         Html(t.title) + "</title><style>" + std::string(kStyle) +
         "</style><script src=\"/cards/verify.js\" defer></script></head><body><header>";
  out += "<nav aria-label=\"" + Html(t.language_switch) + "\">";
  for (const PageText& other : kTexts) {
    const std::string code(other.lang);
    out += "<a href=\"/cards/verify?lang=" + code + "\" hreflang=\"" + code + "\" lang=\"" + code +
           "\"" + (other.lang == t.lang ? " aria-current=\"true\"" : "") + ">" +
           Html(other.language_name) + "</a> ";
  }
  out += "</nav><h1>" + Html(t.title) + "</h1><p>" + Html(t.intro) + "</p></header><main>";
  out += "<div id=\"answer\" role=\"status\" aria-live=\"polite\">";
  if (answer.refused) {
    out += "<div class=\"answer bad\"><p>" + Html(t.too_many) + "</p></div>";
  } else if (answer.verdict) {
    const CardVerdict& v = *answer.verdict;
    std::string_view head = t.invalid;
    std::string_view text = t.invalid_text;
    switch (v.status) {
      case CardStatus::kValid:
        head = t.valid;
        text = t.valid_text;
        break;
      case CardStatus::kExpired:
        head = t.expired;
        text = t.expired_text;
        break;
      case CardStatus::kNotYetValid:
        head = t.not_yet;
        text = t.not_yet_text;
        break;
      case CardStatus::kRevoked:
        head = t.revoked;
        text = t.revoked_text;
        break;
      case CardStatus::kInvalid:
        break;
    }
    out += "<div class=\"answer " + std::string(v.status == CardStatus::kValid ? "valid" : "bad") +
           "\" data-status=\"" + std::string(Name(v.status)) + "\"><h2>" + Html(head) + "</h2><p>" +
           Html(WithDate(text, v.valid_until)) + "</p></div>";
  }
  out +=
      "</div><form method=\"post\" action=\"/cards/verify\" id=\"check\">"
      "<input type=\"hidden\" name=\"lang\" value=\"" +
      Html(t.lang) + "\"><label for=\"t\">" + Html(t.label) +
      "</label><textarea id=\"t\" name=\"t\" rows=\"4\" maxlength=\"" +
      std::to_string(kMaxCardTokenLength) +
      "\" required autofocus autocomplete=\"off\" autocapitalize=\"off\" "
      "spellcheck=\"false\"></textarea><button type=\"submit\">" +
      Html(t.button) + "</button></form></main></body></html>";
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(out);
  response.Header("Cache-Control", "no-store");
  response.Header("Vary", "Accept-Language");
  return response;
}

Response Checked(Rooms& r, const Request& request, const PageText& t, const std::string& token) {
  if (token.empty()) return Page(200, t, Answer{});
  if (std::optional<std::chrono::seconds> wait = Refused(r, request)) {
    Response page = Page(429, t, Answer{std::nullopt, true});
    page.Header("Retry-After", std::to_string(wait->count()));
    return page;
  }
  Result<CardVerdict> verdict = r.cards.Verify(token, core::Today());
  if (!verdict.ok()) return Page(503, t, Answer{});
  return Page(200, t, Answer{*verdict, false});
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

// GET /cards/verify[?t=TOKEN]: the page, with the answer when a link carried the token.
Result<Response> VerifyPage(Rooms& r, Request& request) {
  const PageText& t = PageLanguage(request, "");
  return Checked(r, request, t, Trimmed(request.QueryParam("t").value_or("")));
}

// POST /cards/verify (t=TOKEN): the form sent, by hand or by the page's script from the URL
// fragment, so that the token reaches no access log.
Result<Response> VerifyPagePost(Rooms& r, Request& request) {
  std::map<std::string, std::string> fields = FormFields(request.body);
  const PageText& t = PageLanguage(request, fields["lang"]);
  return Checked(r, request, t, Trimmed(fields["t"]));
}

// Reads a token from the fragment of a link (/cards/verify#SC1...), which browsers never send
// to the server, into the form, clears the fragment and sends the form.
constexpr std::string_view kPageScript =
    "'use strict';\n"
    "document.addEventListener('DOMContentLoaded', function () {\n"
    "  var hash = window.location.hash.slice(1);\n"
    "  if (!hash) return;\n"
    "  var field = document.getElementById('t');\n"
    "  var form = document.getElementById('check');\n"
    "  if (!field || !form) return;\n"
    "  try { hash = decodeURIComponent(hash); } catch (e) { /* used as it is */ }\n"
    "  field.value = hash;\n"
    "  window.history.replaceState(null, '', window.location.pathname + "
    "window.location.search);\n"
    "  form.submit();\n"
    "});\n";

Result<Response> PageScript(Rooms&, Request&) {
  Response response;
  response.status = 200;
  response.content_type = "text/javascript; charset=utf-8";
  response.body = std::string(kPageScript);
  response.Header("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace

void RegisterPublicCardRoutes(http::Router& router, store::Database& db) {
  using http::Guard;
  auto rooms = std::make_shared<Rooms>(db);
  auto to = [rooms](Result<Response> (*handler)(Rooms&, Request&)) {
    return [rooms, handler](Request& request) { return handler(*rooms, request); };
  };
  router.Add("GET", "/api/v1/public/cards/verify", Guard::Public(), to(&VerifyJson));
  router.Add("GET", "/api/v1/public/cards/keys", Guard::Public(), to(&KeysJson));
  // The page, outside /api: plain HTML for a phone or a shop's computer.
  router.Add("GET", "/cards/verify", Guard::Public(), to(&VerifyPage));
  router.Add("POST", "/cards/verify", Guard::Public(), to(&VerifyPagePost));
  router.Add("GET", "/cards/verify.js", Guard::Public(), to(&PageScript));
}

}  // namespace socius::benefits
