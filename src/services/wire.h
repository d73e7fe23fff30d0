#pragma once

// JSON ↔ the services room's inputs and records, as docs/openapi.yaml and
// docs/services-api.md say. Decoders check shapes only (types, lengths, known values); the use
// cases decide the rest.

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "services/model.h"

namespace socius::services {

using Json = nlohmann::json;

core::Result<ProviderInput> ReadProviderInput(const Json& body, bool creating);
core::Result<ServiceInput> ReadServiceInput(const Json& body, bool creating);
core::Result<EnrolmentInput> ReadEnrolmentInput(const Json& body);
// {"to","reason"?,"date"?}
core::Result<EnrolmentTransition> ReadEnrolmentTransition(const Json& body);

Json EncodeProvider(const Provider& provider);
Json EncodeService(const Service& service, core::Date today);
Json EncodeEnrolment(const Enrolment& enrolment);

}  // namespace socius::services
