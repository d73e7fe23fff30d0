#include "benefits/card_wire.h"

#include "http/json_read.h"

namespace socius::benefits {

using core::Result;
using core::Status;
using Json = nlohmann::json;

namespace {

constexpr size_t kIdText = 64;
constexpr size_t kDateText = 10;
constexpr size_t kReasonText = 1000;

Json Opt(const std::optional<std::string>& value) { return value ? Json(*value) : Json(); }

}  // namespace

Result<CardInput> ReadCardInput(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"decision_id", "valid_until"}));
  if (!body.contains("decision_id") || body.at("decision_id").is_null()) {
    return Status::InvalidArgument("request.missing_field", "decision_id");
  }
  CardInput in;
  Result<std::optional<std::string>> decision = http::ReadText(body, "decision_id", kIdText);
  if (!decision.ok()) return decision.status();
  in.decision_id = decision->value_or("");
  if (body.contains("valid_until") && !body.at("valid_until").is_null()) {
    if (!body.at("valid_until").is_string()) {
      return Status::InvalidArgument("card.invalid_validity", "valid_until");
    }
    const std::string until = body.at("valid_until").get<std::string>();
    if (until.size() != kDateText) {
      return Status::InvalidArgument("card.invalid_validity", "valid_until");
    }
    in.valid_until = until;
  }
  return in;
}

Result<std::string> ReadRevocation(const Json& body) {
  if (!body.is_object()) return Status::InvalidArgument("request.wrong_type");
  SOCIUS_RETURN_IF_ERROR(http::JsonFields(body).OnlyAllowed({"reason"}));
  Result<std::optional<std::string>> reason = http::ReadText(body, "reason", kReasonText);
  if (!reason.ok()) return reason.status();
  return reason->value_or("");
}

Json EncodeCard(const BenefitCard& k) {
  auto user = [](const std::optional<UserRef>& u) {
    return u ? Json{{"id", u->id}, {"display_name", u->display_name}} : Json();
  };
  return Json{{"id", k.id},
              {"version", k.version},
              {"number", k.number},
              {"programme",
               {{"id", k.programme.id},
                {"name", k.programme.name},
                {"kind", std::string(Name(k.programme.kind))}}},
              {"household_id", k.household_id},
              {"household_name", k.household_name},
              {"community_code", k.community_code},
              {"community_name", k.community_name},
              {"decision_id", k.decision_id},
              {"valid_from", k.valid_from.ToString()},
              {"valid_until", k.valid_until.ToString()},
              {"state", std::string(Name(k.state))},
              {"revoke_reason", Opt(k.revoke_reason)},
              {"token", k.token},
              {"key_id", k.key_id},
              {"issued_by", user(k.issued_by)},
              {"issued_at", k.issued_at},
              {"revoked_by", user(k.revoked_by)},
              {"revoked_at", Opt(k.revoked_at)},
              {"created_at", k.created_at},
              {"updated_at", k.updated_at}};
}

Json EncodeVerdict(const CardVerdict& v) {
  Json out{{"status", std::string(Name(v.status))}};
  if (v.valid_until) out["valid_until"] = v.valid_until->ToString();
  return out;
}

Json EncodePublishedKeys(const std::vector<StoredCardKey>& keys) {
  Json items = Json::array();
  for (const StoredCardKey& k : keys) {
    items.push_back({{"key_id", k.id}, {"public_key", k.public_key}, {"created_at", k.created_at}});
  }
  return Json{{"keys", std::move(items)}};
}

}  // namespace socius::benefits
