// The background runner of HTTP person imports (import_worker.h).
#include "registry/import_worker.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "auth/users.h"
#include "core/log.h"
#include "registry/import.h"
#include "registry/import_repository.h"

namespace socius::registry {

namespace fs = std::filesystem;
using core::Result;
using core::Status;

namespace {

// The importer of a job: its creator with the grants they hold now; the system when none.
// A creator who no longer exists acts with no grants: every row is then outside the scope.
Result<std::optional<auth::Principal>> LoadActor(store::Database& db, const ImportJob& job) {
  if (!job.created_by) return std::optional<auth::Principal>();
  Result<auth::Principal> who = auth::PrincipalOfUser(db, *job.created_by);
  if (who.ok()) return std::optional<auth::Principal>(std::move(*who));
  if (who.status().code() != "user.not_found") return who.status();
  auth::Principal gone;
  gone.user_id = *job.created_by;
  return std::optional<auth::Principal>(std::move(gone));
}

// The job as stored now; nullopt when there is none.
Result<std::optional<ImportJob>> ReadJob(store::Database& db, const std::string& job_id) {
  std::optional<ImportJob> job;
  Status read = db.Read([&](store::Session& tx) -> Status {
    Result<std::optional<ImportJob>> found = FindImportJob(tx, job_id);
    if (!found.ok()) return found.status();
    job = std::move(*found);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return job;
}

void RemoveFile(const std::string& path) {
  std::error_code ec;
  fs::remove(path, ec);
}

}  // namespace

ImportWorker::ImportWorker(store::Database& db, PersonIndex* index, std::string directory)
    : db_(db), index_(index), directory_(std::move(directory)) {}

ImportWorker::~ImportWorker() { Stop(); }

Status ImportWorker::Start() {
  std::error_code ec;
  fs::create_directories(directory_, ec);
  if (ec) {
    return Status::Unavailable("import.directory",
                               "cannot create " + directory_ + ": " + ec.message());
  }
  std::vector<ImportJob> left;
  SOCIUS_RETURN_IF_ERROR(db_.Read([&](store::Session& tx) -> Status {
    Result<std::vector<ImportJob>> jobs =
        FindImportJobsByStatus(tx, {"queued", "validating", "writing"});
    if (!jobs.ok()) return jobs.status();
    left = std::move(*jobs);
    return Status::Ok();
  }));
  {
    std::lock_guard lock(mutex_);
    for (const ImportJob& job : left) queue_.push_back(job.id);
  }
  if (!left.empty()) spdlog::info("person imports: {} unfinished job(s) queued again", left.size());
  thread_ = std::thread([this] { Loop(); });
  return Status::Ok();
}

void ImportWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ImportWorker::Enqueue(const std::string& job_id) {
  {
    std::lock_guard lock(mutex_);
    if (running_ == job_id || std::find(queue_.begin(), queue_.end(), job_id) != queue_.end()) {
      return;
    }
    queue_.push_back(job_id);
  }
  changed_.notify_all();
}

ImportWorker::CancelOutcome ImportWorker::Cancel(const std::string& job_id) {
  std::unique_lock lock(mutex_);
  auto it = std::find(queue_.begin(), queue_.end(), job_id);
  if (it != queue_.end()) {
    queue_.erase(it);
    changed_.notify_all();
    return CancelOutcome::kDequeued;
  }
  if (running_ != job_id) return CancelOutcome::kNotActive;
  cancel_running_ = true;
  changed_.wait(lock, [&] { return running_ != job_id; });
  return CancelOutcome::kStopped;
}

std::string ImportWorker::FileOf(const std::string& job_id) const {
  return (fs::path(directory_) / (job_id + ".csv")).string();
}

bool ImportWorker::WaitUntilIdle(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return queue_.empty() && running_.empty(); });
}

void ImportWorker::Loop() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    running_ = queue_.front();
    queue_.pop_front();
    cancel_running_ = false;
    const std::string job_id = running_;
    lock.unlock();
    try {
      Run(job_id);
    } catch (const std::exception& e) {
      spdlog::error("person import {}: {}", job_id, e.what());
    }
    lock.lock();
    running_.clear();
    changed_.notify_all();
  }
}

void ImportWorker::Fail(const std::string& job_id, const std::string& code,
                        const std::string& message) {
  Status s = db_.Write([&](store::Session& tx) -> Status {
    Result<std::optional<ImportJob>> found = FindImportJob(tx, job_id);
    if (!found.ok()) return found.status();
    if (!*found) return Status::Ok();
    ImportJob& job = **found;
    job.status = "failed";
    SOCIUS_RETURN_IF_ERROR(UpdateImportJob(tx, job));
    return ReplaceImportProblems(tx, job_id, {ImportProblem{0, "", code, message, {}, false, ""}});
  });
  if (!s.ok()) spdlog::error("person import {}: recording the failure: {}", job_id, s.ToString());
}

void ImportWorker::Run(const std::string& job_id) {
  Result<std::optional<ImportJob>> read = ReadJob(db_, job_id);
  if (!read.ok()) {
    spdlog::error("person import {}: {}", job_id, read.status().ToString());
    return;
  }
  std::optional<ImportJob>& job = *read;
  if (!job ||
      (job->status != "queued" && job->status != "validating" && job->status != "writing")) {
    return;
  }
  const std::string path = FileOf(job_id);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    Fail(job_id, "import.file_missing", "the uploaded file is missing; upload it again");
    return;
  }
  Result<std::pair<std::string, int64_t>> hashed = HashStream(in);
  if (!hashed.ok()) {
    spdlog::error("person import {}: {}", job_id, hashed.status().ToString());
    return;
  }
  if (hashed->first != job->file_sha256 || hashed->second != job->size) {
    in.close();
    RemoveFile(path);
    Fail(job_id, "import.sha256_mismatch", "the file received does not match its SHA-256");
    return;
  }
  Result<std::optional<auth::Principal>> actor = LoadActor(db_, *job);
  if (!actor.ok()) {
    spdlog::error("person import {}: {}", job_id, actor.status().ToString());
    return;
  }
  ImportOptions options;
  options.partial = job->mode == "partial";
  nlohmann::json stored = nlohmann::json::parse(job->options_json, nullptr, false);
  if (stored.is_object()) {
    options.skip_possible_duplicates = stored.value("skip_possible_duplicates", false);
    options.link_possible_duplicates = stored.value("link_possible_duplicates", false);
    if (stored.contains("mapping") && stored["mapping"].is_object()) {
      for (auto it = stored["mapping"].begin(); it != stored["mapping"].end(); ++it) {
        if (it.value().is_string()) options.mapping[it.key()] = it.value().get<std::string>();
      }
    }
  }
  options.actor = *actor ? &**actor : nullptr;
  options.scope_path = job->scope_path;
  options.file_name = job->file_name;
  options.file_sha256 = job->file_sha256;
  options.job_id = job_id;
  options.batch_size = batch_size_;
  // A shutdown suspends the job (queued, with its file, for the next start); a user's
  // cancellation ends it.
  options.suspended = [&] {
    std::lock_guard lock(mutex_);
    return stopping_;
  };
  Result<ImportReport> report =
      ImportPersonsCsv(db_, index_, in, options, [&](const ImportProgressInfo&) {
        std::lock_guard lock(mutex_);
        return !stopping_ && !cancel_running_;
      });
  in.close();
  if (!report.ok()) {
    spdlog::error("person import {}: {}", job_id, report.status().ToString());
    // The store failed. The importer marked the job failed if it could: a re-upload of the
    // file then resumes it, and this copy is not needed. Otherwise the job stays as it was
    // (validating or writing) and the next start runs it again from this file.
    Result<std::optional<ImportJob>> now = ReadJob(db_, job_id);
    if (now.ok() && *now && (*now)->status == "failed") RemoveFile(path);
    return;
  }
  if (report->status == "suspended") return;
  RemoveFile(path);
  spdlog::info("person import {}: {} ({} rows, {} written, {} rejected)", job_id, report->status,
               report->rows_total, report->rows_written, report->rows_rejected);
}

}  // namespace socius::registry
