// Typed calls for questionnaires and assessments (docs/openapi.yaml; prose in
// docs/assessments-api.md), over the shared ApiClient.
import { api, enc } from "./endpoints";
import type {
  Assessment,
  AssessmentChanges,
  AssessmentFilter,
  NewAssessment,
  Page,
  Questionnaire,
  ScreeningSummary,
} from "./types";

/** The forms, each at its latest version (without definitions). */
export async function listQuestionnaires(): Promise<Questionnaire[]> {
  return (await api.request<Page<Questionnaire>>("GET", "/questionnaires", { query: { limit: 200 } })).data.items;
}

/** A form with its definition: `version`, else the latest. */
export async function getQuestionnaire(code: string, version?: number): Promise<Questionnaire> {
  const path = version ? `/questionnaires/${enc(code)}/versions/${version}` : `/questionnaires/${enc(code)}`;
  return (await api.request<Questionnaire>("GET", path)).data;
}

/** Adds a form version from its JSON definition (administrators over the installation). */
export async function createQuestionnaire(definition: unknown): Promise<Questionnaire> {
  return (await api.request<Questionnaire>("POST", "/questionnaires", { body: definition })).data;
}

export async function listAssessments(
  filter: AssessmentFilter & { limit?: number; cursor?: string | null },
): Promise<Page<Assessment>> {
  return (await api.request<Page<Assessment>>("GET", "/assessments", { query: filter })).data;
}

/** The whole assessment with its answers (the server audits the read). */
export async function getAssessment(id: string): Promise<Assessment> {
  return (await api.request<Assessment>("GET", `/assessments/${enc(id)}`)).data;
}

export async function createAssessment(input: NewAssessment): Promise<Assessment> {
  return (await api.request<Assessment>("POST", "/assessments", { body: input })).data;
}

export async function updateAssessment(id: string, version: number, changes: AssessmentChanges): Promise<Assessment> {
  return (await api.request<Assessment>("PATCH", `/assessments/${enc(id)}`, { body: changes, ifMatch: version })).data;
}

export async function screeningSummary(territory: string): Promise<ScreeningSummary> {
  return (await api.request<ScreeningSummary>("GET", "/assessments/screening-summary", { query: { territory } })).data;
}
