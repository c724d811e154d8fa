import path from "node:path";
import { defineConfig } from "vitest/config";

// Browser journeys: Playwright (playwright-core) driving Debian's Chromium against the
// built app, served by the real server entry with a fresh embedded database.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.e2e.test.ts"],
    globalSetup: ["tests/e2e/serve-app.ts"],
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
