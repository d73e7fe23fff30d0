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

// The lockout of login names that have no active account (unknown or deactivated), kept in
// memory so that they answer exactly as an active account's name does: `threshold` failures
// in a row lock the name for `lockout`, after which it starts again from zero. Without it an
// attacker could tell existing names apart by which ones ever answer "locked". Keys are the
// case-folded names; at most `max_names` are remembered (the oldest lock is forgotten first),
// so a flood of invented names cannot grow memory without bound. Thread-safe.
class NameLockout {
 public:
  NameLockout(int threshold, std::chrono::seconds lockout, size_t max_names = 100000);

  // How long `name` stays locked at `now`, or nullopt if it is not locked.
  std::optional<std::chrono::seconds> LockedFor(const std::string& name, core::TimePoint now);
  // Counts a failed login of `name`; true if this failure locked it.
  bool RecordFailure(const std::string& name, core::TimePoint now);
  // How many names are remembered (at most max_names).
  size_t RememberedNames();

 private:
  struct Entry {
    int failures = 0;
    core::TimePoint locked_until{};
    core::TimePoint last_seen{};
  };
  void SweepLocked(core::TimePoint now);

  const int threshold_;
  const std::chrono::seconds lockout_;
  const size_t max_names_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> names_;
};

}  // namespace socius::auth
