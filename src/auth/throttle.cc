#include "auth/throttle.h"

namespace socius::auth {

AttemptWindow::AttemptWindow(int max_attempts, std::chrono::seconds window)
    : max_attempts_(static_cast<size_t>(max_attempts > 0 ? max_attempts : 1)), window_(window) {}

std::optional<std::chrono::seconds> AttemptWindow::Record(const std::string& key,
                                                          core::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  return RecordLocked(key, now);
}

std::optional<std::chrono::seconds> AttemptWindow::Blocked(const std::string& key,
                                                           core::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = attempts_.find(key);
  if (found == attempts_.end()) return std::nullopt;
  std::deque<core::TimePoint>& times = found->second;
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  if (times.size() < max_attempts_) return std::nullopt;
  return RecordLocked(key, now);
}

std::optional<std::chrono::seconds> AttemptWindow::RecordLocked(const std::string& key,
                                                                core::TimePoint now) {
  if (now - last_sweep_ > window_) SweepLocked(now);
  std::deque<core::TimePoint>& times = attempts_[key];
  while (!times.empty() && now - times.front() >= window_) times.pop_front();
  times.push_back(now);
  // Only the newest max+1 matter: they decide whether the window is over the limit.
  while (times.size() > max_attempts_ + 1) times.pop_front();
  if (times.size() <= max_attempts_) return std::nullopt;
  auto wait = std::chrono::ceil<std::chrono::seconds>(times.front() + window_ - now);
  return std::max(wait, std::chrono::seconds(1));
}

void AttemptWindow::SweepLocked(core::TimePoint now) {
  last_sweep_ = now;
  for (auto it = attempts_.begin(); it != attempts_.end();) {
    if (it->second.empty() || now - it->second.back() >= window_) {
      it = attempts_.erase(it);
    } else {
      ++it;
    }
  }
}

NameLockout::NameLockout(int threshold, std::chrono::seconds lockout, size_t max_names)
    : threshold_(threshold > 0 ? threshold : 1), lockout_(lockout), max_names_(max_names) {}

std::optional<std::chrono::seconds> NameLockout::LockedFor(const std::string& name,
                                                           core::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = names_.find(name);
  if (found == names_.end() || found->second.locked_until <= now) return std::nullopt;
  auto wait = std::chrono::ceil<std::chrono::seconds>(found->second.locked_until - now);
  return std::max(wait, std::chrono::seconds(1));
}

bool NameLockout::RecordFailure(const std::string& name, core::TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (names_.size() >= max_names_ && !names_.count(name)) SweepLocked(now);
  Entry& entry = names_[name];
  entry.last_seen = now;
  // As in the users table: the count restarts once a lock has been set.
  if (++entry.failures >= threshold_) {
    entry.failures = 0;
    entry.locked_until = now + lockout_;
    return true;
  }
  return false;
}

size_t NameLockout::RememberedNames() {
  std::lock_guard<std::mutex> lock(mutex_);
  return names_.size();
}

void NameLockout::SweepLocked(core::TimePoint now) {
  // Forget names neither locked nor failing lately. If that frees nothing, a lock must outlive
  // a flood of other names (else flooding would unlock a name and tell it apart from an
  // account): forget the least recent unlocked name, and a lock only when every name is
  // locked, the one that ends soonest. Runs only when the table is full.
  for (auto it = names_.begin(); it != names_.end();) {
    bool idle = it->second.locked_until <= now && now - it->second.last_seen >= lockout_;
    it = idle ? names_.erase(it) : std::next(it);
  }
  if (names_.size() < max_names_) return;
  auto victim = names_.end();
  for (auto it = names_.begin(); it != names_.end(); ++it) {
    const bool locked = it->second.locked_until > now;
    if (victim == names_.end()) {
      victim = it;
      continue;
    }
    const bool victim_locked = victim->second.locked_until > now;
    if (locked != victim_locked) {
      if (!locked) victim = it;
    } else if (locked ? it->second.locked_until < victim->second.locked_until
                      : it->second.last_seen < victim->second.last_seen) {
      victim = it;
    }
  }
  names_.erase(victim);
}

}  // namespace socius::auth
