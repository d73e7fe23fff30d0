// The person import (import.h): the job around a validation pass (import_validate.cc) and a
// writing pass (import_write.cc).
#include "registry/import.h"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "auth/tokens.h"
#include "core/ids.h"
#include "core/log.h"
#include "registry/import_internal.h"

namespace socius::registry {
namespace internal {

std::vector<std::string> Importer::Scope() const {
  std::vector<std::string> roots =
      options_.actor ? auth::ScopePaths(*options_.actor, auth::Permission::kPersonImport)
                     : std::vector<std::string>{"/"};
  if (options_.scope_path.empty()) return roots;
  for (const std::string& root : roots) {
    if (auth::PathCovers(root, options_.scope_path)) return {options_.scope_path};
  }
  std::vector<std::string> narrower;
  for (const std::string& root : roots) {
    if (auth::PathCovers(options_.scope_path, root)) narrower.push_back(root);
  }
  return narrower;
}

void Importer::Note(ImportProblem problem) {
  if (problem.person.empty() && problem.row != 0 && problem.row == current_row_) {
    problem.person = current_person_;
  }
  if (problem.warning) ++report_.warnings;
  if (report_.problems.size() < kMaxImportProblems) report_.problems.push_back(std::move(problem));
}

void Importer::Reject(ImportProblem problem, const std::optional<std::string>& household_ref) {
  rejected_.push_back(problem.row);
  ++errors_;
  if (household_ref) households_[*household_ref].bad = true;
  Note(std::move(problem));
}

bool Importer::Progress(const std::string& phase) {
  if (!on_progress_) return true;
  return on_progress_(
      ImportProgressInfo{phase, job_.rows_read, job_.rows_total, job_.rows_written});
}

Status Importer::PrepareJob() {
  std::string sha = options_.file_sha256;
  int64_t size = 0;
  if (sha.empty()) {
    Result<std::pair<std::string, int64_t>> hashed = HashStream(in_);
    if (!hashed.ok()) return hashed.status();
    sha = hashed->first;
    size = hashed->second;
  }
  // Built afresh by each run of the body (which may run again) and kept once committed.
  ImportJob job;
  SOCIUS_RETURN_IF_ERROR(db_.Write([&](store::Session& tx) -> Status {
    job = ImportJob{};
    if (!options_.job_id.empty()) {
      Result<std::optional<ImportJob>> found = FindImportJob(tx, options_.job_id);
      if (!found.ok()) return found.status();
      if (!*found) return Status::NotFound("import.not_found", "no such import");
      job = std::move(**found);
    } else {
      Result<std::vector<ImportJob>> jobs = FindImportJobsBySha256(tx, sha);
      if (!jobs.ok()) return jobs.status();
      std::optional<ImportJob> resumable;
      for (ImportJob& j : *jobs) {
        if (j.status == "done" && !options_.again) {
          return Status::Conflict("import.already_imported", "", "this file was imported")
              .With("import_id", j.id);
        }
        if (!resumable && j.status != "done" && j.status != "uploading" && j.status != "queued") {
          resumable = std::move(j);
        }
      }
      if (options_.again) resumable.reset();
      if (resumable) {
        job = std::move(*resumable);
      } else {
        job.id = core::NewId();
        job.file_name = options_.file_name;
        job.file_sha256 = sha;
        job.size = job.bytes_received = size;
        job.status = "validating";
        job.mode = options_.partial ? "partial" : "all_or_nothing";
        nlohmann::json opts = {{"mapping", options_.mapping},
                               {"skip_possible_duplicates", options_.skip_possible_duplicates},
                               {"link_possible_duplicates", options_.link_possible_duplicates}};
        job.options_json = opts.dump();
        if (options_.actor) job.created_by = options_.actor->user_id;
        job.scope_path = options_.scope_path.empty() ? "/" : options_.scope_path;
        SOCIUS_RETURN_IF_ERROR(InsertImportJob(tx, job));
      }
    }
    job.status = "validating";
    job.rows_total = job.rows_read = job.rows_ok = job.rows_rejected = 0;
    return UpdateImportJob(tx, job);
  }));
  job_ = std::move(job);
  report_.resumed = job_.last_committed_row > 0;
  return Status::Ok();
}

Status Importer::Finish(const std::string& status) {
  job_.status = status;
  report_.import_id = job_.id;
  report_.status = status;
  report_.file_sha256 = job_.file_sha256;
  report_.rows_total = job_.rows_total;
  report_.rows_ok = job_.rows_ok;
  report_.rows_rejected = job_.rows_rejected;
  report_.rows_written = job_.rows_written;
  report_.rows_linked = job_.rows_linked;
  return db_.Write([&](store::Session& tx) -> Status {
    SOCIUS_RETURN_IF_ERROR(UpdateImportJob(tx, job_));
    SOCIUS_RETURN_IF_ERROR(ReplaceImportProblems(tx, job_.id, report_.problems));
    auth::AuditEvent event;
    event.action = "person.import";
    event.entity_type = "person_import";
    event.entity_id = job_.id;
    event.territory_id = job_.scope_territory_id.value_or("");
    nlohmann::json detail = {{"file_name", job_.file_name},
                             {"file_sha256", job_.file_sha256},
                             {"mode", job_.mode},
                             {"status", status},
                             {"rows_total", job_.rows_total},
                             {"rows_ok", job_.rows_ok},
                             {"rows_rejected", job_.rows_rejected},
                             {"rows_written", job_.rows_written},
                             {"rows_linked", job_.rows_linked},
                             {"resumed", report_.resumed}};
    event.detail_json = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return auth::AppendAudit(tx, options_.actor, event);
  });
}

Status Importer::Suspend() {
  job_.status = "queued";
  report_.import_id = job_.id;
  report_.status = "suspended";
  report_.rows_written = job_.rows_written;
  report_.rows_linked = job_.rows_linked;
  return db_.Write([&](store::Session& tx) { return UpdateImportJob(tx, job_); });
}

Status Importer::StoreFailed(const Status& failure) {
  // First, before the row problems found so far (the list keeps kMaxImportProblems).
  report_.problems.insert(report_.problems.begin(),
                          ImportProblem{0,
                                        "",
                                        "import.store_failed",
                                        "the database failed during the import; run it again "
                                        "to resume",
                                        {},
                                        false,
                                        ""});
  if (report_.problems.size() > kMaxImportProblems) report_.problems.pop_back();
  // Best effort: when the store does not take even this, the job stays as it was (validating
  // or writing) and is resumed the same way.
  if (Status s = Finish("failed"); !s.ok()) {
    spdlog::error("person import {}: recording the failure: {}", job_.id, s.ToString());
  }
  return failure;
}

Status Importer::Stopped() {
  if (options_.suspended && options_.suspended()) return Suspend();
  return Finish("cancelled");
}

Result<ImportReport> Importer::Run() {
  SOCIUS_RETURN_IF_ERROR(PrepareJob());
  in_.clear();
  in_.seekg(0);
  Status validated = Validate();
  if (validated.code() == "import.cancelled") {
    SOCIUS_RETURN_IF_ERROR(Stopped());
    return report_;
  }
  if (!validated.ok()) return StoreFailed(validated);
  if (header_failed_ || (errors_ > 0 && !options_.partial)) {
    SOCIUS_RETURN_IF_ERROR(Finish("failed"));
    return report_;
  }
  Status written = Write();
  if (written.code() == "import.cancelled") {
    SOCIUS_RETURN_IF_ERROR(Stopped());
    return report_;
  }
  if (!written.ok()) {
    if (written.kind() == core::StatusKind::kConflict) {
      Note(ImportProblem{0, written.field(), written.code(), written.detail(), written.params(),
                         false, ""});
      SOCIUS_RETURN_IF_ERROR(Finish("failed"));
      return report_;
    }
    return StoreFailed(written);
  }
  SOCIUS_RETURN_IF_ERROR(Finish("done"));
  return report_;
}

}  // namespace internal

using core::Result;
using core::Status;

Result<std::pair<std::string, int64_t>> HashStream(std::istream& in) {
  auth::Sha256Stream sha;
  std::string buffer(1 << 16, '\0');
  int64_t size = 0;
  in.clear();
  in.seekg(0);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    sha.Update(std::string_view(buffer.data(), static_cast<size_t>(n)));
    size += n;
  }
  in.clear();
  in.seekg(0);
  if (!in) return Status::Internal("cannot rewind the import file");
  return std::make_pair(sha.HexDigest(), size);
}

Result<ImportReport> ImportPersonsCsv(store::Database& db, PersonIndex* index, std::istream& in,
                                      const ImportOptions& options,
                                      const ImportProgress& on_progress) {
  internal::Importer importer(db, index, in, options, on_progress);
  return importer.Run();
}

}  // namespace socius::registry
