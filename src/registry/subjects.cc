#include "registry/subjects.h"

#include "registry/repository.h"

namespace socius::registry {

core::Result<SubjectPlace> PersonPlace(store::Session& tx, std::string_view id,
                                       const std::vector<std::string>& scope) {
  core::Result<Person> person = FindPerson(tx, id, scope);
  if (!person.ok()) return person.status();
  return SubjectPlace{person->community_id,
                      person->community_code,
                      person->community_name,
                      person->community_path,
                      person->family_name + " " + person->given_name,
                      person->birth_date,
                      person->settlement_id};
}

core::Result<SubjectPlace> HouseholdPlace(store::Session& tx, std::string_view id,
                                          const std::vector<std::string>& scope) {
  core::Result<Household> household = FindHousehold(tx, id, scope);
  if (!household.ok()) return household.status();
  SubjectPlace place{household->community_id,
                     household->community_code,
                     household->community_name,
                     household->community_path,
                     "",
                     std::nullopt,
                     std::nullopt};
  for (const HouseholdMember& m : household->members) {
    if (household->head_person_id && m.person_id == *household->head_person_id) {
      place.name = m.family_name + " " + m.given_name;
    }
  }
  return place;
}

core::Result<bool> IsHouseholdMember(store::Session& tx, std::string_view household_id,
                                     std::string_view person_id) {
  core::Result<store::Rows> rows =
      tx.Query("SELECT 1 FROM household_members WHERE household_id = ? AND person_id = ?",
               {std::string(household_id), std::string(person_id)});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

}  // namespace socius::registry
