#include "app/cli.h"

#include <iostream>

#include "core/log.h"

namespace socius::app {

int ExitCodeOf(const core::Status& status) {
  switch (status.kind()) {
    case core::StatusKind::kOk:
      return kExitOk;
    case core::StatusKind::kInvalidArgument:
    case core::StatusKind::kTooLarge:
    case core::StatusKind::kPreconditionFailed:
      return kExitInvalidInput;
    case core::StatusKind::kNotFound:
      return kExitNotFound;
    case core::StatusKind::kConflict:
      return kExitConflict;
    case core::StatusKind::kUnavailable:
      return kExitUnavailable;
    default:
      return kExitOther;
  }
}

void PrintError(const std::string& what, const std::string& message) {
  std::cerr << "socius: " << what << ": " << message << std::endl;
}

void PrintError(const std::string& what, const core::Status& status) {
  std::string message = status.detail().empty() ? status.code() : status.detail();
  if (!status.field().empty()) message = "field " + status.field() + ": " + message;
  message += " (" + status.code() + ")";
  PrintError(what, message);
}

std::string RedactUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

core::Result<std::unique_ptr<store::Database>> OpenDatabase(const CommonOptions& options,
                                                            const std::string& what, bool migrate) {
  core::Result<std::unique_ptr<store::Database>> db = store::Database::Open(options.db_url);
  if (!db.ok()) {
    PrintError(what + ": " + RedactUrl(options.db_url), db.status());
    return db;
  }
  if (migrate) {
    core::Result<int> applied = (*db)->Migrate();
    if (!applied.ok()) {
      PrintError(what + ": migrating " + RedactUrl(options.db_url), applied.status());
      return applied.status();
    }
    if (*applied > 0) spdlog::info("applied {} migration(s)", *applied);
  }
  return db;
}

}  // namespace socius::app
