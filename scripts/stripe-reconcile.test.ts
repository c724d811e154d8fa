import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The script as an operator runs it, on the paths that need no Stripe and no database
// (what it does with Stripe is tests/integration/stripe-reconcile.test.ts).
const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
const run = (args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [tsx, "scripts/stripe-reconcile.ts", ...args], { env, encoding: "utf8", timeout: 20_000 });
const withoutStripe = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("STRIPE_"))) as NodeJS.ProcessEnv;

describe("npm run stripe:reconcile", () => {
  it("says there is nothing to reconcile in demo mode and exits 2", () => {
    const result = run([], withoutStripe);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/STRIPE_SECRET_KEY is not set/);
  });

  it("refuses a window that is not a whole number of hours", () => {
    const result = run(["--hours", "1.5"], { ...withoutStripe, STRIPE_SECRET_KEY: "sk_test_x" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--hours must be a whole number of hours from 1 to 720/);
  });
});
