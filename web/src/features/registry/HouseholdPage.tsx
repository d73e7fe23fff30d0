import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { ApiError } from "../../api/client";
import { createHousehold, getHousehold, getPerson, updateHousehold } from "../../api/registry";
import type { DwellingType, Household, HouseholdFields, IncomeBand, Relationship } from "../../api/types";
import {
  ErrorAlert,
  ErrorSummary,
  Notice,
  SelectField,
  StaleVersionAlert,
  TextField,
  errorMessage,
  fieldError,
  isStaleVersion,
  useFocusFirstError,
} from "../../components/forms";
import { useRecord } from "../../components/useRecord";
import { SubjectAssessments } from "../assessments/SubjectAssessments";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n, type MessageKey } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { addMember, memberRowsOf, membersBody, membersProblem, type MemberRow } from "./household";
import { DWELLING_TYPES, INCOME_BANDS, Labels, RELATIONSHIPS, formatBirthDate } from "./labels";
import { PersonPicker } from "./PersonPicker";
import { TerritoryChooser, type ChosenTerritory } from "./TerritoryChooser";
import "./registry.css";
import { registrySearchPath } from "./searchMemory";
import { SubjectCasework } from "../cases/SubjectCasework";
import { HouseholdBenefits } from "../benefits/HouseholdBenefits";
import { HouseholdCards } from "../benefits/HouseholdCards";
import { HouseholdPayments } from "../benefits/HouseholdPayments";

const PROBLEM_KEYS: Record<NonNullable<ReturnType<typeof membersProblem>>, MessageKey> = {
  head_required: "registry.headRequired",
  multiple_heads: "registry.multipleHeads",
  relationship_required: "registry.relationshipRequired",
};

/** A household: new (/registry/households/new) or existing (/registry/households/:id). */
export function HouseholdPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const {
    record: household,
    setRecord: setHousehold,
    loadError,
    reload: load,
  } = useRecord(id, getHousehold, { resetOnChange: true });
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(id ? t("registry.householdTitle") : t("registry.newHouseholdTitle"));

  return (
    <section className="page">
      <p>
        <Link to={registrySearchPath()}>{t("registry.backToSearch")}</Link>
      </p>
      <h1>{id ? t("registry.householdTitle") : t("registry.newHouseholdTitle")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {!id ? <HouseholdForm household={null} onSaved={() => {}} onReload={() => {}} /> : null}
      {id && household ? (
        <HouseholdForm
          key={`${household.id}:${household.version}`}
          household={household}
          onSaved={(saved) => {
            setHousehold(saved);
            setNotice(t("registry.householdSaved"));
          }}
          onReload={() => {
            setNotice(null);
            void load();
          }}
        />
      ) : null}
      {id && household ? <SubjectCasework kind="household" id={household.id} /> : null}
      {id && household ? <SubjectAssessments household={household.id} /> : null}
      {id && household ? <HouseholdBenefits householdId={household.id} /> : null}
      {id && household ? <HouseholdPayments householdId={household.id} /> : null}
      {id && household ? <HouseholdCards householdId={household.id} /> : null}
    </section>
  );
}

function HouseholdForm({
  household,
  onSaved,
  onReload,
}: {
  household: Household | null;
  onSaved: (household: Household) => void;
  onReload: () => void;
}) {
  const { t, language } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { permissions } = useSession();
  const canWrite = permissions.has("person.write");
  const formId = useId();
  const [community, setCommunity] = useState<ChosenTerritory | null>(
    household ? { code: household.community_code, name: household.community_name } : null,
  );
  const [settlement, setSettlement] = useState<ChosenTerritory | null>(
    household?.settlement_code ? { code: household.settlement_code, name: household.settlement_code } : null,
  );
  const [address, setAddress] = useState(household?.address ?? "");
  const [dwelling, setDwelling] = useState<DwellingType | "">(household?.dwelling_type ?? "");
  const [income, setIncome] = useState<IncomeBand | "">(household?.income_band ?? "");
  const [members, setMembers] = useState<MemberRow[]>(household ? memberRowsOf(household) : []);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stale = isStaleVersion(error);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(stale ? null : (error ?? problem), formRef, summaryRef);

  // "New household with this person": start with them as the head, in their community.
  const withPerson = household ? null : params.get("person");
  useEffect(() => {
    if (!withPerson) return;
    let cancelled = false;
    getPerson(withPerson)
      .then((person) => {
        if (cancelled) return;
        setCommunity((current) => current ?? { code: person.community_code, name: person.community_name });
        // The head's address is the household's, unless the user has typed one.
        if (person.settlement_code) {
          const place = { code: person.settlement_code, name: person.settlement_name ?? person.settlement_code };
          setSettlement((current) => current ?? place);
        }
        if (person.address) setAddress((current) => current || (person.address ?? ""));
        setMembers((current) =>
          addMember(current, {
            person_id: person.id,
            name: [person.family_name, person.given_name].join(" "),
            birth_date: person.birth_date,
            age: person.age,
          }),
        );
      })
      .catch((caught) => {
        if (!cancelled) setError(caught);
      });
    return () => {
      cancelled = true;
    };
  }, [withPerson]);


  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const membersIssue = membersProblem(members);
    setProblem(membersIssue ? t(PROBLEM_KEYS[membersIssue]) : null);
    if (membersIssue) return;
    setBusy(true);
    try {
      if (household) {
        const changes: HouseholdFields = {
          settlement_code: settlement?.code ?? null,
          address: address.trim() || null,
          dwelling_type: dwelling || null,
          income_band: income || null,
          members: membersBody(members),
        };
        onSaved(await updateHousehold(household.id, household.version, changes));
      } else {
        const created = await createHousehold({
          community_code: community?.code,
          settlement_code: settlement?.code,
          address: address.trim() || undefined,
          dwelling_type: dwelling || undefined,
          income_band: income || undefined,
          members: membersBody(members),
        });
        void navigate(`/registry/households/${created.id}`, { replace: true });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const membersError =
    problem ??
    (error instanceof ApiError && error.field && (error.field === "members" || error.field.startsWith("members["))
      ? errorMessage(error, t)
      : null);

  return (
    <form
      onSubmit={(event) => void save(event)}
      noValidate
      className="card"
      aria-labelledby={`${formId}-title`}
      ref={formRef}
    >
      <h2 id={`${formId}-title`}>{t("registry.householdDetails")}</h2>
      {/* Any other failure is told once, by the summary next to the button (and focused). */}
      {stale ? <StaleVersionAlert message={t("registry.householdStale")} onReload={onReload} /> : null}
      {household || (withPerson && community) ? (
        // A household stays in its members' community: it is not asked again.
        <p>
          {t("registry.field.community")}:{" "}
          <strong>
            {household
              ? `${household.community_name} (${household.community_code})`
              : `${community?.name ?? ""} (${community?.code ?? ""})`}
          </strong>
        </p>
      ) : (
        <TerritoryChooser
          legend={t("registry.field.community")}
          level="community"
          value={community}
          onChange={(chosen) => {
            setCommunity(chosen);
            setSettlement(null);
          }}
          error={fieldError(error, "community_code", t)}
        />
      )}
      {community ? (
        <TerritoryChooser
          legend={t("registry.settlementOptional")}
          level="settlement"
          parent={community.code}
          value={settlement}
          onChange={setSettlement}
          error={fieldError(error, "settlement_code", t)}
          optional
        />
      ) : null}
      <div className="form-grid">
        <TextField
          label={t("registry.field.address")}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={fieldError(error, "address", t)}
        />
        <SelectField
          label={t("registry.field.dwelling_type")}
          value={dwelling}
          onChange={(e) => setDwelling(e.target.value as DwellingType | "")}
          error={fieldError(error, "dwelling_type", t)}
        >
          <option value="">{t("registry.notGiven")}</option>
          {DWELLING_TYPES.map((value) => (
            <option key={value} value={value}>
              {Labels.dwelling(value, t)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t("registry.field.income_band")}
          value={income}
          onChange={(e) => setIncome(e.target.value as IncomeBand | "")}
          error={fieldError(error, "income_band", t)}
        >
          <option value="">{t("registry.notGiven")}</option>
          {INCOME_BANDS.map((value) => (
            <option key={value} value={value}>
              {Labels.income(value, t)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset>
        <legend>{t("registry.field.members")}</legend>
        {members.length === 0 ? (
          <p className="muted">{t("registry.noMembers")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table stack-on-phone">
              <caption className="visually-hidden">{t("registry.field.members")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("registry.memberName")}</th>
                  <th scope="col">{t("registry.field.birth_date")}</th>
                  <th scope="col">{t("registry.relationshipToHead")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("registry.memberActions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((member, index) => {
                  const rowError =
                    fieldError(error, `members[${index}].person_id`, t) ??
                    fieldError(error, `members[${index}].relationship_to_head`, t);
                  return (
                    <tr key={member.person_id}>
                      <td>
                        <Link to={`/registry/persons/${member.person_id}`}>{member.name}</Link>
                        {rowError ? <p className="field-error">{rowError}</p> : null}
                      </td>
                      <td>
                        {member.birth_date
                          ? t("registry.bornAge", {
                              date: formatBirthDate(member.birth_date, language),
                              age: member.age ?? 0,
                            })
                          : ""}
                      </td>
                      <td>
                        <label className="visually-hidden" htmlFor={`${formId}-rel-${index}`}>
                          {t("registry.relationshipOf", { name: member.name })}
                        </label>
                        <select
                          id={`${formId}-rel-${index}`}
                          value={member.relationship_to_head}
                          aria-invalid={rowError ? true : undefined}
                          disabled={!canWrite}
                          onChange={(e) =>
                            setMembers(
                              members.map((m, i) =>
                                i === index ? { ...m, relationship_to_head: e.target.value as Relationship } : m,
                              ),
                            )
                          }
                        >
                          <option value="">{t("registry.chooseRelationship")}</option>
                          {RELATIONSHIPS.map((value) => (
                            <option key={value} value={value}>
                              {Labels.relationship(value, t)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        {canWrite ? (
                          <button
                            type="button"
                            className="button-secondary"
                            onClick={() => setMembers(members.filter((_, i) => i !== index))}
                          >
                            {t("registry.removeMember", { name: member.name })}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {membersError ? (
          <p className="field-error" role="alert">
            {membersError}
          </p>
        ) : null}
        {canWrite ? (
          <PersonPicker
            label={t("registry.findMember")}
            exclude={members.map((m) => m.person_id)}
            onPick={(hit) =>
              setMembers(
                addMember(members, {
                  person_id: hit.id,
                  name: [hit.family_name, hit.given_name].join(" "),
                  birth_date: hit.birth_date,
                  age: hit.age,
                }),
              )
            }
          />
        ) : null}
      </fieldset>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
      {canWrite ? (
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : household ? t("common.save") : t("registry.createHousehold")}
        </button>
      ) : null}
    </form>
  );
}
