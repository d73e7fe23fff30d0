// The household form's members and the checks the API would otherwise refuse
// (docs/registry-api.md: exactly one head when there are members, no one twice).
import type { Household, HouseholdFields, Relationship } from "../../api/types";

export interface MemberRow {
  person_id: string;
  name: string;
  birth_date: string | null;
  age: number | null;
  relationship_to_head: Relationship | "";
}

export type MembersProblem = "head_required" | "multiple_heads" | "relationship_required" | null;

export function membersProblem(members: readonly MemberRow[]): MembersProblem {
  if (members.length === 0) return null;
  if (members.some((m) => !m.relationship_to_head)) return "relationship_required";
  const heads = members.filter((m) => m.relationship_to_head === "head").length;
  if (heads === 0) return "head_required";
  if (heads > 1) return "multiple_heads";
  return null;
}

/** Adds a person unless already a member; the first member becomes the head. */
export function addMember(members: readonly MemberRow[], person: Omit<MemberRow, "relationship_to_head">): MemberRow[] {
  if (members.some((m) => m.person_id === person.person_id)) return [...members];
  return [...members, { ...person, relationship_to_head: members.length === 0 ? "head" : "" }];
}

export function membersBody(members: readonly MemberRow[]): NonNullable<HouseholdFields["members"]> {
  return members.map((m) => ({ person_id: m.person_id, relationship_to_head: m.relationship_to_head as Relationship }));
}

export function memberRowsOf(household: Household): MemberRow[] {
  return household.members.map((m) => ({
    person_id: m.person_id,
    name: [m.family_name, m.given_name].join(" "),
    birth_date: m.birth_date,
    age: m.age,
    relationship_to_head: m.relationship_to_head,
  }));
}
