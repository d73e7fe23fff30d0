// The questionnaires' titles in the user's language, for screens that name a form by its code
// (a case's timeline). Loaded once per screen, for readers of assessments; until then, or for
// others, a form is named by its code.
import { useCallback, useEffect, useState } from "react";
import { listQuestionnaires } from "../../api/assessments";
import type { Questionnaire } from "../../api/types";
import { useI18n } from "../../i18n/i18n";
import { useSession } from "../session/session";
import { formText } from "./questionnaire";

export function useFormTitles(): (code: string) => string {
  const { language } = useI18n();
  const { permissions } = useSession();
  const canRead = permissions.has("assessment.read");
  const [forms, setForms] = useState<Questionnaire[]>([]);
  useEffect(() => {
    if (!canRead) return;
    let current = true;
    listQuestionnaires().then(
      (all) => current && setForms(all),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [canRead]);
  return useCallback(
    (code: string) => {
      const form = forms.find((f) => f.code === code);
      return form ? formText(form.title, language) : code;
    },
    [forms, language],
  );
}
