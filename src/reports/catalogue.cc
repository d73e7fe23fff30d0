#include "reports/catalogue.h"

namespace socius::reports {

std::string_view Name(Unit unit) {
  switch (unit) {
    case Unit::kCount:
      return "count";
    case Unit::kMoney:
      return "money";
    case Unit::kDays:
      return "days";
  }
  return "count";
}

const std::vector<Indicator>& Indicators() {
  static const std::vector<Indicator> indicators = {
      {"audiences", "contacts", Unit::kCount, {"reason"}},
      {"phone_calls", "contacts", Unit::kCount, {"reason"}},
      {"home_visits_done", "contacts", Unit::kCount, {}},
      {"home_visits_missed", "contacts", Unit::kCount, {}},
      {"meetings", "contacts", Unit::kCount, {}},
      {"persons_served", "contacts", Unit::kCount, {}},
      {"households_served", "contacts", Unit::kCount, {}},
      {"households_screened", "screening", Unit::kCount, {}},
      {"households_vulnerable", "screening", Unit::kCount, {"flag"}},
      {"cases_opened", "cases", Unit::kCount, {"category", "risk_level"}},
      {"cases_closed", "cases", Unit::kCount, {"category"}},
      {"cases_active", "cases", Unit::kCount, {"category", "risk_level"}},
      {"plan_actions_overdue", "cases", Unit::kCount, {"agency"}},
      {"referrals", "referrals", Unit::kCount, {"service_type", "answer"}},
      {"enrolments_started", "services", Unit::kCount, {"service_type"}},
      {"enrolments_active", "services", Unit::kCount, {"service_type"}},
      {"waiting", "services", Unit::kCount, {"service_type"}},
      {"longest_wait_days", "services", Unit::kDays, {}, true, "waiting"},
      {"applications", "benefits", Unit::kCount, {"programme"}},
      {"decisions_approved", "benefits", Unit::kCount, {"programme"}},
      {"decisions_rejected", "benefits", Unit::kCount, {"programme"}},
      {"aid_beneficiaries", "benefits", Unit::kCount, {"programme"}},
      {"aid_amount", "benefits", Unit::kMoney, {"programme"}, false, "aid_beneficiaries"},
      {"cards_issued", "benefits", Unit::kCount, {}},
  };
  return indicators;
}

const Indicator* FindIndicator(std::string_view name) {
  for (const Indicator& indicator : Indicators()) {
    if (indicator.name == name) return &indicator;
  }
  return nullptr;
}

}  // namespace socius::reports
