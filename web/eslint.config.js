// Lint of the web app (`npm run lint`, a suite of `make test`): ESLint's and typescript-eslint's
// recommended rules, the latter with type information from tsconfig.json, and the React hooks
// rules. Warnings fail the run as errors do (--max-warnings 0 in package.json).
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default defineConfig(
  // The generated API types are the contract's, checked by schema.test.ts.
  globalIgnores(["dist/", "src/api/schema.d.ts"]),
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked, reactHooks.configs.flat.recommended],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ["**/*.js"],
    extends: [js.configs.recommended],
  },
);
