// The search index's refresh from the database (index_refresh.h).
#include "registry/index_refresh.h"

#include <algorithm>

#include "core/clock.h"
#include "core/log.h"
#include "registry/import_repository.h"

namespace socius::registry {

using core::Result;
using core::Status;

IndexRefresh::IndexRefresh(store::Database& db, PersonIndex& index,
                           std::chrono::milliseconds period)
    : db_(db), index_(index), period_(period), newest_(core::NowUtc()) {}

IndexRefresh::~IndexRefresh() { Stop(); }

void IndexRefresh::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void IndexRefresh::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int64_t> IndexRefresh::Refresh() {
  std::lock_guard pass(pass_mutex_);
  std::string since = newest_;
  if (std::optional<core::TimePoint> t = core::ParseUtc(newest_)) {
    since = core::FormatUtc(*t - kOverlap);
  }
  int64_t rows = 0;
  std::string newest = newest_;
  Status read = db_.Read([&](store::Session& tx) {
    rows = 0;
    return ForEachIndexRowUpdatedSince(tx, since,
                                       [&](const IndexRow& row, const std::string& updated_at) {
                                         if (row.merged) {
                                           index_.Remove(row.id);
                                         } else {
                                           index_.Upsert(row);
                                         }
                                         newest = std::max(newest, updated_at);
                                         ++rows;
                                       });
  });
  if (!read.ok()) return read;
  newest_ = newest;
  return rows;
}

void IndexRefresh::Loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, period_, [&] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    Result<int64_t> rows = Refresh();
    if (!rows.ok()) spdlog::warn("person index refresh: {}", rows.status().ToString());
    lock.lock();
  }
}

}  // namespace socius::registry
