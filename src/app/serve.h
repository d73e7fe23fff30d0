#pragma once

#include <cstdint>
#include <string>

#include "app/cli.h"
#include "core/result.h"
#include "store/database.h"

namespace socius::app {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // ADDR:PORT, [v6]:PORT; port 0 picks a free one
  std::string static_dir;                 // empty: the default (see DefaultStaticDir)
  std::string data_dir;                   // empty: SOCIUS_SOURCE_DIR/data
  int threads = 0;
  bool secure_cookies = false;
  std::string trusted_proxies;  // "127.0.0.1,::1,10.0.0.0/8": believed about X-Forwarded-For
  int64_t report_min_cell = 5;  // the smallest count a report shows to who may not see names
};

// Runs the server until SIGINT/SIGTERM: opens and migrates the database, loads the shipped
// territories into an installation without countries, ensures the first administrator,
// serves the API and the web app. Prints "Socius listening on http://ADDR:PORT" once ready.
int RunServe(const CommonOptions& common, const ServeOptions& options);

// Imports every *.csv of `data_dir`/territories (or of `data_dir` itself), in name order, in
// one go each; returns the number of rows imported. InvalidArgument naming the file and row
// when a file is bad; NotFound when there is no such folder.
core::Result<int64_t> LoadShippedTerritories(store::Database& db, const std::string& data_dir);
// At every start: computes the territories' derived names where missing and, when no country
// is stored yet, loads the shipped reference data (LoadShippedTerritories; a missing folder is
// a warning, not an error).
core::Status LoadTerritoriesIfEmpty(store::Database& db, const std::string& data_dir);

// The web app to serve: web/dist under the source tree if it was built, else next to the
// binary (web/dist, then web); "" when none exists (API only).
std::string DefaultStaticDir();

// The reference data: data/ under the source tree, else next to the binary.
std::string DefaultDataDir();

}  // namespace socius::app
