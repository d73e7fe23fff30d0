#include "registry/wire.h"

#include <utility>

#include "registry/rules.h"
#include "text/normalize.h"

namespace socius::registry {

using core::Result;
using core::Status;
using http::Json;

namespace {

Status WrongType(const std::string& field) {
  return Status::InvalidArgument("request.wrong_type", field, "wrong JSON type")
      .With("field", field);
}

Status UnknownField(const std::string& field) {
  return Status::InvalidArgument("request.unknown_field", field, "unknown field")
      .With("field", field);
}

Status MissingField(const std::string& field) {
  return Status::InvalidArgument("request.missing_field", field, "missing field")
      .With("field", field);
}

// Absent → nullopt; null → an empty inner optional; a string → it.
Status ReadPatch(const Json& body, const char* field, Patch<std::string>& out) {
  auto it = body.find(field);
  if (it == body.end()) return Status::Ok();
  if (it->is_null()) {
    out = std::optional<std::string>();
  } else if (it->is_string()) {
    out = std::optional<std::string>(it->get<std::string>());
  } else {
    return WrongType(field);
  }
  return Status::Ok();
}

// A required string member of an array item ("identifiers[0].scheme").
Result<std::string> ItemString(const Json& item, const char* key, const std::string& at) {
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) return MissingField(at + "." + key);
  if (!it->is_string()) return WrongType(at + "." + key);
  return it->get<std::string>();
}

// The items of an array field, each an object with only `keys`; absent → nullopt.
Status CheckObjectArray(const Json& body, const char* field,
                        std::initializer_list<std::string_view> keys, const Json** out) {
  *out = nullptr;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return WrongType(field);
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string at = std::string(field) + "[" + std::to_string(i) + "]";
    const Json& item = (*it)[i];
    if (!item.is_object()) return WrongType(at);
    for (const auto& [key, value] : item.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        return UnknownField(at + "." + key);
      }
    }
  }
  *out = &*it;
  return Status::Ok();
}

Json Opt(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }

Json OptDate(const std::optional<core::Date>& date) {
  return date ? Json(date->ToString()) : Json();
}

Json Age(const std::optional<core::Date>& birth, core::Date today) {
  if (!birth) return Json();
  std::optional<int> age = AgeOn(*birth, today);
  return age ? Json(*age) : Json();
}

}  // namespace

Result<PersonInput> ReadPersonInput(const Json& body) {
  for (const auto& [key, value] : body.items()) {
    static const std::vector<std::string_view> kAllowed = {
        "given_name", "family_name", "patronymic",     "birth_date",
        "sex",        "identifiers", "community_code", "settlement_code",
        "address",    "phone",       "languages",      "disability_degree",
        "notes"};
    if (std::find(kAllowed.begin(), kAllowed.end(), key) == kAllowed.end()) {
      return UnknownField(key);
    }
  }
  PersonInput in;
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "given_name", in.given_name));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "family_name", in.family_name));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "patronymic", in.patronymic));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "birth_date", in.birth_date));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "sex", in.sex));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "community_code", in.community_code));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "settlement_code", in.settlement_code));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "address", in.address));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "phone", in.phone));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "disability_degree", in.disability_degree));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "notes", in.notes));
  const Json* identifiers = nullptr;
  SOCIUS_RETURN_IF_ERROR(CheckObjectArray(body, "identifiers", {"scheme", "value"}, &identifiers));
  if (body.contains("identifiers")) in.identifiers.emplace();
  if (identifiers) {
    if (identifiers->size() > kMaxIdentifiers) {
      return Status::InvalidArgument("person.too_many_identifiers", "identifiers", "too many")
          .With("max", std::to_string(kMaxIdentifiers));
    }
    for (size_t i = 0; i < identifiers->size(); ++i) {
      const std::string at = "identifiers[" + std::to_string(i) + "]";
      Result<std::string> scheme = ItemString((*identifiers)[i], "scheme", at);
      if (!scheme.ok()) return scheme.status();
      Result<std::string> value = ItemString((*identifiers)[i], "value", at);
      if (!value.ok()) return value.status();
      in.identifiers->push_back(IdentifierInput{*scheme, *value});
    }
  }
  if (auto it = body.find("languages"); it != body.end()) {
    in.languages.emplace();
    if (!it->is_null()) {
      if (!it->is_array()) return WrongType("languages");
      if (it->size() > kMaxLanguages) {
        return Status::InvalidArgument("person.invalid_language", "languages", "too many");
      }
      for (size_t i = 0; i < it->size(); ++i) {
        if (!(*it)[i].is_string()) return WrongType("languages[" + std::to_string(i) + "]");
        in.languages->push_back((*it)[i].get<std::string>());
      }
    }
  }
  return in;
}

Result<HouseholdInput> ReadHouseholdInput(const Json& body, bool creating) {
  for (const auto& [key, value] : body.items()) {
    static const std::vector<std::string_view> kAllowed = {
        "community_code", "settlement_code", "address", "dwelling_type", "income_band", "members"};
    if (std::find(kAllowed.begin(), kAllowed.end(), key) == kAllowed.end() ||
        (!creating && key == "community_code")) {
      return UnknownField(key);
    }
  }
  HouseholdInput in;
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "community_code", in.community_code));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "settlement_code", in.settlement_code));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "address", in.address));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "dwelling_type", in.dwelling_type));
  SOCIUS_RETURN_IF_ERROR(ReadPatch(body, "income_band", in.income_band));
  const Json* members = nullptr;
  SOCIUS_RETURN_IF_ERROR(
      CheckObjectArray(body, "members", {"person_id", "relationship_to_head"}, &members));
  if (body.contains("members")) in.members.emplace();
  if (members) {
    if (members->size() > 50) {
      return Status::InvalidArgument("household.too_many_members", "members", "at most 50");
    }
    for (size_t i = 0; i < members->size(); ++i) {
      const std::string at = "members[" + std::to_string(i) + "]";
      Result<std::string> person = ItemString((*members)[i], "person_id", at);
      if (!person.ok()) return person.status();
      Result<std::string> relationship = ItemString((*members)[i], "relationship_to_head", at);
      if (!relationship.ok()) return relationship.status();
      in.members->push_back(MemberInput{*person, *relationship});
    }
  }
  return in;
}

Json EncodePerson(const Person& p, core::Date today) {
  Json identifiers = Json::array();
  for (const PersonIdentifier& id : p.identifiers) {
    identifiers.push_back({{"scheme", id.scheme}, {"value", id.value}});
  }
  return Json{{"id", p.id},
              {"version", p.version},
              {"given_name", p.given_name},
              {"family_name", p.family_name},
              {"patronymic", Opt(p.patronymic)},
              {"birth_date", OptDate(p.birth_date)},
              {"sex", p.sex ? Json(std::string(Name(*p.sex))) : Json()},
              {"identifiers", std::move(identifiers)},
              {"community_code", p.community_code},
              {"community_name", p.community_name},
              {"settlement_code", Opt(p.settlement_code)},
              {"settlement_name", Opt(p.settlement_name)},
              {"address", Opt(p.address)},
              {"phone", Opt(p.phone)},
              {"languages", p.languages},
              {"disability_degree",
               p.disability_degree ? Json(std::string(Name(*p.disability_degree))) : Json()},
              {"notes", Opt(p.notes)},
              {"household_id", Opt(p.household_id)},
              {"age", Age(p.birth_date, today)},
              {"created_at", p.created_at},
              {"updated_at", p.updated_at}};
}

Json EncodeHit(const SearchHit& hit, core::Date today) {
  const PersonSummary& p = hit.person;
  Json identifiers = Json::array();
  for (const PersonIdentifier& id : p.identifiers) {
    identifiers.push_back({{"scheme", id.scheme}, {"value_masked", MaskIdentifier(id.value)}});
  }
  return Json{{"id", p.id},
              {"given_name", p.given_name},
              {"family_name", p.family_name},
              {"patronymic", Opt(p.patronymic)},
              {"birth_date", OptDate(p.birth_date)},
              {"sex", p.sex ? Json(std::string(Name(*p.sex))) : Json()},
              {"age", Age(p.birth_date, today)},
              {"community_code", p.community_code},
              {"community_name", p.community_name},
              {"identifiers", std::move(identifiers)},
              {"match", std::string(Name(hit.kind))}};
}

Json EncodeLikelyMatch(const LikelyMatch& match, core::Date today) {
  Json item = EncodeHit(SearchHit{match.person, MatchKind::kExact}, today);
  item.erase("match");
  item["reason"] = std::string(Name(match.reason));
  if (match.probability) item["probability"] = *match.probability;
  return item;
}

Result<std::optional<std::string>> TakeDuplicateReason(Json& body) {
  auto it = body.find("duplicate_reason");
  if (it == body.end()) return std::optional<std::string>();
  Json value = *it;
  body.erase(it);
  if (value.is_null()) return std::optional<std::string>();
  if (!value.is_string()) return WrongType("duplicate_reason");
  std::string reason = value.get<std::string>();
  const size_t first = reason.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return std::optional<std::string>();
  reason.erase(0, first);
  reason.erase(reason.find_last_not_of(" \t\r\n") + 1);
  if (!text::IsValidUtf8(reason)) return WrongType("duplicate_reason");
  if (text::CodePointLength(reason) > 500) {
    return Status::InvalidArgument("request.field_too_long", "duplicate_reason", "too long")
        .With("max", "500");
  }
  return std::optional<std::string>(std::move(reason));
}

Json EncodeHousehold(const Household& h, core::Date today) {
  Json members = Json::array();
  for (const HouseholdMember& m : h.members) {
    members.push_back({{"person_id", m.person_id},
                       {"given_name", m.given_name},
                       {"family_name", m.family_name},
                       {"birth_date", OptDate(m.birth_date)},
                       {"age", Age(m.birth_date, today)},
                       {"relationship_to_head", std::string(Name(m.relationship))}});
  }
  return Json{
      {"id", h.id},
      {"version", h.version},
      {"community_code", h.community_code},
      {"community_name", h.community_name},
      {"settlement_code", Opt(h.settlement_code)},
      {"address", Opt(h.address)},
      {"dwelling_type", h.dwelling_type ? Json(std::string(Name(*h.dwelling_type))) : Json()},
      {"income_band", h.income_band ? Json(std::string(Name(*h.income_band))) : Json()},
      {"head_person_id", Opt(h.head_person_id)},
      {"members", std::move(members)},
      {"created_at", h.created_at},
      {"updated_at", h.updated_at}};
}

}  // namespace socius::registry
