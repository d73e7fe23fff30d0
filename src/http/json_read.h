#pragma once

// Reading the fields of a JSON request body, and the values of a query, the way every room does:
// texts trimmed, a null or blank text clearing an optional field, codes of an enumeration with the
// room's own problem code. Shapes only; the use cases decide the rest.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/request.h"

namespace socius::http {

// A field that may be absent (nullopt), cleared (an inner nullopt) or set.
template <typename T>
using FieldPatch = std::optional<std::optional<T>>;

// `text` without leading and trailing blanks (spaces, tabs, line ends).
std::string Trimmed(const std::string& text);

// Absent: nullopt. Otherwise the trimmed text (request.wrong_type, request.field_too_long,
// request.control_characters as JsonFields::OptionalString).
core::Result<std::optional<std::string>> ReadText(const Json& body, std::string_view field,
                                                  size_t max_len);
// Absent: nullopt. null or blank: a cleared value. Otherwise the trimmed text.
core::Result<FieldPatch<std::string>> ReadClearable(const Json& body, std::string_view field,
                                                    size_t max_len);

// A code of an enumeration, or InvalidArgument(`code`, field).
template <typename E>
core::Result<std::optional<E>> ReadEnum(const Json& body, std::string_view field,
                                        std::optional<E> (*parse)(std::string_view),
                                        const char* code) {
  core::Result<std::optional<std::string>> text = JsonFields(body).OptionalString(field, 64);
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<E>();
  std::optional<E> value = parse(**text);
  if (!value) return core::Status::InvalidArgument(code, std::string(field));
  return value;
}

// An optional query value of at most `max` bytes; empty counts as absent
// (InvalidQuery(name) when longer).
core::Result<std::optional<std::string>> QueryText(const Request& request, const char* name,
                                                   size_t max = 100);

// An optional query value naming a value of an enumeration (InvalidQuery(name) otherwise).
template <typename E>
core::Result<std::optional<E>> QueryEnum(const Request& request, const char* name,
                                         std::optional<E> (*parse)(std::string_view)) {
  core::Result<std::optional<std::string>> text = QueryText(request, name, 64);
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<E>();
  std::optional<E> value = parse(**text);
  if (!value) return InvalidQuery(name);
  return value;
}

}  // namespace socius::http
