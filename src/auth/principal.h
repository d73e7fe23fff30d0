#pragma once

#include <string>
#include <vector>

#include "auth/roles.h"

namespace socius::auth {

// One role held over one territory subtree.
struct RoleGrant {
  Role role;
  std::string territory_id;
  std::string territory_code;
  std::string
      territory_path;  // '/RO/RO:10/RO:1017/': the grant covers every path with it as prefix
};

// The authenticated caller of a request, resolved from the session cookie.
struct Principal {
  std::string user_id;
  std::string username;
  std::string display_name;
  std::string language;
  bool must_change_password = false;
  std::vector<RoleGrant> grants;
  std::string session_id;  // SHA-256 of the cookie token
  std::string csrf_token;
};

}  // namespace socius::auth
