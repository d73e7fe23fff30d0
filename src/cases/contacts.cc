#include "cases/contacts.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "auth/users.h"
#include "cases/access.h"
#include "cases/cases.h"
#include "cases/rules.h"
#include "core/ids.h"

namespace socius::cases {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

// What the audit and the timeline record of a contact (never its free-text notes).
Json Summary(const Contact& c) {
  Json j = {{"contact_id", c.id},
            {"kind", std::string(Name(c.kind))},
            {"status", std::string(Name(c.status))},
            {"date", c.date.ToString()},
            {"worker_id", c.worker.id}};
  if (c.reason) j["reason"] = std::string(Name(*c.reason));
  if (c.outcome) j["outcome"] = std::string(Name(*c.outcome));
  return j;
}

// The timeline line also carries what was done and seen, for the case file.
Json TimelineDetail(const Contact& c) {
  Json j = Summary(c);
  j["worker"] = c.worker.display_name;
  if (c.action_taken) j["action_taken"] = *c.action_taken;
  if (c.present) j["present"] = *c.present;
  if (c.observations) j["observations"] = *c.observations;
  if (c.next_steps) j["next_steps"] = *c.next_steps;
  return j;
}

// The case a contact is put on: one the caller works on, about the same subject.
Result<Case> CaseFor(store::Session& tx, const auth::Principal& who, const std::string& case_id,
                     const Contact& contact) {
  Result<Case> found = core::LooksLikeId(case_id) ? FindCase(tx, case_id, core::Today())
                                                  : Result<Case>(Status::NotFound("x"));
  if (!found.ok() || !AccessTo(who, *found).work) {
    return Status::InvalidArgument("contact.case_not_found", "case_id");
  }
  if (found->state == CaseState::kClosed) return Status::Conflict("case.closed", "case_id");
  if (found->community_id != contact.community_id) {
    return Status::InvalidArgument("contact.case_other_community", "case_id");
  }
  return found;
}

// May the caller see this contact? Its case's content, or case.work over the community.
Result<bool> MaySee(store::Session& tx, const auth::Principal& who, const Contact& c) {
  if (!c.case_id) return auth::Allows(who, Permission::kCaseWork, c.community_path);
  Result<Case> found = FindCase(tx, *c.case_id, core::Today());
  if (!found.ok()) return found.status();
  return AccessTo(who, *found).content;
}

Status CheckContactWorker(store::Session& tx, Contact& c) {
  Result<std::optional<auth::Principal>> worker = auth::ActivePrincipalIn(tx, c.worker.id);
  if (!worker.ok()) return worker.status();
  if (!*worker || !auth::Allows(**worker, Permission::kCaseWork, c.community_path)) {
    return Status::InvalidArgument("contact.worker_not_eligible", "worker_id");
  }
  c.worker.display_name = (*worker)->display_name;
  return Status::Ok();
}

void Apply(const ContactInput& in, Contact& c) {
  if (in.kind) c.kind = *in.kind;
  if (in.status) c.status = *in.status;
  if (in.date) c.date = *in.date;
  if (in.time) c.time = *in.time;
  if (in.reason) c.reason = *in.reason;
  if (in.action_taken) c.action_taken = *in.action_taken;
  if (in.outcome) c.outcome = *in.outcome;
  if (in.worker_id) c.worker.id = *in.worker_id;
  if (in.present) c.present = *in.present;
  if (in.observations) c.observations = *in.observations;
  if (in.next_steps) c.next_steps = *in.next_steps;
}

Status WriteAll(store::Session& tx, const auth::Principal& who, const Contact& c,
                const std::optional<Case>& on_case, const char* action) {
  if (on_case) {
    CaseEvent e;
    e.id = core::NewId();
    e.case_id = on_case->id;
    e.at = core::NowUtc();
    e.actor = UserRef{who.user_id, who.display_name};
    e.kind = "contact";
    e.detail_json = TimelineDetail(c).dump();
    SOCIUS_RETURN_IF_ERROR(InsertEvent(tx, e, c.community_id));
  }
  return auth::AppendAudit(tx, &who, {action, "contact", c.id, c.community_id, Summary(c).dump()});
}

}  // namespace

Result<Contact> Contacts::Record(const auth::Principal& who, const ContactInput& input) {
  Contact c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<SubjectInfo> subject = SubjectToWorkOn(tx, who, input.subject_kind, input.subject_id);
    if (!subject.ok()) return subject.status();
    c.id = core::NewId();
    c.subject = subject->subject;
    c.community_id = subject->community_id;
    c.community_code = subject->community_code;
    c.community_path = subject->community_path;
    c.worker.id = who.user_id;
    Apply(input, c);
    SOCIUS_RETURN_IF_ERROR(CheckContact(c, core::Today()));
    SOCIUS_RETURN_IF_ERROR(CheckContactWorker(tx, c));
    std::optional<Case> on_case;
    if (input.case_id && *input.case_id) {
      Result<Case> found = CaseFor(tx, who, **input.case_id, c);
      if (!found.ok()) return found.status();
      on_case = std::move(*found);
      c.case_id = on_case->id;
    }
    c.created_at = c.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertContact(tx, c, who.user_id));
    SOCIUS_RETURN_IF_ERROR(WriteAll(tx, who, c, on_case, "contact.create"));
    Result<Contact> stored = FindContact(tx, c.id);
    if (!stored.ok()) return stored.status();
    c = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return c;
}

Result<Contact> Contacts::Get(const auth::Principal& who, const std::string& id) {
  Contact c;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    if (!core::LooksLikeId(id)) return Status::NotFound("contact.not_found");
    Result<Contact> found = FindContact(tx, id);
    if (!found.ok()) return found.status();
    Result<bool> visible = MaySee(tx, who, *found);
    if (!visible.ok()) return visible.status();
    if (!*visible) return Status::NotFound("contact.not_found");
    c = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return c;
}

Result<Contact> Contacts::Update(const auth::Principal& who, const std::string& id,
                                 int64_t expected_version, const ContactInput& input) {
  Contact c;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    if (!core::LooksLikeId(id)) return Status::NotFound("contact.not_found");
    Result<Contact> found = FindContact(tx, id);
    if (!found.ok()) return found.status();
    Result<bool> visible = MaySee(tx, who, *found);
    if (!visible.ok()) return visible.status();
    if (!*visible || !auth::Allows(who, Permission::kCaseWork, found->community_path)) {
      return Status::NotFound("contact.not_found");
    }
    if (found->version != expected_version) return Status::Conflict("conflict.stale_version");
    c = std::move(*found);
    const Json before = TimelineDetail(c);
    const std::optional<std::string> old_case = c.case_id;
    Apply(input, c);
    SOCIUS_RETURN_IF_ERROR(CheckContact(c, core::Today()));
    SOCIUS_RETURN_IF_ERROR(CheckContactWorker(tx, c));
    std::optional<Case> on_case;
    if (input.case_id) c.case_id = *input.case_id;
    if (c.case_id) {
      Result<Case> target = CaseFor(tx, who, *c.case_id, c);
      if (!target.ok() && !(c.case_id == old_case)) return target.status();
      if (target.ok()) on_case = std::move(*target);
    }
    if (TimelineDetail(c) == before && c.case_id == old_case) return Status::Ok();
    c.version = expected_version + 1;
    c.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateContact(tx, c, expected_version));
    SOCIUS_RETURN_IF_ERROR(WriteAll(tx, who, c, on_case, "contact.update"));
    Result<Contact> stored = FindContact(tx, c.id);
    if (!stored.ok()) return stored.status();
    c = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return c;
}

Result<ContactPage> Contacts::List(const auth::Principal& who, const ContactFilter& filter,
                                   const std::string& after, int limit) {
  ContactFilter f = filter;
  f.scope = auth::ScopePaths(who, Permission::kCaseWork);
  f.viewer = ViewerOf(who);
  ContactPage page;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    Result<ContactPage> found = ListContacts(tx, f, after, limit);
    if (!found.ok()) return found.status();
    page = std::move(*found);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return page;
}

Status CheckLinkableContact(store::Session& tx, const auth::Principal& who,
                            const std::string& contact_id, const std::string& community_id) {
  const Status missing = Status::InvalidArgument("case.link_not_found", "contact_id");
  if (!core::LooksLikeId(contact_id)) return missing;
  Result<Contact> found = FindContact(tx, contact_id);
  if (!found.ok())
    return found.status().kind() == core::StatusKind::kNotFound ? missing : found.status();
  if (found->community_id != community_id) return missing;
  Result<bool> sees = MaySee(tx, who, *found);
  if (!sees.ok()) return sees.status();
  return *sees ? Status::Ok() : missing;
}

Status CheckLinkableCase(store::Session& tx, const auth::Principal& who, const std::string& case_id,
                         const std::string& community_id) {
  const Status missing = Status::InvalidArgument("case.link_not_found", "case_id");
  if (!core::LooksLikeId(case_id)) return missing;
  Result<Case> found = FindCase(tx, case_id, core::Today());
  if (!found.ok())
    return found.status().kind() == core::StatusKind::kNotFound ? missing : found.status();
  if (found->community_id != community_id || !AccessTo(who, *found).work) return missing;
  return Status::Ok();
}

}  // namespace socius::cases
