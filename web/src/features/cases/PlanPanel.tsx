import { useEffect, useRef, useState, type FormEvent } from "react";
import { addAction, addGoal, getPlan, updateAction } from "../../api/cases";
import type { ActionStatus, Agency, Case, Plan, PlanAction, PlanActionChanges } from "../../api/types";
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
import { formatCalendarDate } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { codeLabel } from "./labels";
import { UrgencyMark, clientProblem, problemKey } from "./parts";
import {
  ACTION_STATUSES,
  AGENCIES,
  actionProblem,
  actionUrgency,
  localDateOf,
  localIsoDate,
  type ActionFormState,
} from "./rules";
import { useCaseWorkers } from "./workers";

/** The intersectoral plan: goals, each with its actions (agency, responsible, deadline, status). */
export function PlanPanel({ record, onChanged, printing }: { record: Case; onChanged: () => void; printing?: boolean }) {
  const { t } = useI18n();
  const { permissions } = useSession();
  const canWork = permissions.has("case.work") && !printing;
  const [plan, setPlan] = useState<Plan | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    getPlan(record.id).then(
      (loaded) => {
        if (!cancelled) {
          setPlan(loaded);
          setLoadError(null);
        }
      },
      (caught: unknown) => !cancelled && setLoadError(caught),
    );
    return () => {
      cancelled = true;
    };
  }, [record.id, version]);

  const saved = (message: string) => {
    setNotice(message);
    setVersion((n) => n + 1);
    onChanged();
  };

  const today = localIsoDate();
  return (
    <>
      <ErrorAlert message={loadError ? errorMessage(loadError, t) : null} />
      <Notice message={notice} />
      {plan && plan.goals.length === 0 ? <p className="empty-note">{t("cases.planEmpty")}</p> : null}
      {plan?.goals.map((goal) => (
        <section key={goal.id} className="goal" aria-labelledby={`goal-${goal.id}`}>
          <h3 id={`goal-${goal.id}`}>{t("cases.goalNamed", { text: goal.text })}</h3>
          {goal.actions.length === 0 ? <p className="muted">{t("cases.noActions")}</p> : null}
          <ul className="action-list">
            {goal.actions.map((action) => (
              <ActionRow key={`${action.id}:${action.version}`} action={action} today={today} canWork={canWork} onSaved={() => saved(t("cases.actionSaved"))} />
            ))}
          </ul>
        </section>
      ))}
      {canWork && plan ? (
        <>
          <GoalForm caseId={record.id} onSaved={() => saved(t("cases.goalAdded"))} />
          {plan.goals.length ? (
            <ActionForm record={record} plan={plan} onSaved={() => saved(t("cases.actionSaved"))} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

function ActionRow({
  action,
  today,
  canWork,
  onSaved,
}: {
  action: PlanAction;
  today: string;
  canWork: boolean;
  onSaved: () => void;
}) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState(false);
  const urgency = actionUrgency(action, today);
  return (
    <li className={urgency === "overdue" ? "overdue-row" : undefined} data-testid="plan-action">
      <strong>{action.text}</strong>
      <span>{codeLabel("agency", action.agency, t)}</span>
      <span>
        {t("cases.responsible")}: {action.responsible.name}
        {action.responsible.contact ? ` (${action.responsible.contact})` : null}
      </span>
      <span className={urgency === "overdue" ? "urgency-overdue" : undefined}>
        {t("today.deadline", { date: formatCalendarDate(action.deadline, language) })}
      </span>
      <span className="badge">{codeLabel("actionStatus", action.status, t)}</span>
      <UrgencyMark urgency={urgency} />
      {canWork && !editing ? (
        <button
          type="button"
          className="button-secondary no-print"
          aria-label={t("cases.editActionNamed", { text: action.text })}
          onClick={() => setEditing(true)}
        >
          {t("cases.editAction")}
        </button>
      ) : null}
      {editing ? (
        <ActionEditor
          action={action}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
    </li>
  );
}

function ActionEditor({ action, onSaved, onCancel }: { action: PlanAction; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [deadline, setDeadline] = useState(action.deadline);
  const [text, setText] = useState(action.text);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(isStaleVersion(error) ? null : error, formRef, summaryRef);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes: PlanActionChanges = {};
    if (status !== action.status) changes.status = status;
    if (deadline !== action.deadline) changes.deadline = deadline;
    if (text.trim() !== action.text) changes.text = text.trim();
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    if (changes.text === "") {
      setError(clientProblem({ field: "text", problem: "text_required" }, t(problemKey("text_required"))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await updateAction(action.id, action.version, changes);
      onSaved();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      {isStaleVersion(error) ? <StaleVersionAlert message={t("cases.staleVersion")} onReload={onSaved} /> : null}
      <TextField label={t("cases.actionText")} name="text" required value={text} maxLength={1000} error={fieldError(error, "text", t)} onChange={(e) => setText(e.target.value)} />
      <div className="form-grid">
        <SelectField label={t("cases.actionStatusLabel")} name="status" value={status} error={fieldError(error, "status", t)} onChange={(e) => setStatus(e.target.value as ActionStatus)}>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {codeLabel("actionStatus", s, t)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("cases.deadline")} name="deadline" type="date" required value={deadline} error={fieldError(error, "deadline", t)} onChange={(e) => setDeadline(e.target.value)} />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
      <ErrorSummary error={isStaleVersion(error) ? null : error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

function GoalForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) {
      setError(clientProblem({ field: "text", problem: "goal_text_required" }, t(problemKey("goal_text_required"))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addGoal(caseId, text.trim());
      setText("");
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="goal-form-title">
      <h3 id="goal-form-title">{t("cases.addGoal")}</h3>
      <TextField label={t("cases.goalText")} name="goal_text" required maxLength={1000} value={text} error={fieldError(error, "text", t)} onChange={(e) => setText(e.target.value)} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("cases.addGoal")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

function ActionForm({ record, plan, onSaved }: { record: Case; plan: Plan; onSaved: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const colleagues = useCaseWorkers(record.community_code).filter((w) => w.id !== user?.id);
  const empty = (): ActionFormState => ({
    goal_id: plan.goals.length === 1 ? plan.goals[0].id : "",
    text: "",
    agency: "",
    responsible: "me",
    responsible_name: "",
    responsible_contact: "",
    deadline: "",
  });
  const [form, setForm] = useState<ActionFormState>(empty);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useFocusFirstError(error, formRef, summaryRef);
  const set = <K extends keyof ActionFormState>(key: K, value: ActionFormState[K]) => setForm((p) => ({ ...p, [key]: value }));
  const err = (field: string) => fieldError(error, field, t);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = actionProblem(form, localDateOf(record.opened_at));
    if (problem) {
      setError(clientProblem(problem, t(problemKey(problem.problem === "deadline_invalid" ? "date_invalid" : problem.problem))));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await addAction(record.id, {
        goal_id: form.goal_id,
        text: form.text.trim(),
        agency: form.agency,
        deadline: form.deadline,
        ...(form.responsible === "other"
          ? {
              responsible_name: form.responsible_name.trim(),
              ...(form.responsible_contact.trim() ? { responsible_contact: form.responsible_contact.trim() } : {}),
            }
          : { responsible_user_id: form.responsible === "me" ? (user?.id ?? null) : form.responsible }),
      });
      setForm(empty());
      onSaved();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form no-print" ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-labelledby="action-form-title">
      <h3 id="action-form-title">{t("cases.addAction")}</h3>
      <SelectField label={t("cases.goal")} name="goal_id" required value={form.goal_id} error={err("goal_id")} onChange={(e) => set("goal_id", e.target.value)}>
        <option value="">{t("cases.choose")}</option>
        {plan.goals.map((g) => (
          <option key={g.id} value={g.id}>
            {g.text}
          </option>
        ))}
      </SelectField>
      <TextField label={t("cases.actionText")} name="action_text" required maxLength={1000} value={form.text} error={err("text")} onChange={(e) => set("text", e.target.value)} />
      <div className="form-grid">
        <SelectField label={t("cases.agency")} name="agency" required value={form.agency} error={err("agency")} onChange={(e) => set("agency", e.target.value as Agency | "")}>
          <option value="">{t("cases.choose")}</option>
          {AGENCIES.map((a) => (
            <option key={a} value={a}>
              {codeLabel("agency", a, t)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("cases.deadline")} name="deadline" type="date" required value={form.deadline} error={err("deadline")} onChange={(e) => set("deadline", e.target.value)} />
        <SelectField
          label={t("cases.responsible")}
          name="responsible"
          value={form.responsible}
          error={err("responsible_user_id")}
          onChange={(e) => set("responsible", e.target.value)}
        >
          <option value="me">{t("cases.workerMe", { name: user?.display_name ?? "" })}</option>
          {colleagues.map((w) => (
            <option key={w.id} value={w.id}>
              {w.display_name}
            </option>
          ))}
          <option value="other">{t("cases.responsibleOther")}</option>
        </SelectField>
      </div>
      {form.responsible === "other" ? (
        <div className="form-grid">
          <TextField label={t("cases.responsibleName")} name="responsible_name" required maxLength={200} value={form.responsible_name} error={err("responsible_name")} onChange={(e) => set("responsible_name", e.target.value)} />
          <TextField label={t("cases.responsibleContact")} name="responsible_contact" maxLength={200} value={form.responsible_contact} error={err("responsible_contact")} onChange={(e) => set("responsible_contact", e.target.value)} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("cases.addAction")}
        </button>
      </div>
      <ErrorSummary error={error} form={formRef} summaryRef={summaryRef} />
    </form>
  );
}

