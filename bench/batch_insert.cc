#include "batch_insert.h"

#include <algorithm>
#include <utility>

namespace socius::bench {

using core::Status;

BatchInsert::BatchInsert(std::string table, std::vector<std::string> columns, size_t max_rows)
    : table_(std::move(table)),
      columns_(std::move(columns)),
      max_rows_(std::max<size_t>(1, std::min(max_rows, 30000 / columns_.size()))) {
  values_.reserve(max_rows_ * columns_.size());
  full_sql_ = Sql(max_rows_);
}

std::string BatchInsert::Sql(size_t rows) const {
  std::string one = "(";
  for (size_t i = 0; i < columns_.size(); ++i) one += i ? ", ?" : "?";
  one += ")";
  std::string sql = "INSERT INTO " + table_ + " (";
  for (size_t i = 0; i < columns_.size(); ++i) sql += (i ? ", " : "") + columns_[i];
  sql += ") VALUES ";
  sql.reserve(sql.size() + rows * (one.size() + 2));
  for (size_t r = 0; r < rows; ++r) sql += (r ? ", " : "") + one;
  return sql;
}

bool BatchInsert::Add(std::vector<store::Value> row) {
  for (store::Value& v : row) values_.push_back(std::move(v));
  return ++rows_ >= max_rows_;
}

Status BatchInsert::Flush(store::Session& tx) {
  if (rows_ == 0) return Status::Ok();
  auto done = tx.Exec(rows_ == max_rows_ ? full_sql_ : Sql(rows_), values_);
  if (!done.ok()) return done.status();
  sent_ += rows_;
  rows_ = 0;
  values_.clear();
  return Status::Ok();
}

size_t BatchSet::Table(std::string table, std::vector<std::string> columns) {
  tables_.emplace_back(std::move(table), std::move(columns));
  return tables_.size() - 1;
}

Status BatchSet::Add(store::Session& tx, size_t index, std::vector<store::Value> row) {
  if (tables_[index].Add(std::move(row))) return Flush(tx);
  return Status::Ok();
}

Status BatchSet::Flush(store::Session& tx) {
  for (BatchInsert& t : tables_) {
    if (Status s = t.Flush(tx); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace socius::bench
