import type { Assessment } from "../../api/types";

/** The page of the person or household an assessment is about. */
export function subjectPath(assessment: Pick<Assessment, "person_id" | "household_id">): string {
  if (assessment.household_id) return `/registry/households/${encodeURIComponent(assessment.household_id)}`;
  return `/registry/persons/${encodeURIComponent(assessment.person_id ?? "")}`;
}

/** The page that starts an assessment about a subject, optionally with the form chosen. */
export function newAssessmentPath(subject: { person?: string; household?: string }, form?: string): string {
  const params = new URLSearchParams();
  if (subject.person) params.set("person", subject.person);
  if (subject.household) params.set("household", subject.household);
  if (form) params.set("form", form);
  return `/assessments/new?${params.toString()}`;
}
