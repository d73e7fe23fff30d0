import { describe, expect, it } from "vitest";
import { changesOf } from "./history";

describe("changesOf", () => {
  it("reads an update's changes, lists and nulls included, in the order of the form", () => {
    expect(
      changesOf({
        detail: {
          changes: {
            phone: { from: null, to: "+40 123 456" },
            languages: { from: ["ro"], to: ["ro", "uk"] },
            identifiers: { from: [], to: [{ scheme: "RO-CNP", value: "*********1234" }] },
          },
        },
      }),
    ).toEqual([
      { field: "identifiers", from: null, to: "RO-CNP *********1234", hidden: false },
      { field: "phone", from: null, to: "+40 123 456", hidden: false },
      { field: "languages", from: "ro", to: "ro, uk", hidden: false },
    ]);
  });

  it("reads a creation's fields given in the same shape, and notes only as changed", () => {
    expect(
      changesOf({ detail: { given_name: { from: "", to: "Ольга" }, notes: "changed" } }),
    ).toEqual([
      { field: "given_name", from: null, to: "Ольга", hidden: false },
      { field: "notes", from: null, to: null, hidden: true },
    ]);
  });

  it("lets the caller show values in the user's terms", () => {
    const format = (field: string, value: unknown) => (field === "sex" ? `<${String(value)}>` : null);
    expect(changesOf({ detail: { changes: { sex: { from: null, to: "female" }, phone: { from: "1", to: "2" } } } }, format)).toEqual([
      { field: "sex", from: null, to: "<female>", hidden: false },
      { field: "phone", from: "1", to: "2", hidden: false },
    ]);
  });

  it("ignores detail members that are not changes", () => {
    expect(changesOf({ detail: { view: "record" } })).toEqual([]);
  });
});
