import { describe, expect, it } from "vitest";
import { telHref } from "./telHref";

describe("telHref", () => {
  it("keeps the plus and the digits", () => {
    expect(telHref("+40 (744) 123-456")).toBe("tel:+40744123456");
    expect(telHref("0744 123 456")).toBe("tel:0744123456");
  });
});
