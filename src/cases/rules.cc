#include "cases/rules.h"

#include <algorithm>
#include <cstdio>

namespace socius::cases {

using core::Result;
using core::Status;

const std::vector<CaseState>& AllowedTransitions(CaseState from) {
  using S = CaseState;
  static const std::vector<S> kFromIntake = {S::kAssessment, S::kClosed};
  static const std::vector<S> kFromAssessment = {S::kPlanning, S::kClosed};
  static const std::vector<S> kFromPlanning = {S::kInService, S::kAssessment, S::kClosed};
  static const std::vector<S> kFromInService = {S::kMonitoring, S::kPlanning, S::kClosed};
  static const std::vector<S> kFromMonitoring = {S::kInService, S::kPlanning, S::kClosed};
  static const std::vector<S> kFromClosed = {S::kAssessment};
  switch (from) {
    case S::kIntake:
      return kFromIntake;
    case S::kAssessment:
      return kFromAssessment;
    case S::kPlanning:
      return kFromPlanning;
    case S::kInService:
      return kFromInService;
    case S::kMonitoring:
      return kFromMonitoring;
    case S::kClosed:
      return kFromClosed;
  }
  return kFromClosed;
}

bool IsOpen(CaseState state) { return state != CaseState::kClosed; }

Result<TransitionEffect> DecideTransition(const TransitionRequest& r) {
  const std::vector<CaseState>& allowed = AllowedTransitions(r.from);
  if (std::find(allowed.begin(), allowed.end(), r.to) == allowed.end()) {
    return Status::Conflict("case.invalid_transition", "to");
  }
  // While a head of service decides on a closure the case stays where it is.
  if (r.closure_pending) return Status::Conflict("case.closure_pending", "to");
  if (r.to != CaseState::kClosed) return TransitionEffect::kMove;
  const bool has_reason = r.reason && !r.reason->empty();
  if (r.open_actions > 0 && !has_reason) {
    return Status::Conflict("case.open_actions", "reason")
        .With("count", std::to_string(r.open_actions));
  }
  if (r.child_case && !r.can_supervise) return TransitionEffect::kRequestClosure;
  return TransitionEffect::kMove;
}

bool IsChildCase(Category category, std::optional<int> subject_age) {
  return category == Category::kChildAtRisk || (subject_age && *subject_age < 18);
}

std::string DefaultNumberPrefix(std::string_view community_code) {
  const size_t colon = community_code.find(':');
  const std::string_view local =
      colon == std::string_view::npos ? community_code : community_code.substr(colon + 1);
  std::string prefix;
  for (char c : local) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) prefix.push_back(c);
    if (prefix.size() == 12) break;
  }
  return prefix.empty() ? "C" : prefix;
}

Status CheckNumberPrefix(std::string_view prefix) {
  const bool shaped = !prefix.empty() && prefix.size() <= 12 &&
                      std::all_of(prefix.begin(), prefix.end(), [](char c) {
                        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                      });
  if (!shaped) return Status::InvalidArgument("case.invalid_prefix", "number_prefix");
  return Status::Ok();
}

std::string FormatCaseNumber(std::string_view prefix, int year, int64_t sequence) {
  char tail[32];
  std::snprintf(tail, sizeof tail, "-%04d-%06lld", year, static_cast<long long>(sequence));
  return std::string(prefix) + tail;
}

Status CheckContact(const Contact& c, core::Date today) {
  const bool visit = c.kind == ContactKind::kHomeVisit;
  if (!visit && c.status != ContactStatus::kDone) {
    return Status::InvalidArgument("contact.status_not_allowed", "status");
  }
  if (c.date > today && c.status != ContactStatus::kPlanned) {
    return Status::InvalidArgument("contact.future_done", "date");
  }
  const bool office = c.kind == ContactKind::kAudience || c.kind == ContactKind::kPhoneCall;
  if (office && !c.reason) return Status::InvalidArgument("contact.reason_required", "reason");
  if (c.status != ContactStatus::kDone && c.outcome) {
    return Status::InvalidArgument("contact.outcome_not_allowed", "outcome");
  }
  return Status::Ok();
}

bool IsOpen(ActionStatus status) {
  return status == ActionStatus::kPlanned || status == ActionStatus::kInProgress;
}

bool IsOverdue(const PlanAction& action, core::Date today) {
  return IsOpen(action.status) && action.deadline < today;
}

Status CheckDeadline(core::Date deadline, core::Date opened) {
  if (deadline < opened) {
    return Status::InvalidArgument("plan.deadline_before_opening", "deadline")
        .With("opened", opened.ToString());
  }
  return Status::Ok();
}

Status CheckReferralAnswer(const Referral& r) {
  if (r.answer == ReferralAnswer::kRefused && (!r.answer_reason || r.answer_reason->empty())) {
    return Status::InvalidArgument("referral.reason_required", "answer_reason");
  }
  if (r.answered_on && *r.answered_on < r.referred_on) {
    return Status::InvalidArgument("referral.answer_before_referral", "answered_on");
  }
  return Status::Ok();
}

}  // namespace socius::cases
