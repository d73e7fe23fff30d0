#include "registry/rules.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>

#include "auth/permissions.h"
#include "text/match_key.h"
#include "text/normalize.h"

namespace socius::registry {

using core::Date;
using core::Result;
using core::Status;

namespace {

// The code points of well-formed UTF-8 (checked before this is called).
std::vector<char32_t> CodePoints(std::string_view text) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k <= extra && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += 1 + extra;
  }
  return out;
}

bool IsLatinLetter(char32_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

bool IsCyrillicLetter(char32_t c) {
  return (c >= 0x400 && c <= 0x52F) || (c >= 0x1C80 && c <= 0x1C8F) ||
         (c >= 0x2DE0 && c <= 0x2DFF) || (c >= 0xA640 && c <= 0xA69F);
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2BC || c == 0x60; }

// Digits, symbols and punctuation that never belong in a name. Letters of any script,
// combining marks, spaces, hyphens, apostrophes and dots pass.
bool IsForbiddenInName(char32_t c) {
  if (c < 0x80) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    return !letter && c != ' ' && c != '-' && c != '.' && !IsApostrophe(c);
  }
  if ((c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7) return true;
  if (c >= 0x2000 && c <= 0x2BFF) return c != 0x2010 && c != 0x2011 && c != 0x2019;
  return c >= 0x1F000;  // emoji and pictographs
}

Status FieldError(std::string code, std::string_view field, std::string detail) {
  return Status::InvalidArgument(std::move(code), std::string(field), std::move(detail));
}

// The status `s` with its field replaced (validators name a generic field).
Status Refield(const Status& s, std::string field) {
  Status out = Status::InvalidArgument(s.code(), std::move(field), s.detail());
  for (const auto& [k, v] : s.params()) out.With(k, v);
  return out;
}

std::string Trimmed(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// A free-text field: UTF-8, NFC, no control characters except line breaks and tabs when
// `multiline`, at most `max` code points; empty or blank → nullopt.
Result<std::optional<std::string>> CleanText(const std::optional<std::string>& raw,
                                             std::string_view field, size_t max, bool multiline) {
  if (!raw) return std::optional<std::string>();
  if (!text::IsValidUtf8(*raw)) return FieldError("person.invalid_utf8", field, "not UTF-8");
  std::string probe = *raw;
  if (multiline)
    std::replace_if(
        probe.begin(), probe.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
        ' ');
  if (text::HasControlCharacters(probe)) {
    return FieldError("person.control_characters", field, "control character");
  }
  Result<std::string> nfc = text::ToNfc(multiline ? *raw : Trimmed(*raw), field);
  if (!nfc.ok()) return nfc.status();
  std::string value = *nfc;
  value.erase(0, value.find_first_not_of(" \n\r\t"));
  value.erase(value.find_last_not_of(" \n\r\t") + 1);
  if (value.empty()) return std::optional<std::string>();
  if (text::CodePointLength(value) > max) {
    return FieldError("person.field_too_long", field, "too long").With("max", std::to_string(max));
  }
  return std::optional<std::string>(std::move(value));
}

Status CheckPhone(std::string_view phone) {
  int digits = 0;
  for (size_t i = 0; i < phone.size(); ++i) {
    const char c = phone[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == '+' && i == 0) && c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return FieldError("person.invalid_phone", "phone", "unexpected character in phone");
    }
  }
  if (digits < 5 || digits > 20) {
    return FieldError("person.invalid_phone", "phone", "a phone number has 5..20 digits");
  }
  return Status::Ok();
}

Status ApplyIdentifiers(const std::vector<IdentifierInput>& input, Date today, Person& person) {
  if (input.size() > kMaxIdentifiers) {
    return FieldError("person.too_many_identifiers", "identifiers", "too many identifiers")
        .With("max", std::to_string(kMaxIdentifiers));
  }
  std::vector<PersonIdentifier> out;
  std::set<std::string> schemes;
  for (size_t i = 0; i < input.size(); ++i) {
    const std::string at = "identifiers[" + std::to_string(i) + "]";
    Result<IdentifierFacts> facts = ValidateIdentifier(input[i].scheme, input[i].value, today);
    if (!facts.ok()) {
      const bool scheme = facts.status().code() == "identifier.unknown_scheme";
      return Refield(facts.status(), at + (scheme ? ".scheme" : ".value"));
    }
    if (!schemes.insert(facts->scheme).second) {
      return FieldError("person.duplicate_scheme", at + ".scheme", "one identifier per scheme")
          .With("scheme", facts->scheme);
    }
    out.push_back(PersonIdentifier{facts->scheme, facts->value});
  }
  person.identifiers = std::move(out);
  return Status::Ok();
}

// The identifiers' implied birth date and sex against the person's; blanks are filled.
Status CheckIdentifiersAgree(Date today, Person& person) {
  for (size_t i = 0; i < person.identifiers.size(); ++i) {
    const PersonIdentifier& id = person.identifiers[i];
    Result<IdentifierFacts> facts = ValidateIdentifier(id.scheme, id.value, today);
    if (!facts.ok()) return facts.status();
    const std::string field = "identifiers[" + std::to_string(i) + "].value";
    if (facts->birth_date) {
      if (!person.birth_date) person.birth_date = facts->birth_date;
      if (*person.birth_date != *facts->birth_date) {
        return FieldError("person.identifier_mismatch", field, "birth date differs")
            .With("implied", facts->birth_date->ToString())
            .With("what", "birth_date");
      }
    }
    if (facts->sex) {
      if (!person.sex) person.sex = facts->sex;
      if (*person.sex != *facts->sex) {
        return FieldError("person.identifier_mismatch", field, "sex differs")
            .With("implied", std::string(Name(*facts->sex)))
            .With("what", "sex");
      }
    }
  }
  return Status::Ok();
}

// Applies a field that must be set on create and cannot be cleared.
Status ApplyRequiredName(const Patch<std::string>& patch, bool creating, std::string_view field,
                         std::string& target) {
  if (!patch) {
    if (creating) return FieldError("person.empty_name", field, "required");
    return Status::Ok();
  }
  Result<std::string> cleaned = CleanPersonName(patch->value_or(""), field);
  if (!cleaned.ok()) return cleaned.status();
  target = std::move(*cleaned);
  return Status::Ok();
}

}  // namespace

Result<std::string> CleanPersonName(std::string_view raw, std::string_view field) {
  if (!text::IsValidUtf8(raw)) return FieldError("person.invalid_utf8", field, "not UTF-8");
  if (text::HasControlCharacters(raw)) {
    return FieldError("person.control_characters", field, "control character in a name");
  }
  Result<std::string> nfc = text::ToNfc(raw, field);
  if (!nfc.ok()) return nfc.status();
  std::string spaced = *nfc;
  for (char& c : spaced) {
    if (c == '\t') c = ' ';
  }
  std::string name = Trimmed(spaced);
  if (name.empty()) return FieldError("person.empty_name", field, "empty name");
  if (text::CodePointLength(name) > kMaxNameCodePoints) {
    return FieldError("person.name_too_long", field, "name too long")
        .With("max", std::to_string(kMaxNameCodePoints));
  }
  bool latin = false;
  bool cyrillic = false;
  for (char32_t c : CodePoints(name)) {
    if (IsForbiddenInName(c)) {
      return FieldError("person.invalid_characters", field, "not a letter");
    }
    if (c == ' ' || c == '-' || c == 0x2010 || c == 0x2011) {
      latin = cyrillic = false;  // a new word
      continue;
    }
    latin |= IsLatinLetter(c);
    cyrillic |= IsCyrillicLetter(c);
    if (latin && cyrillic) {
      return FieldError("person.mixed_scripts", field, "Latin and Cyrillic in one word");
    }
  }
  return name;
}

Result<Date> ParseBirthDate(std::string_view text, Date today) {
  std::optional<Date> date = core::ParseDate(text);
  if (!date || text.size() != 10 || date->year < kEarliestBirthYear) {
    return FieldError("person.invalid_birth_date", "birth_date", "not a real date");
  }
  if (*date > today) {
    return FieldError("person.birth_date_future", "birth_date", "born after today");
  }
  return *date;
}

Status ApplyPersonInput(const PersonInput& input, bool creating, Date today, Person& person) {
  SOCIUS_RETURN_IF_ERROR(
      ApplyRequiredName(input.given_name, creating, "given_name", person.given_name));
  SOCIUS_RETURN_IF_ERROR(
      ApplyRequiredName(input.family_name, creating, "family_name", person.family_name));
  if (input.patronymic) {
    person.patronymic.reset();
    if (*input.patronymic && !Trimmed(**input.patronymic).empty()) {
      Result<std::string> cleaned = CleanPersonName(**input.patronymic, "patronymic");
      if (!cleaned.ok()) return cleaned.status();
      person.patronymic = std::move(*cleaned);
    }
  }
  if (input.birth_date) {
    person.birth_date.reset();
    if (*input.birth_date) {
      Result<Date> date = ParseBirthDate(**input.birth_date, today);
      if (!date.ok()) return date.status();
      person.birth_date = *date;
    }
  }
  if (input.sex) {
    person.sex.reset();
    if (*input.sex) {
      person.sex = ParseSex(**input.sex);
      if (!person.sex) return FieldError("person.invalid_sex", "sex", "female or male");
    }
  }
  if (input.address) {
    auto cleaned = CleanText(*input.address, "address", kMaxAddressCodePoints, false);
    if (!cleaned.ok()) return cleaned.status();
    person.address = std::move(*cleaned);
  }
  if (input.phone) {
    auto cleaned = CleanText(*input.phone, "phone", 40, false);
    if (!cleaned.ok()) return cleaned.status();
    if (*cleaned) SOCIUS_RETURN_IF_ERROR(CheckPhone(**cleaned));
    person.phone = std::move(*cleaned);
  }
  if (input.notes) {
    auto cleaned = CleanText(*input.notes, "notes", kMaxNotesCodePoints, true);
    if (!cleaned.ok()) return cleaned.status();
    person.notes = std::move(*cleaned);
  }
  if (input.disability_degree) {
    person.disability_degree.reset();
    if (*input.disability_degree) {
      person.disability_degree = ParseDisabilityDegree(**input.disability_degree);
      if (!person.disability_degree) {
        return FieldError("person.invalid_disability_degree", "disability_degree",
                          "mild, moderate, severe or profound");
      }
    }
  }
  if (input.languages) {
    if (input.languages->size() > kMaxLanguages) {
      return FieldError("person.invalid_language", "languages", "too many languages");
    }
    std::vector<std::string> languages;
    for (size_t i = 0; i < input.languages->size(); ++i) {
      const std::string& code = (*input.languages)[i];
      const bool shape =
          (code.size() == 2 || code.size() == 3) &&
          std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!shape) {
        return FieldError("person.invalid_language", "languages[" + std::to_string(i) + "]",
                          "an ISO 639 code such as ro");
      }
      if (std::find(languages.begin(), languages.end(), code) == languages.end()) {
        languages.push_back(code);
      }
    }
    person.languages = std::move(languages);
  }
  if (input.identifiers)
    SOCIUS_RETURN_IF_ERROR(ApplyIdentifiers(*input.identifiers, today, person));
  SOCIUS_RETURN_IF_ERROR(CheckIdentifiersAgree(today, person));
  person.name_key = PersonNameKey(person);
  return Status::Ok();
}

std::string PersonNameKey(const Person& person) {
  std::string full = person.family_name + " " + person.given_name;
  if (person.patronymic) full += " " + *person.patronymic;
  return text::NameMatchKey(full);
}

Status CheckPlacement(const std::optional<Place>& community, const std::optional<Place>& settlement,
                      std::string_view record) {
  if (!community && !settlement) {
    return FieldError(std::string(record) + ".community_required", "community_code",
                      "a community or settlement code is required");
  }
  if (community && community->level != "community") {
    return FieldError("person.not_a_community", "community_code", "not a community")
        .With("code", community->code);
  }
  if (settlement) {
    if (settlement->level != "settlement" || !settlement->community_id) {
      return FieldError("person.not_a_settlement", "settlement_code", "not a settlement")
          .With("code", settlement->code);
    }
    if (community && *settlement->community_id != community->id) {
      return FieldError("person.settlement_outside_community", "settlement_code",
                        "the settlement lies in another community")
          .With("code", settlement->code)
          .With("community", community->code);
    }
  }
  return Status::Ok();
}

PlacementCodes PlacementCodesOfNewPerson(const PersonInput& input) {
  auto code = [](const Patch<std::string>& p) { return p ? *p : std::nullopt; };
  return PlacementCodes{code(input.community_code), code(input.settlement_code)};
}

PlacementCodes PlacementCodesOfChangedPerson(const Person& current, const PersonInput& input) {
  PlacementCodes codes;
  if (input.community_code) {
    codes.community_code = *input.community_code;
  } else if (!(input.settlement_code && *input.settlement_code)) {
    codes.community_code = current.community_code;
  }
  if (input.settlement_code) {
    codes.settlement_code = *input.settlement_code;
  } else if (codes.community_code == current.community_code) {
    codes.settlement_code = current.settlement_code;
  }
  return codes;
}

void PlacePerson(Person& person, const Placement& placement) {
  person.community_id = placement.community.id;
  person.community_code = placement.community.code;
  person.community_name = placement.community.name;
  person.community_path = placement.community.path;
  person.settlement_id.reset();
  person.settlement_code.reset();
  person.settlement_name.reset();
  if (placement.settlement) {
    person.settlement_id = placement.settlement->id;
    person.settlement_code = placement.settlement->code;
    person.settlement_name = placement.settlement->name;
  }
}

Status CheckMoveOutOfHousehold(const Person& current, const Person& moved) {
  if (moved.community_id != current.community_id && current.household_id) {
    return Status::Conflict("person.moving_household_member", "community_code",
                            "person is a member of household " + *current.household_id);
  }
  return Status::Ok();
}

bool InScope(std::string_view path, const std::vector<std::string>& scope) {
  return std::any_of(scope.begin(), scope.end(),
                     [&](const std::string& root) { return auth::PathCovers(root, path); });
}

std::optional<int> AgeOn(Date birth, Date today) {
  if (birth > today) return std::nullopt;
  int age = today.year - birth.year;
  if (today.month < birth.month || (today.month == birth.month && today.day < birth.day)) --age;
  return age;
}

std::string MaskIdentifier(std::string_view value) {
  const size_t keep = value.size() > 4 ? 4 : 0;
  return std::string(value.size() - keep, '*') + std::string(value.substr(value.size() - keep));
}

std::string CountryOfScheme(std::string_view scheme) {
  return std::string(scheme.substr(0, scheme.find('-')));
}

Status ApplyHouseholdInput(const HouseholdInput& input, Household& household) {
  if (input.address) {
    auto cleaned = CleanText(*input.address, "address", kMaxAddressCodePoints, false);
    if (!cleaned.ok()) return cleaned.status();
    household.address = std::move(*cleaned);
  }
  if (input.dwelling_type) {
    household.dwelling_type.reset();
    if (*input.dwelling_type) {
      household.dwelling_type = ParseDwellingType(**input.dwelling_type);
      if (!household.dwelling_type) {
        return FieldError("household.invalid_dwelling_type", "dwelling_type", "unknown type");
      }
    }
  }
  if (input.income_band) {
    household.income_band.reset();
    if (*input.income_band) {
      household.income_band = ParseIncomeBand(**input.income_band);
      if (!household.income_band) {
        return FieldError("household.invalid_income_band", "income_band", "unknown band");
      }
    }
  }
  return Status::Ok();
}

Result<std::vector<HouseholdMember>> CheckMembers(const std::vector<MemberInput>& input) {
  std::vector<HouseholdMember> members;
  std::set<std::string> seen;
  int heads = 0;
  for (size_t i = 0; i < input.size(); ++i) {
    const std::string at = "members[" + std::to_string(i) + "]";
    std::optional<Relationship> relationship = ParseRelationship(input[i].relationship);
    if (!relationship) {
      return FieldError("household.invalid_relationship", at + ".relationship_to_head",
                        "unknown relationship");
    }
    if (!seen.insert(input[i].person_id).second) {
      return FieldError("household.duplicate_member", at + ".person_id", "listed twice");
    }
    if (*relationship == Relationship::kHead && ++heads > 1) {
      return FieldError("household.multiple_heads", at + ".relationship_to_head", "two heads");
    }
    HouseholdMember member;
    member.person_id = input[i].person_id;
    member.relationship = *relationship;
    members.push_back(std::move(member));
  }
  if (!members.empty() && heads == 0) {
    return FieldError("household.head_required", "members", "no member is the head");
  }
  return members;
}

Status CheckMembersCommunity(const std::vector<HouseholdMember>& members,
                             std::string_view community_id) {
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i].community_id != community_id) {
      return FieldError("household.member_other_community",
                        "members[" + std::to_string(i) + "].person_id",
                        "the person lives in another community");
    }
  }
  return Status::Ok();
}

}  // namespace socius::registry
