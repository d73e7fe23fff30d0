// HTTP handlers of the person import: jobs, chunked upload, report, cancel.
#include "registry/import_routes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <filesystem>
#include <memory>
#include <mutex>
#include <utility>

#include "auth/permissions.h"
#include "core/ids.h"
#include "http/problem.h"
#include "registry/import.h"
#include "registry/import_repository.h"
#include "registry/wire.h"

namespace socius::registry {

using auth::Permission;
using core::Result;
using core::Status;
using http::Json;
using http::Request;
using http::Response;

namespace {

constexpr int64_t kMaxImportSize = int64_t{2} << 30;  // 2 GiB

// Chunks of one job are appended one at a time; jobs hash onto a few locks.
struct UploadLocks {
  std::array<std::mutex, 32> locks;
  std::mutex& For(const std::string& id) { return locks[std::hash<std::string>{}(id) % 32]; }
};

Status NotFound() { return Status::NotFound("import.not_found", "no such import"); }

// Visible to holders of person.import over the job's scope, and to its creator while some of
// their person.import scope lies inside it.
bool Visible(const auth::Principal& who, const ImportJob& job) {
  if (auth::Allows(who, Permission::kPersonImport, job.scope_path)) return true;
  if (job.created_by != who.user_id) return false;
  for (const std::string& root : auth::ScopePaths(who, Permission::kPersonImport)) {
    if (auth::PathCovers(job.scope_path, root)) return true;
  }
  return false;
}

Json Encode(const ImportJob& job) {
  return Json{{"id", job.id},
              {"status", job.status},
              {"file_name", job.file_name},
              {"size", job.size},
              {"sha256", job.file_sha256},
              {"bytes_received", job.bytes_received},
              {"mode", job.mode},
              // The installation root's code is internal: an installation-wide job has none.
              {"community_code",
               job.scope_code.empty() || job.scope_path == "/" ? Json() : Json(job.scope_code)},
              {"rows_total", job.rows_total},
              {"rows_read", job.rows_read},
              {"rows_ok", job.rows_ok},
              {"rows_rejected", job.rows_rejected},
              {"rows_written", job.rows_written},
              {"rows_linked", job.rows_linked},
              {"created_at", job.created_at},
              {"updated_at", job.updated_at}};
}

Json EncodeWithErrors(const ImportJob& job, const std::vector<ImportProblem>& problems,
                      const std::string& language) {
  Json out = Encode(job);
  Json errors = Json::array();
  for (const ImportProblem& p : problems) {
    std::string message = http::Translate(p.code, language, p.params);
    if (message == p.code) message = p.message;
    Json params = Json::object();  // what the message names, for clients that word it
    for (const auto& [name, value] : p.params) params[name] = value;
    Json error = {{"row", p.row},
                  {"field", p.field},
                  {"code", p.code},
                  {"message", message},
                  {"params", std::move(params)},
                  {"severity", p.warning ? "warning" : "error"}};
    if (!p.person.empty()) error["person"] = p.person;
    errors.push_back(std::move(error));
  }
  out["errors"] = std::move(errors);
  out["errors_truncated"] = problems.size() >= kMaxImportProblems;
  return out;
}

// The job `id` if the caller may see it, with its problems when `problems` is not null.
Result<ImportJob> VisibleJob(store::Session& tx, const auth::Principal& who, const std::string& id,
                             std::vector<ImportProblem>* problems = nullptr) {
  Result<std::optional<ImportJob>> found = FindImportJob(tx, id);
  if (!found.ok()) return found.status();
  if (!*found || !Visible(who, **found)) return NotFound();
  if (problems) {
    Result<std::vector<ImportProblem>> loaded = LoadImportProblems(tx, id);
    if (!loaded.ok()) return loaded.status();
    *problems = std::move(*loaded);
  }
  return std::move(**found);
}

// The deepest path containing every one of `paths` ('/RO/RO:10/' for two communities of it).
std::string CommonRoot(const std::vector<std::string>& paths) {
  if (paths.empty()) return "/";
  std::string prefix = paths.front();
  for (const std::string& p : paths) {
    size_t n = 0;
    while (n < prefix.size() && n < p.size() && prefix[n] == p[n]) ++n;
    prefix.resize(n);
  }
  const size_t slash = prefix.rfind('/');
  return slash == std::string::npos ? "/" : prefix.substr(0, slash + 1);
}

bool IsSha256(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void RemoveUpload(const ImportWorker& worker, const std::string& id) {
  std::error_code ec;
  std::filesystem::remove(worker.FileOf(id), ec);
}

Result<Response> Create(store::Database& db, ImportWorker& worker, Request& request) {
  const auth::Principal& who = *request.principal;
  Result<Json> body = request.JsonBody();
  if (!body.ok()) return body.status();
  http::JsonFields fields(*body);
  SOCIUS_RETURN_IF_ERROR(fields.OnlyAllowed({"file_name", "size", "sha256", "mapping", "partial",
                                             "skip_possible_duplicates", "link_possible_duplicates",
                                             "again", "community_code"}));
  Result<std::string> file_name = fields.RequiredString("file_name", 255);
  if (!file_name.ok()) return file_name.status();
  Result<std::optional<int64_t>> size = fields.OptionalInt("size");
  if (!size.ok()) return size.status();
  if (!*size) return Status::InvalidArgument("request.missing_field", "size", "size is required");
  if (**size < 0) return Status::InvalidArgument("request.wrong_type", "size", "size below 0");
  if (**size > kMaxImportSize) {
    return Status::InvalidArgument("import.too_large", "size", "larger than 2 GiB")
        .With("max", std::to_string(kMaxImportSize));
  }
  Result<std::string> sha = fields.RequiredString("sha256", 200);
  if (!sha.ok()) return sha.status();
  std::string sha256 = *sha;
  for (char& c : sha256) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!IsSha256(sha256)) {
    return Status::InvalidArgument("import.invalid_sha256", "sha256", "not 64 hex digits");
  }
  Json mapping = Json::object();
  if (fields.Has("mapping") && !fields.raw()["mapping"].is_null()) {
    const Json& m = fields.raw()["mapping"];
    if (!m.is_object()) return Status::InvalidArgument("request.wrong_type", "mapping", "object");
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (!it.value().is_string() || it.key().size() > 200 ||
          it.value().get<std::string>().size() > 200) {
        return Status::InvalidArgument("request.wrong_type", "mapping", "strings");
      }
      mapping[it.key()] = it.value();
    }
  }
  Result<std::optional<bool>> partial = fields.OptionalBool("partial");
  if (!partial.ok()) return partial.status();
  Result<std::optional<bool>> skip = fields.OptionalBool("skip_possible_duplicates");
  if (!skip.ok()) return skip.status();
  Result<std::optional<bool>> link = fields.OptionalBool("link_possible_duplicates");
  if (!link.ok()) return link.status();
  Result<std::optional<bool>> again = fields.OptionalBool("again");
  if (!again.ok()) return again.status();
  Result<std::optional<std::string>> community = fields.OptionalString("community_code", 64);
  if (!community.ok()) return community.status();

  ImportJob job;
  bool created = true;
  std::string restarted_upload;  // the job whose partial file goes, once the reopening committed
  Status status = db.Write([&](store::Session& tx) -> Status {
    // The body may run again (store::Database::Write): it starts from nothing each time.
    job = ImportJob{};
    created = true;
    restarted_upload.clear();
    std::optional<ImportScope> scope;
    if (*community) {
      Result<std::optional<ImportScope>> found = FindImportScope(tx, **community);
      if (!found.ok()) return found.status();
      if (!*found) {
        return Status::NotFound("territory.not_found", "no such territory")
            .With("code", **community);
      }
      SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kPersonImport, (*found)->path));
      scope = std::move(*found);
    } else {
      const std::string root = CommonRoot(auth::ScopePaths(who, Permission::kPersonImport));
      Result<std::optional<ImportScope>> found = FindImportScopeByPath(tx, root);
      if (!found.ok()) return found.status();
      scope = *found ? std::move(*found) : ImportScope{"", "", root};
    }
    Result<std::vector<ImportJob>> jobs = FindImportJobsBySha256(tx, sha256);
    if (!jobs.ok()) return jobs.status();
    for (const ImportJob& j : *jobs) {
      // Only an import the caller could have made counts: one into the same territories,
      // within the caller's own scope. A file imported in another community is none of
      // theirs, and saying so would tell them it was.
      const bool same_target = auth::PathCovers(j.scope_path, scope->path) ||
                               auth::PathCovers(scope->path, j.scope_path);
      if (!same_target || !auth::Allows(who, Permission::kPersonImport, j.scope_path)) continue;
      if (j.status == "done" && !again->value_or(false)) {
        return Status::Conflict("import.already_imported", "sha256", "this file was imported")
            .With("import_id", j.id);
      }
    }
    const std::string mode = partial->value_or(false) ? "partial" : "all_or_nothing";
    const std::string options = Json{
        {"mapping", mapping},
        {"skip_possible_duplicates", skip->value_or(false)},
        {"link_possible_duplicates",
         link->value_or(false)}}.dump();
    for (ImportJob& j : *jobs) {
      const bool unfinished = j.status == "uploading" || j.status == "cancelled" ||
                              (j.status == "failed" && j.last_committed_row > 0);
      if (!unfinished || j.created_by != who.user_id || j.size != **size ||
          j.scope_path != scope->path) {
        continue;
      }
      // Reopen: a cancelled or interrupted job takes the file again and resumes after its
      // last committed batch; an upload in progress goes on from bytes_received.
      job = std::move(j);
      created = false;
      if (job.status != "uploading") {
        job.status = "uploading";
        job.bytes_received = 0;
        restarted_upload = job.id;
        SOCIUS_RETURN_IF_ERROR(UpdateImportJob(tx, job));
        SOCIUS_RETURN_IF_ERROR(ReplaceImportProblems(tx, job.id, {}));
      }
      if (job.last_committed_row == 0) {
        job.mode = mode;
        job.options_json = options;
        job.file_name = *file_name;
        SOCIUS_RETURN_IF_ERROR(UpdateImportJobOptions(tx, job));
      }
      return Status::Ok();
    }
    job.id = core::NewId();
    job.file_name = *file_name;
    job.file_sha256 = sha256;
    job.size = **size;
    job.status = "uploading";
    job.mode = mode;
    job.options_json = options;
    job.created_by = who.user_id;
    if (!scope->id.empty()) job.scope_territory_id = scope->id;
    job.scope_path = scope->path;
    job.scope_code = scope->code;
    return InsertImportJob(tx, job);
  });
  if (!status.ok()) return status;
  if (created) RemoveUpload(worker, job.id);
  if (!restarted_upload.empty()) RemoveUpload(worker, restarted_upload);
  Response response = Response::JsonBody(created ? 201 : 200, EncodeWithErrors(job, {}, "en"));
  response.Header("Location", "/api/v1/persons/imports/" + job.id);
  return response;
}

Result<Response> Get(store::Database& db, Request& request) {
  ImportJob job;
  std::vector<ImportProblem> problems;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<ImportJob> found =
        VisibleJob(tx, *request.principal, request.PathParam("id"), &problems);
    if (!found.ok()) return found.status();
    job = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return Response::JsonBody(200, EncodeWithErrors(job, problems, request.language));
}

Result<Response> List(store::Database& db, Request& request) {
  const auth::Principal& who = *request.principal;
  Result<int> limit = http::ListLimit(request);
  if (!limit.ok()) return limit.status();
  std::string before;
  if (std::optional<std::string> cursor = request.QueryParam("cursor")) {
    std::optional<std::string> decoded = http::DecodeHexCursor(*cursor, kMaxCursorBytes);
    if (!decoded) {
      return http::InvalidQuery("cursor");
    }
    before = *decoded;
  }
  std::vector<ImportJob> jobs;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<std::vector<ImportJob>> listed = ListImportJobs(tx, who.user_id, before, *limit);
    if (!listed.ok()) return listed.status();
    jobs = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  Json items = Json::array();
  for (const ImportJob& job : jobs) {
    if (Visible(who, job)) items.push_back(Encode(job));
  }
  Json next;
  if (static_cast<int>(jobs.size()) == *limit) {
    next = http::EncodeHexCursor(jobs.back().created_at + '\x1f' + jobs.back().id);
  }
  return Response::JsonBody(200, Json{{"items", std::move(items)}, {"next_cursor", next}});
}

// The problem for a chunk at the wrong offset, with the offset to resume from.
Response OffsetMismatch(const Request& request, int64_t expected) {
  Status s = Status::Conflict("import.offset_mismatch", "offset", "expected another offset")
                 .With("expected", std::to_string(expected));
  Response response = http::ProblemResponse(s, request.language, request.path);
  Json body = Json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    body["expected_offset"] = expected;
    response.body = body.dump();
  }
  return response;
}

// Makes the file of an upload hold exactly `expected` bytes before `chunk` and appends it,
// durably (fsync) so that an acknowledged chunk survives a crash. Returns the bytes the file
// held if fewer than `expected` (the caller then asks the client to resume there).
Result<int64_t> AppendChunk(const std::string& path, int64_t expected, std::string_view chunk) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Unavailable("import.storage", "cannot open the upload file");
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::Unavailable("import.storage", "cannot stat the upload file");
  }
  if (st.st_size < expected) {
    ::close(fd);
    return static_cast<int64_t>(st.st_size);
  }
  bool ok = st.st_size == expected || ::ftruncate(fd, expected) == 0;
  ok = ok && ::lseek(fd, expected, SEEK_SET) == expected;
  size_t done = 0;
  while (ok && done < chunk.size()) {
    const ssize_t n = ::write(fd, chunk.data() + done, chunk.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::Unavailable("import.storage", "cannot write the upload file");
  return expected + static_cast<int64_t>(chunk.size());
}

Result<Response> PutContent(store::Database& db, ImportWorker& worker, UploadLocks& locks,
                            Request& request) {
  const auth::Principal& who = *request.principal;
  const std::string id = request.PathParam("id");
  std::string type = request.Header("content-type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::optional<std::string> offset_text = request.QueryParam("offset");
  int64_t offset = -1;
  if (offset_text) {
    auto [end, ec] =
        std::from_chars(offset_text->data(), offset_text->data() + offset_text->size(), offset);
    if (ec != std::errc() || end != offset_text->data() + offset_text->size()) offset = -1;
  }

  std::lock_guard lock(locks.For(id));
  ImportJob job;
  SOCIUS_RETURN_IF_ERROR(db.Read([&](store::Session& tx) -> Status {
    Result<ImportJob> found = VisibleJob(tx, who, id);
    if (!found.ok()) return found.status();
    job = std::move(*found);
    return Status::Ok();
  }));
  if (type != "text/csv" && type != "application/octet-stream") {
    return Status::InvalidArgument("request.unsupported_media_type", "",
                                   "send text/csv or application/octet-stream");
  }
  if (offset < 0) {
    return http::InvalidQuery("offset");
  }
  if (job.status != "uploading") {
    return Status::Conflict("import.not_uploading", "", "the upload is over")
        .With("status", job.status);
  }
  if (offset != job.bytes_received) return OffsetMismatch(request, job.bytes_received);
  if (static_cast<int64_t>(request.body.size()) > job.size - offset) {
    return Status::InvalidArgument("import.beyond_size", "", "more bytes than announced")
        .With("size", std::to_string(job.size));
  }
  Result<int64_t> held = AppendChunk(worker.FileOf(id), offset, request.body);
  if (!held.ok()) return held.status();
  const bool lost = *held < offset;  // the file lost bytes the job counted (a crash)
  job.bytes_received = *held;
  if (!lost && job.bytes_received == job.size) job.status = "queued";
  SOCIUS_RETURN_IF_ERROR(db.Write([&](store::Session& tx) { return UpdateImportJob(tx, job); }));
  if (lost) return OffsetMismatch(request, job.bytes_received);
  if (job.status == "queued") worker.Enqueue(id);
  return Response::JsonBody(200, EncodeWithErrors(job, {}, request.language));
}

Result<Response> Cancel(store::Database& db, ImportWorker& worker, UploadLocks& locks,
                        Request& request) {
  const auth::Principal& who = *request.principal;
  const std::string id = request.PathParam("id");
  std::lock_guard lock(locks.For(id));
  auto load = [&](ImportJob& job, std::vector<ImportProblem>* problems) {
    return db.Read([&](store::Session& tx) -> Status {
      Result<ImportJob> found = VisibleJob(tx, who, id, problems);
      if (!found.ok()) return found.status();
      job = std::move(*found);
      return Status::Ok();
    });
  };
  ImportJob job;
  SOCIUS_RETURN_IF_ERROR(load(job, nullptr));
  if (job.status == "done" || job.status == "failed") {
    return Status::Conflict("import.finished", "", "the import is over").With("status", job.status);
  }
  if (job.status != "cancelled") {
    const ImportWorker::CancelOutcome outcome = worker.Cancel(id);
    if (outcome != ImportWorker::CancelOutcome::kStopped) {
      // Not running: record the cancellation here (the library records its own).
      SOCIUS_RETURN_IF_ERROR(db.Write([&](store::Session& tx) -> Status {
        Result<std::optional<ImportJob>> found = FindImportJob(tx, id);
        if (!found.ok()) return found.status();
        if (!*found) return NotFound();
        const std::string& now = (*found)->status;
        if (now == "done" || now == "failed" || now == "cancelled") return Status::Ok();
        (*found)->status = "cancelled";
        return UpdateImportJob(tx, **found);
      }));
    }
    RemoveUpload(worker, id);
  }
  std::vector<ImportProblem> problems;
  SOCIUS_RETURN_IF_ERROR(load(job, &problems));
  return Response::JsonBody(200, EncodeWithErrors(job, problems, request.language));
}

}  // namespace

void RegisterImportRoutes(http::Router& router, store::Database& db, PersonIndex& index,
                          ImportWorker& worker) {
  (void)index;  // the worker updates the index as batches commit
  auto locks = std::make_shared<UploadLocks>();
  const http::Guard guard = http::Guard::Needs(Permission::kPersonImport);
  router.Add("POST", "/api/v1/persons/imports", guard,
             [&db, &worker](Request& r) { return Create(db, worker, r); });
  router.Add("GET", "/api/v1/persons/imports", guard, [&db](Request& r) { return List(db, r); });
  router.Add("GET", "/api/v1/persons/imports/{id}", guard,
             [&db](Request& r) { return Get(db, r); });
  router.Add("PUT", "/api/v1/persons/imports/{id}/content", guard,
             [&db, &worker, locks](Request& r) { return PutContent(db, worker, *locks, r); });
  router.Add("DELETE", "/api/v1/persons/imports/{id}", guard,
             [&db, &worker, locks](Request& r) { return Cancel(db, worker, *locks, r); });
}

}  // namespace socius::registry
