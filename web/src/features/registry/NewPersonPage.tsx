import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { createPerson } from "../../api/registry";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { likelyMatchesOf } from "./likelyMatches";
import { LikelyMatchesPanel } from "./LikelyMatchesPanel";
import { PersonForm } from "./PersonForm";
import { defaultCommunity, singleRoleTerritory } from "./defaultCommunity";
import { useSession } from "../session/session";
import { createBody, emptyPersonForm, type PersonFormState } from "./personForm";
import "./registry.css";

export function NewPersonPage() {
  const { t } = useI18n();
  usePageTitle(t("registry.newPersonTitle"));
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // A worker of one community starts there; the form waits for that answer (a short read).
  const { user } = useSession();
  const [initial, setInitial] = useState<PersonFormState | null>(() =>
    singleRoleTerritory(user) ? null : emptyPersonForm(),
  );
  useEffect(() => {
    if (initial) return;
    let cancelled = false;
    void defaultCommunity(user).then((community) => {
      if (!cancelled) setInitial({ ...emptyPersonForm(), community });
    });
    return () => {
      cancelled = true;
    };
  }, [initial, user]);
  const matches = likelyMatchesOf(error);

  async function register(state: PersonFormState, duplicateReason?: string) {
    setBusy(true);
    setError(null);
    try {
      const person = await createPerson(createBody(state), duplicateReason);
      void navigate(`/registry/persons/${person.id}`, { state: { created: true } });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page">
      <p>
        <Link to="/registry">{t("registry.backToSearch")}</Link>
      </p>
      <h1>{t("registry.newPersonTitle")}</h1>
      {!initial ? <p role="status">{t("common.loading")}</p> : null}
      {initial ? (
      <PersonForm
        initial={initial}
        title={t("registry.personDetails")}
        submitLabel={t("registry.register")}
        error={matches ? null : error}
        busy={busy}
        onSubmit={(state) => register(state)}
        beforeActions={(current) =>
          matches ? <LikelyMatchesPanel matches={matches} busy={busy} onGoOn={(reason) => void register(current, reason)} /> : null
        }
      />
      ) : null}
    </section>
  );
}
