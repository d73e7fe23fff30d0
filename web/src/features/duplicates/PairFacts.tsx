// What a pair's review shows besides the fields: what is attached to each record (what a merge
// moves) and the evidence the engine weighed.
import { useId } from "react";
import { Link } from "react-router-dom";
import type { DuplicatePerson, Evidence } from "../../api/types";
import { formatNumber } from "../../i18n/format";
import { useI18n } from "../../i18n/i18n";
import { DuplicateLabels, formatWeight, weightBarPercent } from "./labels";

const ATTACHED = ["cases", "contacts", "assessments", "enrolments", "applications", "payments"] as const;

export function AttachedTable({ a, b }: { a: DuplicatePerson; b: DuplicatePerson }) {
  const { t, language } = useI18n();
  const captionId = useId();
  const household = (person: DuplicatePerson) =>
    person.household ? (
      <Link to={`/registry/households/${encodeURIComponent(person.household.id)}`}>
        {t("duplicates.attached.householdOf", { count: person.household.members.length })}
      </Link>
    ) : (
      <span className="muted">{t("registry.noHousehold")}</span>
    );
  return (
    <div className="table-scroll">
      <table className="data-table attached-table" aria-labelledby={captionId}>
        <caption id={captionId}>{t("duplicates.attached.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("duplicates.attached.kind")}</th>
            <th scope="col" className="number">
              {t("duplicates.compare.older")}
            </th>
            <th scope="col" className="number">
              {t("duplicates.compare.newer")}
            </th>
          </tr>
        </thead>
        <tbody>
          {ATTACHED.map((kind) => (
            <tr key={kind}>
              <th scope="row">{DuplicateLabels.moved(kind, t)}</th>
              <td className="number">{formatNumber(a.attached[kind], language)}</td>
              <td className="number">{formatNumber(b.attached[kind], language)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t("registry.field.household")}</th>
            <td className="number">{household(a)}</td>
            <td className="number">{household(b)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function EvidenceTable({ evidence }: { evidence: readonly Evidence[] }) {
  const { t, language } = useI18n();
  const captionId = useId();
  const weights = evidence.map((item) => item.weight);
  return (
    <div className="table-scroll">
      <table className="data-table evidence-table" aria-labelledby={captionId}>
        <caption id={captionId}>{t("duplicates.evidence.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("duplicates.compare.field")}</th>
            <th scope="col">{t("duplicates.evidence.level")}</th>
            <th scope="col" className="number">
              {t("duplicates.evidence.weight")}
            </th>
            <th scope="col">
              <span className="visually-hidden">{t("duplicates.evidence.bar")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((item) => (
            <tr key={item.field}>
              <th scope="row">{DuplicateLabels.evidenceField(item.field, t)}</th>
              <td>{DuplicateLabels.level(item.level, t)}</td>
              <td className="number">{formatWeight(item.weight, language)}</td>
              <td className="evidence-bar-cell" aria-hidden="true">
                <span
                  className={`evidence-bar ${item.weight >= 0 ? "evidence-for" : "evidence-against"}`}
                  style={{ width: `${weightBarPercent(item.weight, weights)}%` }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t("duplicates.evidence.explain")}</p>
    </div>
  );
}
