// The person import over HTTP through the real Router on both backends: chunked upload with
// offsets, checksum, the background worker's report, cancel, scope, resume after a restart;
// and the search index's refresh from persons written behind the server's back.
#include "registry/import_routes.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "auth/tokens.h"
#include "core/ids.h"
#include "http/problem.h"
#include "registry/import.h"
#include "registry/import_repository.h"
#include "registry/index_refresh.h"
#include "registry/test_fixture.h"
#include "text/match_key.h"

namespace socius::registry {
namespace {

using http::Json;
namespace fs = std::filesystem;

// n persons of Berca, without identifiers, distinct names.
std::string CsvOf(int n) {
  std::string csv = "given_name,family_name,birth_date,community_code\n";
  for (int i = 0; i < n; ++i) {
    csv += "Ana,Importata" + std::string(1, static_cast<char>('a' + i % 26)) +
           std::string(1, static_cast<char>('a' + i / 26)) + ",1970-01-" + (i % 28 < 9 ? "0" : "") +
           std::to_string(i % 28 + 1) + ",RO:1017\n";
  }
  return csv;
}

class ImportRoutesTest : public testing::RegistryDatabaseTest {
 protected:
  void SetUp() override {
    RegistryDatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    principals_["berca"] = Worker("RO:1017", "/RO/RO:10/RO:1017/", auth::Role::kHeadOfService);
    principals_["ukraine"] = Worker("UA:0501", "/UA/UA:0501/", auth::Role::kHeadOfService);
    principals_["social"] = Worker("RO:1017", "/RO/RO:10/RO:1017/");
    principals_["social"].user_id = "u-social";
    // The worker reads the importer's grants from the database, as the server does.
    AddUser("u-RO:1017", "t-RO:1017");
    AddUser("u-UA:0501", "t-UA:0501");
    dir_ = fs::temp_directory_path() / ("socius-import-test-" + core::RandomHex(8));
    ASSERT_TRUE(index_.Load(db()).ok());
    StartServer(/*start_worker=*/true);
  }

  void TearDown() override {
    router_.reset();
    if (worker_) worker_->Stop();
    worker_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
    RegistryDatabaseTest::TearDown();
  }

  void AddUser(const std::string& id, const std::string& territory) {
    const std::string now = "2026-01-01T00:00:00.000Z";
    core::Status s = db().Write([&](store::Session& tx) -> core::Status {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("INSERT INTO users (id, username, username_key, display_name, password_hash, "
                  "home_territory_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?, ?)",
                  {id, id, id, id, territory, now, now})
              .status());
      return tx
          .Exec(
              "INSERT INTO role_assignments (id, user_id, role, territory_id, created_at) "
              "VALUES (?, ?, 'head_of_service', ?, ?)",
              {"ra-" + id, id, territory, now})
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  // A fresh router and worker over the same database and folder: a server restart.
  void StartServer(bool start_worker) {
    router_.reset();
    if (worker_) worker_->Stop();
    worker_ = std::make_unique<ImportWorker>(db(), &index_, dir_.string());
    worker_->set_batch_size(2);
    if (start_worker) {
      ASSERT_TRUE(worker_->Start().ok());
    }
    router_ = std::make_unique<http::Router>(
        [this](const http::Request& r) -> core::Result<auth::Principal> {
          auto it = principals_.find(r.Cookie("socius_session"));
          if (it == principals_.end()) return core::Status::Unauthenticated("auth.unauthenticated");
          return it->second;
        });
    RegisterImportRoutes(*router_, db(), index_, *worker_);
  }

  struct Reply {
    int status = 0;
    Json body;
  };

  Reply Call(const std::string& who, const std::string& method, const std::string& target,
             const std::string& body = "", const std::string& type = "application/json") {
    http::Request request;
    request.method = method;
    EXPECT_TRUE(request.SetTarget(target).ok());
    request.headers["cookie"] = "socius_session=" + who;
    request.headers["x-csrf-token"] = "csrf";
    request.headers["content-type"] = type;
    request.body = body;
    http::Response response = router_->Dispatch(request);
    return Reply{response.status,
                 response.body.empty() ? Json() : Json::parse(response.body, nullptr, false)};
  }

  std::string Create(const std::string& who, const std::string& csv, Json extra = Json::object()) {
    extra["file_name"] = "persons.csv";
    extra["size"] = csv.size();
    extra["sha256"] = auth::Sha256Hex(csv);
    Reply r = Call(who, "POST", "/api/v1/persons/imports", extra.dump());
    EXPECT_EQ(r.status, 201) << r.body.dump();
    EXPECT_EQ(r.body.value("status", ""), "uploading");
    return r.body.value("id", "");
  }

  Reply Put(const std::string& who, const std::string& id, int64_t offset, const std::string& chunk,
            const std::string& type = "text/csv") {
    return Call(who, "PUT",
                "/api/v1/persons/imports/" + id + "/content?offset=" + std::to_string(offset),
                chunk, type);
  }

  Json Finished(const std::string& who, const std::string& id) {
    EXPECT_TRUE(worker_->WaitUntilIdle(std::chrono::seconds(30)));
    Reply r = Call(who, "GET", "/api/v1/persons/imports/" + id);
    EXPECT_EQ(r.status, 200) << r.body.dump();
    return r.body;
  }

  int64_t PersonsOfImport(const std::string& id) {
    int64_t n = -1;
    EXPECT_TRUE(db().Read([&](store::Session& tx) {
                      auto rows = tx.Query(
                          "SELECT COUNT(*), COUNT(DISTINCT source_row) FROM persons "
                          "WHERE import_id = ?",
                          {id});
                      if (!rows.ok()) return rows.status();
                      n = (*rows)[0].Int(0);
                      EXPECT_EQ(n, (*rows)[0].Int(1)) << "a row written twice";
                      return core::Status::Ok();
                    })
                    .ok());
    return n;
  }

  std::map<std::string, auth::Principal> principals_;
  PersonIndex index_;
  fs::path dir_;
  std::unique_ptr<ImportWorker> worker_;
  std::unique_ptr<http::Router> router_;
};

TEST_P(ImportRoutesTest, ChunkedUploadResumesAtTheExpectedOffsetAndRunsToDone) {
  const std::string csv = CsvOf(5);
  const std::string id = Create("berca", csv);
  Reply first = Put("berca", id, 0, csv.substr(0, 30));
  ASSERT_EQ(first.status, 200) << first.body.dump();
  EXPECT_EQ(first.body["bytes_received"], 30);

  Reply again = Put("berca", id, 0, csv.substr(0, 30));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["code"], "import.offset_mismatch");
  EXPECT_EQ(again.body["expected_offset"], 30);
  EXPECT_EQ(again.body["params"]["expected"], "30");

  EXPECT_EQ(Put("berca", id, 30, csv.substr(30) + "x").body["code"], "import.beyond_size");
  EXPECT_EQ(Put("berca", id, 30, csv.substr(30), "application/json").body["code"],
            "request.unsupported_media_type");

  Reply rest = Put("berca", id, 30, csv.substr(30), "application/octet-stream");
  ASSERT_EQ(rest.status, 200) << rest.body.dump();
  EXPECT_EQ(rest.body["bytes_received"], csv.size());

  Json done = Finished("berca", id);
  EXPECT_EQ(done["status"], "done") << done.dump();
  EXPECT_EQ(done["rows_total"], 5);
  EXPECT_EQ(done["rows_written"], 5);
  EXPECT_EQ(done["community_code"], "RO:1017");
  EXPECT_EQ(PersonsOfImport(id), 5);
  EXPECT_FALSE(fs::exists(worker_->FileOf(id))) << "the upload stays behind";
  // The worker updated the search index.
  IndexQuery q;
  q.words = {text::NameMatchKey("Importataaa")};
  EXPECT_EQ(index_.Search(q, {"/"}, 10).size(), 5u) << "the 5 persons, all within two edits";

  EXPECT_EQ(Put("berca", id, static_cast<int64_t>(csv.size()), "x").body["code"],
            "import.not_uploading");
  EXPECT_EQ(Call("berca", "DELETE", "/api/v1/persons/imports/" + id).body["code"],
            "import.finished");
  Json listed = Call("berca", "GET", "/api/v1/persons/imports").body;
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["id"], id);
  EXPECT_EQ(
      Call("berca", "POST", "/api/v1/persons/imports",
           Json{{"file_name", "x.csv"}, {"size", csv.size()}, {"sha256", auth::Sha256Hex(csv)}}
               .dump())
          .body["code"],
      "import.already_imported");
}

TEST_P(ImportRoutesTest, AnInstallationWideJobNamesNoCommunity) {
  principals_["admin"] = Worker("ROOT", "/", auth::Role::kHeadOfService);
  AddUser("u-ROOT", "root");
  const std::string csv = CsvOf(2);
  const std::string id = Create("admin", csv);
  ASSERT_EQ(Put("admin", id, 0, csv).status, 200);
  Json done = Finished("admin", id);
  EXPECT_EQ(done["status"], "done") << done.dump();
  EXPECT_TRUE(done["community_code"].is_null()) << done.dump();
  EXPECT_EQ(PersonsOfImport(id), 2);
  // Not visible to a head of service of one community.
  EXPECT_EQ(Call("berca", "GET", "/api/v1/persons/imports/" + id).body["code"], "import.not_found");
}

TEST_P(ImportRoutesTest, BytesThatDoNotMatchTheSha256FailTheJob) {
  const std::string csv = CsvOf(2);
  Reply created = Call(
      "berca", "POST", "/api/v1/persons/imports",
      Json{{"file_name", "w.csv"}, {"size", csv.size()}, {"sha256", std::string(64, 'a')}}.dump());
  ASSERT_EQ(created.status, 201);
  const std::string id = created.body["id"];
  ASSERT_EQ(Put("berca", id, 0, csv).status, 200);
  Json job = Finished("berca", id);
  EXPECT_EQ(job["status"], "failed");
  EXPECT_EQ(job["rows_written"], 0);
  ASSERT_EQ(job["errors"].size(), 1u);
  EXPECT_EQ(job["errors"][0]["code"], "import.sha256_mismatch");
  EXPECT_NE(job["errors"][0]["message"], "import.sha256_mismatch");
  EXPECT_EQ(PersonsOfImport(id), 0);

  EXPECT_EQ(Call("berca", "POST", "/api/v1/persons/imports",
                 Json{{"file_name", "w.csv"}, {"size", 1}, {"sha256", "abc"}}.dump())
                .body["code"],
            "import.invalid_sha256");
  EXPECT_EQ(
      Call(
          "berca", "POST", "/api/v1/persons/imports",
          Json{{"file_name", "w.csv"}, {"size", int64_t{3} << 30}, {"sha256", std::string(64, 'b')}}
              .dump())
          .body["code"],
      "import.too_large");
}

TEST_P(ImportRoutesTest, PartialJobReportsTheBadRowsInTheCallersLanguage) {
  const std::string csv =
      "given_name,family_name,birth_date,community_code\n"
      "Ana,Bună,1970-01-01,RO:1017\n"
      "Ion,Rău,1990-02-31,RO:1017\n"
      "Oxana,Departe,1980-01-01,UA:0501\n";
  const std::string id = Create("berca", csv, Json{{"partial", true}});
  ASSERT_EQ(Put("berca", id, 0, csv).status, 200);
  EXPECT_TRUE(worker_->WaitUntilIdle(std::chrono::seconds(30)));
  Json job = Finished("berca", id);
  EXPECT_EQ(job["status"], "done") << job.dump();
  EXPECT_EQ(job["rows_total"], 3);
  EXPECT_EQ(job["rows_ok"], 1);
  EXPECT_EQ(job["rows_rejected"], 2);
  EXPECT_EQ(job["rows_written"], 1);
  ASSERT_EQ(job["errors"].size(), 2u) << job.dump();
  EXPECT_EQ(job["errors"][0]["row"], 3);
  EXPECT_EQ(job["errors"][0]["field"], "birth_date");
  EXPECT_EQ(job["errors"][0]["code"], "person.invalid_birth_date");
  EXPECT_EQ(job["errors"][1]["row"], 4);
  EXPECT_EQ(job["errors"][1]["code"], "import.outside_scope");
  EXPECT_EQ(job["errors"][1]["params"]["code"], "UA:0501") << "the territory named";
  EXPECT_TRUE(job["errors"][0]["params"].is_object());

  // The message follows the caller's language.
  principals_["berca"].language = "ro";
  http::Request request;
  request.method = "GET";
  ASSERT_TRUE(request.SetTarget("/api/v1/persons/imports/" + id).ok());
  request.headers["cookie"] = "socius_session=berca";
  request.language = "ro";
  Json ro = Json::parse(router_->Dispatch(request).body);
  EXPECT_EQ(ro["errors"][0]["message"], http::Translate("person.invalid_birth_date", "ro", {}));
  EXPECT_NE(ro["errors"][0]["message"], job["errors"][0]["message"]);
}

TEST_P(ImportRoutesTest, CancellingAnUploadDeletesItsFile) {
  const std::string csv = CsvOf(3);
  const std::string id = Create("berca", csv);
  ASSERT_EQ(Put("berca", id, 0, csv.substr(0, 10)).status, 200);
  EXPECT_TRUE(fs::exists(worker_->FileOf(id)));
  Reply cancelled = Call("berca", "DELETE", "/api/v1/persons/imports/" + id);
  ASSERT_EQ(cancelled.status, 200) << cancelled.body.dump();
  EXPECT_EQ(cancelled.body["status"], "cancelled");
  EXPECT_FALSE(fs::exists(worker_->FileOf(id)));
  EXPECT_EQ(Put("berca", id, 10, csv.substr(10)).body["code"], "import.not_uploading");

  // The same file again reopens the cancelled job, from the first byte.
  Reply reopened = Call(
      "berca", "POST", "/api/v1/persons/imports",
      Json{{"file_name", "p.csv"}, {"size", csv.size()}, {"sha256", auth::Sha256Hex(csv)}}.dump());
  ASSERT_EQ(reopened.status, 200) << reopened.body.dump();
  EXPECT_EQ(reopened.body["id"], id);
  EXPECT_EQ(reopened.body["status"], "uploading");
  EXPECT_EQ(reopened.body["bytes_received"], 0);
  ASSERT_EQ(Put("berca", id, 0, csv).status, 200);
  EXPECT_EQ(Finished("berca", id)["rows_written"], 3);
}

TEST_P(ImportRoutesTest, AJobOutsideTheCallersScopeDoesNotExistForThem) {
  const std::string csv = CsvOf(1);
  const std::string id = Create("berca", csv);
  const std::string path = "/api/v1/persons/imports/" + id;
  EXPECT_EQ(Call("ukraine", "GET", path).body["code"], "import.not_found");
  EXPECT_EQ(Call("ukraine", "DELETE", path).body["code"], "import.not_found");
  EXPECT_EQ(Put("ukraine", id, 0, csv).body["code"], "import.not_found");
  EXPECT_EQ(Call("ukraine", "GET", "/api/v1/persons/imports").body["items"].size(), 0u);
  EXPECT_EQ(Call("social", "GET", path).status, 403);
  Reply elsewhere = Call("berca", "POST", "/api/v1/persons/imports",
                         Json{{"file_name", "p.csv"},
                              {"size", 1},
                              {"sha256", std::string(64, 'c')},
                              {"community_code", "UA:0501"}}
                             .dump());
  EXPECT_EQ(elsewhere.status, 403) << elsewhere.body.dump();
  // Still uploading for its owner.
  EXPECT_EQ(Call("berca", "GET", path).body["status"], "uploading");
}

TEST_P(ImportRoutesTest, AnImportInterruptedByARestartResumesWithoutDoubling) {
  StartServer(/*start_worker=*/false);  // uploads are queued, nothing runs them
  const std::string csv = CsvOf(9);
  const std::string id = Create("berca", csv);
  ASSERT_EQ(Put("berca", id, 0, csv).status, 200);
  // The first run dies after its first committed batch: the job is left "writing".
  std::ifstream in(worker_->FileOf(id), std::ios::binary);
  ImportOptions options;
  options.job_id = id;
  options.file_sha256 = auth::Sha256Hex(csv);
  options.batch_size = 2;
  auto report = ImportPersonsCsv(db(), nullptr, in, options,
                                 [](const ImportProgressInfo& p) { return p.phase != "writing"; });
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(PersonsOfImport(id), 2);
  ASSERT_TRUE(db().Write([&](store::Session& tx) {
                    auto job = FindImportJob(tx, id);
                    if (!job.ok()) return job.status();
                    (*job)->status = "writing";
                    return UpdateImportJob(tx, **job);
                  })
                  .ok());

  StartServer(/*start_worker=*/true);
  Json job = Finished("berca", id);
  EXPECT_EQ(job["status"], "done") << job.dump();
  EXPECT_EQ(job["rows_written"], 9);
  EXPECT_EQ(PersonsOfImport(id), 9);
}

TEST_P(ImportRoutesTest, TheRefreshFindsPersonsImportedBehindTheServersBack) {
  IndexRefresh refresh(db(), index_);
  const std::string csv = CsvOf(3);
  std::istringstream in(csv);
  ImportOptions options;  // as the CLI: no index
  options.file_name = "cli.csv";
  auto report = ImportPersonsCsv(db(), nullptr, in, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->rows_written, 3);
  IndexQuery q;
  q.words = {text::NameMatchKey("Importataba")};
  EXPECT_TRUE(index_.Search(q, {"/"}, 10).empty());
  auto read = refresh.Refresh();
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_GE(*read, 3);
  EXPECT_EQ(index_.Search(q, {"/"}, 10).size(), 3u);

  // The thread does the same on its own.
  PersonIndex fresh;
  IndexRefresh other(db(), fresh, std::chrono::milliseconds(20));
  other.Start();
  for (int i = 0; i < 250 && fresh.Search(q, {"/"}, 10).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  other.Stop();
  EXPECT_EQ(fresh.Search(q, {"/"}, 10).size(), 3u);
}

SOCIUS_INSTANTIATE_BACKENDS(ImportRoutesTest);

}  // namespace
}  // namespace socius::registry
