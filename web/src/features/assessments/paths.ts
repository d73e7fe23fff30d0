import type { Assessment } from "../../api/types";

/** The page of the person or household an assessment is about. */
export function subjectPath(assessment: Pick<Assessment, "person_id" | "household_id">): string {
  if (assessment.household_id) return `/registry/households/${encodeURIComponent(assessment.household_id)}`;
  return `/registry/persons/${encodeURIComponent(assessment.person_id ?? "")}`;
}

/** Who an assessment is about, and the case it is filed on, if any. */
export interface AssessmentTarget {
  person?: string;
  household?: string;
  caseId?: string;
}

/** The page that starts an assessment about a subject, optionally with the form chosen. */
export function newAssessmentPath(target: AssessmentTarget, form?: string): string {
  const params = new URLSearchParams();
  if (target.person) params.set("person", target.person);
  if (target.household) params.set("household", target.household);
  if (target.caseId) params.set("case", target.caseId);
  if (form) params.set("form", form);
  return `/assessments/new?${params.toString()}`;
}

/** The page that opens a case from a finished assessment (its origin). */
export function openCaseFromAssessmentPath(assessment: Pick<Assessment, "id" | "person_id" | "household_id">): string {
  const params = new URLSearchParams();
  if (assessment.household_id) params.set("household", assessment.household_id);
  else if (assessment.person_id) params.set("person", assessment.person_id);
  params.set("assessment", assessment.id);
  return `/cases/new?${params.toString()}`;
}
