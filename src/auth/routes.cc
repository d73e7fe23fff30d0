#include "auth/routes.h"

namespace socius::auth {

http::Authenticator MakeAuthenticator(Sessions& sessions) {
  return [&sessions](const http::Request& request) {
    return sessions.Resolve(request.Cookie(kSessionCookie));
  };
}

void RegisterAuthRoutes(http::Router& router, Sessions& sessions) {
  RegisterSessionRoutes(router, sessions);
  RegisterUserRoutes(router, sessions);
  RegisterAuditRoutes(router, sessions);
}

}  // namespace socius::auth
