#pragma once

#include "auth/sessions.h"
#include "http/router.h"

namespace socius::auth {

// The Router's authenticator: reads the socius_session cookie and resolves it through
// `sessions` (which must outlive the router). Thread-safe.
http::Authenticator MakeAuthenticator(Sessions& sessions);

// Adds every session, role, user and audit endpoint of docs/api-contract.md to `router`:
//   POST/GET/DELETE /api/v1/session, POST /api/v1/session/password, GET /api/v1/roles,
//   GET/POST /api/v1/users, GET/PATCH /api/v1/users/{id},
//   POST /api/v1/users/{id}/password-reset, GET /api/v1/audit, GET /api/v1/audit/verify.
// The composition root does:
//   auth::Sessions sessions(db, options);
//   http::Router router(auth::MakeAuthenticator(sessions));
//   auth::RegisterAuthRoutes(router, sessions);
void RegisterAuthRoutes(http::Router& router, Sessions& sessions);

// The three groups RegisterAuthRoutes adds (session_routes.cc, user_routes.cc,
// audit_routes.cc).
void RegisterSessionRoutes(http::Router& router, Sessions& sessions);
void RegisterUserRoutes(http::Router& router, Sessions& sessions);
void RegisterAuditRoutes(http::Router& router, Sessions& sessions);

}  // namespace socius::auth
