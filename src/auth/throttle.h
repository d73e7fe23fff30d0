#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace socius::auth {

// A sliding window of attempts per key (a client IP): at most `max_attempts` within any
// `window`. In memory, per process. Thread-safe.
//
// Logins use it for failed attempts only (Blocked before, Record after a failure), so that
// a whole office behind one address can sign in at nine o'clock while a client guessing
// passwords is stopped.
class AttemptWindow {
 public:
  AttemptWindow(int max_attempts, std::chrono::seconds window);

  // Counts an attempt by `key` at `now`. nullopt if allowed; otherwise how long until the
  // oldest attempt in the window leaves it (at least one second). Refused attempts count
  // too, so a client that keeps hammering stays refused.
  std::optional<std::chrono::seconds> Record(const std::string& key, core::TimePoint now);

  // nullopt if `key` has fewer than max_attempts attempts in the window at `now` (nothing is
  // recorded then); otherwise records this refused attempt too and says how long to wait.
  std::optional<std::chrono::seconds> Blocked(const std::string& key, core::TimePoint now);

 private:
  void SweepLocked(core::TimePoint now);
  std::optional<std::chrono::seconds> RecordLocked(const std::string& key, core::TimePoint now);

  const size_t max_attempts_;
  const std::chrono::seconds window_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<core::TimePoint>> attempts_;
  core::TimePoint last_sweep_{};
};

}  // namespace socius::auth
