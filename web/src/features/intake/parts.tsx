// Small pieces the intake screens share: the state of a request in words (never by colour
// alone), and a resident's contact as a link to call or write when it reads as one.
import type { HelpState } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { intakeLabel } from "./labels";
import { contactHref } from "./rules";
// The registry's and the cases' styles hold the shared record, badge, list and form rules.
import "../registry/registry.css";
import "../cases/cases.css";
import "./intake.css";

export function HelpStateBadge({ state }: { state: HelpState }) {
  const { t } = useI18n();
  return <span className={`badge help-state help-${state}`}>{intakeLabel("state", state, t)}</span>;
}

export function ResidentContact({ contact }: { contact: string }) {
  const href = contactHref(contact);
  return href ? <a href={href}>{contact}</a> : <>{contact}</>;
}
