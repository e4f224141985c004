import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/**
 * Lint for the whole tree: typescript-eslint's recommended rules everywhere, the React hooks rules in the
 * web app. The type check (tsc) stays the judge of types; this catches what compiles but is wrong
 * (unused code, hook dependencies, stray any).
 */
export default tseslint.config(
  { ignores: ["node_modules/", "web/dist/", "dist/", "data/", ".tmp/", "server/db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    // The two rules of hooks the code was written to. The plugin's React Compiler rules (set-state-in-effect,
    // refs …) are advice for code the compiler optimises; this app is not compiled by it.
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
);
