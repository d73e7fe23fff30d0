import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../../components/usePageTitle";
import { useNavigate } from "react-router-dom";
import { changePassword } from "../../../api/endpoints";
import { ErrorAlert, Notice, TextField, fieldError, formError } from "../../../components/forms";
import { useI18n } from "../../../i18n/i18n";
import { useSession } from "../../session/session";

export const MIN_PASSWORD_LENGTH = 10;

/** Change of one's own password; forced after logging in with a one-time password. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  usePageTitle(t("password.title"));
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);
  const forced = user?.must_change_password ?? false;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (next !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await changePassword(current, next);
      setCurrent("");
      setNext("");
      setConfirm("");
      await refresh();
      if (forced) void navigate("/", { replace: true });
      else setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const fields = ["current_password", "new_password"];
  return (
    <section className="page narrow" aria-labelledby="password-title">
      <h1 id="password-title">{t("password.title")}</h1>
      {forced ? <Notice message={t("password.forced")} /> : null}
      {done ? <Notice message={t("password.changed")} /> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <ErrorAlert message={formError(error, fields, t)} />
        <TextField
          label={t("password.current")}
          type="password"
          name="current_password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={fieldError(error, "current_password", t)}
        />
        <TextField
          label={t("password.new")}
          type="password"
          name="new_password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t("password.rule", { min: MIN_PASSWORD_LENGTH })}
          value={next}
          onChange={(event) => setNext(event.target.value)}
          error={fieldError(error, "new_password", t)}
        />
        <TextField
          label={t("password.confirm")}
          type="password"
          name="confirm_password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          error={mismatch ? t("password.mismatch") : undefined}
        />
        <button type="submit" disabled={busy || !current || !next || !confirm}>
          {busy ? t("common.saving") : t("password.submit")}
        </button>
      </form>
    </section>
  );
}
