import { useEffect, useState } from "react";
import { downloadText } from "../../components/download";
import { intlLocale } from "../../i18n/format";
import { useI18n, type MessageKey } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { spreadsheetDelimiter, type ImportField } from "./csvImport";
import { defaultCommunity, singleRoleTerritory } from "./defaultCommunity";
import { importColumns, sampleCsv, type ImportRequirement } from "./importGuide";

const REQUIREMENT_KEYS: Record<ImportRequirement, MessageKey> = {
  required: "import.requirement.required",
  oneOfPlace: "import.requirement.oneOfPlace",
  withHousehold: "import.requirement.withHousehold",
  optional: "import.requirement.optional",
};

/** Before a file is chosen: the columns a file may have, and a sample file to start from. */
export function ImportGuide({ fieldLabel }: { fieldLabel: (field: ImportField) => string }) {
  const { t, language } = useI18n();
  const { user } = useSession();
  // The sample's community: the user's own when they work in one, else the territory of their roles.
  const [community, setCommunity] = useState(singleRoleTerritory(user) ?? user?.home_territory_code ?? "");
  useEffect(() => {
    let cancelled = false;
    void defaultCommunity(user).then((found) => {
      if (!cancelled && found) setCommunity(found.code);
    });
    return () => {
      cancelled = true;
    };
  }, [user]);
  const columns = importColumns(language, community);
  return (
    <section className="import-guide" aria-labelledby="import-guide-title">
      <h2 id="import-guide-title">{t("import.guideTitle")}</h2>
      <p>{t("import.guideIntro")}</p>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("import.guide.column")}</th>
              <th scope="col">{t("import.guide.meaning")}</th>
              <th scope="col">{t("import.guide.requirement")}</th>
              <th scope="col">{t("import.guide.example")}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.field}>
                <th scope="row">
                  <code>{column.field}</code>
                </th>
                <td>{fieldLabel(column.field)}</td>
                <td>{t(REQUIREMENT_KEYS[column.requirement])}</td>
                <td>{column.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          onClick={() => downloadText(sampleCsv(language, community, spreadsheetDelimiter(intlLocale(language))), "persons-sample.csv")}
        >
          {t("import.sample")}
        </button>
      </div>
    </section>
  );
}
