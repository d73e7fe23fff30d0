#include "http/request.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>

namespace socius::http {
namespace {

constexpr int kMaxJsonDepth = 32;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = HexValue(in[i + 1]);
      int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

// Walks UTF-8, calling `on_code_point` for each scalar value; false on any ill-formed
// sequence (overlong forms, surrogates, beyond U+10FFFF, truncation).
template <typename F>
bool ForEachCodePoint(std::string_view s, F&& on_code_point) {
  size_t i = 0;
  while (i < s.size()) {
    auto b0 = static_cast<unsigned char>(s[i]);
    uint32_t cp;
    size_t len;
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      cp = b0 & 0x1F;
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      cp = b0 & 0x0F;
      len = 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      cp = b0 & 0x07;
      len = 4;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (size_t k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    on_code_point(cp);
    i += len;
  }
  return true;
}

bool IsValidUtf8(std::string_view s) {
  return ForEachCodePoint(s, [](uint32_t) {});
}

bool IsForbiddenControl(uint32_t cp) {
  if (cp == '\n' || cp == '\r' || cp == '\t') return false;
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
}

// Nesting depth of a JSON text, counted without parsing so that a hostile body cannot make
// the parser build a deep tree. Stops counting once past `limit`.
int JsonDepth(std::string_view text, int limit) {
  int depth = 0;
  int max_depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      max_depth = std::max(max_depth, ++depth);
      if (max_depth > limit) return max_depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return max_depth;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

core::Status CheckString(std::string_view field, const std::string& value, size_t max_len) {
  size_t code_points = 0;
  bool control = false;
  bool valid = ForEachCodePoint(value, [&](uint32_t cp) {
    ++code_points;
    control = control || IsForbiddenControl(cp);
  });
  // The JSON parser already rejects ill-formed UTF-8; this guards objects built elsewhere.
  if (!valid) return core::Status::InvalidArgument("request.wrong_type", std::string(field));
  if (control) {
    return core::Status::InvalidArgument("request.control_characters", std::string(field));
  }
  if (code_points > max_len) {
    return core::Status::InvalidArgument("request.field_too_long", std::string(field))
        .With("max", std::to_string(max_len));
  }
  return core::Status::Ok();
}

}  // namespace

core::Status Request::SetTarget(std::string_view raw_target) {
  target = std::string(raw_target);
  query.clear();
  size_t question = raw_target.find('?');
  std::string_view raw_path = raw_target.substr(0, question);
  auto decoded_path = PercentDecode(raw_path, false);
  if (!decoded_path || !IsValidUtf8(*decoded_path) ||
      decoded_path->find('\0') != std::string::npos) {
    return core::Status::NotFound("request.not_found", "undecodable path");
  }
  path = std::move(*decoded_path);
  if (question == std::string_view::npos) return core::Status::Ok();

  std::string_view rest = raw_target.substr(question + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view raw_name = pair.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
    auto name = PercentDecode(raw_name, true);
    auto value = PercentDecode(raw_value, true);
    if (!name || !IsValidUtf8(*name)) {
      return core::Status::InvalidArgument("request.invalid_query", "", "malformed name")
          .With("name", std::string(raw_name));
    }
    if (!value || !IsValidUtf8(*value)) {
      return core::Status::InvalidArgument("request.invalid_query", *name, "malformed value")
          .With("name", *name);
    }
    query.emplace(std::move(*name), std::move(*value));
  }
  return core::Status::Ok();
}

std::string Request::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string Request::PathParam(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  return it == path_params.end() ? std::string() : it->second;
}

std::string Request::Cookie(std::string_view name) const {
  auto it = headers.find("cookie");
  if (it == headers.end()) return {};
  std::string_view rest = it->second;
  while (!rest.empty()) {
    size_t semi = rest.find(';');
    std::string_view pair = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (Trim(pair.substr(0, eq)) != name) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return std::string(value);
  }
  return {};
}

core::Result<Json> Request::JsonBody() const {
  const std::string content_type = Header("content-type");
  std::string_view media_type = content_type;
  media_type = Trim(media_type.substr(0, media_type.find(';')));
  if (!EqualsIgnoreCase(media_type, "application/json")) {
    return core::Status::InvalidArgument("request.unsupported_media_type");
  }
  if (JsonDepth(body, kMaxJsonDepth) > kMaxJsonDepth) {
    return core::Status::InvalidArgument("request.too_deep")
        .With("max", std::to_string(kMaxJsonDepth));
  }
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return core::Status::InvalidArgument("request.malformed_json");
  if (!parsed.is_object()) return core::Status::InvalidArgument("request.not_an_object");
  return parsed;
}

Response Response::JsonBody(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Response Response::NoContent() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

core::Status JsonFields::OnlyAllowed(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return core::Status::InvalidArgument("request.unknown_field", key);
    }
  }
  return core::Status::Ok();
}

core::Result<std::string> JsonFields::RequiredString(std::string_view field, size_t max_len) const {
  auto value = OptionalString(field, max_len);
  if (!value.ok()) return value.status();
  if (!value->has_value()) {
    return core::Status::InvalidArgument("request.missing_field", std::string(field));
  }
  return std::move(**value);
}

core::Result<std::optional<std::string>> JsonFields::OptionalString(std::string_view field,
                                                                    size_t max_len) const {
  auto it = object_.find(std::string(field));
  if (it == object_.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) {
    return core::Status::InvalidArgument("request.wrong_type", std::string(field));
  }
  const auto& text = it->get_ref<const std::string&>();
  SOCIUS_RETURN_IF_ERROR(CheckString(field, text, max_len));
  return std::optional<std::string>(text);
}

core::Result<std::optional<bool>> JsonFields::OptionalBool(std::string_view field) const {
  auto it = object_.find(std::string(field));
  if (it == object_.end() || it->is_null()) return std::optional<bool>();
  if (!it->is_boolean()) {
    return core::Status::InvalidArgument("request.wrong_type", std::string(field));
  }
  return std::optional<bool>(it->get<bool>());
}

core::Result<std::optional<int64_t>> JsonFields::OptionalInt(std::string_view field) const {
  auto it = object_.find(std::string(field));
  if (it == object_.end() || it->is_null()) return std::optional<int64_t>();
  if (it->is_number_unsigned()) {
    auto value = it->get<uint64_t>();
    if (value > static_cast<uint64_t>(INT64_MAX)) {
      return core::Status::InvalidArgument("request.wrong_type", std::string(field));
    }
    return std::optional<int64_t>(static_cast<int64_t>(value));
  }
  if (!it->is_number_integer()) {
    return core::Status::InvalidArgument("request.wrong_type", std::string(field));
  }
  return std::optional<int64_t>(it->get<int64_t>());
}

Response WithEtag(Response response, int64_t version) {
  response.Header("ETag", "\"" + std::to_string(version) + "\"");
  return response;
}

core::Status InvalidQuery(const std::string& name) {
  return core::Status::InvalidArgument("request.invalid_query", name, "bad query parameter " + name)
      .With("name", name);
}

core::Result<int> ListLimit(const Request& request, int default_limit, int max_limit) {
  std::optional<std::string> text = request.QueryParam("limit");
  if (!text) return default_limit;
  int limit = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc() || end != text->data() + text->size() || limit < 1 || limit > max_limit) {
    return InvalidQuery("limit");
  }
  return limit;
}

core::Result<int64_t> RequiredIfMatch(const Request& request) {
  std::string header = request.Header("if-match");
  std::string_view v = header;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  int64_t version = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || version < 1) {
    return core::Status::PreconditionFailed("request.if_match_required",
                                            "If-Match must carry the version, e.g. \"3\"");
  }
  return version;
}

core::Result<std::string> ListAfter(const Request& request, size_t max_raw_bytes) {
  std::optional<std::string> cursor = request.QueryParam("cursor");
  if (!cursor) return std::string();
  std::optional<std::string> decoded = DecodeHexCursor(*cursor, max_raw_bytes);
  if (!decoded) return InvalidQuery("cursor");
  return *decoded;
}

Json NextCursorJson(const std::optional<std::string>& next) {
  return next ? Json(EncodeHexCursor(*next)) : Json();
}

std::string EncodeHexCursor(std::string_view raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * raw.size());
  for (unsigned char c : raw) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::optional<std::string> DecodeHexCursor(std::string_view cursor, size_t max_raw_bytes) {
  if (cursor.empty() || cursor.size() % 2 != 0 || cursor.size() > 2 * max_raw_bytes) {
    return std::nullopt;
  }
  std::string out;
  for (size_t i = 0; i < cursor.size(); i += 2) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, value, 16);
    if (ec != std::errc() || end != cursor.data() + i + 2) return std::nullopt;
    out += static_cast<char>(value);
  }
  return out;
}

}  // namespace socius::http
