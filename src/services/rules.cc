#include "services/rules.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "text/normalize.h"

namespace socius::services {

using core::Status;

namespace {

bool Blank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

LicenceStatus LicenceStatusOn(const std::optional<core::Date>& valid_until, core::Date today) {
  if (!valid_until) return LicenceStatus::kNone;
  if (today > *valid_until) return LicenceStatus::kExpired;
  if (core::AddDays(today, kLicenceWarningDays) >= *valid_until) return LicenceStatus::kExpiring;
  return LicenceStatus::kValid;
}

Status CheckProvider(const Provider& provider) {
  if (Blank(provider.name)) return Status::InvalidArgument("provider.name_required", "name");
  return Status::Ok();
}

Status CheckService(const Service& service) {
  if (Blank(service.name)) return Status::InvalidArgument("service.name_required", "name");
  if (service.capacity < 0 || service.capacity > kMaxCapacity) {
    return Status::InvalidArgument("service.invalid_capacity", "capacity")
        .With("max", std::to_string(kMaxCapacity));
  }
  if (!service.free && !service.price) {
    return Status::InvalidArgument("service.price_required", "price");
  }
  return Status::Ok();
}

bool HoldsPlace(EnrolmentState state) {
  return state == EnrolmentState::kOffered || state == EnrolmentState::kActive ||
         state == EnrolmentState::kSuspended;
}

bool IsCurrent(EnrolmentState state) {
  return HoldsPlace(state) || state == EnrolmentState::kWaiting;
}

std::vector<EnrolmentState> AllowedTransitions(EnrolmentState from) {
  using S = EnrolmentState;
  switch (from) {
    case S::kWaiting:
      return {S::kWithdrawn};
    case S::kOffered:
      return {S::kActive, S::kWithdrawn};
    case S::kActive:
      return {S::kSuspended, S::kEnded};
    case S::kSuspended:
      return {S::kActive, S::kEnded};
    case S::kEnded:
    case S::kWithdrawn:
      return {};
  }
  return {};
}

Status CheckTransition(EnrolmentState from, const EnrolmentTransition& move, core::Date today,
                       std::optional<core::Date> since) {
  bool allowed = false;
  for (EnrolmentState s : AllowedTransitions(from)) allowed = allowed || s == move.to;
  if (!allowed) {
    return Status::Conflict("enrolment.invalid_transition", "to")
        .With("from", std::string(Name(from)))
        .With("to", std::string(Name(move.to)));
  }
  const bool needs_reason = move.to == EnrolmentState::kWithdrawn ||
                            move.to == EnrolmentState::kSuspended ||
                            move.to == EnrolmentState::kEnded;
  if (needs_reason && (!move.reason || Blank(*move.reason))) {
    return Status::InvalidArgument("enrolment.reason_required", "reason");
  }
  if (move.date && *move.date > today) {
    return Status::InvalidArgument("enrolment.invalid_date", "date");
  }
  if (move.date && since && *move.date < *since) {
    return Status::InvalidArgument("enrolment.invalid_date", "date")
        .With("since", since->ToString());
  }
  return Status::Ok();
}

std::vector<EnrolmentState> StaffTransitions(EnrolmentState from) {
  if (from != EnrolmentState::kActive && from != EnrolmentState::kSuspended) return {};
  return AllowedTransitions(from);
}

bool TracksAttendance(ServiceType type) {
  return type == ServiceType::kDayCentre || type == ServiceType::kChildRehabilitation ||
         type == ServiceType::kSocialCanteen || type == ServiceType::kRespiteCare;
}

core::Result<std::vector<int>> CheckAttendance(const Enrolment& enrolment, core::Month month,
                                               std::vector<int> days, core::Date today) {
  if (!TracksAttendance(enrolment.service_type)) {
    return Status::Conflict("attendance.not_day_service");
  }
  if (!enrolment.started_on) return Status::Conflict("attendance.not_enrolled");
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const int last = core::DaysIn(month);
  for (int day : days) {
    if (day < 1 || day > last) {
      return Status::InvalidArgument("attendance.invalid_day", "days")
          .With("day", std::to_string(day));
    }
    const core::Date on{month.year, month.month, day};
    if (on > today) {
      return Status::InvalidArgument("attendance.future_day", "days").With("date", on.ToString());
    }
    if (on < *enrolment.started_on || (enrolment.ended_on && on > *enrolment.ended_on)) {
      return Status::InvalidArgument("attendance.day_outside_enrolment", "days")
          .With("date", on.ToString());
    }
  }
  // Even with no day, the month must overlap the place up to today: no rows for months the
  // place never held.
  const core::Date until =
      enrolment.ended_on && *enrolment.ended_on < today ? *enrolment.ended_on : today;
  if (core::LastDay(month) < *enrolment.started_on || core::FirstDay(month) > until) {
    return Status::InvalidArgument("attendance.month_outside_enrolment", "month")
        .With("month", month.ToString());
  }
  return days;
}

std::optional<cases::ReferralAnswer> ReferralAnswerOf(EnrolmentState state) {
  switch (state) {
    case EnrolmentState::kOffered:
    case EnrolmentState::kActive:
      return cases::ReferralAnswer::kAccepted;
    case EnrolmentState::kWaiting:
      return cases::ReferralAnswer::kWaitingList;
    case EnrolmentState::kWithdrawn:
      return cases::ReferralAnswer::kRefused;
    case EnrolmentState::kSuspended:
    case EnrolmentState::kEnded:
      return std::nullopt;
  }
  return std::nullopt;
}

bool WaitsBefore(const Enrolment& a, const Enrolment& b) {
  return std::tie(a.priority, a.requested_at, a.id) < std::tie(b.priority, b.requested_at, b.id);
}

bool Serves(const std::string& service_territory_path, const std::vector<Place>& settlements,
            const Residence& residence) {
  if (settlements.empty()) {
    // Paths end in '/', so a prefix is a subtree ('/RO/RO:10/' does not cover '/RO/RO:101/').
    return !service_territory_path.empty() && service_territory_path.back() == '/' &&
           residence.community_path.starts_with(service_territory_path);
  }
  for (const Place& p : settlements) {
    if (p.id == residence.community_id) return true;
    if (residence.settlement_id && p.id == *residence.settlement_id) return true;
  }
  return false;
}

bool ContainsMarkup(std::string_view text) {
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] != '<') continue;
    const unsigned char next = static_cast<unsigned char>(text[i + 1]);
    if (std::isalpha(next) || next == '/' || next == '!' || next == '?') return true;
  }
  return false;
}

Status CheckHelpRequest(const HelpRequestInput& in) {
  if (Blank(in.need)) return Status::InvalidArgument("help.need_required", "need");
  if (Blank(in.name)) return Status::InvalidArgument("help.name_required", "name");
  if (Blank(in.contact)) return Status::InvalidArgument("help.contact_required", "contact");
  // Named here: the views below must not outlive it (value_or returns a temporary).
  const std::string for_whom = in.for_whom.value_or("");
  struct Field {
    std::string_view name;
    std::string_view text;
  };
  const Field fields[] = {
      {"need", in.need}, {"for_whom", for_whom}, {"name", in.name}, {"contact", in.contact}};
  for (const Field& f : fields) {
    if (ContainsMarkup(f.text)) {
      return Status::InvalidArgument("help.markup_not_allowed", std::string(f.name));
    }
  }
  // The same limits for the page's form as for the JSON body, in characters.
  struct Limit {
    std::string_view name;
    std::string_view text;
    size_t max;
  };
  const Limit limits[] = {{"need", in.need, 2000},
                          {"for_whom", for_whom, 200},
                          {"name", in.name, 200},
                          {"contact", in.contact, 200}};
  for (const Limit& l : limits) {
    if (text::CodePointLength(l.text) > l.max) {
      return Status::InvalidArgument("request.field_too_long", std::string(l.name))
          .With("max", std::to_string(l.max));
    }
  }
  if (!in.consent) return Status::InvalidArgument("help.consent_required", "consent");
  return Status::Ok();
}

Status CheckHelpResolution(const HelpResolution& r) {
  switch (r.outcome) {
    case HelpState::kOpen:
      return Status::InvalidArgument("help.invalid_outcome", "outcome");
    case HelpState::kAudience:
      if (!r.contact_id)
        return Status::InvalidArgument("help.contact_required_for_audience", "contact_id");
      break;
    case HelpState::kCase:
      if (!r.case_id) return Status::InvalidArgument("help.case_required", "case_id");
      break;
    case HelpState::kClosed:
      if (!r.answer || Blank(*r.answer))
        return Status::InvalidArgument("help.answer_required", "answer");
      break;
  }
  return Status::Ok();
}

}  // namespace socius::services
