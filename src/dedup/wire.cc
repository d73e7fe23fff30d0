// The JSON of the deduplication room (see wire.h).
#include "dedup/wire.h"

#include <utility>

#include "dedup/merge.h"
#include "registry/wire.h"

namespace socius::dedup {

using core::Result;
using core::Status;
using http::Json;

namespace {

Json Opt(const std::optional<std::string>& text) { return text ? Json(*text) : Json(); }

Json Hit(const registry::PersonSummary& person, core::Date today) {
  return registry::EncodeHit(registry::SearchHit{person, registry::MatchKind::kExact}, today);
}

Json Common(const DuplicatePair& p) {
  Json evidence = Json::array();
  for (const Evidence& e : p.evidence) {
    evidence.push_back({{"field", e.field}, {"level", e.level}, {"weight", e.weight}});
  }
  return Json{{"id", p.id},
              {"version", p.version},
              {"status", std::string(Name(p.status))},
              {"probability", p.probability},
              {"match_weight", p.match_weight},
              {"group_id", Opt(p.group_id)},
              {"group_size", p.group_size},
              {"evidence", std::move(evidence)},
              {"found_at", p.found_at},
              {"run_id", Opt(p.run_id)},
              {"decided_at", Opt(p.decided_at)},
              {"decided_by", Opt(p.decided_by)},
              {"merge_id", Opt(p.merge_id)}};
}

Json Counts(const std::map<std::string, int64_t>& counts) {
  Json out = Json::object();
  for (const auto& [kind, n] : counts) out[kind] = n;
  return out;
}

Json Side(const registry::Person& person, const Attached& attached,
          const std::optional<registry::Household>& household, core::Date today) {
  Json out = registry::EncodePerson(person, today);
  Json counts = Json::object();
  for (const std::string& kind : AttachedKinds()) {
    auto it = attached.counts.find(kind);
    counts[kind] = it == attached.counts.end() ? 0 : it->second;
  }
  out["attached"] = std::move(counts);
  if (household) {
    Json members = Json::array();
    for (const registry::HouseholdMember& m : household->members) {
      members.push_back({{"person_id", m.person_id},
                         {"given_name", m.given_name},
                         {"family_name", m.family_name},
                         {"relationship", std::string(registry::Name(m.relationship))}});
    }
    out["household"] = Json{{"id", household->id}, {"members", std::move(members)}};
  } else {
    out["household"] = nullptr;
  }
  return out;
}

Result<std::vector<std::string>> ReadNames(const Json& body, const char* field) {
  std::vector<std::string> out;
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array() || it->size() > 64) {
    return Status::InvalidArgument("request.wrong_type", field, "an array of names");
  }
  for (size_t i = 0; i < it->size(); ++i) {
    const Json& item = (*it)[i];
    const std::string name = std::string(field) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) return Status::InvalidArgument("request.wrong_type", name, "a name");
    if (item.get<std::string>().size() > 64) {
      return Status::InvalidArgument("request.field_too_long", name, "too long").With("max", "64");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

Json EncodePair(const DuplicatePair& pair, core::Date today) {
  Json out = Common(pair);
  out["a"] = Hit(pair.a, today);
  out["b"] = Hit(pair.b, today);
  out["a"]["match"] = "list";
  out["b"]["match"] = "list";
  return out;
}

Json EncodePairDetail(const PairDetail& detail, core::Date today) {
  Json out = Common(detail.pair);
  out["a"] = Side(detail.a, detail.attached_a, detail.household_a, today);
  out["b"] = Side(detail.b, detail.attached_b, detail.household_b, today);
  return out;
}

Json EncodeMerge(const Merge& merge) {
  return Json{{"id", merge.id},
              {"version", merge.version},
              {"survivor_id", merge.survivor_id},
              {"merged_id", merge.merged_id},
              {"pair_id", Opt(merge.pair_id)},
              {"survivor_name", merge.survivor_name},
              {"merged_name", merge.merged_name},
              {"moved", Counts(merge.moved)},
              {"taken", merge.taken},
              {"merged_at", merge.merged_at},
              {"merged_by", Opt(merge.merged_by)},
              {"undone_at", Opt(merge.undone_at)},
              {"undone_by", Opt(merge.undone_by)}};
}

Json EncodeRun(const SearchRun& run) {
  return Json{{"id", run.id},
              {"territory_code", run.territory_code},
              {"territory_name", run.territory_name},
              {"status", std::string(Name(run.status))},
              {"progress", run.progress},
              {"records", run.records},
              {"candidate_pairs", run.candidate_pairs},
              {"proposed_pairs", run.proposed_pairs},
              {"groups", run.groups},
              {"seconds", run.seconds},
              {"started_at", run.started_at},
              {"finished_at", Opt(run.finished_at)},
              {"started_by", Opt(run.started_by)},
              {"error", Opt(run.error)}};
}

Result<MergeRequest> ReadMergeRequest(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type", "", "an object");
  http::JsonFields fields(body);
  SOCIUS_RETURN_IF_ERROR(
      fields.OnlyAllowed({"survivor_id", "survivor_version", "merged_id", "merged_version",
                          "take_from_merged", "keep_from_survivor", "pair_id"}));
  MergeRequest out;
  Result<std::string> survivor = fields.RequiredString("survivor_id", 64);
  if (!survivor.ok()) return survivor.status();
  out.survivor_id = *survivor;
  Result<std::string> merged = fields.RequiredString("merged_id", 64);
  if (!merged.ok()) return merged.status();
  out.merged_id = *merged;
  for (auto [name, into] : {std::pair{"survivor_version", &out.survivor_version},
                            std::pair{"merged_version", &out.merged_version}}) {
    Result<std::optional<int64_t>> v = fields.OptionalInt(name);
    if (!v.ok()) return v.status();
    if (!*v) return Status::InvalidArgument("request.missing_field", name, "required");
    *into = **v;
  }
  Result<std::vector<std::string>> take = ReadNames(body, "take_from_merged");
  if (!take.ok()) return take.status();
  out.take_from_merged = std::move(*take);
  Result<std::vector<std::string>> keep = ReadNames(body, "keep_from_survivor");
  if (!keep.ok()) return keep.status();
  out.keep_from_survivor = std::move(*keep);
  Result<std::optional<std::string>> pair = fields.OptionalString("pair_id", 64);
  if (!pair.ok()) return pair.status();
  out.pair_id = *pair;
  return out;
}

}  // namespace socius::dedup
