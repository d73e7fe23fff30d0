import { defineConfig } from "vitest/config";

// Unit tests run in one fixed time zone, whatever the machine's, so that a date test means the
// same everywhere: Bucharest (UTC+2, UTC+3 in summer), as in the browser tests. Set before any
// test worker starts; the workers inherit it.
process.env.TZ = "Europe/Bucharest";

// The C++ server serves web/dist at / and the API at /api/v1; in development Vite serves the
// app and forwards API calls to a locally running `socius serve`.
export default defineConfig({
  build: {
    outDir: "dist",
    // No source maps in what the server ships: they would publish the app's source.
    sourcemap: false,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router marks modules "use client"; meaningless in a client-only bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080", "/directory": "http://127.0.0.1:8080" },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
