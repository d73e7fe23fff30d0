#pragma once

// The decisions of the cases room, as pure functions: the case state machine, when a closure
// needs a reason or a head of service's approval, case numbers, which contacts make sense, and
// when a plan action is overdue. No database, no clock (today is given), no JSON.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/status.h"

namespace socius::cases {

// The states a case in `from` may move to (docs/cases-api.md, "States"): forward one step
// without skipping assessment, back to planning or assessment for a reassessment, closed from
// any open state, and a closed case reopens into assessment.
const std::vector<CaseState>& AllowedTransitions(CaseState from);
bool IsOpen(CaseState state);

// What a request to move a case to `to` does.
enum class TransitionEffect {
  kMove,            // the case changes state now
  kRequestClosure,  // a child's case closed by a worker: a closure request for a head
};

struct TransitionRequest {
  CaseState from = CaseState::kIntake;
  CaseState to = CaseState::kIntake;
  bool child_case = false;
  bool closure_pending = false;  // a closure request waits for a head of service
  int open_actions = 0;          // plan actions planned or in progress
  std::optional<std::string> reason;
  bool can_supervise = false;  // the caller holds case.supervise over the case
};

// Conflict "case.invalid_transition" (field "to") when `to` is not allowed from `from`;
// Conflict "case.closure_pending" while a closure request waits; Conflict "case.open_actions"
// when closing with open actions and no reason.
core::Result<TransitionEffect> DecideTransition(const TransitionRequest& request);

// A child's case: opened for a child at risk, or about a person under 18 on the day it opens.
bool IsChildCase(Category category, std::optional<int> subject_age);

// The default number prefix of a community: the letters and digits of its code after the
// country ("MD:0481" → "0481", "UA:UA05020030000096562" → "UA05020030000096562" cut to 12).
std::string DefaultNumberPrefix(std::string_view community_code);
// 1..12 characters of [A-Z0-9]: InvalidArgument("case.invalid_prefix", "number_prefix").
core::Status CheckNumberPrefix(std::string_view prefix);
// "0481-2026-000123".
std::string FormatCaseNumber(std::string_view prefix, int year, int64_t sequence);

// A contact's kind, status, date and reason together: only a home visit may be planned or
// missed ("contact.status_not_allowed", field "status"); a contact after `today` must be
// planned ("contact.future_done", field "date"); audiences and phone calls need a reason
// ("contact.reason_required", field "reason"); a missed or planned visit has no outcome
// ("contact.outcome_not_allowed", field "outcome").
core::Status CheckContact(const Contact& contact, core::Date today);

// Planned or in progress, with its deadline before `today`.
bool IsOverdue(const PlanAction& action, core::Date today);
bool IsOpen(ActionStatus status);
// The deadline may not fall before the day the case opened ("plan.deadline_before_opening").
core::Status CheckDeadline(core::Date deadline, core::Date opened);

// A refusal needs its reason ("referral.reason_required", field "answer_reason"); an answer
// before the referral ("referral.answer_before_referral", field "answered_on").
core::Status CheckReferralAnswer(const Referral& referral);

}  // namespace socius::cases
