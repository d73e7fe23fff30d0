#include "http/json_read.h"

namespace socius::http {

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

core::Result<std::optional<std::string>> ReadText(const Json& body, std::string_view field,
                                                  size_t max_len) {
  core::Result<std::optional<std::string>> text = JsonFields(body).OptionalString(field, max_len);
  if (!text.ok() || !*text) return text;
  return std::optional<std::string>(Trimmed(**text));
}

core::Result<FieldPatch<std::string>> ReadClearable(const Json& body, std::string_view field,
                                                    size_t max_len) {
  using Out = FieldPatch<std::string>;
  if (!body.contains(std::string(field))) return Out();
  if (body.at(std::string(field)).is_null()) return Out(std::optional<std::string>());
  core::Result<std::optional<std::string>> text = JsonFields(body).OptionalString(field, max_len);
  if (!text.ok()) return text.status();
  std::string t = Trimmed(**text);
  if (t.empty()) return Out(std::optional<std::string>());
  return Out(std::optional<std::string>(std::move(t)));
}

core::Result<std::optional<std::string>> QueryText(const Request& request, const char* name,
                                                   size_t max) {
  std::optional<std::string> value = request.QueryParam(name);
  if (!value || value->empty()) return std::optional<std::string>();
  if (value->size() > max) return InvalidQuery(name);
  return value;
}

}  // namespace socius::http
