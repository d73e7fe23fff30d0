#include "benefits/benefits.h"

#include <algorithm>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "benefits/rules.h"
#include "benefits/stored.h"
#include "benefits/transact.h"
#include "cases/cases.h"
#include "core/ids.h"
#include "registry/subjects.h"

namespace socius::benefits {

using auth::Permission;
using core::Result;
using core::Status;

namespace {

constexpr size_t kMaxNote = 4000;

// Who sees programmes: holders of benefit.read or programme.manage, over their territories
// and beneath.
Visibility Reach(const auth::Principal& who) {
  std::vector<std::string> roots = auth::ScopePaths(who, Permission::kBenefitRead);
  for (std::string& root : auth::ScopePaths(who, Permission::kProgrammeManage)) {
    if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
  }
  return VisibilityOf(roots);
}

Result<Programme> VisibleProgramme(store::Session& tx, const auth::Principal& who,
                                   const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("programme.not_found");
  Result<Programme> found = FindProgramme(tx, id);
  if (!found.ok()) return found.status();
  if (!Visible(Reach(who), found->territory.path)) return Status::NotFound("programme.not_found");
  return found;
}

Result<Programme> ManagedProgramme(store::Session& tx, const auth::Principal& who,
                                   const std::string& id) {
  Result<Programme> p = VisibleProgramme(tx, who, id);
  if (!p.ok()) return p.status();
  SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kProgrammeManage, p->territory.path));
  return p;
}

std::vector<std::string> ReadScope(const auth::Principal& who) {
  return auth::ScopePaths(who, Permission::kBenefitRead);
}

bool Covers(const std::string& root, const std::string& path) {
  return auth::PathCovers(root, path);
}

template <typename T>
void Set(const std::optional<T>& value, T& field, Json& changed, const char* name) {
  if (!value || *value == field) return;
  field = *value;
  changed.push_back(name);
}

template <typename T>
void SetPatch(const Patch<T>& patch, std::optional<T>& field, Json& changed, const char* name) {
  if (!patch || *patch == field) return;
  field = *patch;
  changed.push_back(name);
}

bool SameRules(const std::vector<Rule>& a, const std::vector<Rule>& b) {
  return RulesJson(a) == RulesJson(b);
}

Json Apply(const ProgrammeInput& in, Programme& p) {
  Json changed = Json::array();
  Set(in.name, p.name, changed, "name");
  Set(in.kind, p.kind, changed, "kind");
  Set(in.status, p.status, changed, "status");
  Set(in.amount_rule, p.amount_rule, changed, "amount_rule");
  Set(in.amount_minor, p.amount_minor, changed, "amount_minor");
  Set(in.budget_period, p.budget_period, changed, "budget_period");
  Set(in.budget_minor, p.budget_minor, changed, "budget_minor");
  SetPatch(in.four_eyes_above_minor, p.four_eyes_above_minor, changed, "four_eyes_above_minor");
  if (in.rules && !SameRules(*in.rules, p.rules)) {
    p.rules = *in.rules;
    changed.push_back("rules");
  }
  Set(in.documents, p.documents, changed, "documents");
  SetPatch(in.description, p.description, changed, "description");
  return changed;
}

// --- applications ---

Result<core::Month> MonthField(const std::optional<std::string>& text, const char* field) {
  std::optional<core::Month> m = text ? core::ParseMonth(*text) : std::nullopt;
  if (!m) return Status::InvalidArgument("application.invalid_period", field);
  return *m;
}

// The declared incomes: each person a member, names as the registry has them.
Status CheckIncomes(store::Session& tx, const std::string& household_id,
                    std::vector<Income>& incomes) {
  Result<std::vector<Member>> members = MembersOf(tx, household_id);
  if (!members.ok()) return members.status();
  for (size_t i = 0; i < incomes.size(); ++i) {
    Income& in = incomes[i];
    in.person_name.reset();
    if (!in.person_id) continue;
    auto m = std::find_if(members->begin(), members->end(),
                          [&](const Member& x) { return x.id == *in.person_id; });
    if (m == members->end()) {
      return Status::InvalidArgument("application.not_member",
                                     "incomes[" + std::to_string(i) + "].person_id");
    }
    in.person_name = m->name;
  }
  return Status::Ok();
}

// The checklist: only the programme's documents, each once, and every one of them listed.
Result<std::vector<Document>> Checklist(const Programme& p, const std::vector<Document>& given) {
  std::vector<Document> out;
  for (size_t i = 0; i < given.size(); ++i) {
    const bool known =
        std::find(p.documents.begin(), p.documents.end(), given[i].name) != p.documents.end();
    const bool twice = std::any_of(given.begin(), given.begin() + static_cast<long>(i),
                                   [&](const Document& d) { return d.name == given[i].name; });
    if (!known || twice) {
      return Status::InvalidArgument("application.unknown_document",
                                     "documents[" + std::to_string(i) + "]");
    }
  }
  for (const std::string& name : p.documents) {
    bool provided = false;
    for (const Document& d : given) provided = provided || (d.name == name && d.provided);
    out.push_back({name, provided});
  }
  return out;
}

int64_t TotalIncome(const std::vector<Income>& incomes) {
  int64_t total = 0;
  for (const Income& in : incomes) total += in.monthly_amount_minor;
  return total;
}

// A free text (a note, a reason) of at most kMaxNote bytes.
Status CheckNote(const std::optional<std::string>& note, const char* field = "note") {
  if (note && note->size() > kMaxNote) {
    return Status::InvalidArgument("request.field_too_long", field)
        .With("max", std::to_string(kMaxNote));
  }
  return Status::Ok();
}

// The eligibility of the application as it now reads: the household's members and cases,
// with the income and residence declared on it.
Result<Eligibility> Evaluate(store::Session& tx, const Programme& p, const Application& a) {
  Result<HouseholdFacts> facts = FactsOf(tx, a.household_id, a.applicant_id, p.id, a.period_from);
  if (!facts.ok()) return facts.status();
  facts->monthly_income_minor = TotalIncome(a.incomes);
  if (a.resident_since) facts->resident_since = a.resident_since;
  return benefits::Evaluate(p, *facts, a.period_from);
}

// Applies the changeable fields of `in` to `a`, checks them and computes the eligibility.
Status Prepare(store::Session& tx, const Programme& p, const ApplicationInput& in, Application& a,
               core::Date today) {
  if (in.period_from) {
    Result<core::Month> from = MonthField(in.period_from, "period_from");
    if (!from.ok()) return from.status();
    a.period_from = *from;
  }
  if (in.period_to) {
    Result<core::Month> to = MonthField(in.period_to, "period_to");
    if (!to.ok()) return to.status();
    a.period_to = *to;
  }
  SOCIUS_RETURN_IF_ERROR(CheckPeriod(p, a.period_from, a.period_to, "period_to"));
  if (in.resident_since) {
    a.resident_since.reset();
    if (*in.resident_since) {
      a.resident_since = core::ParseDate(**in.resident_since);
      if (!a.resident_since || *a.resident_since > today) {
        return Status::InvalidArgument("application.future_date", "resident_since");
      }
    }
  }
  if (in.incomes) {
    a.incomes = *in.incomes;
    SOCIUS_RETURN_IF_ERROR(CheckIncomes(tx, a.household_id, a.incomes));
  }
  if (in.documents || a.documents.empty()) {
    Result<std::vector<Document>> docs = Checklist(p, in.documents.value_or(a.documents));
    if (!docs.ok()) return docs.status();
    a.documents = std::move(*docs);
  }
  if (in.note) a.note = *in.note;
  SOCIUS_RETURN_IF_ERROR(CheckNote(a.note));
  Result<Eligibility> e = Evaluate(tx, p, a);
  if (!e.ok()) return e.status();
  a.eligible = e->eligible;
  a.eligibility_json = EligibilityJson(*e).dump();
  return Status::Ok();
}

Result<Application> VisibleApplication(store::Session& tx, const auth::Principal& who,
                                       const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("application.not_found");
  Result<Application> a = FindApplication(tx, id);
  if (!a.ok()) return a.status();
  if (!auth::Allows(who, Permission::kBenefitRead, a->community_path)) {
    return Status::NotFound("application.not_found");
  }
  return a;
}

Result<Decision> VisibleDecision(store::Session& tx, const auth::Principal& who,
                                 const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("decision.not_found");
  Result<Decision> d = FindDecision(tx, id);
  if (!d.ok()) return d.status();
  if (!auth::Allows(who, Permission::kBenefitRead, d->community_path)) {
    return Status::NotFound("decision.not_found");
  }
  return d;
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action, const char* entity,
             const std::string& id, const std::string& territory_id, const Json& detail) {
  return auth::AppendAudit(tx, &who, {action, entity, id, territory_id, detail.dump()});
}

Status ChargeAll(store::Session& tx, const Programme& p, const Decision& d) {
  for (const Charge& c : ChargesOf(p.budget_period, d.amount_minor, d.period_from, d.period_to)) {
    SOCIUS_RETURN_IF_ERROR(Commit(tx, p, c.period, c.amount_minor));
  }
  return Status::Ok();
}

Status ReleaseMonths(store::Session& tx, const Programme& p, const Decision& d, core::Month from,
                     core::Month to) {
  if (to < from) return Status::Ok();
  for (const Charge& c : ChargesOf(p.budget_period, d.amount_minor, from, to)) {
    SOCIUS_RETURN_IF_ERROR(Release(tx, p.id, c.period, c.amount_minor));
  }
  return Status::Ok();
}

// A line on the timeline of every open case about the household or its members: the case
// worker sees that an application was made, decided or changed, with a link to it.
Status TellCases(store::Session& tx, const auth::Principal& who, const std::string& household_id,
                 Json detail) {
  // Only the cases of the caller's own communities: a case another community holds hears of
  // it from its own officers.
  Result<std::vector<OpenCase>> open =
      OpenCasesOf(tx, household_id, auth::ScopePaths(who, Permission::kBenefitWork));
  if (!open.ok()) return open.status();
  for (const OpenCase& c : *open) {
    SOCIUS_RETURN_IF_ERROR(
        cases::AddFiledRecordEvent(tx, who, c.id, "benefit", detail.dump(), c.child_case));
  }
  return Status::Ok();
}

Json DecisionLine(const char* event, const Decision& d) {
  return {{"event", event},
          {"decision_id", d.id},
          {"application_id", d.application_id},
          {"programme_name", d.programme.name},
          {"currency", std::string(Name(d.programme.currency))},
          {"outcome", std::string(Name(d.outcome))},
          {"state", std::string(Name(d.state))},
          {"amount_minor", d.amount_minor},
          {"period_from", d.period_from.ToString()},
          {"period_to", d.period_to.ToString()}};
}

int64_t SuggestedAmount(const Application& a) {
  Json e = Json::parse(a.eligibility_json, nullptr, false);
  if (e.is_discarded() || !e.contains("amount_minor") || !e["amount_minor"].is_number_integer()) {
    return 0;
  }
  return e["amount_minor"].get<int64_t>();
}

}  // namespace

// --- programmes ---

Result<Programme> Programmes::Create(const auth::Principal& who, const ProgrammeInput& input) {
  Programme p;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Place> place = FindPlace(tx, input.territory_code.value_or(""));
    if (!place.ok() || !Visible(Reach(who), place->path)) {
      return Status::NotFound("territory.not_found")
          .With("code", input.territory_code.value_or(""));
    }
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kProgrammeManage, place->path));
    p = Programme{};
    p.id = core::NewId();
    p.territory = *place;
    Apply(input, p);
    if (input.currency) p.currency = *input.currency;
    SOCIUS_RETURN_IF_ERROR(CheckProgramme(p));
    p.created_at = p.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertProgramme(tx, p));
    Json detail = {{"name", p.name},
                   {"kind", std::string(Name(p.kind))},
                   {"currency", std::string(Name(p.currency))}};
    SOCIUS_RETURN_IF_ERROR(
        Audit(tx, who, "programme.create", "programme", p.id, p.territory.id, detail));
    Result<Programme> stored = FindProgramme(tx, p.id);
    if (!stored.ok()) return stored.status();
    p = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return p;
}

Result<Programme> Programmes::Get(const auth::Principal& who, const std::string& id) {
  return ReadValue<Programme>(db_,
                              [&](store::Session& tx) { return VisibleProgramme(tx, who, id); });
}

Result<ProgrammePage> Programmes::List(const auth::Principal& who,
                                       const std::optional<std::string>& territory_code,
                                       std::optional<ProgrammeStatus> programme_status,
                                       const std::optional<std::string>& q,
                                       const std::string& after, int limit) {
  ProgrammePage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    const Visibility visible = Reach(who);
    ProgrammeFilter filter;
    filter.status = programme_status;
    filter.q = q;
    if (territory_code) {
      Result<Place> place = FindPlace(tx, *territory_code);
      if (!place.ok() || !Visible(visible, place->path)) {
        return Status::NotFound("territory.not_found").With("code", *territory_code);
      }
      filter.territory_path = place->path;
    }
    Result<ProgrammePage> found = ListProgrammes(tx, visible, filter, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Result<Programme> Programmes::Update(const auth::Principal& who, const std::string& id,
                                     int64_t expected_version, const ProgrammeInput& input) {
  Programme p;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Programme> found = ManagedProgramme(tx, who, id);
    if (!found.ok()) return found.status();
    p = std::move(*found);
    const int64_t old_budget = p.budget_minor;
    const BudgetPeriod old_period = p.budget_period;
    Json changed = Apply(input, p);
    SOCIUS_RETURN_IF_ERROR(CheckProgramme(p));
    if (p.budget_period != old_period) {
      // Budgets already committed are counted per period of the old kind.
      Result<store::Rows> used =
          tx.Query("SELECT 1 FROM programme_budgets WHERE programme_id = ? LIMIT 1", {p.id});
      if (!used.ok()) return used.status();
      if (!used->empty())
        return Status::Conflict("programme.invalid_budget_period", "budget_period");
    }
    if (p.budget_minor != old_budget) {
      Result<int64_t> over = tx.Exec(
          "UPDATE programme_budgets SET amount_minor = ? WHERE programme_id = ? AND own = 0 AND "
          "committed_minor <= ?",
          {p.budget_minor, p.id, p.budget_minor});
      if (!over.ok()) return over.status();
      Result<store::Rows> left = tx.Query(
          "SELECT 1 FROM programme_budgets WHERE programme_id = ? AND own = 0 AND "
          "amount_minor <> ?",
          {p.id, p.budget_minor});
      if (!left.ok()) return left.status();
      if (!left->empty()) return Status::Conflict("budget.below_committed", "budget_minor");
    }
    if (changed.empty()) return Status::Ok();
    p.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateProgramme(tx, p, expected_version));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "programme.update", "programme", p.id, p.territory.id,
                                 Json{{"changed", changed}}));
    Result<Programme> stored = FindProgramme(tx, p.id);
    if (!stored.ok()) return stored.status();
    p = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return p;
}

Result<std::vector<Budget>> Programmes::Budgets(const auth::Principal& who, const std::string& id,
                                                core::Month from, core::Month to) {
  const int64_t months = MonthsBetween(from, to);
  if (months < 1 || months > kMaxMonths) {
    return Status::InvalidArgument("benefit.invalid_month", "to");
  }
  std::vector<Budget> budgets;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Programme> p = VisibleProgramme(tx, who, id);
    if (!p.ok()) return p.status();
    std::vector<std::string> periods;
    for (const Charge& c : ChargesOf(p->budget_period, 0, from, to)) periods.push_back(c.period);
    Result<std::vector<Budget>> found = BudgetsOf(tx, *p, periods);
    if (!found.ok()) return found.status();
    budgets = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return budgets;
}

Result<Budget> Programmes::SetBudget(const auth::Principal& who, const std::string& id,
                                     const std::string& period, int64_t amount_minor) {
  Budget budget;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Programme> p = ManagedProgramme(tx, who, id);
    if (!p.ok()) return p.status();
    SOCIUS_RETURN_IF_ERROR(CheckBudgetPeriod(p->budget_period, period));
    Result<Budget> set = benefits::SetBudget(tx, *p, period, amount_minor);
    if (!set.ok()) return set.status();
    budget = *set;
    return Audit(tx, who, "programme.budget_update", "programme", p->id, p->territory.id,
                 Json{{"period", period}, {"amount_minor", amount_minor}});
  });
  if (!status.ok()) return status;
  return budget;
}

Result<Eligibility> Programmes::Explain(const auth::Principal& who, const std::string& id,
                                        const std::string& household_id, core::Month month) {
  Eligibility e;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Programme> p = VisibleProgramme(tx, who, id);
    if (!p.ok()) return p.status();
    if (!core::LooksLikeId(household_id)) return Status::NotFound("household.not_found");
    Result<registry::SubjectPlace> place =
        registry::HouseholdPlace(tx, household_id, ReadScope(who));
    if (!place.ok()) return place.status();
    if (!Covers(p->territory.path, place->community_path)) {
      return Status::InvalidArgument("application.outside_programme", "household_id");
    }
    Result<HouseholdFacts> facts = FactsOf(tx, household_id, std::nullopt, p->id, month);
    if (!facts.ok()) return facts.status();
    e = Evaluate(*p, *facts, month);
    return Audit(
        tx, who, "benefit.eligibility_check", "household", household_id, place->community_id,
        Json{{"programme_id", p->id}, {"month", month.ToString()}, {"eligible", e.eligible}});
  });
  if (!status.ok()) return status;
  return e;
}

Result<Preview> Programmes::PreviewOf(const auth::Principal& who, const std::string& id,
                                      const std::optional<std::string>& territory_code,
                                      core::Month month) {
  Preview preview;
  Place place;
  // The count reads a whole territory: a read transaction, so that it never holds the writer;
  // the audit entry follows in its own small write.
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<Programme> p = VisibleProgramme(tx, who, id);
    if (!p.ok()) return p.status();
    place = p->territory;
    if (territory_code) {
      Result<Place> asked = FindPlace(tx, *territory_code);
      if (!asked.ok() || !Covers(p->territory.path, asked->path) ||
          !Visible(Reach(who), asked->path)) {
        return Status::NotFound("territory.not_found").With("code", *territory_code);
      }
      place = *asked;
    }
    preview.programme_id = p->id;
    preview.territory_code = place.code;
    preview.month = month;
    preview.removed.assign(p->rules.size(), 0);
    const bool counts_income = std::any_of(p->rules.begin(), p->rules.end(), [](const Rule& r) {
      return r.kind == RuleKind::kIncomePerMember;
    });
    return ForEachHousehold(tx, place.path, Reach(who).roots, p->id, month,
                            [&](const HouseholdFacts& facts) {
                              ++preview.households;
                              if (counts_income && !facts.monthly_income_minor)
                                ++preview.unknown_income;
                              const Eligibility e = Evaluate(*p, facts, month);
                              if (std::optional<size_t> failing = FirstFailing(e)) {
                                ++preview.removed[*failing];
                              } else {
                                ++preview.eligible;
                                preview.cost_minor += e.amount_minor;
                              }
                            });
  });
  if (!status.ok()) return status;
  status = db_.Write([&](store::Session& tx) -> Status {
    return Audit(tx, who, "programme.preview", "programme", id, place.id,
                 Json{{"territory_code", place.code},
                      {"month", month.ToString()},
                      {"households", preview.households},
                      {"eligible", preview.eligible}});
  });
  if (!status.ok()) return status;
  return preview;
}

// --- applications ---

Result<Application> Applications::Create(const auth::Principal& who, const ApplicationInput& in) {
  Application a;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Programme> p = VisibleProgramme(tx, who, in.programme_id.value_or(""));
    if (!p.ok()) return p.status();
    const std::string household_id = in.household_id.value_or("");
    if (!core::LooksLikeId(household_id)) return Status::NotFound("household.not_found");
    Result<registry::SubjectPlace> place =
        registry::HouseholdPlace(tx, household_id, ReadScope(who));
    if (!place.ok()) return place.status();
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, place->community_path));
    if (p->status != ProgrammeStatus::kOpen) return Status::Conflict("programme.not_open");
    if (!Covers(p->territory.path, place->community_path)) {
      return Status::InvalidArgument("application.outside_programme", "household_id");
    }
    const std::string applicant = in.applicant_id.value_or("");
    Result<bool> member = registry::IsHouseholdMember(tx, household_id, applicant);
    if (!member.ok()) return member.status();
    if (!*member) return Status::InvalidArgument("application.not_member", "applicant_id");
    const core::Date today = core::Today();
    a = Application{};
    a.id = core::NewId();
    a.programme = {p->id, p->name, p->kind, p->currency};
    a.household_id = household_id;
    a.community_id = place->community_id;
    a.applicant_id = applicant;
    a.submitted_on = today;
    if (in.submitted_on) {
      std::optional<core::Date> on = core::ParseDate(*in.submitted_on);
      if (!on || *on > today)
        return Status::InvalidArgument("application.future_date", "submitted_on");
      a.submitted_on = *on;
    }
    Result<core::Month> from = MonthField(in.period_from, "period_from");
    if (!from.ok()) return from.status();
    a.period_from = a.period_to = *from;
    ApplicationInput rest = in;
    rest.period_from.reset();
    SOCIUS_RETURN_IF_ERROR(Prepare(tx, *p, rest, a, today));
    a.recorded_by = {who.user_id, who.display_name};
    a.created_at = a.updated_at = core::NowUtc();
    const int64_t income = TotalIncome(a.incomes);
    SOCIUS_RETURN_IF_ERROR(InsertApplication(tx, a, income));
    SOCIUS_RETURN_IF_ERROR(RememberIncome(tx, a, income));
    SOCIUS_RETURN_IF_ERROR(Audit(
        tx, who, "application.create", "application", a.id, a.community_id,
        Json{{"programme_id", p->id}, {"household_id", household_id}, {"eligible", a.eligible}}));
    SOCIUS_RETURN_IF_ERROR(TellCases(tx, who, household_id,
                                     {{"event", "applied"},
                                      {"application_id", a.id},
                                      {"programme_name", p->name},
                                      {"eligible", a.eligible},
                                      {"period_from", a.period_from.ToString()},
                                      {"period_to", a.period_to.ToString()}}));
    Result<Application> stored = FindApplication(tx, a.id);
    if (!stored.ok()) return stored.status();
    a = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

Result<Application> Applications::Get(const auth::Principal& who, const std::string& id) {
  Application a;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<Application> found = VisibleApplication(tx, who, id);
    if (!found.ok()) return found.status();
    a = std::move(*found);
    entries.push_back({"application.read", "application", a.id, a.community_id,
                       Json{{"household_id", a.household_id}}.dump()});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

Result<ApplicationPage> Applications::List(const auth::Principal& who,
                                           const ApplicationFilter& filter,
                                           const std::string& after, int limit) {
  return ReadValue<ApplicationPage>(db_, [&](store::Session& tx) {
    return ListApplications(tx, ReadScope(who), filter, after, limit);
  });
}

Result<Application> Applications::Update(const auth::Principal& who, const std::string& id,
                                         int64_t expected_version, const ApplicationInput& in) {
  Application a;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Application> found = VisibleApplication(tx, who, id);
    if (!found.ok()) return found.status();
    a = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, a.community_path));
    if (a.version != expected_version) return Status::Conflict("conflict.stale_version");
    if (a.state != ApplicationState::kSubmitted) {
      return Status::Conflict("application.not_submitted");
    }
    Result<Programme> p = FindProgramme(tx, a.programme.id);
    if (!p.ok()) return p.status();
    SOCIUS_RETURN_IF_ERROR(Prepare(tx, *p, in, a, core::Today()));
    a.updated_at = core::NowUtc();
    const int64_t income = TotalIncome(a.incomes);
    SOCIUS_RETURN_IF_ERROR(UpdateApplication(tx, a, income, expected_version));
    SOCIUS_RETURN_IF_ERROR(RememberIncome(tx, a, income));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "application.update", "application", a.id, a.community_id,
                                 Json{{"eligible", a.eligible}}));
    Result<Application> stored = FindApplication(tx, a.id);
    if (!stored.ok()) return stored.status();
    a = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

Result<Application> Applications::Withdraw(const auth::Principal& who, const std::string& id,
                                           int64_t expected_version, const std::string& reason) {
  Application a;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Application> found = VisibleApplication(tx, who, id);
    if (!found.ok()) return found.status();
    a = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, a.community_path));
    if (a.version != expected_version) return Status::Conflict("conflict.stale_version");
    if (a.state != ApplicationState::kSubmitted) {
      return Status::Conflict("application.not_submitted");
    }
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Status::InvalidArgument("application.reason_required", "reason");
    }
    SOCIUS_RETURN_IF_ERROR(CheckNote(reason, "reason"));
    a.state = ApplicationState::kWithdrawn;
    a.withdraw_reason = reason;
    a.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateApplication(tx, a, TotalIncome(a.incomes), expected_version));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "application.withdraw", "application", a.id,
                                 a.community_id, Json::object()));
    Result<Application> stored = FindApplication(tx, a.id);
    if (!stored.ok()) return stored.status();
    a = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return a;
}

// --- decisions ---

Result<Decision> Decisions::Decide(const auth::Principal& who, const std::string& application_id,
                                   int64_t expected_version, const DecisionInput& in) {
  Decision d;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Application> found = VisibleApplication(tx, who, application_id);
    if (!found.ok()) return found.status();
    Application a = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, a.community_path));
    if (a.version != expected_version) return Status::Conflict("conflict.stale_version");
    if (a.state != ApplicationState::kSubmitted) {
      return Status::Conflict("application.not_submitted");
    }
    if (!in.outcome) return Status::InvalidArgument("decision.invalid_outcome", "outcome");
    Result<Programme> p = FindProgramme(tx, a.programme.id);
    if (!p.ok()) return p.status();
    d = Decision{};
    d.id = core::NewId();
    d.application_id = a.id;
    d.programme = a.programme;
    d.household_id = a.household_id;
    d.community_id = a.community_id;
    d.outcome = *in.outcome;
    d.period_from = a.period_from;
    d.period_to = a.period_to;
    d.decided_by = {who.user_id, who.display_name};
    d.decided_at = d.created_at = d.updated_at = core::NowUtc();
    if (d.outcome == Outcome::kRejected) {
      if (!in.reason || in.reason->find_first_not_of(" \t\r\n") == std::string::npos) {
        return Status::InvalidArgument("decision.reason_required", "reason");
      }
      SOCIUS_RETURN_IF_ERROR(CheckNote(in.reason, "reason"));
      d.state = DecisionState::kRejected;
      d.reason = in.reason;
      d.amount_minor = 0;
    } else {
      if (p->status != ProgrammeStatus::kOpen) return Status::Conflict("programme.not_open");
      if (in.period_from) {
        Result<core::Month> from = MonthField(in.period_from, "period_from");
        if (!from.ok()) return from.status();
        d.period_from = *from;
      }
      if (in.period_to) {
        Result<core::Month> to = MonthField(in.period_to, "period_to");
        if (!to.ok()) return to.status();
        d.period_to = *to;
      }
      SOCIUS_RETURN_IF_ERROR(CheckPeriod(*p, d.period_from, d.period_to, "period_to"));
      d.amount_minor = in.amount_minor.value_or(SuggestedAmount(a));
      if (d.amount_minor <= 0 || d.amount_minor > kMaxAmountMinor) {
        return Status::InvalidArgument("benefit.invalid_amount", "amount_minor");
      }
      d.reason = in.reason;
      SOCIUS_RETURN_IF_ERROR(CheckNote(d.reason, "reason"));
      SOCIUS_RETURN_IF_ERROR(LockHolder(tx, p->id, d.household_id));
      Result<bool> overlaps = Overlaps(tx, p->id, d.household_id, d.period_from, d.period_to, d.id);
      if (!overlaps.ok()) return overlaps.status();
      if (*overlaps) return Status::Conflict("decision.overlapping_period", "period_from");
      SOCIUS_RETURN_IF_ERROR(ChargeAll(tx, *p, d));
      // The threshold weighs this grant with what the household was granted over the twelve
      // months before it: a grant split in pieces still needs a second approver.
      Result<int64_t> earlier =
          ApprovedTotal(tx, p->id, d.household_id, AddMonths(d.period_from, -12), d.period_to);
      if (!earlier.ok()) return earlier.status();
      const int64_t total = d.amount_minor * MonthsBetween(d.period_from, d.period_to);
      d.state = NeedsSecondApproval(*p, total + *earlier) ? DecisionState::kAwaitingApproval
                                                          : DecisionState::kActive;
    }
    SOCIUS_RETURN_IF_ERROR(InsertDecision(tx, d));
    a.state = ApplicationState::kDecided;
    a.decision_id = d.id;
    a.updated_at = d.updated_at;
    SOCIUS_RETURN_IF_ERROR(UpdateApplication(tx, a, TotalIncome(a.incomes), expected_version));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "decision.create", "decision", d.id, d.community_id,
                                 Json{{"application_id", a.id},
                                      {"outcome", std::string(Name(d.outcome))},
                                      {"state", std::string(Name(d.state))},
                                      {"amount_minor", d.amount_minor},
                                      {"period_from", d.period_from.ToString()},
                                      {"period_to", d.period_to.ToString()}}));
    SOCIUS_RETURN_IF_ERROR(TellCases(tx, who, d.household_id, DecisionLine("decided", d)));
    Result<Decision> stored = FindDecision(tx, d.id);
    if (!stored.ok()) return stored.status();
    d = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return d;
}

Result<Decision> Decisions::Get(const auth::Principal& who, const std::string& id) {
  return ReadValue<Decision>(db_, [&](store::Session& tx) { return VisibleDecision(tx, who, id); });
}

Result<DecisionPage> Decisions::List(const auth::Principal& who, const DecisionFilter& filter,
                                     const std::string& after, int limit) {
  return ReadValue<DecisionPage>(db_, [&](store::Session& tx) {
    return ListDecisions(tx, ReadScope(who), filter, after, limit);
  });
}

Result<Decision> Decisions::Move(const auth::Principal& who, const std::string& id,
                                 int64_t expected_version, const DecisionTransition& move) {
  Decision d;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<Decision> found = VisibleDecision(tx, who, id);
    if (!found.ok()) return found.status();
    d = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, d.community_path));
    if (d.version != expected_version) return Status::Conflict("conflict.stale_version");
    SOCIUS_RETURN_IF_ERROR(CheckTransition(d.state, move));
    Result<Programme> p = FindProgramme(tx, d.programme.id);
    if (!p.ok()) return p.status();
    const DecisionState from = d.state;
    if (from == DecisionState::kAwaitingApproval && move.to == DecisionState::kActive) {
      if (who.user_id == d.decided_by.id) return Status::PermissionDenied("decision.same_approver");
      d.second_approver = UserRef{who.user_id, who.display_name};
      d.second_approved_at = core::NowUtc();
    } else if (move.to == DecisionState::kRejected) {
      SOCIUS_RETURN_IF_ERROR(ReleaseMonths(tx, *p, d, d.period_from, d.period_to));
    } else if (move.to == DecisionState::kEnded) {
      core::Month last = core::MonthOf(core::Today());
      if (move.month) {
        std::optional<core::Month> m = core::ParseMonth(*move.month);
        if (!m) return Status::InvalidArgument("decision.invalid_month", "month");
        last = *m;
      }
      // The last month paid lies in the period, and not before a month already on a payment
      // list: what was listed is paid, and its budget stays spent.
      if (last < d.period_from || last > d.period_to) {
        return Status::InvalidArgument("decision.invalid_month", "month");
      }
      Result<std::optional<core::Month>> listed = LastListedMonth(tx, d);
      if (!listed.ok()) return listed.status();
      if (*listed && last < **listed) {
        return Status::Conflict("decision.month_listed", "month")
            .With("listed", (*listed)->ToString());
      }
      SOCIUS_RETURN_IF_ERROR(ReleaseMonths(tx, *p, d, AddMonths(last, 1), d.period_to));
      d.ended_on_month = last;
      d.period_to = last;
    }
    if (move.reason) SOCIUS_RETURN_IF_ERROR(CheckNote(move.reason, "reason"));
    if (move.to == DecisionState::kRejected || move.to == DecisionState::kSuspended ||
        move.to == DecisionState::kEnded) {
      d.reason = move.reason;
    }
    d.state = move.to;
    d.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateDecision(tx, d, expected_version));
    Json detail = {{"from", std::string(Name(from))}, {"to", std::string(Name(move.to))}};
    if (move.reason) detail["reason"] = *move.reason;
    if (d.ended_on_month) detail["month"] = d.ended_on_month->ToString();
    SOCIUS_RETURN_IF_ERROR(
        Audit(tx, who, "decision.state_change", "decision", d.id, d.community_id, detail));
    Json line = DecisionLine("moved", d);
    line["from"] = std::string(Name(from));
    if (move.reason) line["reason"] = *move.reason;
    SOCIUS_RETURN_IF_ERROR(TellCases(tx, who, d.household_id, std::move(line)));
    Result<Decision> stored = FindDecision(tx, d.id);
    if (!stored.ok()) return stored.status();
    d = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return d;
}

std::vector<DecisionState> TransitionsFor(const auth::Principal& who, const Decision& d) {
  std::vector<DecisionState> out;
  if (!auth::Allows(who, Permission::kBenefitWork, d.community_path)) return out;
  for (DecisionState s : AllowedTransitions(d.state)) {
    if (d.state == DecisionState::kAwaitingApproval && s == DecisionState::kActive &&
        who.user_id == d.decided_by.id) {
      continue;
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace socius::benefits
