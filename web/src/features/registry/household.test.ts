import { describe, expect, it } from "vitest";
import { addMember, membersBody, membersProblem, type MemberRow } from "./household";

const person = (id: string) => ({ person_id: id, name: id, birth_date: null, age: null });

describe("household members", () => {
  it("makes the first member the head and does not add anyone twice", () => {
    let members: MemberRow[] = addMember([], person("a"));
    members = addMember(members, person("b"));
    members = addMember(members, person("a"));
    expect(members.map((m) => [m.person_id, m.relationship_to_head])).toEqual([
      ["a", "head"],
      ["b", ""],
    ]);
    expect(membersProblem(members)).toBe("relationship_required");
  });

  it("requires exactly one head", () => {
    const two: MemberRow[] = [
      { ...person("a"), relationship_to_head: "head" },
      { ...person("b"), relationship_to_head: "head" },
    ];
    expect(membersProblem(two)).toBe("multiple_heads");
    expect(membersProblem([{ ...person("a"), relationship_to_head: "spouse" }])).toBe("head_required");
    const ok: MemberRow[] = [
      { ...person("a"), relationship_to_head: "head" },
      { ...person("b"), relationship_to_head: "child" },
    ];
    expect(membersProblem(ok)).toBeNull();
    expect(membersProblem([])).toBeNull();
    expect(membersBody(ok)).toEqual([
      { person_id: "a", relationship_to_head: "head" },
      { person_id: "b", relationship_to_head: "child" },
    ]);
  });
});
