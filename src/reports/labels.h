#pragma once

// The words of the report's files (CSV, XLSX, PDF) in the six languages: section and
// indicator names, breakdown names and column headings. The web app has its own catalogue.

#include <string>
#include <string_view>

namespace socius::reports {

// The text of `key` ("indicator.audiences", "section.cases", "column.previous", ...) in
// `language` (en, ro, uk, mk, lt, ru; English otherwise); the key itself when unknown.
std::string Label(std::string_view key, std::string_view language);

// A breakdown value as a reader sees it: its label when it has one, else its code with
// spaces for underscores and a capital first letter ("child_at_risk" → "Child at risk").
std::string ValueLabel(std::string_view code, std::string_view label);

}  // namespace socius::reports
