#pragma once

#include <algorithm>
#include <thread>

namespace socius::core {

// How many requests the server lets wait on the database at once, by default: its worker
// threads (http::ServerOptions::threads) and the PostgreSQL connections that serve them.
// Requests wait on the disk and on round trips, not on this machine's cores, and concurrent
// writes share a group commit only when they wait together: four per core, at least 16.
inline int DefaultWaitingRequests() {
  return static_cast<int>(std::max(16u, 4 * std::thread::hardware_concurrency()));
}

}  // namespace socius::core
