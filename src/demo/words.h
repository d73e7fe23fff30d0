#pragma once

// The words of each community's records, in its language: what workers write in contacts,
// cases, plans and referrals, and the names of its providers, services and programmes.

#include <string>
#include <vector>

#include "demo/names.h"

namespace socius::demo {

struct Words {
  std::string language;  // ISO 639-1 of the registry's "languages"
  std::string phone_prefix;
  std::vector<std::string> advice;        // an audience's or call's action taken
  std::vector<std::string> observations;  // a home visit's
  std::vector<std::string> next_steps;
  std::vector<std::string> missed;   // why a visit did not happen
  std::vector<std::string> opening;  // a case's opening reason, by cases::Category order
  std::vector<std::string> goals;
  std::vector<std::string> actions;
  std::vector<std::string> outside_responsible;  // a plan action's responsible outside Socius
  std::vector<std::string> outside_providers;    // a referral outside the catalogue
  std::string refusal;
  std::string closure;
  std::string closure_unfounded;
  std::string public_provider;
  std::string ngo_provider;
  std::string ngo_legal_id;
  std::string day_centre, home_care, canteen, counselling;
  std::string service_end;
  std::string aid, grant, heating, card;  // programme names
  std::vector<std::string> documents;
  std::string rejection;
  std::string withdrawal;
  std::string returned;
  std::string violence_details;
};

const Words& WordsOf(Country country);

}  // namespace socius::demo
