import { useEffect, useState, type FormEvent } from "react";
import { getCaseSettings, updateCaseSettings } from "../../api/cases";
import type { CaseSettings } from "../../api/types";
import { ErrorAlert, ErrorSummary, Notice, StaleVersionAlert, TextField, errorMessage, fieldError, useSaveForm } from "../../components/forms";
import { usePageTitle } from "../../components/usePageTitle";
import { useI18n } from "../../i18n/i18n";
import { TerritoryChooser, type ChosenTerritory } from "../registry/TerritoryChooser";
import { CheckboxField, clientProblem } from "./parts";

/** A community's case settings: the case-number prefix and team visibility (heads, administrators). */
export function CaseSettingsPage() {
  const { t } = useI18n();
  usePageTitle(t("caseSettings.title"));
  const [community, setCommunity] = useState<ChosenTerritory | null>(null);
  const [settings, setSettings] = useState<CaseSettings | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!community) return;
    let cancelled = false;
    getCaseSettings(community.code).then(
      (loaded) => {
        if (cancelled) return;
        setSettings(loaded);
        setLoadError(null);
      },
      (caught: unknown) => !cancelled && setLoadError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [community, reloads]);

  return (
    <section className="page narrow" aria-labelledby="case-settings-title">
      <h1 id="case-settings-title">{t("caseSettings.title")}</h1>
      <p>{t("caseSettings.intro")}</p>
      <TerritoryChooser
        legend={t("cases.field.community")}
        level="community"
        value={community}
        onChange={(chosen) => {
          setCommunity(chosen);
          setSettings(null);
          setNotice(null);
        }}
      />
      {!community ? <p className="empty-note">{t("caseSettings.choose")}</p> : null}
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {community && settings && settings.community_code === community.code ? (
        <SettingsForm
          key={`${settings.community_code}:${settings.version}`}
          settings={settings}
          onSaved={(saved) => {
            setSettings(saved);
            setNotice(t("caseSettings.saved"));
          }}
          onReload={() => setReloads((n) => n + 1)}
        />
      ) : null}
    </section>
  );
}

function SettingsForm({
  settings,
  onSaved,
  onReload,
}: {
  settings: CaseSettings;
  onSaved: (saved: CaseSettings) => void;
  onReload: () => void;
}) {
  const { t } = useI18n();
  const [prefix, setPrefix] = useState(settings.number_prefix);
  const [team, setTeam] = useState(settings.team_visibility);
  const { error, setError, busy, formRef, summaryRef, stale, attempt } = useSaveForm();
  const year = new Date().getFullYear();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = prefix.trim().toUpperCase();
    if (!/^[A-Z0-9]{1,12}$/.test(wanted)) {
      setError(clientProblem({ field: "number_prefix", problem: "invalid_prefix" }, t("caseSettings.prefixInvalid")));
      return;
    }
    const changes: { number_prefix?: string; team_visibility?: boolean } = {};
    if (wanted !== settings.number_prefix) changes.number_prefix = wanted;
    if (team !== settings.team_visibility) changes.team_visibility = team;
    if (Object.keys(changes).length === 0) return;
    await attempt(async () => {
      onSaved(await updateCaseSettings(settings.community_code, settings.version, changes));
    });
  }

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate className="card">
      {stale ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onReload} /> : null}
      <TextField
        label={t("caseSettings.prefix")}
        name="number_prefix"
        required
        maxLength={12}
        value={prefix}
        hint={t("caseSettings.prefixHint", { example: `${prefix.trim().toUpperCase() || settings.number_prefix}-${year}-000001` })}
        error={fieldError(error, "number_prefix", t)}
        onChange={(e) => setPrefix(e.target.value)}
      />
      <CheckboxField label={t("caseSettings.teamVisibility")} name="team_visibility" checked={team} onChange={setTeam} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t("common.save")}
        </button>
      </div>
      <ErrorSummary error={stale ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}
