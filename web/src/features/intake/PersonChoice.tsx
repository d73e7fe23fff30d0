import { useId, useState } from "react";
import { createPerson } from "../../api/registry";
import type { HelpRequest } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { LikelyMatchesPanel } from "../registry/LikelyMatchesPanel";
import { PersonForm } from "../registry/PersonForm";
import { PersonPicker } from "../registry/PersonPicker";
import { formatBirthDate, fullName } from "../registry/labels";
import { likelyMatchesOf } from "../registry/likelyMatches";
import { createBody, emptyPersonForm, type PersonFormState } from "../registry/personForm";
import type { ChosenPerson } from "./rules";

/**
 * Who an answer is about: a person found with the registry's search, or, when the registry
 * has none, registered here with the registry's own form (in the request's community, the
 * likely existing persons shown before registering), and then chosen. Its own section, outside
 * the answer's form, since the registration is a form of its own.
 */
export function PersonChoice({
  request,
  person,
  onChange,
  error,
}: {
  request: HelpRequest;
  person: ChosenPerson | null;
  onChange: (person: ChosenPerson | null) => void;
  /** The answer form's finding about the person (none chosen, another community). */
  error?: string;
}) {
  const { t, language } = useI18n();
  const headingId = useId();
  const [registering, setRegistering] = useState(false);
  const [registerError, setRegisterError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const matches = likelyMatchesOf(registerError);

  async function register(state: PersonFormState, duplicateReason?: string) {
    setBusy(true);
    setRegisterError(null);
    try {
      const created = await createPerson(createBody(state), duplicateReason);
      setRegistering(false);
      onChange({
        id: created.id,
        name: fullName(created),
        birth_date: created.birth_date ?? null,
        community_code: created.community_code,
        community_name: state.community?.name ?? request.community_name,
      });
    } catch (caught) {
      setRegisterError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId} className="person-choice">
      <h3 id={headingId}>{t("intake.personTitle")}</h3>
      {person ? (
        <div className="chosen-person">
          <span data-testid="chosen-person">
            {t("intake.chosenPerson", { name: person.name })}{" "}
            <span className="muted">
              {[formatBirthDate(person.birth_date, language), person.community_name].filter(Boolean).join(" · ")}
            </span>
          </span>
          <button type="button" className="button-secondary" onClick={() => onChange(null)}>
            {t("intake.changePerson")}
          </button>
          {error ? <p className="field-error">{error}</p> : null}
        </div>
      ) : registering ? (
        <PersonForm
          initial={{ ...emptyPersonForm(), community: { code: request.community_code, name: request.community_name } }}
          title={t("intake.registerTitle")}
          submitLabel={t("registry.register")}
          error={matches ? null : registerError}
          busy={busy}
          onSubmit={(state) => register(state)}
          onCancel={() => {
            setRegistering(false);
            setRegisterError(null);
          }}
          beforeActions={(current) =>
            matches ? (
              <LikelyMatchesPanel matches={matches} busy={busy} onGoOn={(reason) => void register(current, reason)} />
            ) : null
          }
        />
      ) : (
        <>
          <p className="field-hint">{t("intake.personHint")}</p>
          <PersonPicker
            label={t("intake.findPerson")}
            exclude={[]}
            pickLabel={t("intake.choosePerson")}
            pickLabelNamed={(name) => t("intake.choosePersonNamed", { name })}
            error={error}
            onPick={(hit) =>
              onChange({
                id: hit.id,
                name: fullName(hit),
                birth_date: hit.birth_date,
                community_code: hit.community_code,
                community_name: hit.community_name,
              })
            }
          />
          <p>
            <button type="button" className="button-secondary" onClick={() => setRegistering(true)}>
              {t("intake.registerPerson")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}
