#pragma once

// Multi-row INSERTs for loading generated data fast on both backends: rows are gathered and
// sent as one `INSERT INTO t (..) VALUES (..), (..), ...` of a fixed number of rows, so that
// the store's cached prepared statement serves every full batch (SQLite and PostgreSQL alike).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace socius::bench {

// The rows of one table waiting to be sent. Not thread-safe; used inside one transaction.
class BatchInsert {
 public:
  // `columns` in the order of the values Add is given. A statement carries at most
  // `max_rows` rows and at most ~30,000 parameters (under SQLite's and PostgreSQL's limits).
  BatchInsert(std::string table, std::vector<std::string> columns, size_t max_rows = 500);

  // Queues one row (as many values as columns). True when the batch is full: the caller then
  // flushes it, after the batches of the tables this one refers to.
  bool Add(std::vector<store::Value> row);
  // Sends the queued rows through `tx` (nothing when none are queued).
  core::Status Flush(store::Session& tx);
  uint64_t sent() const { return sent_; }

 private:
  std::string Sql(size_t rows) const;

  std::string table_;
  std::vector<std::string> columns_;
  size_t max_rows_;
  std::vector<store::Value> values_;
  size_t rows_ = 0;
  uint64_t sent_ = 0;
  std::string full_sql_;
};

// Batches of several tables that refer to each other, flushed together in the order given
// (households before persons, cases before their events), so that foreign keys hold.
class BatchSet {
 public:
  // Adds a table; the returned index names it in Add.
  size_t Table(std::string table, std::vector<std::string> columns);
  // Queues a row of table `index`; flushes every table when that one is full.
  core::Status Add(store::Session& tx, size_t index, std::vector<store::Value> row);
  core::Status Flush(store::Session& tx);
  uint64_t sent(size_t index) const { return tables_[index].sent(); }

 private:
  std::vector<BatchInsert> tables_;
};

}  // namespace socius::bench
