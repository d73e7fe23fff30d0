#pragma once

// The use cases of contacts: audiences, phone calls, home visits, meetings and group sessions
// with a person or a household, standalone or on a case. A contact on a case is seen by
// those who see the case's content (cases.h); a standalone one by holders of case.work over
// its community. Out of scope is NotFound, exactly as missing. Writes are audited; a contact
// on a case is also a line of the case's timeline. Thread-safe.

#include <optional>
#include <string>

#include "auth/principal.h"
#include "cases/model.h"
#include "cases/repository.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::cases {

class Contacts {
 public:
  explicit Contacts(store::Database& db) : db_(db) {}

  core::Result<Contact> Record(const auth::Principal& who, const ContactInput& input);
  core::Result<Contact> Get(const auth::Principal& who, const std::string& id);
  core::Result<Contact> Update(const auth::Principal& who, const std::string& id,
                               int64_t expected_version, const ContactInput& input);
  // Of one person, household or case (at least one given), newest first.
  core::Result<ContactPage> List(const auth::Principal& who, const ContactFilter& filter,
                                 const std::string& after, int limit);

 private:
  store::Database& db_;
};

}  // namespace socius::cases
