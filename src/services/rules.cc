#include "services/rules.h"

#include <tuple>

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

Status CheckTransition(EnrolmentState from, const EnrolmentTransition& move, core::Date today) {
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
  return Status::Ok();
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

}  // namespace socius::services
