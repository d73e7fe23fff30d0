import { Link } from "react-router-dom";
import type { Contact } from "../../api/types";
import { LoadMore } from "../../components/forms";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { codeLabel } from "./labels";

/** Contacts newest first; each says what, when, who, why and with what result. */
export function ContactList({
  contacts,
  more,
  busy,
  onMore,
  openCaseLinks,
}: {
  contacts: readonly Contact[];
  more: boolean;
  busy: boolean;
  onMore: () => void;
  /** Offer "Open a case from this contact" on contacts that belong to no case. */
  openCaseLinks?: boolean;
}) {
  const { t, language } = useI18n();
  return (
    <>
      <ul className="contact-list">
        {contacts.map((contact) => {
          const subject = contact.person
            ? `person=${encodeURIComponent(contact.person.id)}`
            : contact.household
              ? `household=${encodeURIComponent(contact.household.id)}`
              : null;
          return (
            <li key={contact.id} data-testid="contact">
              <strong>{codeLabel("contactKind", contact.kind, t)}</strong>
              <span>
                {formatCalendarDate(contact.date, language)}
                {contact.time ? ` ${contact.time}` : null}
              </span>
              {contact.status !== "done" ? (
                <span className="badge">{codeLabel("contactStatus", contact.status, t)}</span>
              ) : null}
              {contact.reason ? <span>{codeLabel("reason", contact.reason, t)}</span> : null}
              {contact.outcome ? <span>→ {codeLabel("outcome", contact.outcome, t)}</span> : null}
              <span className="item-meta">
                {contact.worker.display_name}
                {contact.person ? ` · ${contact.person.name}` : null}
                {contact.household ? ` · ${t("cases.householdOf", { name: contact.household.name })}` : null}
              </span>
              {contact.action_taken ? (
                <p className="timeline-text">
                  <strong>{t("cases.contact.action_taken")}:</strong> {contact.action_taken}
                </p>
              ) : null}
              {contact.present ? (
                <p className="timeline-text">
                  <strong>{t("cases.contact.present")}:</strong> {contact.present}
                </p>
              ) : null}
              {contact.observations ? (
                <p className="timeline-text">
                  <strong>{t("cases.contact.observations")}:</strong> {contact.observations}
                </p>
              ) : null}
              {contact.next_steps ? (
                <p className="timeline-text">
                  <strong>{t("cases.contact.next_steps")}:</strong> {contact.next_steps}
                </p>
              ) : null}
              {openCaseLinks && !contact.case_id && subject ? (
                <Link className="no-print" to={`/cases/new?${subject}&contact=${encodeURIComponent(contact.id)}`}>
                  {t("cases.openCaseFromContact")}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
      {more ? <LoadMore onClick={onMore} busy={busy} /> : null}
    </>
  );
}
