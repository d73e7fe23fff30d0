// The use cases of deduplication (see dedup.h).
#include "dedup/dedup.h"

#include <chrono>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "core/clock.h"
#include "core/ids.h"
#include "dedup/merge.h"
#include "nlohmann/json.hpp"
#include "registry/repository.h"
#include "spdlog/spdlog.h"
#include "territory/repository.h"

namespace socius::dedup {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

// What `find` returns, found in one read transaction.
template <typename T, typename Find>
Result<T> ReadOne(store::Database& db, Find find) {
  std::optional<T> out;
  Status status = db.Read([&](store::Session& tx) -> Status {
    Result<T> found = find(tx);
    if (!found.ok()) return found.status();
    out = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return std::move(*out);
}

// The path of the territory a run covers.
Result<std::string> RunPath(store::Database& db, const std::string& code) {
  return ReadOne<std::string>(db, [&](store::Session& tx) -> Result<std::string> {
    Result<territory::Territory> place = territory::FindByCode(tx, code);
    if (!place.ok()) return place.status();
    return place->path;
  });
}

Scope MergeScope(const auth::Principal& who) {
  return auth::ScopePaths(who, Permission::kPersonMerge);
}

// The territory with `code` when `who` holds `permission` over it (else as missing); any
// territory for the command line (`who` null).
Result<territory::Territory> TerritoryFor(store::Session& tx, const auth::Principal* who,
                                          Permission permission, const std::string& code) {
  Result<territory::Territory> place = territory::FindByCode(tx, code);
  if (!place.ok()) return place.status();
  if (who && !auth::Allows(*who, permission, place->path)) {
    return Status::NotFound("territory.not_found", "outside the scope").With("code", code);
  }
  return place;
}

// The path a list covers: the territory's, or the whole tree (the scope filter does the rest).
Result<std::string> ListPath(store::Session& tx, const auth::Principal& who,
                             const std::optional<std::string>& code) {
  if (!code) return std::string("/");
  Result<territory::Territory> place = TerritoryFor(tx, &who, Permission::kPersonMerge, *code);
  if (!place.ok()) return place.status();
  return place->path;
}

Status FillPersons(store::Session& tx, std::vector<DuplicatePair>& pairs) {
  std::vector<std::string> ids;
  for (const DuplicatePair& p : pairs) {
    ids.push_back(p.person_a);
    ids.push_back(p.person_b);
  }
  std::map<std::string, std::string> created_at;
  Result<std::map<std::string, registry::PersonSummary>> found =
      PersonSummaries(tx, ids, &created_at);
  if (!found.ok()) return found.status();
  for (DuplicatePair& p : pairs) {
    // The older record first: the one a reviewer usually keeps.
    if (std::pair(created_at[p.person_b], p.person_b) <
        std::pair(created_at[p.person_a], p.person_a)) {
      std::swap(p.person_a, p.person_b);
      std::swap(p.community_a, p.community_b);
    }
    p.a = (*found)[p.person_a];
    p.b = (*found)[p.person_b];
  }
  return Status::Ok();
}

auth::AuditEvent PersonEvent(const char* action, const registry::Person& person,
                             const Json& detail) {
  return {action, "person", person.id, person.community_id, detail.dump()};
}

Status AuditPerson(store::Session& tx, const auth::Principal* who, const char* action,
                   const registry::Person& person, const Json& detail) {
  return auth::AppendAudit(tx, who, PersonEvent(action, person, detail));
}

// A person named in a merge request, readable and mergeable by `who`.
Result<registry::Person> MergeablePerson(store::Session& tx, const auth::Principal& who,
                                         const std::string& id, const char* field) {
  Result<registry::Person> person =
      registry::FindPerson(tx, id, auth::ScopePaths(who, Permission::kPersonRead));
  if (!person.ok()) {
    Status status = person.status();
    if (status.code() == "person.merged") {
      return Status::Conflict("person.merged", field, "the record was merged already")
          .With("survivor_id",
                status.params().count("survivor_id") ? status.params().at("survivor_id") : "");
    }
    return Status::NotFound("person.not_found", "no visible person").With("record", field);
  }
  if (!auth::Allows(who, Permission::kPersonMerge, person->community_path)) {
    return Status::PermissionDenied("merge.territory_not_covered",
                                    "the record lies outside the territories you may merge in")
        .With("record", field);
  }
  return person;
}

// Below this many persons a run does not train its own weights.
constexpr size_t kMinTrainingRecords = 1000;

std::string GroupId(const std::string& run_id, uint32_t group) {
  return run_id + "-" + std::to_string(group);
}

}  // namespace

Deduplication::Deduplication(store::Database& db, registry::PersonIndex& index, Options options)
    : db_(db), index_(index), options_(std::move(options)) {}

Deduplication::~Deduplication() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(threads_mutex_);
    threads.swap(threads_);
  }
  for (std::thread& t : threads) {
    if (t.joinable()) t.join();
  }
}

Result<PairPage> Deduplication::ListPairs(const auth::Principal& who,
                                          const PairListRequest& request) {
  PairPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<std::string> path = ListPath(tx, who, request.territory_code);
    if (!path.ok()) return path.status();
    PairQuery query{*path, request.status, request.min_probability, request.after, request.limit};
    Result<PairPage> listed = dedup::ListPairs(tx, query, MergeScope(who));
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return FillPersons(tx, page.items);
  });
  if (!status.ok()) return status;
  return page;
}

Result<PairDetail> Deduplication::GetPair(const auth::Principal& who, const std::string& id) {
  PairDetail detail;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<DuplicatePair> pair = FindPair(tx, id, MergeScope(who));
    if (!pair.ok()) return pair.status();
    detail.pair = std::move(*pair);
    std::vector<DuplicatePair> one = {detail.pair};
    SOCIUS_RETURN_IF_ERROR(FillPersons(tx, one));
    detail.pair = std::move(one[0]);
    const Scope merge_scope = MergeScope(who);
    const Scope read_scope = auth::ScopePaths(who, Permission::kPersonRead);
    for (auto [person_id, person, attached, household] :
         {std::tuple{detail.pair.person_a, &detail.a, &detail.attached_a, &detail.household_a},
          std::tuple{detail.pair.person_b, &detail.b, &detail.attached_b, &detail.household_b}}) {
      Result<registry::Person> found =
          registry::FindPerson(tx, person_id, merge_scope, /*include_merged=*/true);
      if (!found.ok()) return Status::NotFound("duplicate.not_found", "no visible pair");
      *person = std::move(*found);
      Result<Attached> counts = CountAttached(tx, person_id);
      if (!counts.ok()) return counts.status();
      *attached = std::move(*counts);
      if (person->household_id) {
        // The household as the reviewer may read it (its members are persons of their own).
        Result<registry::Household> h =
            registry::FindHousehold(tx, *person->household_id, read_scope);
        if (h.ok()) {
          *household = std::move(*h);
        } else if (h.status().code() != "household.not_found") {
          return h.status();
        }
      }
      entries.push_back(
          PersonEvent("person.read", *person, Json{{"view", "duplicate"}, {"pair_id", id}}));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return detail;
}

Result<DuplicatePair> Deduplication::Decide(const auth::Principal& who, const std::string& id,
                                            int64_t version, PairStatus next) {
  DuplicatePair out;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<DuplicatePair> pair = FindPair(tx, id, MergeScope(who));
    if (!pair.ok()) return pair.status();
    if (pair->version != version) {
      return Status::Conflict("conflict.stale_version", "version",
                              "the pair is at version " + std::to_string(pair->version));
    }
    const PairStatus from = next == PairStatus::kNotSame ? PairStatus::kOpen : PairStatus::kNotSame;
    if (pair->status != from) {
      return next == PairStatus::kNotSame
                 ? Status::Conflict("duplicate.already_decided", "", "the pair was decided")
                 : Status::Conflict("duplicate.not_refused", "",
                                    "only a pair marked not the same person can be reopened");
    }
    SOCIUS_RETURN_IF_ERROR(SetPairStatus(tx, id, version, next, who.user_id, std::nullopt));
    Result<DuplicatePair> stored = FindPair(tx, id, MergeScope(who));
    if (!stored.ok()) return stored.status();
    out = std::move(*stored);
    std::vector<DuplicatePair> one = {out};
    SOCIUS_RETURN_IF_ERROR(FillPersons(tx, one));
    out = std::move(one[0]);
    return auth::AppendAudit(
        tx, &who,
        {next == PairStatus::kNotSame ? "duplicate.not_same" : "duplicate.reopen", "duplicate_pair",
         id, out.community_a, Json{{"person_a", out.person_a}, {"person_b", out.person_b}}.dump()});
  });
  if (!status.ok()) return status;
  return out;
}

Result<MergeResult> Deduplication::MergePersons(const auth::Principal& who,
                                                const MergeRequest& request) {
  if (request.survivor_id == request.merged_id) {
    return Status::InvalidArgument("merge.same_person", "merged_id",
                                   "a record cannot be merged into itself");
  }
  MergeResult out;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<registry::Person> survivor =
        MergeablePerson(tx, who, request.survivor_id, "survivor_id");
    if (!survivor.ok()) return survivor.status();
    Result<registry::Person> merged = MergeablePerson(tx, who, request.merged_id, "merged_id");
    if (!merged.ok()) return merged.status();
    if (survivor->version != request.survivor_version) {
      return Status::Conflict("conflict.stale_version", "survivor_version",
                              "the surviving record changed");
    }
    if (merged->version != request.merged_version) {
      return Status::Conflict("conflict.stale_version", "merged_version",
                              "the merged record changed");
    }
    Result<MergeOutcome> done = dedup::MergePersons(tx, *survivor, *merged, request, who.user_id);
    if (!done.ok()) return done.status();
    out.merge = std::move(done->merge);
    out.survivor = std::move(done->survivor);
    Json moved = Json::object();
    for (const auto& [kind, n] : out.merge.moved) moved[kind] = n;
    SOCIUS_RETURN_IF_ERROR(AuditPerson(tx, &who, "person.merge", out.survivor,
                                       Json{{"merged_id", out.merge.merged_id},
                                            {"merge_id", out.merge.id},
                                            {"taken", out.merge.taken},
                                            {"moved", moved}}));
    // The merged record's own trail says where it went.
    return AuditPerson(tx, &who, "person.merge", *merged,
                       Json{{"survivor_id", out.merge.survivor_id}, {"merge_id", out.merge.id}});
  });
  if (!status.ok()) return status;
  index_.Remove(out.merge.merged_id);
  index_.Upsert(registry::IndexRowOf(out.survivor));
  return out;
}

Result<Merge> Deduplication::Undo(const auth::Principal& who, const std::string& id,
                                  int64_t version) {
  Merge out;
  std::vector<registry::Person> restored;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    restored.clear();
    std::string before, moved;
    Result<Merge> merge = FindMerge(tx, id, MergeScope(who), &before, &moved);
    if (!merge.ok()) return merge.status();
    if (merge->undone_at) {
      return Status::Conflict("merge.already_undone", "", "the merge was undone already");
    }
    if (merge->version != version) {
      return Status::Conflict("conflict.stale_version", "",
                              "the merge is at version " + std::to_string(merge->version));
    }
    SOCIUS_RETURN_IF_ERROR(UndoMerge(tx, *merge, before, moved, who.user_id));
    Result<Merge> stored = FindMerge(tx, id, MergeScope(who));
    if (!stored.ok()) return stored.status();
    out = std::move(*stored);
    for (const std::string& person_id : {out.survivor_id, out.merged_id}) {
      Result<registry::Person> p = registry::FindPerson(tx, person_id, {"/"});
      if (!p.ok()) return p.status();
      restored.push_back(std::move(*p));
    }
    SOCIUS_RETURN_IF_ERROR(AuditPerson(tx, &who, "person.unmerge", restored[0],
                                       Json{{"merged_id", out.merged_id}, {"merge_id", out.id}}));
    return AuditPerson(tx, &who, "person.unmerge", restored[1],
                       Json{{"survivor_id", out.survivor_id}, {"merge_id", out.id}});
  });
  if (!status.ok()) return status;
  for (const registry::Person& p : restored) index_.Upsert(registry::IndexRowOf(p));
  return out;
}

Result<MergePage> Deduplication::ListMerges(const auth::Principal& who,
                                            const std::optional<std::string>& territory_code,
                                            const std::string& after, int limit) {
  MergePage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<std::string> path = ListPath(tx, who, territory_code);
    if (!path.ok()) return path.status();
    Result<MergePage> listed = dedup::ListMerges(tx, *path, MergeScope(who), after, limit);
    if (!listed.ok()) return listed.status();
    page = std::move(*listed);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Merge> Deduplication::GetMerge(const auth::Principal& who, const std::string& id) {
  return ReadOne<Merge>(db_,
                        [&](store::Session& tx) { return FindMerge(tx, id, MergeScope(who)); });
}

// --- runs ---

Result<SearchRun> Deduplication::Begin(const auth::Principal* who,
                                       const std::string& territory_code) {
  SearchRun run;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<territory::Territory> place =
        TerritoryFor(tx, who, Permission::kDedupRun, territory_code);
    if (!place.ok()) return place.status();
    Result<std::optional<std::string>> running = RunningRunOver(tx, place->path);
    if (!running.ok()) return running.status();
    if (*running) {
      return Status::Conflict("dedup.run_in_progress", "territory_code",
                              "a search for duplicates over this territory is running")
          .With("run_id", **running);
    }
    run.id = core::NewId();
    run.territory_id = place->id;
    run.territory_code = place->code;
    run.territory_name = place->name;
    run.started_at = core::NowUtc();
    if (who) run.started_by = who->user_id;
    SOCIUS_RETURN_IF_ERROR(InsertRun(tx, run));
    return auth::AppendAudit(tx, who,
                             {"dedup.run", "dedup_run", run.id, place->id,
                              Json{{"territory_code", place->code}}.dump()});
  });
  if (!status.ok()) return status;
  return run;
}

Status Deduplication::Execute(SearchRun& run, const std::string& path,
                              const std::function<void(double)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  Population population;
  std::vector<std::pair<std::string, std::string>> decided;
  Status read = db_.Read([&](store::Session& tx) -> Status {
    Result<Population> loaded = LoadPopulation(tx, path);
    if (!loaded.ok()) return loaded.status();
    population = std::move(*loaded);
    Result<std::vector<std::pair<std::string, std::string>>> pairs = DecidedPairs(tx, path);
    if (!pairs.ok()) return pairs.status();
    decided = std::move(*pairs);
    return Status::Ok();
  });
  if (!read.ok()) return read;

  std::unordered_map<std::string, uint32_t> index_of;
  index_of.reserve(population.records.size());
  for (uint32_t i = 0; i < population.records.size(); ++i) {
    index_of.emplace(population.records[i].id, i);
  }
  std::unordered_set<uint64_t> excluded;
  for (const auto& [a, b] : decided) {
    auto ia = index_of.find(a);
    auto ib = index_of.find(b);
    if (ia == index_of.end() || ib == index_of.end()) continue;
    const uint32_t lo = std::min(ia->second, ib->second);
    const uint32_t hi = std::max(ia->second, ib->second);
    excluded.insert((uint64_t{lo} << 32) | hi);
  }
  // Expectation-maximisation needs many pairs to learn from: a small territory is scored with
  // the weights of the latest run that trained them, or with the engine's defaults.
  Options options = options_;
  if (population.records.size() < kMinTrainingRecords) {
    options = EntryOptions();
  }
  RunResult result = dedup::Run(population.records, options, progress, [&](uint32_t a, uint32_t b) {
    return excluded.count((uint64_t{a} << 32) | b) > 0;
  });

  run.records = result.stats.records;
  run.candidate_pairs = result.stats.candidate_pairs;
  run.proposed_pairs = static_cast<int64_t>(result.pairs.size());
  run.groups = result.stats.groups;
  const std::string now = core::NowUtc();
  Status stored = db_.Write([&](store::Session& tx) -> Status {
    for (size_t i = 0; i < result.pairs.size(); ++i) {
      const ScoredPair& scored = result.pairs[i];
      const Record& ra = population.records[scored.a];
      const Record& rb = population.records[scored.b];
      DuplicatePair pair;
      pair.id = core::NewId();
      const bool a_first = ra.id < rb.id;
      pair.person_a = a_first ? ra.id : rb.id;
      pair.person_b = a_first ? rb.id : ra.id;
      pair.community_a = population.communities[a_first ? scored.a : scored.b];
      pair.community_b = population.communities[a_first ? scored.b : scored.a];
      const Score score = Explain(result.model, ra, rb);
      pair.probability = score.probability;
      pair.match_weight = score.match_weight;
      for (const FieldWeight& f : score.fields) {
        pair.evidence.push_back({std::string(Name(f.field)), std::string(Name(f.level)), f.weight});
      }
      // A pair whose records stayed apart (a weak cross link) is shown on its own.
      if (i < result.group_of_pair.size() && result.group_of_pair[i] != kNoGroup &&
          result.group_of_pair[i] < result.groups.size()) {
        const uint32_t g = result.group_of_pair[i];
        pair.group_id = GroupId(run.id, g);
        pair.group_size = static_cast<int64_t>(result.groups[g].size());
      }
      pair.run_id = run.id;
      pair.found_at = now;
      SOCIUS_RETURN_IF_ERROR(UpsertPair(tx, pair));
    }
    Result<int64_t> dropped = DropStalePairs(tx, run.id, path);
    if (!dropped.ok()) return dropped.status();
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return FinishRun(tx, run, result.model.ToJson().dump());
  });
  if (!stored.ok()) return stored;
  run.status = RunStatus::kDone;
  run.progress = 1;
  return Status::Ok();
}

Result<SearchRun> Deduplication::RunNow(const auth::Principal* who,
                                        const std::string& territory_code,
                                        const std::function<void(double)>& progress) {
  Result<SearchRun> run = Begin(who, territory_code);
  if (!run.ok()) return run.status();
  Result<std::string> path = RunPath(db_, run->territory_code);
  Status done = path.ok() ? Execute(*run, *path, progress) : path.status();
  if (!done.ok()) {
    (void)db_.Write([&](store::Session& tx) { return FailRun(tx, run->id, done.ToString()); });
    return done;
  }
  return run;
}

Result<SearchRun> Deduplication::StartRun(const auth::Principal& who,
                                          const std::string& territory_code) {
  Result<SearchRun> run = Begin(&who, territory_code);
  if (!run.ok()) return run.status();
  Result<std::string> found = RunPath(db_, run->territory_code);
  if (!found.ok()) {
    (void)db_.Write([&](store::Session& tx) { return FailRun(tx, run->id, "no territory"); });
    return found.status();
  }
  std::lock_guard lock(threads_mutex_);
  threads_.emplace_back([this, job = *run, path = *found]() mutable {
    auto last = std::chrono::steady_clock::now();
    Status done = Status::Ok();
    try {
      done = Execute(job, path, [&](double share) {
        // The progress bar polls the run: keep it moving without a write per step.
        const auto now = std::chrono::steady_clock::now();
        if (now - last < std::chrono::milliseconds(300)) return;
        last = now;
        (void)db_.Write([&](store::Session& tx) { return UpdateRunProgress(tx, job.id, share); });
      });
    } catch (const std::exception& e) {
      // Out of memory on a very large territory, say: the run fails, the server stays up.
      done = Status::Internal(e.what());
    }
    if (!done.ok()) {
      spdlog::error("duplicate search {}: {}", job.id, done.ToString());
      (void)db_.Write([&](store::Session& tx) { return FailRun(tx, job.id, done.ToString()); });
    }
  });
  return run;
}

Result<SearchRun> Deduplication::GetRun(const auth::Principal& who, const std::string& id) {
  return ReadOne<SearchRun>(db_,
                            [&](store::Session& tx) { return FindRun(tx, id, MergeScope(who)); });
}

Result<std::vector<SearchRun>> Deduplication::ListRuns(const auth::Principal& who,
                                                       const std::optional<std::string>& code) {
  std::vector<SearchRun> out;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<std::string> path = ListPath(tx, who, code);
    if (!path.ok()) return path.status();
    Result<std::vector<SearchRun>> runs = dedup::ListRuns(tx, *path, MergeScope(who), 10);
    if (!runs.ok()) return runs.status();
    out = std::move(*runs);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return out;
}

Status Deduplication::FailInterruptedRuns() {
  return db_.Write([&](store::Session& tx) {
    return dedup::FailInterruptedRuns(tx, "the server stopped during the run");
  });
}

Options Deduplication::EntryOptions() {
  Options options = options_;
  options.train = false;
  (void)db_.Read([&](store::Session& tx) -> Status {
    Result<std::optional<std::string>> model = LatestModel(tx);
    if (!model.ok()) return model.status();
    if (*model) {
      Json json = Json::parse(**model, nullptr, false);
      if (std::optional<Model> parsed = Model::FromJson(json)) {
        options.model = std::move(*parsed);
        // The names counted in another territory are neither needed here nor shown here.
        options.model.family_frequency.clear();
        options.model.given_frequency.clear();
      }
    }
    return Status::Ok();
  });
  return options;
}

}  // namespace socius::dedup
