import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm test`: unit tests beside the code, and integration tests against a real Postgres —
// PGlite always, plus a Postgres server when TEST_DATABASE_URL is set (CI).
const alias = { "~": path.resolve(import.meta.dirname, "app") };
const setupFiles = ["tests/setup/fail-on-console-error.ts", "tests/setup/i18n-messages.ts"];
const WEBSOCKET_TESTS = "tests/integration/realtime-supabase.test.ts";
const integration = (name: string, kind: "pglite" | "postgres") => ({
  resolve: { alias },
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    // Needs a global WebSocket for msw to intercept: its own project below.
    exclude: [WEBSOCKET_TESTS],
    setupFiles,
    globalSetup: [`tests/setup/global-setup-${kind}.ts`],
    env: { TEST_DB_KIND: kind },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // Component tests (*.test.tsx) pick jsdom per file with `// @vitest-environment jsdom`
        // (Vitest 4 has no environmentMatchGlobs); everything else runs in node.
        test: {
          name: "unit",
          include: ["app/**/*.test.{ts,tsx}", "server/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          setupFiles: [...setupFiles, "tests/setup/testing-library.ts"],
        },
      },
      integration("integration-pglite", "pglite"),
      // Supabase Realtime under msw: realtime-js uses Node's global WebSocket (what msw
      // intercepts) only when Node 20 runs with --experimental-websocket (docs STACK.md).
      (({ test, ...rest }) => ({
        ...rest,
        test: { ...test, name: "integration-websocket", include: [WEBSOCKET_TESTS], exclude: [], execArgv: ["--experimental-websocket"] },
      }))(integration("integration-websocket", "pglite")),
      ...(process.env.TEST_DATABASE_URL ? [integration("integration-postgres", "postgres")] : []),
    ],
  },
});
