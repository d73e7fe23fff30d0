// The likely existing persons a registration may duplicate, as the server reports them
// (409 person.possible_duplicate with `matches`; docs/registry-api.md).
import { ApiError } from "../../api/client";
import type { Language, LikelyMatch, LikelyMatchReason } from "../../api/types";
import { formatPercent } from "../../i18n/format";
import type { MessageKey, Translate } from "../../i18n/i18n";

/** The matches of a `person.possible_duplicate` refusal; null for any other error. */
export function likelyMatchesOf(error: unknown): LikelyMatch[] | null {
  if (!(error instanceof ApiError) || error.code !== "person.possible_duplicate") return null;
  const matches = error.problem.matches;
  return Array.isArray(matches) ? (matches as LikelyMatch[]) : [];
}

export const MATCH_REASON: Record<LikelyMatchReason, MessageKey> = {
  identifier: "registry.duplicate.reason.identifier",
  name_and_birth_date: "registry.duplicate.reason.name_and_birth_date",
  name_birth_year_and_community: "registry.duplicate.reason.name_birth_year_and_community",
  probable: "registry.duplicate.reason.probable",
};

/** Why a registered person may be the new one, in words; `probable` with its probability ("99.7%"). */
export function matchReasonText(
  match: Pick<LikelyMatch, "reason" | "probability">,
  t: Translate,
  language: Language,
): string {
  if (match.reason === "probable") {
    return t(MATCH_REASON.probable, { probability: formatPercent(match.probability ?? 0, language) });
  }
  return t(MATCH_REASON[match.reason]);
}
