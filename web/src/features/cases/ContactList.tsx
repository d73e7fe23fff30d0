import { useState } from "react";
import { Link } from "react-router-dom";
import type { Contact } from "../../api/types";
import { LoadMore } from "../../components/forms";
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { ContactForm } from "./ContactForm";
import { codeLabel } from "./labels";

/**
 * Contacts newest first; each says what, when, who, why and with what result. With `onChanged`
 * each may be changed in place, and a planned home visit recorded as done or missed.
 */
export function ContactList({
  contacts,
  more,
  busy,
  onMore,
  openCaseLinks,
  onChanged,
}: {
  contacts: readonly Contact[];
  more: boolean;
  busy: boolean;
  onMore: () => void;
  /** Offer "Open a case from this contact" on contacts that belong to no case. */
  openCaseLinks?: boolean;
  /** Called with the saved contact, or with nothing when it should be loaded again. */
  onChanged?: (saved: Contact | null) => void;
}) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
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
              {onChanged && editing !== contact.id ? <ContactEditButton contact={contact} onClick={() => setEditing(contact.id)} /> : null}
              {onChanged && editing === contact.id ? (
                <ContactForm
                  contact={contact}
                  recordVisit={contact.status === "planned"}
                  onSaved={(saved) => {
                    setEditing(null);
                    onChanged(saved);
                  }}
                  onCancel={() => setEditing(null)}
                  onReload={() => {
                    setEditing(null);
                    onChanged(null);
                  }}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      {more ? <LoadMore onClick={onMore} busy={busy} /> : null}
    </>
  );
}

/** "Edit", or "Record the visit" on a planned home visit; named with the contact's date. */
export function ContactEditButton({ contact, onClick }: { contact: Contact; onClick: () => void }) {
  const { t, language } = useI18n();
  const date = formatCalendarDate(contact.date, language);
  const planned = contact.status === "planned";
  return (
    <button
      type="button"
      className="button-secondary no-print"
      aria-label={planned ? t("cases.recordVisitOf", { date }) : t("cases.editContactOf", { date })}
      onClick={onClick}
    >
      {planned ? t("cases.recordVisit") : t("cases.editContact")}
    </button>
  );
}
