// The questionnaires' titles and flag labels in the user's language, for screens that name a
// form and its findings by code (a case's timeline). Each form named is read once per screen,
// for readers of assessments; until then, or for others, codes stand for themselves.
import { useEffect, useMemo, useState } from "react";
import { getQuestionnaire } from "../../api/assessments";
import type { Questionnaire } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { formText } from "./questionnaire";

export interface FormTexts {
  title(code: string): string;
  flag(code: string, flag: string): string;
}

export function useFormTexts(codes: readonly string[]): FormTexts {
  const { language } = useI18n();
  const { permissions } = useSession();
  const canRead = permissions.has("assessment.read");
  const [forms, setForms] = useState<Record<string, Questionnaire>>({});
  const wanted = [...new Set(codes)].filter((code) => code && !(code in forms)).sort().join("\n");
  useEffect(() => {
    if (!canRead || !wanted) return;
    let current = true;
    for (const code of wanted.split("\n")) {
      getQuestionnaire(code).then(
        (form) => current && setForms((known) => ({ ...known, [code]: form })),
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [canRead, wanted]);
  return useMemo(
    () => ({
      title: (code: string) => (forms[code] ? formText(forms[code].title, language) : code),
      flag: (code: string, flag: string) => {
        const label = forms[code]?.definition?.flags?.find((f) => f.code === flag)?.label;
        return label ? formText(label, language) : flag;
      },
    }),
    [forms, language],
  );
}
