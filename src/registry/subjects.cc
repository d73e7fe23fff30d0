#include "registry/subjects.h"

#include "registry/repository.h"

namespace socius::registry {

core::Result<SubjectPlace> PersonPlace(store::Session& tx, std::string_view id,
                                       const std::vector<std::string>& scope) {
  core::Result<Person> person = FindPerson(tx, id, scope);
  if (!person.ok()) return person.status();
  return SubjectPlace{person->community_id, person->community_code, person->community_name,
                      person->community_path};
}

core::Result<SubjectPlace> HouseholdPlace(store::Session& tx, std::string_view id,
                                          const std::vector<std::string>& scope) {
  core::Result<Household> household = FindHousehold(tx, id, scope);
  if (!household.ok()) return household.status();
  return SubjectPlace{household->community_id, household->community_code, household->community_name,
                      household->community_path};
}

}  // namespace socius::registry
