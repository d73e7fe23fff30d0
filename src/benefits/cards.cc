#include "benefits/cards.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <utility>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "benefits/card_token.h"
#include "benefits/cards_repository.h"
#include "benefits/repository.h"
#include "benefits/transact.h"
#include "cases/rules.h"
#include "core/ids.h"

namespace socius::benefits {

using auth::Permission;
using core::Result;
using core::Status;
using Json = nlohmann::json;

std::string_view Name(CardState state) {
  return state == CardState::kActive ? "active" : "revoked";
}

std::optional<CardState> ParseCardState(std::string_view name) {
  if (name == "active") return CardState::kActive;
  if (name == "revoked") return CardState::kRevoked;
  return std::nullopt;
}

std::string_view Name(CardStatus status) {
  switch (status) {
    case CardStatus::kValid:
      return "valid";
    case CardStatus::kExpired:
      return "expired";
    case CardStatus::kNotYetValid:
      return "not_yet_valid";
    case CardStatus::kRevoked:
      return "revoked";
    case CardStatus::kInvalid:
      break;
  }
  return "invalid";
}

core::Date CardEnd(core::Date today, int years) {
  core::Date same{today.year + years, today.month, today.day};
  // 29 February of a year that has none: the card runs to the last day of February.
  if (!core::IsValidDate(same.year, same.month, same.day)) same = {same.year, 3, 1};
  return core::AddDays(same, -1);
}

CardFaceLabels CardLabelsIn(std::string_view language) {
  if (language == "ro") return {"Nr.", "Valabil până la"};
  if (language == "uk") return {"№", "Дійсна до"};
  if (language == "ru") return {"№", "Действительна до"};
  if (language == "mk") return {"Бр.", "Важи до"};
  if (language == "lt") return {"Nr.", "Galioja iki"};
  return {"No.", "Valid until"};
}

std::string CardScheme(const std::string& programme_id) { return programme_id.substr(0, 8); }

namespace {

Result<BenefitCard> VisibleCard(store::Session& tx, const auth::Principal& who,
                                const std::string& id) {
  if (!core::LooksLikeId(id)) return Status::NotFound("card.not_found");
  Result<BenefitCard> k = FindCard(tx, id);
  if (!k.ok()) return k.status();
  if (!auth::Allows(who, Permission::kBenefitRead, k->community_path)) {
    return Status::NotFound("card.not_found");
  }
  return k;
}

auth::AuditEvent AuditEventOf(const char* action, const BenefitCard& k, const Json& detail) {
  return {action, "card", k.id, k.community_id, detail.dump()};
}

Status Audit(store::Session& tx, const auth::Principal& who, const char* action,
             const BenefitCard& k, const Json& detail) {
  return auth::AppendAudit(tx, &who, AuditEventOf(action, k, detail));
}

struct SigningKey {
  std::string id;
  CardSigningKey key;
};

// The newest stored key, or, when there is none yet, the first one: made here unless a
// concurrent first issue stored its own meanwhile (then that one signs, for both).
Result<SigningKey> NewestKey(store::Session& tx) {
  Result<std::vector<StoredCardKey>> keys = CardKeys(tx);
  if (!keys.ok()) return keys.status();
  if (keys->empty()) {
    CardSigningKey made = GenerateCardKey();
    SOCIUS_RETURN_IF_ERROR(
        InsertFirstCardKey(tx, {made.public_key().KeyId(), CardPublicKeyBase64(made.public_key()),
                                CardSigningKeyBase64(made), core::NowUtc()}));
    keys = CardKeys(tx);
    if (!keys.ok()) return keys.status();
    if (keys->empty()) return Status::Internal("no card signing key after storing one");
  }
  Result<CardSigningKey> key = ParseCardSigningKey(keys->front().secret_key);
  if (!key.ok()) return Status::Internal("the stored card signing key cannot be read");
  return SigningKey{keys->front().id, std::move(*key)};
}

std::string CardNumber(const std::string& community_code, int year, int64_t sequence) {
  char tail[32];
  std::snprintf(tail, sizeof tail, "-%04d-%06lld", year, static_cast<long long>(sequence));
  return cases::DefaultNumberPrefix(community_code) + tail;
}

}  // namespace

Result<BenefitCard> Cards::Issue(const auth::Principal& who, const CardInput& in) {
  BenefitCard k;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    if (!core::LooksLikeId(in.decision_id)) return Status::NotFound("decision.not_found");
    Result<Decision> d = FindDecision(tx, in.decision_id);
    if (!d.ok()) return d.status();
    if (!auth::Allows(who, Permission::kBenefitRead, d->community_path)) {
      return Status::NotFound("decision.not_found");
    }
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, d->community_path));
    if (d->programme.kind != ProgrammeKind::kLargeFamilyCard) {
      return Status::InvalidArgument("card.not_a_card_programme", "decision_id");
    }
    if (d->state != DecisionState::kActive) return Status::Conflict("card.decision_not_active");
    const core::Date today = core::Today();
    core::Date until = CardEnd(today, kCardDefaultYears);
    if (in.valid_until) {
      std::optional<core::Date> asked = core::ParseDate(*in.valid_until);
      if (!asked || *asked < today || *asked > CardEnd(today, kCardMaxYears)) {
        return Status::InvalidArgument("card.invalid_validity", "valid_until");
      }
      until = *asked;
    }
    // Issues for one household follow one another, so the check below sees the other's card.
    SOCIUS_RETURN_IF_ERROR(LockHolder(tx, d->programme.id, d->household_id));
    Result<bool> active = HasActiveCard(tx, d->programme.id, d->household_id);
    if (!active.ok()) return active.status();
    if (*active) return Status::Conflict("card.already_active");
    Result<SigningKey> key = NewestKey(tx);
    if (!key.ok()) return key.status();
    Result<int64_t> sequence = NextCardSequence(tx, d->community_id, today.year);
    if (!sequence.ok()) return sequence.status();

    k = BenefitCard{};
    k.id = core::NewId();
    k.number = CardNumber(d->community_code, today.year, *sequence);
    k.programme = d->programme;
    k.household_id = d->household_id;
    k.community_id = d->community_id;
    k.decision_id = d->id;
    k.valid_from = today;
    k.valid_until = until;
    k.state = CardState::kActive;
    Result<std::string> token =
        SignCard({k.number, CardScheme(k.programme.id), today, until, today}, key->key);
    if (!token.ok()) return token.status();
    k.token = std::move(*token);
    k.key_id = key->id;
    k.issued_by = {who.user_id, who.display_name};
    k.issued_at = k.created_at = k.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(InsertCard(tx, k));
    SOCIUS_RETURN_IF_ERROR(Audit(tx, who, "card.issue", k,
                                 Json{{"number", k.number},
                                      {"decision_id", k.decision_id},
                                      {"household_id", k.household_id},
                                      {"valid_from", k.valid_from.ToString()},
                                      {"valid_until", k.valid_until.ToString()},
                                      {"key_id", k.key_id}}));
    Result<BenefitCard> stored = FindCard(tx, k.id);
    if (!stored.ok()) return stored.status();
    k = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return k;
}

Result<BenefitCard> Cards::Get(const auth::Principal& who, const std::string& id) {
  return ReadValue<BenefitCard>(db_, [&](store::Session& tx) { return VisibleCard(tx, who, id); });
}

Result<CardPage> Cards::List(const auth::Principal& who, const CardFilter& filter,
                             const std::string& after, int limit) {
  return ReadValue<CardPage>(db_, [&](store::Session& tx) {
    return ListCards(tx, auth::ScopePaths(who, Permission::kBenefitRead), filter, after, limit);
  });
}

Result<BenefitCard> Cards::Revoke(const auth::Principal& who, const std::string& id,
                                  int64_t expected_version, const std::string& reason) {
  BenefitCard k;
  Status status = db_.Write([&](store::Session& tx) -> Status {
    Result<BenefitCard> found = VisibleCard(tx, who, id);
    if (!found.ok()) return found.status();
    k = std::move(*found);
    SOCIUS_RETURN_IF_ERROR(auth::Require(who, Permission::kBenefitWork, k.community_path));
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
      return Status::InvalidArgument("card.reason_required", "reason");
    }
    if (reason.size() > kMaxRevokeReason) {
      return Status::InvalidArgument("request.field_too_long", "reason");
    }
    if (k.version != expected_version) return Status::Conflict("conflict.stale_version");
    if (k.state != CardState::kActive) return Status::Conflict("card.not_active");
    k.state = CardState::kRevoked;
    k.revoke_reason = reason;
    k.revoked_by = UserRef{who.user_id, who.display_name};
    k.revoked_at = k.updated_at = core::NowUtc();
    SOCIUS_RETURN_IF_ERROR(UpdateCardState(tx, k, expected_version));
    SOCIUS_RETURN_IF_ERROR(
        Audit(tx, who, "card.revoke", k, Json{{"number", k.number}, {"reason", reason}}));
    Result<BenefitCard> stored = FindCard(tx, k.id);
    if (!stored.ok()) return stored.status();
    k = std::move(*stored);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return k;
}

Result<PrintedCard> Cards::Print(const auth::Principal& who, const std::string& id, CardSheet sheet,
                                 std::string_view language) {
  std::string pdf;
  std::string number;
  Status status = auth::AuditedRead(db_, who, [&](store::Session& tx, auto& entries) -> Status {
    Result<BenefitCard> k = VisibleCard(tx, who, id);
    if (!k.ok()) return k.status();
    // A revoked card printed again would be handed out as if it were good.
    if (k->state != CardState::kActive) return Status::Conflict("card.not_active");
    number = k->number;
    CardFace face;
    face.programme = k->programme.name;
    face.territory = k->community_name;
    if (!k->household_name.empty()) face.holder_lines.push_back(k->household_name);
    face.card_number = k->number;
    face.valid_until = k->valid_until;
    face.token = k->token;
    face.labels = CardLabelsIn(language);
    Result<std::string> rendered = RenderCardPdf(face, sheet);
    if (!rendered.ok()) return rendered.status();
    pdf = std::move(*rendered);
    entries.push_back(AuditEventOf("card.print", *k,
                                   Json{{"number", k->number},
                                        {"layout", sheet == CardSheet::kCardSize ? "card" : "a4"},
                                        {"state", std::string(Name(k->state))}}));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return PrintedCard{std::move(number), std::move(pdf)};
}

Result<CardVerdict> Cards::Verify(std::string_view token, core::Date today) {
  CardVerdict verdict;
  Status status = db_.Read([&](store::Session& tx) -> Status {
    verdict = CardVerdict{};
    Result<std::vector<StoredCardKey>> keys = CardKeys(tx);
    if (!keys.ok()) return keys.status();
    std::vector<CardPublicKey> known;
    for (const StoredCardKey& stored : *keys) {
      Result<CardPublicKey> key = ParseCardPublicKey(stored.public_key);
      if (key.ok()) known.push_back(*key);
    }
    Result<CardCheck> check = VerifyCardToken(token, known, today);
    if (!check.ok()) return Status::Ok();  // malformed, altered or of an unknown key
    Result<std::optional<BenefitCard>> card = FindCardByNumber(tx, check->payload.card_number);
    if (!card.ok()) return card.status();
    // A well-signed token no card carries (another installation's, or one never issued).
    if (!*card || (*card)->token != token) return Status::Ok();
    verdict.valid_until = check->payload.valid_until;
    if ((*card)->state == CardState::kRevoked) {
      verdict.status = CardStatus::kRevoked;
    } else if (check->validity == CardValidity::kExpired) {
      verdict.status = CardStatus::kExpired;
    } else if (check->validity == CardValidity::kNotYetValid) {
      verdict.status = CardStatus::kNotYetValid;
    } else {
      verdict.status = CardStatus::kValid;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return verdict;
}

Result<std::vector<StoredCardKey>> Cards::PublishedKeys() {
  Result<std::vector<StoredCardKey>> keys =
      ReadValue<std::vector<StoredCardKey>>(db_, [](store::Session& tx) { return CardKeys(tx); });
  if (!keys.ok()) return keys.status();
  for (StoredCardKey& k : *keys) k.secret_key.clear();
  return keys;
}

}  // namespace socius::benefits
