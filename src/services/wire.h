#pragma once

// JSON ↔ the services room's inputs and records, as docs/openapi.yaml and
// docs/services-api.md say. Decoders check shapes only (types, lengths, known values); the use
// cases decide the rest.

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "services/model.h"
#include "services/services.h"

namespace socius::services {

using Json = nlohmann::json;

core::Result<ProviderInput> ReadProviderInput(const Json& body, bool creating);
core::Result<ServiceInput> ReadServiceInput(const Json& body, bool creating);
core::Result<EnrolmentInput> ReadEnrolmentInput(const Json& body);
// {"to","reason"?,"date"?}
core::Result<EnrolmentTransition> ReadEnrolmentTransition(const Json& body);

// A resident's request: {"need","for_whom"?,"name","contact","consent","language"?,"website"?}
// ("website" is the spam trap a person never fills).
core::Result<HelpRequestInput> ReadHelpRequestInput(const Json& body);
// {"outcome","answer"?,"contact_id"?,"case_id"?}
core::Result<HelpResolution> ReadHelpResolution(const Json& body);
Json EncodeHelpRequest(const HelpRequest& request);

Json EncodeProvider(const Provider& provider);
Json EncodeService(const Service& service, core::Date today);
Json EncodeEnrolment(const Enrolment& enrolment);
Json EncodeServicesMap(const ServicesMap& map, core::Date today);

// {"days":[1,2,5]}: day numbers 1..31 (attendance.invalid_day), at most 31 of them.
core::Result<std::vector<int>> ReadAttendanceDays(const Json& body);
// {"user_id"}: a member to add to a provider's staff.
core::Result<std::string> ReadStaffUser(const Json& body);
// {"items":[{"user":{"id","display_name"},"username","added_by":{...},"added_at"}]}
Json EncodeStaff(const std::vector<StaffMember>& staff);
// One person's line of a month's attendance.
Json EncodeAttendanceRow(const AttendanceRow& row, core::Month month);

}  // namespace socius::services
