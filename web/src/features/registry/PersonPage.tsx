import { useCallback, useState, type ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { getPerson, personHistory, updatePerson } from "../../api/registry";
import type { AuditEntry, Person } from "../../api/types";
import { ErrorAlert, LoadMore, Notice, StaleVersionAlert, errorMessage, isStaleVersion } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { useRecord } from "../../components/useRecord";
import { SubjectAssessments } from "../assessments/SubjectAssessments";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { changesOf } from "./history";
import { Labels, formatBirthDate, fullName, languageName } from "./labels";
import { PersonForm } from "./PersonForm";
import { patchBody, personFormOf, type PersonFormState } from "./personForm";
import "./registry.css";
import { registrySearchPath } from "./searchMemory";
import { telHref } from "./telHref";
import { SubjectCasework } from "../cases/SubjectCasework";
import { PersonServices } from "../services/PersonServices";

type Tab = "details" | "history";

/** The person card: every field, the household, editing with If-Match, and the history. */
export function PersonPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const location = useLocation();
  const { permissions } = useSession();
  const { record: person, setRecord: setPerson, loadError, reload: load } = useRecord(id, getPerson);
  const [tab, setTab] = useState<Tab>("details");
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t("registry.registered") : null,
  );
  usePageTitle(person ? fullName(person) : t("registry.personTitle"));

  return (
    <section className="page" aria-labelledby="person-title">
      <p>
        <Link to={registrySearchPath()}>{t("registry.backToSearch")}</Link>
      </p>
      {mergedInto(loadError) ? (
        <MergedNotice survivorId={mergedInto(loadError)!} />
      ) : (
        <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      )}
      {person ? (
        <>
          <div className="page-header">
            <h1 id="person-title">{fullName(person)}</h1>
            {permissions.has("person.write") && !editing ? (
              <button
                type="button"
                onClick={() => {
                  setNotice(null);
                  setTab("details");
                  setEditing(true);
                }}
              >
                {t("registry.edit")}
              </button>
            ) : null}
          </div>
          <Notice message={notice} />
          <div
            className="tabs"
            role="tablist"
            aria-label={t("registry.personTabs")}
            onKeyDown={(event) => {
              // Tabs pattern: the arrow keys move between the tabs, each tab is one Tab stop.
              if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
              event.preventDefault();
              const next: Tab = tab === "details" ? "history" : "details";
              setTab(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {(["details", "history"] as const).map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                id={`tab-${name}`}
                aria-controls={`panel-${name}`}
                aria-selected={tab === name}
                tabIndex={tab === name ? 0 : -1}
                onClick={() => setTab(name)}
              >
                {name === "details" ? t("registry.tab.details") : t("registry.tab.history")}
              </button>
            ))}
          </div>
          {tab === "details" ? (
            <div role="tabpanel" id="panel-details" aria-labelledby="tab-details">
              {editing ? (
                <PersonEditor
                  key={`${person.id}:${person.version}`}
                  person={person}
                  onSaved={(saved) => {
                    setPerson(saved);
                    setEditing(false);
                    setNotice(t("registry.saved", { name: fullName(saved) }));
                  }}
                  onReload={async () => {
                    await load();
                  }}
                  onCancel={() => setEditing(false)}
                />
              ) : (
                <>
                  <PersonDetails person={person} />
                  <SubjectCasework kind="person" id={person.id} />
                  <SubjectAssessments person={person.id} />
                  <PersonServices personId={person.id} />
                </>
              )}
            </div>
          ) : (
            <div role="tabpanel" id="panel-history" aria-labelledby="tab-history">
              <PersonHistory
                personId={person.id}
                version={person.version}
                community={{ code: person.community_code, name: person.community_name }}
              />
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

/** The surviving record's id when the person read was merged into it (404 person.merged). */
function mergedInto(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "person.merged") return null;
  const params = error.problem.params as Record<string, unknown> | undefined;
  const survivor = params?.survivor_id;
  return typeof survivor === "string" && survivor ? survivor : null;
}

/** In place of a record merged into another: where its data live now. */
function MergedNotice({ survivorId }: { survivorId: string }) {
  const { t } = useI18n();
  const fetchSurvivor = useCallback((id: string) => getPerson(id), []);
  const { record: survivor } = useRecord(survivorId, fetchSurvivor, { resetOnChange: true });
  return (
    <section className="alert alert-info" aria-labelledby="merged-title">
      <h1 id="merged-title">{t("registry.merged.title")}</h1>
      <p>{t("registry.merged.body")}</p>
      <p>
        <Link to={`/registry/persons/${encodeURIComponent(survivorId)}`}>
          {survivor ? t("registry.merged.open", { name: fullName(survivor) }) : t("registry.merged.openUnnamed")}
        </Link>
      </p>
    </section>
  );
}

function PersonDetails({ person }: { person: Person }) {
  const { t, language } = useI18n();
  const none = <span className="muted">{t("registry.notGiven")}</span>;
  const rows: [string, ReactNode][] = [
    [t("registry.field.family_name"), person.family_name],
    [t("registry.field.given_name"), person.given_name],
    [t("registry.field.patronymic"), person.patronymic || none],
    [
      t("registry.field.birth_date"),
      person.birth_date
        ? t("registry.bornAge", { date: formatBirthDate(person.birth_date, language), age: person.age ?? 0 })
        : none,
    ],
    [t("registry.field.sex"), person.sex ? Labels.sex(person.sex, t) : none],
    [
      t("registry.field.identifiers"),
      person.identifiers.length ? (
        <ul className="plain-list">
          {person.identifiers.map((identifier) => (
            <li key={identifier.scheme}>
              {identifier.scheme} <code>{identifier.value}</code>
            </li>
          ))}
        </ul>
      ) : (
        none
      ),
    ],
    [t("registry.field.community"), `${person.community_name} (${person.community_code})`],
    [
      t("registry.field.settlement"),
      person.settlement_code ? `${person.settlement_name ?? ""} (${person.settlement_code})` : none,
    ],
    [t("registry.field.address"), person.address || none],
    [t("registry.field.phone"), person.phone ? <a href={telHref(person.phone)}>{person.phone}</a> : none],
    [
      t("registry.field.languages"),
      person.languages.length ? person.languages.map((code) => languageName(code, language, t)).join(", ") : none,
    ],
    [
      t("registry.field.disability_degree"),
      person.disability_degree ? Labels.disability(person.disability_degree, t) : t("registry.disability.none"),
    ],
    [
      t("registry.field.household"),
      person.household_id ? (
        <Link to={`/registry/households/${person.household_id}`}>{t("registry.openHousehold")}</Link>
      ) : (
        <>
          {t("registry.noHousehold")}{" "}
          <Link to={`/registry/households/new?person=${person.id}`}>{t("registry.newHouseholdWith")}</Link>
        </>
      ),
    ],
    [t("registry.field.notes"), person.notes ? <span className="pre-line">{person.notes}</span> : none],
    [t("registry.updatedAt"), formatDateTime(person.updated_at, language)],
  ];
  return (
    <dl className="record">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function PersonEditor({
  person,
  onSaved,
  onReload,
  onCancel,
}: {
  person: Person;
  onSaved: (person: Person) => void;
  onReload: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const stale = isStaleVersion(error);

  async function save(state: PersonFormState) {
    const changes = patchBody(person, state);
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await updatePerson(person.id, person.version, changes));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <PersonForm
      initial={personFormOf(person)}
      title={t("registry.editTitle")}
      submitLabel={t("common.save")}
      error={stale ? null : error}
      busy={busy}
      onSubmit={save}
      onCancel={onCancel}
      banner={
        stale ? (
          <StaleVersionAlert message={t("registry.staleVersion")} onReload={() => void onReload()} />
        ) : null
      }
    />
  );
}

function PersonHistory({
  personId,
  version,
  community,
}: {
  personId: string;
  version: number;
  /** The person's community: its code in the history is shown with its name. */
  community: { code: string; name: string };
}) {
  const { t, language } = useI18n();
  // Read again after each save (a new version), to show the change just made.
  const {
    items: entries,
    cursor,
    busy: loading,
    error,
    loadMore,
  } = useCursorList<AuditEntry>((from) => personHistory(personId, { limit: 50, cursor: from }), [personId, version]);

  const changeEntries = entries.filter((entry) => entry.action !== "person.read");
  const format = (field: string, value: unknown): string | null => {
    if (typeof value === "string") {
      if (field === "sex") return Labels.sex(value, t);
      if (field === "disability_degree") return Labels.disability(value, t);
      if (field === "birth_date") return formatBirthDate(value, language);
      if (field === "community_code" && value === community.code) return `${community.name} (${value})`;
    }
    if (field === "languages" && Array.isArray(value)) {
      return value.map((code) => languageName(String(code), language, t)).join(", ");
    }
    return null;
  };
  const detailText = (entry: AuditEntry, key: string): string => {
    const value = entry.detail?.[key];
    return typeof value === "string" ? value : "";
  };
  const householdOf = (entry: AuditEntry): string =>
    entry.action === "person.household_join" || entry.action === "person.household_leave" ? detailText(entry, "household_id") : "";
  const historyHeading = (entry: AuditEntry): string => {
    const who = entry.actor_username ?? t("audit.system");
    const when = formatDateTime(entry.at, language);
    switch (entry.action) {
      case "person.create":
        return t("registry.historyCreated", { who, when });
      case "person.import":
        return t("registry.historyImported", { who, when });
      case "person.household_join":
        return t("registry.historyJoinedHousehold", {
          who,
          when,
          relationship: Labels.relationship(detailText(entry, "relationship_to_head"), t).toLocaleLowerCase(language),
        });
      case "person.household_leave":
        return t("registry.historyLeftHousehold", { who, when });
      default:
        return t("registry.historyUpdated", { who, when });
    }
  };
  return (
    <>
      <ErrorAlert message={error ? errorMessage(error, t) : null} />
      {loading && entries.length === 0 ? <p role="status">{t("common.loading")}</p> : null}
      {!loading && changeEntries.length === 0 ? <p>{t("registry.historyEmpty")}</p> : null}
      <ol className="history-list">
        {changeEntries.map((entry) => {
          const changes = changesOf(entry, format);
          return (
            <li key={entry.seq} className="history-entry">
              <h3>{historyHeading(entry)}</h3>
              {householdOf(entry) ? (
                <p>
                  <Link to={`/registry/households/${encodeURIComponent(householdOf(entry))}`}>{t("registry.historyOpenHousehold")}</Link>
                </p>
              ) : null}
              {changes.length ? (
                <ul>
                  {changes.map((change) => (
                    <li key={change.field}>
                      <strong>{Labels.field(change.field, t) || change.field}</strong>
                      {": "}
                      {change.hidden ? (
                        t("registry.historyChanged")
                      ) : (
                        <>
                          {change.from !== null ? (
                            <>
                              <span className="change-from">{change.from}</span> →{" "}
                            </>
                          ) : null}
                          <span>{change.to ?? t("registry.historyCleared")}</span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      {cursor ? <LoadMore onClick={loadMore} busy={loading} /> : null}
    </>
  );
}
