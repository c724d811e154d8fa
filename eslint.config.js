// ESLint 9 flat config. Formatting is Prettier's job (.prettierrc.json); this file keeps
// correctness rules and the architecture's import boundaries (see docs/decisions/ and
// issue 8, "one request scope").
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SOURCE = ["**/*.{js,mjs,cjs,ts,tsx}"];
const BROWSER_CODE = ["app/**/*.{ts,tsx}"];

// The service role bypasses RLS. Only code that authorises inside the database (or needs no
// caller at all) may reach for it: sign-in, background jobs, the seed, payment webhooks, CLI
// scripts. Tests and benchmarks build fixtures with it, which is not app code.
const SERVICE_ROLE_ALLOWED = [
  "app/auth/**",
  "app/jobs/**",
  "app/seed/**",
  "app/models/payment.server.ts",
  // Stripe: the adapter records its Checkout Session; the webhook records and processes events
  "app/models/stripe-checkout.server.ts",
  "app/models/stripe-webhook.server.ts",
  "scripts/**",
  "tests/**",
  "bench/**",
  "app/db/**",
];
const serviceRoleRestriction = {
  group: ["~/db/request-role.server", "**/db/request-role.server"],
  importNames: ["asServiceRole"],
  message:
    "asServiceRole bypasses RLS: only app/auth, app/jobs, app/seed, app/models/payment.server.ts, the Stripe models and scripts may use it. Authorise inside the database (a security-definer function) instead.",
};
// Routes are thin: they reach data through the request scope in the load context and the
// models, never through the database layer itself.
const databaseLayerRestriction = {
  group: ["~/db", "~/db/**", "**/db/*.server", "**/db/*.server.ts"],
  message: "Routes must not import the database layer (~/db/*): use the request scope from the load context and a model in ~/models.",
};

export default defineConfig(
  {
    ignores: ["build/**", "public/build/**", "public/media/**", ".cache/**", ".data/**", "test-results/**", "node_modules/**"],
  },
  {
    files: SOURCE,
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, callback arity).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-restricted-imports": ["error", { patterns: [serviceRoleRestriction] }],
    },
  },
  {
    files: BROWSER_CODE,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ["app/**/*.{ts,tsx}", "tests/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      // The classic rules: a broken hook order or a stale closure is a bug, not a style.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // The React Compiler rules of v7's `recommended` that catch real bugs without the
      // compiler (we do not run it): mutating props/state, reading refs while rendering,
      // impure render, components declared inside components, setState during render.
      "react-hooks/immutability": "error",
      "react-hooks/refs": "error",
      "react-hooks/purity": "error",
      "react-hooks/static-components": "error",
      "react-hooks/set-state-in-render": "error",
      "react-hooks/globals": "error",
      "react-hooks/error-boundaries": "error",
      "react-hooks/set-state-in-effect": "error",
      // The rest (use-memo, preserve-manual-memoization, incompatible-library, unsupported-syntax,
      // config, gating) only matter to code the compiler rewrites: off until we adopt it.
      // Every rule is error or off, so `eslint .` passing means clean (no warning to ignore).
    },
  },
  {
    files: SERVICE_ROLE_ALLOWED,
    rules: { "no-restricted-imports": "off" },
  },
  {
    // Replaces the service-role entry above for these files (flat config does not merge a
    // rule's options); the database-layer ban covers asServiceRole too.
    files: ["app/routes/**", "app/root.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [databaseLayerRestriction] }],
      // no-restricted-imports does not see import(): the same ban for dynamic imports.
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression[source.value=/(^~|\\/)db(\\/|$)/]", message: databaseLayerRestriction.message },
      ],
    },
  },
);
