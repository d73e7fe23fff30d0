// The writing pass of the person import (import_internal.h): the valid rows in batches, each
// batch one transaction written table by table.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "auth/audit.h"
#include "auth/tokens.h"
#include "core/ids.h"
#include "registry/import_internal.h"
#include "registry/person_fields.h"
#include "registry/repository.h"

namespace socius::registry::internal {

Result<int64_t> Importer::WriteLinks(store::Session& tx,
                                     std::vector<std::pair<ImportLink, Person>>& linked,
                                     const std::set<std::pair<std::string, std::string>>& held,
                                     std::vector<ImportedPerson>& persons,
                                     std::vector<Person>& updated) {
  int64_t written = 0;
  for (auto& [link, row] : linked) {
    Result<Person> current = FindPerson(tx, link.person_id, scope_);
    if (!current.ok()) {
      if (current.status().kind() != core::StatusKind::kNotFound) return current.status();
      // Merged, gone or moved out of the scope since the validation: nothing is lost, the row
      // becomes a person of its own.
      bool taken = false;
      for (const PersonIdentifier& id : row.identifiers)
        taken = taken || held.contains({id.scheme, id.value});
      if (!taken) persons.push_back(ImportedPerson{&row, link.row});
      continue;
    }
    // Only what the person lacks: a registered value is never overwritten by a file's.
    Person filled = *current;
    auto fill = [](auto& to, const auto& from) {
      if (!to && from) to = from;
    };
    fill(filled.patronymic, row.patronymic);
    fill(filled.birth_date, row.birth_date);
    fill(filled.sex, row.sex);
    fill(filled.address, row.address);
    fill(filled.phone, row.phone);
    fill(filled.disability_degree, row.disability_degree);
    fill(filled.notes, row.notes);
    if (filled.languages.empty()) filled.languages = row.languages;
    for (const PersonIdentifier& id : row.identifiers) {
      const bool scheme_held =
          std::any_of(filled.identifiers.begin(), filled.identifiers.end(),
                      [&](const PersonIdentifier& mine) { return mine.scheme == id.scheme; });
      if (!scheme_held && !held.contains({id.scheme, id.value})) filled.identifiers.push_back(id);
    }
    nlohmann::json changes = PersonChanges(*current, filled);
    ++written;
    if (changes.empty()) continue;
    SOCIUS_RETURN_IF_ERROR(UpdatePerson(tx, filled, current->version));
    nlohmann::json detail = {
        {"changes", std::move(changes)}, {"import_id", job_.id}, {"source_row", link.row}};
    SOCIUS_RETURN_IF_ERROR(auth::AppendAudit(
        tx, options_.actor,
        {"person.update", "person", filled.id, filled.community_id, detail.dump()}));
    updated.push_back(std::move(filled));
  }
  return written;
}

Status Importer::WriteBatch(std::vector<std::pair<int64_t, Person>>& batch,
                            std::vector<std::pair<std::string, Relationship>>& members,
                            std::vector<std::pair<ImportLink, Person>>& linked, int64_t last_row) {
  std::vector<IndexRow> written;
  std::unordered_set<std::string> committed_households;
  // What the transaction moves the job to; job_ itself moves only once it committed (the
  // body may run again, and must find job_ as it was).
  ImportJob committed_job;
  SOCIUS_RETURN_IF_ERROR(db_.Write([&](store::Session& tx) -> Status {
    written.clear();
    // Identifiers registered meanwhile by someone else, of the new persons and the linked rows.
    std::vector<std::pair<std::string, std::string>> ids;
    for (const auto& [row, p] : batch) {
      for (const PersonIdentifier& id : p.identifiers) ids.emplace_back(id.scheme, id.value);
    }
    for (const auto& [link, p] : linked) {
      for (const PersonIdentifier& id : p.identifiers) ids.emplace_back(id.scheme, id.value);
    }
    Result<std::set<std::pair<std::string, std::string>>> held = FindHeldIdentifiers(tx, ids);
    if (!held.ok()) return held.status();
    const std::string now = core::NowUtc();
    // Households first (persons refer to them), then persons with their identifiers, then
    // memberships, each several rows per statement.
    std::vector<Household> households;
    std::unordered_map<std::string, size_t> household_at;  // created by this transaction
    std::unordered_set<std::string> households_added;      // seen by this transaction
    std::vector<ImportedPerson> persons;
    std::vector<ImportedMember> memberships;
    std::vector<std::pair<std::string, std::string>> heads;  // of households that existed
    std::vector<Person> updated;
    Result<int64_t> links_written = WriteLinks(tx, linked, *held, persons, updated);
    if (!links_written.ok()) return links_written.status();
    if (index_) {
      for (const Person& p : updated) written.push_back(IndexRowOf(p));
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      auto& [row, person] = batch[i];
      bool taken = false;
      for (const PersonIdentifier& id : person.identifiers)
        taken = taken || held->contains({id.scheme, id.value});
      if (taken) {
        if (!options_.partial) {
          return Status::Conflict("person.duplicate_identifier", "identifier_value",
                                  "registered meanwhile")
              .With("row", std::to_string(row));
        }
        continue;
      }
      if (person.household_id) {
        const std::string& hid = *person.household_id;
        if (!households_written_.contains(hid) && households_added.insert(hid).second) {
          // Household ids derive from the job's: before its first committed batch, none
          // exists.
          bool exists = false;
          if (!households_fresh_) {
            Result<bool> found = ImportedHouseholdExists(tx, hid);
            if (!found.ok()) return found.status();
            exists = *found;
          }
          if (!exists) {
            Household h;
            h.id = hid;
            h.community_id = person.community_id;
            h.settlement_id = person.settlement_id;
            h.address = person.address;
            h.created_by = person.created_by;
            household_at.emplace(hid, households.size());
            households.push_back(std::move(h));
          }
        }
        const Relationship relationship = members[i].second;
        if (relationship == Relationship::kHead) {
          auto created = household_at.find(hid);
          if (created != household_at.end() && !households[created->second].head_person_id) {
            households[created->second].head_person_id = person.id;
          } else {
            heads.emplace_back(hid, person.id);
          }
        }
        memberships.push_back(ImportedMember{hid, person.id, relationship, person.community_id});
      }
      persons.push_back(ImportedPerson{&person, row});
    }
    for (ImportedPerson& p : persons) {
      p.person->created_at = now;
      if (index_) written.push_back(IndexRowOf(*p.person));
    }
    // In key order: the indexes on these random ids are then walked from one end to the
    // other rather than at random, which keeps the pages each insert needs close at hand.
    std::sort(households.begin(), households.end(),
              [](const Household& a, const Household& b) { return a.id < b.id; });
    std::sort(persons.begin(), persons.end(), [](const ImportedPerson& a, const ImportedPerson& b) {
      return a.person->id < b.person->id;
    });
    std::sort(memberships.begin(), memberships.end(),
              [](const ImportedMember& a, const ImportedMember& b) {
                return a.household_id < b.household_id;
              });
    SOCIUS_RETURN_IF_ERROR(InsertImportedHouseholds(tx, households));
    SOCIUS_RETURN_IF_ERROR(InsertImportedPersons(tx, persons, job_.id));
    SOCIUS_RETURN_IF_ERROR(InsertImportedMembers(tx, memberships));
    for (const auto& [household_id, person_id] : heads) {
      SOCIUS_RETURN_IF_ERROR(SetImportedHouseholdHead(tx, household_id, person_id));
    }
    const auto count = static_cast<int64_t>(persons.size());
    ImportJob next = job_;
    next.rows_written += count;
    next.rows_linked += *links_written;
    next.last_committed_row = last_row;
    next.status = "writing";
    SOCIUS_RETURN_IF_ERROR(UpdateImportJob(tx, next));
    committed_job = std::move(next);
    committed_households = std::move(households_added);
    return Status::Ok();
  }));
  job_ = std::move(committed_job);
  households_written_.insert(committed_households.begin(), committed_households.end());
  if (index_) {
    for (const IndexRow& row : written) index_->Upsert(row);
  }
  batch.clear();
  members.clear();
  linked.clear();
  return Status::Ok();
}

Status Importer::Write() {
  in_.clear();
  in_.seekg(0);
  if (!in_) return Status::Internal("cannot rewind the import file");
  RowChecker checker(db_, Scope(), today_);
  PersonCsvReader reader(in_, options_.mapping);
  if (reader.ReadHeader()) return Status::Internal("the header changed between passes");
  const int64_t resume_after = job_.last_committed_row;
  households_fresh_ = resume_after == 0 && job_.rows_written == 0;
  job_.status = "writing";
  job_.rows_read = 0;
  std::vector<std::pair<int64_t, Person>> batch;
  std::vector<std::pair<std::string, Relationship>> members;
  std::vector<std::pair<ImportLink, Person>> linked;
  size_t next_link = 0;
  size_t next_rejected = 0;
  size_t next_kept = 0;
  ImportRecord record;
  std::optional<CsvProblem> problem;
  int64_t last_row = resume_after;
  while (reader.Next(&record, &problem)) {
    ++job_.rows_read;
    last_row = std::max(last_row, record.row);
    while (next_rejected < rejected_.size() && rejected_[next_rejected] < record.row) {
      ++next_rejected;
    }
    const bool rejected =
        next_rejected < rejected_.size() && rejected_[next_rejected] == record.row;
    while (next_kept < kept_.size() && kept_[next_kept].first < record.row) ++next_kept;
    if (record.row <= resume_after || rejected || problem) continue;
    Person person;
    if (next_kept < kept_.size() && kept_[next_kept].first == record.row) {
      person = std::move(kept_[next_kept].second);
    } else if (!checker.Check(record, person).ok()) {
      continue;  // validated before; cannot happen
    }
    // Fully random like every record id (DESIGN §4): an id must not tell which persons were
    // imported together.
    person.id = core::NewId();
    if (options_.actor) person.created_by = options_.actor->user_id;
    while (next_link < links_.size() && links_[next_link].row < record.row) ++next_link;
    if (next_link < links_.size() && links_[next_link].row == record.row) {
      linked.emplace_back(links_[next_link], std::move(person));
    } else {
      Relationship relationship = Relationship::kHead;
      if (record.household_ref) {
        auto [hid, added] = household_ids_.try_emplace(*record.household_ref);
        if (added)
          hid->second = auth::Sha256Hex(job_.id + '\x1f' + *record.household_ref).substr(0, 22);
        person.household_id = hid->second;
        relationship = ParseRelationship(record.relationship.value_or(""))
                           .value_or(Relationship::kOtherRelative);
      }
      members.emplace_back(person.household_id.value_or(""), relationship);
      batch.emplace_back(record.row, std::move(person));
    }
    if (batch.size() + linked.size() >= static_cast<size_t>(std::max(1, options_.batch_size))) {
      SOCIUS_RETURN_IF_ERROR(WriteBatch(batch, members, linked, last_row));
      if (!Progress("writing")) return Status::Conflict("import.cancelled");
    }
  }
  if (!batch.empty() || !linked.empty() || last_row > job_.last_committed_row) {
    SOCIUS_RETURN_IF_ERROR(WriteBatch(batch, members, linked, last_row));
    Progress("writing");
  }
  return Status::Ok();
}

}  // namespace socius::registry::internal
