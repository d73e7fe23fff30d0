import { useState } from "react";
import { Link } from "react-router-dom";
import { listCases, listContacts } from "../../api/cases";
import type { CaseSummary, Contact } from "../../api/types";
import { ErrorAlert, LoadMore, Notice, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { ContactForm } from "./ContactForm";
import { ContactList } from "./ContactList";
import { CaseLine } from "./parts";

/**
 * The casework part of a person's card or a household's page: its cases (summaries, with
 * "Open case"), and its contacts with "Record contact". Shown to holders of case.read (the
 * cases) and case.work (the contacts and both actions).
 */
export function SubjectCasework({ kind, id }: { kind: "person" | "household"; id: string }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  const canRead = permissions.has("case.read");
  const canWork = permissions.has("case.work");
  const [recording, setRecording] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [added, setAdded] = useState(0);
  const cases = useCursorList<CaseSummary>(
    (cursor) => (canRead ? listCases({ subject: id, limit: 50, cursor }) : Promise.resolve({ items: [], next_cursor: null })),
    [id, canRead],
  );
  const contacts = useCursorList<Contact>(
    (cursor) =>
      canWork
        ? listContacts({ [kind === "person" ? "person_id" : "household_id"]: id, limit: 20, cursor })
        : Promise.resolve({ items: [], next_cursor: null }),
    [id, kind, canWork, added],
  );
  if (!canRead && !canWork) return null;
  const subjectQuery = `${kind}=${encodeURIComponent(id)}`;

  return (
    <>
      {canRead ? (
        <section aria-labelledby={`cases-of-${id}`} className="subject-cases">
          <div className="page-header">
            <h2 id={`cases-of-${id}`}>{t("cases.casesOfSubject")}</h2>
            {canWork ? (
              <Link className="button" to={`/cases/new?${subjectQuery}`}>
                {t("cases.openCase")}
              </Link>
            ) : null}
          </div>
          <ErrorAlert message={cases.error ? errorMessage(cases.error, t) : null} />
          {cases.loaded && cases.items.length === 0 && !cases.error ? (
            <p className="empty-note">{t("cases.subjectCasesEmpty")}</p>
          ) : null}
          <ul className="case-lines">
            {cases.items.map((item) => (
              <CaseLine key={item.id} item={item} />
            ))}
          </ul>
          {cases.cursor ? <LoadMore onClick={cases.loadMore} busy={cases.busy} /> : null}
        </section>
      ) : null}
      {canWork ? (
        <section aria-labelledby={`contacts-of-${id}`} className="subject-contacts">
          <div className="page-header">
            <h2 id={`contacts-of-${id}`}>{t("cases.tab.contacts")}</h2>
            {!recording ? (
              <button
                type="button"
                onClick={() => {
                  setNotice(null);
                  setRecording(true);
                }}
              >
                {t("cases.recordContact")}
              </button>
            ) : null}
          </div>
          <Notice message={notice} />
          {recording ? (
            <ContactForm
              subject={kind === "person" ? { person_id: id } : { household_id: id }}
              onSaved={() => {
                setRecording(false);
                setNotice(t("cases.contactRecorded"));
                setAdded((n) => n + 1);
              }}
              onCancel={() => setRecording(false)}
            />
          ) : null}
          <ErrorAlert message={contacts.error ? errorMessage(contacts.error, t) : null} />
          {contacts.loaded && contacts.items.length === 0 && !contacts.error ? (
            <p className="empty-note">{t("cases.contactsEmpty")}</p>
          ) : null}
          <ContactList
            contacts={contacts.items}
            more={!!contacts.cursor}
            busy={contacts.busy}
            onMore={contacts.loadMore}
            openCaseLinks
            onChanged={(saved) => {
              setNotice(saved ? t("cases.contactSaved") : null);
              setAdded((n) => n + 1);
            }}
          />
        </section>
      ) : null}
    </>
  );
}
