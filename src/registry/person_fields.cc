#include "registry/person_fields.h"

#include <string>

#include "registry/rules.h"

namespace socius::registry {

using Json = nlohmann::json;

namespace {

Json MaskedIdentifiers(const Person& p) {
  Json out = Json::array();
  for (const PersonIdentifier& id : p.identifiers) {
    out.push_back({{"scheme", id.scheme}, {"value", MaskIdentifier(id.value)}});
  }
  return out;
}

Json OptJson(const std::optional<std::string>& v) { return v ? Json(*v) : Json(); }

}  // namespace

Json PersonChanges(const Person& a, const Person& b) {
  Json changes = Json::object();
  auto add = [&](const char* field, const Json& from, const Json& to) {
    if (from != to) changes[field] = {{"from", from}, {"to", to}};
  };
  // Unset text is null, not "".
  auto text = [](const std::string& s) { return s.empty() ? Json() : Json(s); };
  auto date = [](const std::optional<core::Date>& d) { return d ? Json(d->ToString()) : Json(); };
  auto sex = [](const std::optional<Sex>& s) { return s ? Json(std::string(Name(*s))) : Json(); };
  auto degree = [](const std::optional<DisabilityDegree>& d) {
    return d ? Json(std::string(Name(*d))) : Json();
  };
  add("given_name", text(a.given_name), text(b.given_name));
  add("family_name", text(a.family_name), text(b.family_name));
  add("patronymic", OptJson(a.patronymic), OptJson(b.patronymic));
  add("birth_date", date(a.birth_date), date(b.birth_date));
  add("sex", sex(a.sex), sex(b.sex));
  add("identifiers", MaskedIdentifiers(a), MaskedIdentifiers(b));
  add("community_code", text(a.community_code), text(b.community_code));
  add("settlement_code", OptJson(a.settlement_code), OptJson(b.settlement_code));
  add("address", OptJson(a.address), OptJson(b.address));
  add("phone", OptJson(a.phone), OptJson(b.phone));
  add("languages", a.languages, b.languages);
  add("disability_degree", degree(a.disability_degree), degree(b.disability_degree));
  if (a.notes != b.notes) changes["notes"] = {{"changed", true}};
  return changes;
}

dedup::PersonFields MatchFieldsOf(const Person& p) {
  dedup::PersonFields f;
  f.id = p.id;
  f.given_name = p.given_name;
  f.family_name = p.family_name;
  f.patronymic = p.patronymic;
  if (p.birth_date) f.birth_date = p.birth_date->ToString();
  if (p.sex) f.sex = std::string(Name(*p.sex));
  for (const PersonIdentifier& id : p.identifiers)
    f.identifiers.push_back(id.scheme + ":" + id.value);
  f.settlement = p.settlement_id.value_or(p.community_id);
  f.household_id = p.household_id;
  f.phone = p.phone;
  return f;
}

}  // namespace socius::registry
