import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { listHelpRequests } from "../../api/helpRequests";
import { useI18n } from "../../i18n/i18n";
import { waitingCount } from "./rules";
import "./intake.css";

/** How many of the open queue are read to say how many wait (beyond: "more than"). */
const COUNTED = 100;

/**
 * The line on "Today" that says how many residents' requests for help wait for an answer,
 * linking to the queue; nothing when none waits, or when the queue cannot be read (Today's
 * other lists still show).
 */
export function WaitingRequests() {
  const { t } = useI18n();
  const [waiting, setWaiting] = useState<{ count: number; more: boolean } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    listHelpRequests({ state: "open", limit: COUNTED }, controller.signal).then(
      (page) => setWaiting(waitingCount(page)),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  if (!waiting || waiting.count === 0) return null;
  return (
    <p className="waiting-requests" data-testid="today-help-requests">
      <Link to="/help-requests">
        {waiting.more
          ? t("today.helpRequestsMore", { count: waiting.count })
          : t("today.helpRequests", { count: waiting.count })}
      </Link>
    </p>
  );
}
