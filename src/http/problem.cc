#include "http/problem.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include "http/message_catalogue.h"

namespace socius::http {
namespace {

using core::StatusKind;

std::string Fill(std::string_view text, const std::map<std::string, std::string>& params) {
  if (params.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text, i, open - i);
    auto it = params.find(std::string(text.substr(open + 1, close - open - 1)));
    if (it != params.end()) {
      out += it->second;
    } else {
      out.append(text, open, close - open + 1);  // unknown placeholder: left as written
    }
    i = close + 1;
  }
  out.append(text, i, std::string_view::npos);
  return out;
}

template <typename Pick>
std::string Lookup(const std::string& code, const std::string& language,
                   const std::map<std::string, std::string>& params, Pick pick) {
  const CatalogueEntry* entry = FindMessage(code);
  if (entry == nullptr) return code;
  int index = LanguageIndex(language);
  if (index < 0) index = 0;  // English
  return Fill(pick(*entry)[index], params);
}

// The supported language an Accept-Language range names, or "" for none.
std::string_view SupportedLanguage(std::string_view range) {
  std::string primary;
  for (char c : range.substr(0, range.find_first_of("-_"))) {
    primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (primary == "mo") return "ro";  // the old tag for Romanian as written in Moldova
  for (std::string_view language : kLanguages) {
    if (primary == language) return language;
  }
  return {};
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The q of one Accept-Language element ("de;q=0.7"), 1 when absent, -1 when malformed.
double QualityOf(std::string_view parameters) {
  while (!parameters.empty()) {
    size_t semi = parameters.find(';');
    std::string_view parameter = TrimSpaces(parameters.substr(0, semi));
    parameters = semi == std::string_view::npos ? "" : parameters.substr(semi + 1);
    if (parameter.size() < 2 || (parameter[0] != 'q' && parameter[0] != 'Q') ||
        parameter[1] != '=') {
      continue;
    }
    std::string number(parameter.substr(2));
    char* end = nullptr;
    double q = std::strtod(number.c_str(), &end);
    if (end == number.c_str() || *end != '\0' || q < 0 || q > 1) return -1;
    return q;
  }
  return 1;
}

}  // namespace

const CatalogueEntry* FindMessage(std::string_view code) {
  auto catalogue = MessageCatalogue();
  auto it =
      std::lower_bound(catalogue.begin(), catalogue.end(), code,
                       [](const CatalogueEntry& e, std::string_view c) { return e.code < c; });
  if (it == catalogue.end() || it->code != code) return nullptr;
  return &*it;
}

int LanguageIndex(std::string_view language) {
  for (size_t i = 0; i < kLanguages.size(); ++i) {
    if (kLanguages[i] == language) return static_cast<int>(i);
  }
  return -1;
}

int HttpStatusOf(const core::Status& status) {
  switch (status.kind()) {
    case StatusKind::kInvalidArgument:
      return 400;
    case StatusKind::kUnauthenticated:
      return 401;
    case StatusKind::kPermissionDenied:
      return 403;
    case StatusKind::kNotFound:
      return 404;
    case StatusKind::kConflict:
      return 409;
    case StatusKind::kPreconditionFailed:
      return status.code() == "request.if_match_required" ? 428 : 412;
    case StatusKind::kTooLarge:
      return 413;
    case StatusKind::kResourceExhausted:
      return 429;
    case StatusKind::kUnavailable:
      return 503;
    case StatusKind::kOk:  // a success is no problem: reaching here is a bug
    case StatusKind::kInternal:
      return 500;
  }
  return 500;
}

std::string Translate(const std::string& code, const std::string& language,
                      const std::map<std::string, std::string>& params) {
  return Lookup(code, language, params, [](const CatalogueEntry& e) { return e.detail; });
}

std::string TranslateTitle(const std::string& code, const std::string& language,
                           const std::map<std::string, std::string>& params) {
  return Lookup(code, language, params, [](const CatalogueEntry& e) { return e.title; });
}

Response ProblemResponse(const core::Status& status, const std::string& language,
                         const std::string& instance, int http_status) {
  // An internal failure shows only the generic message: its code and detail are for logs.
  const bool internal = status.kind() == StatusKind::kInternal || status.ok();
  const std::string code = internal ? "internal" : status.code();
  const auto& params = internal ? std::map<std::string, std::string>() : status.params();
  if (http_status == 0) http_status = HttpStatusOf(status);

  Json body = {
      {"type", "urn:socius:problem:" + code},
      {"title", TranslateTitle(code, language, params)},
      {"status", http_status},
      {"detail", Translate(code, language, params)},
      {"code", code},
      {"instance", instance},
  };
  if (!internal && !status.field().empty()) body["field"] = status.field();
  if (!params.empty()) body["params"] = params;

  Response response = Response::JsonBody(http_status, body);
  response.content_type = "application/problem+json";
  if (auto it = params.find("retry_after"); it != params.end()) {
    response.Header("Retry-After", it->second);
  }
  return response;
}

std::string NegotiateLanguage(const std::string& accept_language) {
  std::string_view best = "en";
  double best_q = 0;
  std::string_view rest = accept_language;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view element = TrimSpaces(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    size_t semi = element.find(';');
    std::string_view language = SupportedLanguage(TrimSpaces(element.substr(0, semi)));
    if (language.empty()) continue;
    double q = semi == std::string_view::npos ? 1 : QualityOf(element.substr(semi + 1));
    if (q > best_q) {  // strictly greater: the first of equals wins, as listed by the client
      best = language;
      best_q = q;
    }
  }
  return std::string(best);
}

}  // namespace socius::http
