import { useState, type FormEvent } from "react";
import { usePageTitle } from "../../components/usePageTitle";
import { ApiError } from "../../api/client";
import { ErrorAlert, Notice, TextField, errorMessage } from "../../components/forms";
import { useI18n } from "../../i18n/i18n";
import { LanguageSwitcher } from "../shell/LanguageSwitcher";
import { useSession } from "../session/session";

export function LoginPage() {
  const { t } = useI18n();
  usePageTitle(t("login.title"));
  const { login, endedReason } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (caught) {
      setError(caught);
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  const locked =
    error instanceof ApiError && (error.code === "auth.locked" || error.code === "auth.too_many_attempts");
  const minutes =
    locked && error instanceof ApiError && error.retryAfterSeconds !== null
      ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
      : null;

  return (
    <main className="login-page" id="main">
      <div className="login-card">
        <h1 className="brand">{t("app.name")}</h1>
        <p className="login-tagline">{t("app.tagline")}</p>
        <LanguageSwitcher className="login-language" />
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="login-title">
          <h2 id="login-title">{t("login.title")}</h2>
          {endedReason && !error ? <Notice message={t("login.sessionEnded")} /> : null}
          <ErrorAlert message={error ? errorMessage(error, t) : null} />
          {minutes !== null ? <p className="field-hint">{t("login.retryAfter", { minutes })}</p> : null}
          <TextField
            label={t("login.username")}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
          <TextField
            label={t("login.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <button type="submit" disabled={busy || !username || !password}>
            {busy ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </div>
    </main>
  );
}
