import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { listDecisions } from "../../api/benefits";
import type { Decision } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { Money } from "./parts";
import { awaitingMyApproval } from "./rules";

/**
 * On the home page of those who decide on benefits: the decisions waiting for a second approval
 * that the user may give (never their own). Shown only when there are some; a failed read shows
 * nothing, as the decisions page says it.
 */
export function AwaitingApprovals() {
  const { t } = useI18n();
  const { user } = useSession();
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const userId = user?.id ?? "";

  useEffect(() => {
    let current = true;
    listDecisions({ state: "awaiting_approval", limit: 50 }).then(
      (page) => current && setDecisions(awaitingMyApproval(page.items, userId)),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [userId]);

  if (decisions.length === 0) return null;
  return (
    <section aria-labelledby="awaiting-approvals-title" data-testid="awaiting-approvals">
      <h2 id="awaiting-approvals-title">{t("benefits.awaitingMyApproval")}</h2>
      <ul className="plain-list">
        {decisions.slice(0, 10).map((d) => (
          <li key={d.id}>
            <Link to={`/benefits/decisions/${encodeURIComponent(d.id)}`}>{d.household_name}</Link> · {d.programme.name} ·{" "}
            <Money minor={d.total_minor} currency={d.programme.currency} /> · {d.decided_by.display_name}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/benefits/decisions?tab=mine">{t("benefits.allAwaiting")}</Link>
      </p>
    </section>
  );
}
