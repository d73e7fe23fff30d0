#pragma once

// The decisions of the services room, as pure functions: a licence's status on a day, what a
// provider and a service must hold, the enrolment state machine, who holds a place, the
// waiting list's order, and whether a service serves where a person lives.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/model.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/status.h"
#include "services/model.h"

namespace socius::services {

// How many days before its end a licence is flagged as expiring.
inline constexpr int kLicenceWarningDays = 60;
inline constexpr int64_t kMaxCapacity = 100000;

// expired after `valid_until`; expiring from kLicenceWarningDays before it to the day itself;
// none without a date.
LicenceStatus LicenceStatusOn(const std::optional<core::Date>& valid_until, core::Date today);

// InvalidArgument("provider.name_required", "name").
core::Status CheckProvider(const Provider& provider);
// service.name_required, service.invalid_capacity (field capacity), service.price_required
// (field price).
core::Status CheckService(const Service& service);

// Whether an enrolment in `state` holds one of the service's places.
bool HoldsPlace(EnrolmentState state);
// Whether `state` is current (holds or waits for a place).
bool IsCurrent(EnrolmentState state);
// The states an enrolment in `from` may move to, in the order a screen offers them.
std::vector<EnrolmentState> AllowedTransitions(EnrolmentState from);
// Conflict("enrolment.invalid_transition", "to"); InvalidArgument("enrolment.reason_required",
// "reason") for a withdrawal, a suspension or an end without a reason;
// InvalidArgument("enrolment.invalid_date", "date") for a date after `today`, or before
// `since`, the day the place began (it cannot end or pause before it began).
core::Status CheckTransition(EnrolmentState from, const EnrolmentTransition& move, core::Date today,
                             std::optional<core::Date> since = std::nullopt);

// The moves a provider's staff may make: suspend or end a place in use, resume a suspended
// one. Offers, waiting lists and withdrawals stay with the social workers.
std::vector<EnrolmentState> StaffTransitions(EnrolmentState from);

// Day services count the days each person attends: day centres, rehabilitation for
// children, social canteens and respite care.
bool TracksAttendance(ServiceType type);
// The days of `month` recorded for an enrolment, sorted and without repeats: each a day of the
// month (InvalidArgument("attendance.invalid_day", "days")), not after `today`
// ("attendance.future_day"), and within the enrolment's place, from started_on to ended_on
// ("attendance.day_outside_enrolment"); the month itself must overlap the place up to today
// (InvalidArgument("attendance.month_outside_enrolment", "month")).
// Conflict("attendance.not_day_service") for a service that does not count days,
// Conflict("attendance.not_enrolled") for an enrolment that never held a place.
core::Result<std::vector<int>> CheckAttendance(const Enrolment& enrolment, core::Month month,
                                               std::vector<int> days, core::Date today);

// The answer an enrolment in `state` gives the referral it was made from: a place offered or
// taken accepts it, a turn on the waiting list is its waiting list, a withdrawal refuses it.
// None for the states that say nothing more (suspended, ended: the place was given).
std::optional<cases::ReferralAnswer> ReferralAnswerOf(EnrolmentState state);

// Whether `a` comes before `b` on a waiting list: priority, then who asked first, then id.
bool WaitsBefore(const Enrolment& a, const Enrolment& b);

// Where a person lives, and what a service serves.
struct Residence {
  std::string community_id;
  std::string community_path;
  std::optional<std::string> settlement_id;
};
// A service with no settlements listed serves everyone in its territory; otherwise the
// communities and settlements listed (a community listed covers all its settlements).
bool Serves(const std::string& service_territory_path, const std::vector<Place>& settlements,
            const Residence& residence);

// Whether `text` holds markup: '<' followed by a letter, '/', '!' or '?' (a tag, a comment,
// a processing instruction). Residents write plain text; nothing they send is HTML.
bool ContainsMarkup(std::string_view text);
// A resident's request: need, name and contact not blank, consent given, no markup.
// InvalidArgument("help.need_required" | "help.name_required" | "help.contact_required" |
// "help.consent_required" | "help.markup_not_allowed", field).
core::Status CheckHelpRequest(const HelpRequestInput& input);
// A resolution: an audience needs contact_id, a case case_id, a closure an answer; never
// back to open. InvalidArgument("help.invalid_outcome" | "help.contact_required_for_audience"
// | "help.case_required" | "help.answer_required", field).
core::Status CheckHelpResolution(const HelpResolution& resolution);

}  // namespace socius::services
