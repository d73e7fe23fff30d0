#pragma once

// Unicode hygiene for text that users type: UTF-8 validation, NFC/NFKC normalisation,
// control characters, code point counts. Every function is pure and thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/status.h"

namespace socius::text {

// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequence).
bool IsValidUtf8(std::string_view text);

// InvalidArgument "text.invalid_utf8" naming `field` when `text` is not well-formed UTF-8.
core::Status ValidateUtf8(std::string_view text, std::string_view field = {});

// `text` in Normalization Form C (what we store) or KC (compatibility forms folded:
// ligatures, full-width letters, superscripts). InvalidArgument "text.invalid_utf8" naming
// `field` when the input is not well-formed UTF-8.
core::Result<std::string> ToNfc(std::string_view text, std::string_view field = {});
core::Result<std::string> ToNfkc(std::string_view text, std::string_view field = {});

// Control characters are the C0 and C1 controls and DEL (general category Cc) and the
// bidirectional formatting controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which
// can make a name display as something other than what is stored. Both functions expect
// well-formed UTF-8; an ill-formed byte counts as a control character.
bool HasControlCharacters(std::string_view text);
// True for the bidirectional formatting controls (Unicode property Bidi_Control: those listed
// above and U+061C ARABIC LETTER MARK).
bool IsBidiControl(int32_t code_point);
// True for white space (Unicode property White_Space: spaces of every width, line breaks).
bool IsWhiteSpace(int32_t code_point);
// The code points of `text`; an ill-formed byte comes out as a negative value.
std::vector<int32_t> CodePoints(std::string_view text);
// `text` without its control characters; tabs and line breaks become single spaces so that
// words stay apart.
std::string RemoveControlCharacters(std::string_view text);

// Number of code points in `text` (what a user would call its length, near enough for
// limits). Each ill-formed byte counts as one.
size_t CodePointLength(std::string_view text);

// The one-stop cleaning of a short text field such as a name: rejects ill-formed UTF-8
// ("text.invalid_utf8") and control characters ("text.control_character"), converts to NFC,
// trims surrounding white space, collapses inner runs of white space to one space, and
// rejects an empty result ("text.empty") or one longer than `max_code_points` code points
// ("text.too_long", param "max"). Every error names `field`.
core::Result<std::string> CleanField(std::string_view text, std::string_view field,
                                     size_t max_code_points);

}  // namespace socius::text
