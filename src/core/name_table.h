#pragma once

// The wire names of an enumeration as one table, read both ways: every room's model.cc
// writes its enumerations' names once, as a Table, and looks them up with NameIn / ParseIn.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace socius::core {

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

// The name of `value` ("" for a value the table lacks: a bug the tests catch).
template <typename E, size_t N>
std::string_view NameIn(const NameTable<E, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return "";
}

// The value named `name`, or nullopt.
template <typename E, size_t N>
std::optional<E> ParseIn(const NameTable<E, N>& table, std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

}  // namespace socius::core
