// Merging two persons and undoing it (see merge.h).
#include "dedup/merge.h"

#include <algorithm>
#include <utility>

#include "core/clock.h"
#include "core/ids.h"
#include "dedup/repository.h"
#include "nlohmann/json.hpp"
#include "registry/repository.h"
#include "registry/rules.h"
#include "store/sql.h"

namespace socius::dedup {

using core::Result;
using core::Status;
using Json = nlohmann::json;
using registry::Person;
using store::Row;
using store::Value;

namespace {

// A table whose rows point at a person, and the column that does.
struct Reference {
  const char* kind;
  const char* table;
  const char* column;
};

// The one list of the rooms' tables that hold a person's id (besides the registry's own
// identifiers and household memberships, which the merge handles field by field). A room that
// adds such a column adds it here, or a merge leaves its rows behind.
const std::vector<Reference>& References() {
  static const std::vector<Reference> refs = {
      {"cases", "cases", "person_id"},
      {"contacts", "contacts", "person_id"},
      {"assessments", "assessments", "person_id"},
      {"enrolments", "enrolments", "person_id"},
      {"applications", "benefit_applications", "applicant_id"},
      {"payments", "payment_lines", "payee_id"},
  };
  return refs;
}

// Every column of a persons row, as kept for undo. id first.
constexpr const char* kPersonRowColumns[] = {
    "id",         "community_id", "settlement_id", "given_name", "family_name", "patronymic",
    "birth_date", "sex",          "address",       "phone",      "languages",   "disability_degree",
    "notes",      "name_key",     "household_id",  "version",    "created_at",  "updated_at",
    "created_by", "import_id",    "source_row",    "merged_into"};

Json ToJson(const Value& v) {
  if (const auto* i = std::get_if<int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

Value ToValue(const Json& j) {
  if (j.is_number_integer()) return j.get<int64_t>();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  return store::Null();
}

Result<Json> PersonRow(store::Session& tx, const std::string& id) {
  std::string columns;
  for (const char* c : kPersonRowColumns) columns += std::string(columns.empty() ? "" : ", ") + c;
  Result<store::Rows> rows = tx.Query("SELECT " + columns + " FROM persons WHERE id = ?", {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::NotFound("person.not_found", "person gone");
  Json out = Json::object();
  for (size_t i = 0; i < std::size(kPersonRowColumns); ++i) {
    out[kPersonRowColumns[i]] = ToJson((*rows)[0].at(i));
  }
  return out;
}

Result<Json> IdentifierRows(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT scheme, value, country, community_id FROM person_identifiers WHERE person_id = ? "
      "ORDER BY scheme",
      {id});
  if (!rows.ok()) return rows.status();
  Json out = Json::array();
  for (const Row& row : *rows) {
    out.push_back({{"scheme", row.Text(0)},
                   {"value", row.Text(1)},
                   {"country", row.Text(2)},
                   {"community_id", row.Text(3)}});
  }
  return out;
}

Result<Json> MembershipRow(store::Session& tx, const std::string& id) {
  Result<store::Rows> rows = tx.Query(
      "SELECT household_id, relationship_to_head, community_id FROM household_members "
      "WHERE person_id = ?",
      {id});
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Json(nullptr);
  const Row& row = (*rows)[0];
  return Json{{"household_id", row.Text(0)},
              {"relationship_to_head", row.Text(1)},
              {"community_id", row.Text(2)}};
}

// Households headed by either person: [{"id", "head_person_id"}].
Result<Json> HeadedHouseholds(store::Session& tx, const std::string& a, const std::string& b) {
  Result<store::Rows> rows = tx.Query(
      "SELECT id, head_person_id FROM households WHERE head_person_id IN (?, ?) ORDER BY id",
      {a, b});
  if (!rows.ok()) return rows.status();
  Json out = Json::array();
  for (const Row& row : *rows) out.push_back({{"id", row.Text(0)}, {"head", row.Text(1)}});
  return out;
}

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string DisplayName(const Person& p) { return p.family_name + " " + p.given_name; }

// The survivor's fields after the merge: its own, except those taken from `merged`.
Result<Person> MergedFields(const Person& survivor, const Person& merged,
                            const MergeRequest& request) {
  Person out = survivor;
  const auto taken = [&](std::string_view field) {
    return Contains(request.take_from_merged, field);
  };
  if (taken("given_name")) out.given_name = merged.given_name;
  if (taken("family_name")) out.family_name = merged.family_name;
  if (taken("patronymic")) out.patronymic = merged.patronymic;
  if (taken("birth_date")) out.birth_date = merged.birth_date;
  if (taken("sex")) out.sex = merged.sex;
  if (taken("settlement")) {
    out.community_id = merged.community_id;
    out.community_code = merged.community_code;
    out.community_name = merged.community_name;
    out.community_path = merged.community_path;
    out.settlement_id = merged.settlement_id;
    out.settlement_code = merged.settlement_code;
    out.settlement_name = merged.settlement_name;
  }
  if (taken("address")) out.address = merged.address;
  if (taken("phone")) out.phone = merged.phone;
  if (taken("languages")) out.languages = merged.languages;
  if (taken("disability_degree")) out.disability_degree = merged.disability_degree;
  if (taken("notes")) out.notes = merged.notes;
  out.name_key = registry::PersonNameKey(out);

  // Identifiers: the survivor's, plus the schemes only the merged record holds; a scheme both
  // hold with different values must be chosen.
  for (const registry::PersonIdentifier& theirs : merged.identifiers) {
    auto mine = std::find_if(out.identifiers.begin(), out.identifiers.end(),
                             [&](const auto& i) { return i.scheme == theirs.scheme; });
    const std::string choice = "identifier:" + theirs.scheme;
    if (mine == out.identifiers.end()) {
      out.identifiers.push_back(theirs);
    } else if (mine->value != theirs.value) {
      if (taken(choice)) {
        mine->value = theirs.value;
      } else if (!Contains(request.keep_from_survivor, choice)) {
        return Status::Conflict("merge.identifier_conflict", "take_from_merged",
                                "both records hold an identifier of this scheme")
            .With("scheme", theirs.scheme);
      }
    }
  }
  std::sort(out.identifiers.begin(), out.identifiers.end(),
            [](const auto& x, const auto& y) { return x.scheme < y.scheme; });
  return out;
}

Status CheckChoices(const MergeRequest& request, const Person& survivor, const Person& merged) {
  for (size_t i = 0; i < request.take_from_merged.size(); ++i) {
    const std::string& field = request.take_from_merged[i];
    bool known = std::find(MergeableFields().begin(), MergeableFields().end(), field) !=
                 MergeableFields().end();
    if (field.starts_with("identifier:")) {
      const std::string scheme = field.substr(11);
      known = std::any_of(merged.identifiers.begin(), merged.identifiers.end(),
                          [&](const auto& id) { return id.scheme == scheme; });
    }
    if (!known) {
      return Status::InvalidArgument("merge.unknown_field",
                                     "take_from_merged[" + std::to_string(i) + "]",
                                     "not a field a merge can take")
          .With("name", field);
    }
  }
  for (size_t i = 0; i < request.keep_from_survivor.size(); ++i) {
    const std::string& field = request.keep_from_survivor[i];
    const bool known = field.starts_with("identifier:") &&
                       std::any_of(survivor.identifiers.begin(), survivor.identifiers.end(),
                                   [&](const auto& id) { return id.scheme == field.substr(11); });
    if (!known || Contains(request.take_from_merged, field)) {
      return Status::InvalidArgument("merge.unknown_field",
                                     "keep_from_survivor[" + std::to_string(i) + "]",
                                     "not an identifier the survivor holds")
          .With("name", field);
    }
  }
  return Status::Ok();
}

// A unique index refused a moved row (two current enrolments in one service, ...).
Status AttachedConflict(const Status& status, const char* kind) {
  if (status.code() == "store.unique_violation") {
    return Status::Conflict("merge.attached_conflict", "merged_id",
                            "both records hold a record that may exist only once")
        .With("kind", kind);
  }
  return status;
}

}  // namespace

const std::vector<std::string>& AttachedKinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> out;
    for (const Reference& r : References()) out.emplace_back(r.kind);
    return out;
  }();
  return kinds;
}

Result<Attached> CountAttached(store::Session& tx, const std::string& person_id) {
  Attached out;
  for (const Reference& r : References()) {
    Result<store::Rows> rows =
        tx.Query(std::string("SELECT COUNT(*) FROM ") + r.table + " WHERE " + r.column + " = ?",
                 {person_id});
    if (!rows.ok()) return rows.status();
    out.counts[r.kind] = (*rows)[0].Int(0);
  }
  return out;
}

Result<MergeOutcome> MergePersons(store::Session& tx, const Person& survivor, const Person& merged,
                                  const MergeRequest& request,
                                  const std::optional<std::string>& by) {
  SOCIUS_RETURN_IF_ERROR(CheckChoices(request, survivor, merged));
  Result<Person> fields = MergedFields(survivor, merged, request);
  if (!fields.ok()) return fields.status();
  Person next = std::move(*fields);

  // What undo needs, read before anything changes.
  Json before = Json::object();
  for (const std::string& id : {survivor.id, merged.id}) {
    Result<Json> row = PersonRow(tx, id);
    if (!row.ok()) return row.status();
    Result<Json> identifiers = IdentifierRows(tx, id);
    if (!identifiers.ok()) return identifiers.status();
    Result<Json> membership = MembershipRow(tx, id);
    if (!membership.ok()) return membership.status();
    before["persons"][id] = std::move(*row);
    before["identifiers"][id] = std::move(*identifiers);
    before["memberships"][id] = std::move(*membership);
  }
  Result<Json> heads = HeadedHouseholds(tx, survivor.id, merged.id);
  if (!heads.ok()) return heads.status();
  before["heads"] = std::move(*heads);

  Json moved = Json::object();
  // Household: the survivor takes the merged record's place when it has none of its own.
  const Json& their_membership = before["memberships"][merged.id];
  const Json& my_membership = before["memberships"][survivor.id];
  moved["households"] = Json::array();
  if (their_membership.is_object()) {
    const std::string household = their_membership["household_id"];
    if (my_membership.is_null()) {
      SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE household_members SET person_id = ?, community_id = ? "
                                     "WHERE person_id = ?",
                                     {survivor.id, next.community_id, merged.id})
                                 .status());
      next.household_id = household;
      moved["households"].push_back(household);
    } else {
      SOCIUS_RETURN_IF_ERROR(
          tx.Exec("DELETE FROM household_members WHERE person_id = ?", {merged.id}).status());
    }
  }
  // A household the merged record headed: the survivor heads it when it is a member, else
  // it has no head until someone is chosen.
  SOCIUS_RETURN_IF_ERROR(
      tx.Exec("UPDATE households SET head_person_id = CASE WHEN EXISTS (SELECT 1 FROM "
              "household_members m WHERE m.household_id = households.id AND m.person_id = ?) "
              "THEN ? ELSE NULL END, version = version + 1, updated_at = ? "
              "WHERE head_person_id = ?",
              {survivor.id, survivor.id, core::NowUtc(), merged.id})
          .status());

  // The merged record gives up its identifiers first (one holder per identifier), then the
  // survivor is written with the merged fields and identifiers.
  SOCIUS_RETURN_IF_ERROR(
      tx.Exec("DELETE FROM person_identifiers WHERE person_id = ?", {merged.id}).status());
  if (Status s = registry::UpdatePerson(tx, next, request.survivor_version); !s.ok()) {
    if (s.code() == "conflict.stale_version") {
      return Status::Conflict("conflict.stale_version", "survivor_version", "the record changed");
    }
    return s;
  }
  Result<int64_t> hidden = tx.Exec(
      "UPDATE persons SET merged_into = ?, household_id = NULL, version = version + 1, "
      "updated_at = ? WHERE id = ? AND version = ? AND merged_into IS NULL",
      {survivor.id, core::NowUtc(), merged.id, request.merged_version});
  if (Status s = store::StaleUnlessOne(hidden); !s.ok()) {
    return Status::Conflict("conflict.stale_version", "merged_version", "the record changed");
  }

  Merge merge;
  merge.id = core::NewId();
  merge.survivor_id = survivor.id;
  merge.merged_id = merged.id;
  merge.community_id = next.community_id;
  merge.merged_community_id = merged.community_id;
  merge.pair_id = request.pair_id;
  merge.survivor_name = DisplayName(survivor);
  merge.merged_name = DisplayName(merged);
  merge.taken = request.take_from_merged;
  merge.merged_at = core::NowUtc();
  merge.merged_by = by;

  for (const Reference& r : References()) {
    // One statement moves the rows and names them: a row attached meanwhile is both moved and
    // recorded, so that undo takes it back.
    Result<store::Rows> ids = tx.Query(std::string("UPDATE ") + r.table + " SET " + r.column +
                                           " = ? WHERE " + r.column + " = ? RETURNING id",
                                       {survivor.id, merged.id});
    if (!ids.ok()) return AttachedConflict(ids.status(), r.kind);
    std::vector<std::string> sorted;
    for (const Row& row : *ids) sorted.push_back(row.Text(0));
    std::sort(sorted.begin(), sorted.end());
    Json list = sorted;
    merge.moved[r.kind] = static_cast<int64_t>(list.size());
    moved[r.kind] = std::move(list);
  }
  merge.moved["households"] = static_cast<int64_t>(moved["households"].size());
  int64_t identifiers_moved = 0;
  for (const auto& id : merged.identifiers) {
    const bool had = std::any_of(survivor.identifiers.begin(), survivor.identifiers.end(),
                                 [&](const auto& mine) { return mine.scheme == id.scheme; });
    const bool taken = Contains(request.take_from_merged, "identifier:" + id.scheme);
    if (!had || taken) ++identifiers_moved;
  }
  merge.moved["identifiers"] = identifiers_moved;

  // The pairs: the one of these two becomes merged; the merged record's other open pairs
  // close with it (undo opens them again).
  Result<std::optional<DuplicatePair>> pair = FindPairOf(tx, survivor.id, merged.id);
  if (!pair.ok()) return pair.status();
  if (*pair) {
    if (request.pair_id && (*pair)->id != *request.pair_id) {
      return Status::InvalidArgument("merge.pair_mismatch", "pair_id",
                                     "the pair is not of these two persons");
    }
    // A pair marked "not the same person" that is merged all the same gets that mark back
    // when the merge is undone.
    moved["pair_status"] = std::string(Name((*pair)->status));
    SOCIUS_RETURN_IF_ERROR(
        SetPairStatus(tx, (*pair)->id, (*pair)->version, PairStatus::kMerged, by, merge.id));
    merge.pair_id = (*pair)->id;
  } else if (request.pair_id) {
    return Status::InvalidArgument("merge.pair_mismatch", "pair_id",
                                   "the pair is not of these two persons");
  }
  Result<std::vector<std::string>> others = OpenPairsOf(tx, merged.id, merge.pair_id.value_or(""));
  if (!others.ok()) return others.status();
  moved["pairs"] = *others;
  for (const std::string& id : *others) {
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec("UPDATE duplicate_pairs SET status = 'merged', decided_at = ?, decided_by = ?, "
                "merge_id = ?, version = version + 1 WHERE id = ?",
                {core::NowUtc(), store::OptValue(by), merge.id, id})
            .status());
  }

  // Undo restores the survivor only as the merge left it: a change made since would be lost.
  moved["survivor_version"] = next.version;
  // What the merge shows: how many of each kind went to the survivor.
  for (const auto& [kind, n] : merge.moved) moved["counts"][kind] = n;
  SOCIUS_RETURN_IF_ERROR(InsertMerge(tx, merge, before.dump(), moved.dump()));
  return MergeOutcome{std::move(merge), std::move(next)};
}

Status UndoMerge(store::Session& tx, const Merge& merge, const std::string& before_text,
                 const std::string& moved_text, const std::optional<std::string>& by) {
  if (merge.undone_at) {
    return Status::Conflict("merge.already_undone", "", "the merge was undone already");
  }
  Result<store::Rows> survivor =
      tx.Query("SELECT merged_into FROM persons WHERE id = ?", {merge.survivor_id});
  if (!survivor.ok()) return survivor.status();
  if (survivor->empty()) return Status::NotFound("merge.not_found", "survivor gone");
  if (!(*survivor)[0].IsNull(0)) {
    return Status::Conflict("merge.survivor_merged", "",
                            "the surviving record was merged since; undo that merge first")
        .With("survivor_id", (*survivor)[0].Text(0));
  }
  const Json before = Json::parse(before_text, nullptr, false);
  const Json moved = Json::parse(moved_text, nullptr, false);
  if (!before.is_object() || !moved.is_object()) {
    return Status::Internal("the record of merge " + merge.id + " cannot be read");
  }
  Result<store::Rows> current =
      tx.Query("SELECT version FROM persons WHERE id = ?", {merge.survivor_id});
  if (!current.ok()) return current.status();
  if (current->empty() || (*current)[0].Int(0) != moved.value("survivor_version", int64_t{-1})) {
    return Status::Conflict("merge.survivor_changed", "",
                            "the surviving record changed after the merge");
  }
  for (const std::string& id : {merge.survivor_id, merge.merged_id}) {
    const Json& m = before["memberships"][id];
    if (!m.is_object()) continue;
    Result<store::Rows> household =
        tx.Query("SELECT 1 FROM households WHERE id = ?", {m["household_id"].get<std::string>()});
    if (!household.ok()) return household.status();
    if (household->empty()) {
      return Status::Conflict("merge.household_gone", "",
                              "a household to restore no longer exists");
    }
  }
  const std::string now = core::NowUtc();

  // Persons: every column as it was; the version moves on (clients holding the merged
  // survivor's version must read again), and updated_at says when.
  for (const std::string& id : {merge.survivor_id, merge.merged_id}) {
    const Json& row = before["persons"][id];
    std::string sets;
    std::vector<Value> params;
    for (const char* column : kPersonRowColumns) {
      const std::string name = column;
      if (name == "id" || name == "version" || name == "updated_at") continue;
      sets += (sets.empty() ? "" : ", ") + name + " = ?";
      params.push_back(ToValue(row[name]));
    }
    sets += ", version = version + 1, updated_at = ?";
    params.emplace_back(now);
    params.emplace_back(id);
    SOCIUS_RETURN_IF_ERROR(
        store::StaleUnlessOne(tx.Exec("UPDATE persons SET " + sets + " WHERE id = ?", params)));
  }
  // Identifiers and memberships of both, as they were.
  SOCIUS_RETURN_IF_ERROR(tx.Exec("DELETE FROM person_identifiers WHERE person_id IN (?, ?)",
                                 {merge.survivor_id, merge.merged_id})
                             .status());
  for (const std::string& id : {merge.survivor_id, merge.merged_id}) {
    for (const Json& ident : before["identifiers"][id]) {
      Result<int64_t> added = tx.Exec(
          "INSERT INTO person_identifiers (person_id, scheme, value, country, community_id) "
          "VALUES (?, ?, ?, ?, ?)",
          {id, ident["scheme"].get<std::string>(), ident["value"].get<std::string>(),
           ident["country"].get<std::string>(), ident["community_id"].get<std::string>()});
      if (!added.ok()) {
        if (added.status().code() == "store.unique_violation") {
          return Status::Conflict("merge.identifier_taken", "",
                                  "another person now holds an identifier to restore")
              .With("scheme", ident["scheme"].get<std::string>());
        }
        return added.status();
      }
    }
  }
  SOCIUS_RETURN_IF_ERROR(tx.Exec("DELETE FROM household_members WHERE person_id IN (?, ?)",
                                 {merge.survivor_id, merge.merged_id})
                             .status());
  for (const std::string& id : {merge.survivor_id, merge.merged_id}) {
    const Json& m = before["memberships"][id];
    if (!m.is_object()) continue;
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec(
              "INSERT INTO household_members (household_id, person_id, relationship_to_head, "
              "community_id) VALUES (?, ?, ?, ?)",
              {m["household_id"].get<std::string>(), id,
               m["relationship_to_head"].get<std::string>(), m["community_id"].get<std::string>()})
            .status());
  }
  for (const Json& h : before["heads"]) {
    SOCIUS_RETURN_IF_ERROR(tx.Exec("UPDATE households SET head_person_id = ?, version = version "
                                   "+ 1, updated_at = ? WHERE id = ?",
                                   {h["head"].get<std::string>(), now, h["id"].get<std::string>()})
                               .status());
  }
  // What moved goes back; what reached the survivor since stays.
  for (const Reference& r : References()) {
    if (!moved.contains(r.kind)) continue;
    for (const Json& id : moved[r.kind]) {
      SOCIUS_RETURN_IF_ERROR(tx.Exec(std::string("UPDATE ") + r.table + " SET " + r.column +
                                         " = ? WHERE id = ? AND " + r.column + " = ?",
                                     {merge.merged_id, id.get<std::string>(), merge.survivor_id})
                                 .status());
    }
  }
  // The pairs this merge closed are open again; the pair of the two gets back the status it had.
  SOCIUS_RETURN_IF_ERROR(
      tx.Exec("UPDATE duplicate_pairs SET status = 'open', decided_at = NULL, decided_by = NULL, "
              "merge_id = NULL, version = version + 1 WHERE merge_id = ? AND status = 'merged'",
              {merge.id})
          .status());
  if (merge.pair_id && moved.value("pair_status", "open") == "not_same") {
    SOCIUS_RETURN_IF_ERROR(
        tx.Exec("UPDATE duplicate_pairs SET status = 'not_same', decided_at = ?, "
                "decided_by = ? WHERE id = ?",
                {now, store::OptValue(by), *merge.pair_id})
            .status());
  }
  return MarkUndone(tx, merge.id, merge.version, by);
}

}  // namespace socius::dedup
