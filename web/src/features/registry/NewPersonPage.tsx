import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { createPerson } from "../../api/registry";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { PersonForm } from "./PersonForm";
import { createBody, emptyPersonForm, type PersonFormState } from "./personForm";
import "./registry.css";

export function NewPersonPage() {
  const { t } = useI18n();
  usePageTitle(t("registry.newPersonTitle"));
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function register(state: PersonFormState) {
    setBusy(true);
    setError(null);
    try {
      const person = await createPerson(createBody(state));
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
      <PersonForm
        initial={emptyPersonForm()}
        title={t("registry.personDetails")}
        submitLabel={t("registry.register")}
        error={error}
        busy={busy}
        onSubmit={register}
      />
    </section>
  );
}
