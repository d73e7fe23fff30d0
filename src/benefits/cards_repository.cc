#include "benefits/cards_repository.h"

#include <utility>

#include "store/sql.h"

namespace socius::benefits {

using core::Result;
using core::Status;
using store::Row;
using store::Value;

namespace {

constexpr char kSep = '\x1f';

constexpr std::string_view kCardColumns =
    "SELECT k.id, k.version, k.number, k.programme_id, pr.name, pr.kind, pr.currency, "
    "k.household_id, COALESCE(hp.family_name || ' ' || hp.given_name, ''), k.community_id, "
    "c.code, c.name, c.path, k.decision_id, k.valid_from, k.valid_until, k.state, "
    "k.revoke_reason, k.token, k.key_id, k.issued_by, u.display_name, k.issued_at, "
    "k.revoked_by, u2.display_name, k.revoked_at, k.created_at, k.updated_at "
    "FROM benefit_cards k JOIN programmes pr ON pr.id = k.programme_id "
    "JOIN households h ON h.id = k.household_id "
    "LEFT JOIN persons hp ON hp.id = h.head_person_id "
    "JOIN territories c ON c.id = k.community_id JOIN users u ON u.id = k.issued_by "
    "LEFT JOIN users u2 ON u2.id = k.revoked_by ";

core::Date DateAt(const Row& row, size_t i) {
  return core::ParseDate(row.Text(i)).value_or(core::Date{1970, 1, 1});
}

BenefitCard CardFromRow(const Row& row) {
  BenefitCard k;
  k.id = row.Text(0);
  k.version = row.Int(1);
  k.number = row.Text(2);
  k.programme = {row.Text(3), row.Text(4),
                 ParseProgrammeKind(row.Text(5)).value_or(ProgrammeKind::kOther),
                 ParseCurrency(row.Text(6)).value_or(Currency::kEur)};
  k.household_id = row.Text(7);
  k.household_name = row.Text(8);
  k.community_id = row.Text(9);
  k.community_code = row.Text(10);
  k.community_name = row.Text(11);
  k.community_path = row.Text(12);
  k.decision_id = row.Text(13);
  k.valid_from = DateAt(row, 14);
  k.valid_until = DateAt(row, 15);
  // An unknown state is read as revoked: a card is never taken for valid by mistake.
  k.state = ParseCardState(row.Text(16)).value_or(CardState::kRevoked);
  k.revoke_reason = row.OptText(17);
  k.token = row.Text(18);
  k.key_id = row.Text(19);
  k.issued_by = {row.Text(20), row.Text(21)};
  k.issued_at = row.Text(22);
  if (!row.IsNull(23)) k.revoked_by = UserRef{row.Text(23), row.Text(24)};
  k.revoked_at = row.OptText(25);
  k.created_at = row.Text(26);
  k.updated_at = row.Text(27);
  return k;
}

}  // namespace

Result<std::vector<StoredCardKey>> CardKeys(store::Session& tx) {
  Result<store::Rows> rows = tx.Query(
      "SELECT id, public_key, secret_key, created_at FROM card_keys ORDER BY generation DESC", {});
  if (!rows.ok()) return rows.status();
  std::vector<StoredCardKey> keys;
  for (const Row& row : *rows) {
    keys.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3)});
  }
  return keys;
}

Status InsertFirstCardKey(store::Session& tx, const StoredCardKey& key) {
  return tx
      .Exec(
          "INSERT INTO card_keys (id, generation, public_key, secret_key, created_at) "
          "VALUES (?, 1, ?, ?, ?) ON CONFLICT (generation) DO NOTHING",
          {key.id, key.public_key, key.secret_key, key.created_at})
      .status();
}

Result<int64_t> NextCardSequence(store::Session& tx, const std::string& community_id, int year) {
  Result<store::Rows> rows = tx.Query(
      "INSERT INTO card_counters (community_id, year, last_number) VALUES (?, ?, 1) "
      "ON CONFLICT (community_id, year) DO UPDATE SET last_number = card_counters.last_number "
      "+ 1 RETURNING last_number",
      {community_id, int64_t{year}});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Internal("card counter returned no row");
  return (*rows)[0].Int(0);
}

Result<bool> HasActiveCard(store::Session& tx, const std::string& programme_id,
                           const std::string& household_id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT 1 FROM benefit_cards WHERE programme_id = ? AND household_id = ? AND "
      "state = 'active'",
      {programme_id, household_id});
  if (!rows.ok()) return rows.status();
  return !rows->empty();
}

Status InsertCard(store::Session& tx, const BenefitCard& k) {
  return tx
      .Exec(
          "INSERT INTO benefit_cards (id, number, programme_id, household_id, community_id, "
          "decision_id, valid_from, valid_until, state, revoke_reason, token, key_id, "
          "issued_by, issued_at, revoked_by, revoked_at, version, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {k.id, k.number, k.programme.id, k.household_id, k.community_id, k.decision_id,
           k.valid_from.ToString(), k.valid_until.ToString(), std::string(Name(k.state)),
           store::OptValue(k.revoke_reason), k.token, k.key_id, k.issued_by.id, k.issued_at,
           k.revoked_by ? Value(k.revoked_by->id) : store::Null(), store::OptValue(k.revoked_at),
           k.version, k.created_at, k.updated_at})
      .status();
}

Status UpdateCardState(store::Session& tx, const BenefitCard& k, int64_t expected_version) {
  return store::StaleUnlessOne(tx.Exec(
      "UPDATE benefit_cards SET state = ?, revoke_reason = ?, revoked_by = ?, revoked_at = ?, "
      "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
      {std::string(Name(k.state)), store::OptValue(k.revoke_reason),
       k.revoked_by ? Value(k.revoked_by->id) : store::Null(), store::OptValue(k.revoked_at),
       k.updated_at, k.id, expected_version}));
}

Result<BenefitCard> FindCard(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(std::string(kCardColumns) + "WHERE k.id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("card.not_found");
  return CardFromRow((*rows)[0]);
}

Result<std::optional<BenefitCard>> FindCardByNumber(store::Session& tx, const std::string& number) {
  Result<store::Rows> rows = tx.Query(std::string(kCardColumns) + "WHERE k.number = ?", {number});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<BenefitCard>();
  return std::optional<BenefitCard>(CardFromRow((*rows)[0]));
}

Result<CardPage> ListCards(store::Session& tx, const std::vector<std::string>& scope,
                           const CardFilter& filter, const std::string& after, int limit) {
  std::vector<Value> params;
  std::string sql =
      std::string(kCardColumns) + "WHERE " + store::ScopeFilter("c.path", scope, params);
  if (filter.household_id) {
    sql += " AND k.household_id = ?";
    params.emplace_back(*filter.household_id);
  }
  if (filter.programme_id) {
    sql += " AND k.programme_id = ?";
    params.emplace_back(*filter.programme_id);
  }
  if (filter.state) {
    sql += " AND k.state = ?";
    params.emplace_back(std::string(Name(*filter.state)));
  }
  // Keyset pagination, newest first: created_at, then id.
  if (!after.empty()) {
    const size_t sep = after.find(kSep);
    if (sep == std::string::npos || after.find(kSep, sep + 1) != std::string::npos) {
      return Status::InvalidArgument("request.invalid_query", "cursor").With("name", "cursor");
    }
    const std::string at = after.substr(0, sep);
    sql += " AND (k.created_at < ? OR (k.created_at = ? AND k.id < ?))";
    params.insert(params.end(), {at, at, after.substr(sep + 1)});
  }
  sql += " ORDER BY k.created_at DESC, k.id DESC LIMIT " + std::to_string(limit + 1);
  Result<store::Rows> rows = tx.Query(sql, params);
  if (!rows.ok()) return rows.status();
  CardPage page;
  for (const Row& row : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const BenefitCard& last = page.items.back();
      page.next = last.created_at + kSep + last.id;
      break;
    }
    page.items.push_back(CardFromRow(row));
  }
  return page;
}

}  // namespace socius::benefits
