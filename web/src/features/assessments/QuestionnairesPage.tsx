// Administration: the forms in use (latest version of each, with the versions kept), and adding
// a version by uploading its JSON definition. Errors name the place in the definition.
import { useEffect, useRef, useState } from "react";
import { createQuestionnaire, listQuestionnaires } from "../../api/assessments";
import type { Questionnaire } from "../../api/types";
import { ApiError } from "../../api/client";
import { ErrorAlert, Notice, errorMessage } from "../../components/forms";
import { formatDateTime } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { usePageTitle } from "../../components/usePageTitle";
import { useSession } from "../session/session";
import { formText } from "./questionnaire";
import "./assessments.css";

export function QuestionnairesPage() {
  const { t, language } = useI18n();
  const { permissions } = useSession();
  const [forms, setForms] = useState<Questionnaire[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLParagraphElement>(null);
  usePageTitle(t("questionnaires.title"));

  const [loads, setLoads] = useState(0);
  useEffect(() => {
    let current = true;
    listQuestionnaires().then(
      (loaded) => current && setForms(loaded),
      (caught: unknown) => current && setLoadError(caught),
    );
    return () => {
      current = false;
    };
  }, [loads]);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function upload() {
    setError(null);
    setNotice(null);
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch {
      setError(new ApiError({ status: 400, code: "client.bad_json", detail: t("questionnaires.badJson"), field: "definition" }));
      return;
    }
    setBusy(true);
    try {
      const stored = await createQuestionnaire(definition);
      setNotice(t("questionnaires.added", { title: formText(stored.title, language), version: stored.version }));
      setText("");
      setLoads((n) => n + 1);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const place = error instanceof ApiError && error.field && error.field !== "definition" ? error.field : null;
  return (
    <section className="page" aria-labelledby="questionnaires-title">
      <h1 id="questionnaires-title">{t("questionnaires.title")}</h1>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {forms ? (
        <div className="table-scroll">
          <table className="data-table stack-on-phone">
            <caption className="visually-hidden">{t("questionnaires.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("questionnaires.form")}</th>
                <th scope="col">{t("questionnaires.code")}</th>
                <th scope="col">{t("questionnaires.subject")}</th>
                <th scope="col">{t("questionnaires.versions")}</th>
                <th scope="col">{t("questionnaires.addedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {forms.map((f) => (
                <tr key={f.code}>
                  <td>{formText(f.title, language)}</td>
                  <td>
                    <code>{f.code}</code>
                  </td>
                  <td>{f.subject === "household" ? t("questionnaires.subject.household") : t("questionnaires.subject.person")}</td>
                  <td>{f.versions.join(", ")}</td>
                  <td>{formatDateTime(f.created_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {permissions.has("questionnaire.write") ? (
        <form
          className="card"
          aria-labelledby="upload-title"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void upload();
          }}
        >
          <h2 id="upload-title">{t("questionnaires.upload")}</h2>
          <p className="field-hint">{t("questionnaires.uploadHint")}</p>
          <div className="field">
            <label htmlFor="definition-file">{t("questionnaires.file")}</label>
            <input
              id="definition-file"
              type="file"
              accept="application/json,.json"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void file.text().then(setText);
              }}
            />
          </div>
          <div className={`field${error ? " field-invalid" : ""}`}>
            <label htmlFor="definition-text">{t("questionnaires.definition")}</label>
            <textarea
              id="definition-text"
              className="definition-input"
              value={text}
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "definition-error" : undefined}
              onChange={(e) => setText(e.target.value)}
            />
            {error ? (
              <p className="field-error" id="definition-error" tabIndex={-1} ref={errorRef} role="alert">
                {place ? `${t("questionnaires.errorAt", { place })} ` : ""}
                {errorMessage(error, t)}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={busy || !text.trim()}>
            {t("questionnaires.add")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
