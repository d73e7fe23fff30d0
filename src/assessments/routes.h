#pragma once

#include "http/router.h"
#include "store/database.h"

namespace socius::assessments {

// Adds the endpoints of docs/assessments-api.md to `router`:
//   GET   /api/v1/questionnaires                              (assessment.read) latest versions
//   POST  /api/v1/questionnaires                              (questionnaire.write, installation)
//   GET   /api/v1/questionnaires/{code}                       (assessment.read) latest version
//   GET   /api/v1/questionnaires/{code}/versions/{version}    (assessment.read)
//   GET   /api/v1/assessments                                 (assessment.read) filtered list
//   POST  /api/v1/assessments                                 (assessment.write)
//   GET   /api/v1/assessments/{id}                            (assessment.read; audited)
//   PATCH /api/v1/assessments/{id}                            (assessment.write, If-Match)
//   GET   /api/v1/assessments/screening-summary?territory=    (screening.read)
// `db` must outlive the router.
void RegisterAssessmentRoutes(http::Router& router, store::Database& db);

}  // namespace socius::assessments
