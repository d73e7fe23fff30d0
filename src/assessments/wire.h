#pragma once

// The JSON of questionnaires and assessments (docs/assessments-api.md): request bodies read
// into inputs, records written out.

#include "assessments/model.h"
#include "core/result.h"
#include "http/request.h"

namespace socius::assessments {

// A create body (`creating`) or a PATCH body. Unknown fields → "request.unknown_field"; wrong
// JSON types → "request.wrong_type"; both naming the field. Values are checked by the use case.
core::Result<AssessmentInput> ReadAssessmentInput(const http::Json& body, bool creating);

http::Json EncodeAssessment(const Assessment& assessment, bool with_answers);
// `with_definition`: the whole definition, else only what a list shows.
http::Json EncodeQuestionnaire(const QuestionnaireVersion& form, bool with_definition);
http::Json EncodeSummary(const ScreeningSummary& summary);

}  // namespace socius::assessments
