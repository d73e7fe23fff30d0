import { useState, type FormEvent } from "react";
import { listCases } from "../../api/cases";
import type { CaseSummary } from "../../api/types";
import { ErrorAlert, LoadMore, SelectField, TextField, errorMessage } from "../../components/forms";
import { useCursorList } from "../../components/useCursorList";
import { usePageTitle } from "../../components/usePageTitle";
import { useQueryParam } from "../../components/useQueryParam";
import { useI18n } from "../../i18n/i18n";
import { codeLabel } from "./labels";
import { CaseLine } from "./parts";
import { CASE_STATES } from "./rules";

/** /cases: my cases or all in scope, by state, found by part of the number. */
export function CasesListPage() {
  const { t } = useI18n();
  usePageTitle(t("cases.listTitle"));
  const [scope, setScope] = useQueryParam("scope");
  const [state, setState] = useQueryParam("state");
  const [q, setQ] = useQueryParam("q");
  const [typed, setTyped] = useState(q);
  const mine = scope !== "all";
  const stateFilter = state || "open";
  const list = useCursorList<CaseSummary>(
    (cursor) =>
      listCases({
        worker: mine ? "me" : undefined,
        state: stateFilter === "any" ? undefined : stateFilter,
        q: q || undefined,
        limit: 50,
        cursor,
      }),
    [mine, stateFilter, q],
    { clearOnError: true },
  );

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
  }

  return (
    <section className="page" aria-labelledby="cases-title">
      <h1 id="cases-title">{t("cases.listTitle")}</h1>
      <form className="filter-bar" onSubmit={search} role="search">
        <SelectField label={t("cases.scopeLabel")} name="scope" value={mine ? "mine" : "all"} onChange={(e) => setScope(e.target.value === "all" ? "all" : "")}>
          <option value="mine">{t("cases.scopeMine")}</option>
          <option value="all">{t("cases.scopeAll")}</option>
        </SelectField>
        <SelectField label={t("cases.field.state")} name="state" value={stateFilter} onChange={(e) => setState(e.target.value === "open" ? "" : e.target.value)}>
          <option value="open">{t("cases.stateOpen")}</option>
          <option value="any">{t("cases.stateAny")}</option>
          {CASE_STATES.map((s) => (
            <option key={s} value={s}>
              {codeLabel("state", s, t)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("cases.searchNumber")} name="q" type="search" hint={t("cases.searchHint")} value={typed} maxLength={40} onChange={(e) => setTyped(e.target.value)} />
        <div className="field">
          <button type="submit">{t("common.search")}</button>
        </div>
      </form>
      <ErrorAlert message={list.error ? errorMessage(list.error, t) : null} />
      {list.loaded && !list.busy && list.items.length === 0 && !list.error ? <p className="empty-note">{t("cases.listEmpty")}</p> : null}
      <ul className="case-lines" aria-label={t("cases.listCaption")}>
        {list.items.map((item) => (
          <CaseLine key={item.id} item={item} />
        ))}
      </ul>
      {list.cursor ? <LoadMore onClick={list.loadMore} busy={list.busy} /> : null}
    </section>
  );
}
