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

}  // namespace socius::auth
