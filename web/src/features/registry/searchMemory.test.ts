import { beforeEach, describe, expect, it, vi } from "vitest";
import { registrySearchPath, rememberRegistrySearch } from "./searchMemory";

describe("registry search memory", () => {
  beforeEach(() => {
    const store = new Map<string, string>();
    vi.stubGlobal("sessionStorage", {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
      removeItem: (key: string) => void store.delete(key),
    });
  });

  it("returns to the last search, encoded", () => {
    expect(registrySearchPath()).toBe("/registry");
    rememberRegistrySearch("Поліщук 1984");
    expect(registrySearchPath()).toBe(`/registry?q=${encodeURIComponent("Поліщук")}+1984`);
    rememberRegistrySearch("");
    expect(registrySearchPath()).toBe("/registry");
  });
});
