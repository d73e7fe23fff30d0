import { describe, expect, it } from "vitest";

// schema.d.ts is generated from docs/openapi.yaml by `npm run api-types`. This regenerates it,
// with that very command line, into a scratch file and compares: a contract changed without
// regenerating fails here instead of leaving the app typed against an older contract.
describe("generated API types", () => {
  it("are up to date with docs/openapi.yaml", async () => {
    const { execFileSync } = await import("node:child_process");
    const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const { fileURLToPath } = await import("node:url");

    const web = fileURLToPath(new URL("../../", import.meta.url));
    const committedPath = "src/api/schema.d.ts";
    const manifest = JSON.parse(readFileSync(path.join(web, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const [program, ...args] = manifest.scripts["api-types"].split(/\s+/);
    expect(program).toBe("openapi-typescript");
    expect(args).toContain(committedPath);

    const scratch = mkdtempSync(path.join(tmpdir(), "socius-api-types-"));
    try {
      const fresh = path.join(scratch, "schema.d.ts");
      const cli = path.join(web, "node_modules", "openapi-typescript", "bin", "cli.js");
      execFileSync(process.execPath, [cli, ...args.map((arg) => (arg === committedPath ? fresh : arg))], {
        cwd: web,
        stdio: "pipe",
      });
      const committed = readFileSync(path.join(web, committedPath), "utf8");
      expect(readFileSync(fresh, "utf8"), "run `npm run api-types` in web/ and commit src/api/schema.d.ts").toBe(
        committed,
      );
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
