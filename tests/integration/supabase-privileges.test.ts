import { testDatabaseName } from "../support/test-database";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database, Queryable } from "~/db/database.server";
import { migrate, readMigrationFiles } from "~/db/migrations.server";
import { postgresDatabase } from "~/db/postgres-adapter.server";
import { withRole } from "~/db/request-role.server";
import { ids, seedDemoData } from "~/seed/seed.server";
import {
  MIGRATOR,
  createSupabaseShapedDatabase,
  databaseUrl,
  dropDatabase,
  privilegeDiff,
  privilegeSnapshot,
  withClient,
  type PrivilegeLine,
  type SupabaseShapedDatabase,
} from "../support/supabase-shaped-database";

// Issue 7, items 8 and 9: on a Supabase project the default privileges of schema public
// give anon, authenticated and service_role ALL on every new table, sequence and function,
// and auth.users already exists (owned by supabase_auth_admin). The same migrations must
// leave exactly the privileges they leave on plain Postgres, and the demo seed must run as
// the demoted migrating role. Needs a Postgres server: roles are cluster-wide and PGlite
// has one role set per instance and no second database to compare with.

/** The migration that revokes what the others do not grant (docs/decisions/0006). */
const EXACT_PRIVILEGES = "20261201120000";
const ADMIN = ids.user("admin@zhengjia.demo");
const ROLLBACK = Symbol("rollback");

/** Runs fn as a PostgREST-style request in a transaction that is always rolled back. */
async function asRequest<T>(
  db: Database,
  role: "anon" | "authenticated",
  sub: string | null,
  fn: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  await db
    .transaction(async (tx) => {
      await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(sub ? { sub, role } : { role })]);
      await tx.exec(`set local role ${role}`);
      result = await fn(tx);
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
  return result as T;
}

describe.skipIf(process.env.TEST_DB_KIND !== "postgres")("privileges on a Supabase-shaped database (needs the Postgres server)", () => {
  let adminUrl: string;
  let plainName: string;
  let plain: Database;
  let supabase: SupabaseShapedDatabase;
  let supa: Database;
  let beforeExact: PrivilegeLine[];
  let afterExact: PrivilegeLine[];
  let plainFinal: PrivilegeLine[];
  let supabaseFinal: PrivilegeLine[];
  let seedError: unknown;

  beforeAll(async () => {
    adminUrl = inject("postgresTemplate").adminUrl;
    const files = await readMigrationFiles();

    // 1. Plain Postgres, migrated as the superuser exactly as today — with a stop just
    //    before and just after the exact-privileges migration.
    plainName = testDatabaseName("plain");
    await withClient(adminUrl, (c) => c.query(`create database ${plainName}`));
    const plainUrl = databaseUrl(adminUrl, plainName);
    plain = postgresDatabase(plainUrl, { max: 2 });
    const superuser = (await plain.query<{ u: string }>("select current_user as u")).rows[0].u;
    await migrate(
      plain,
      files.filter((f) => f.version < EXACT_PRIVILEGES),
    );
    beforeExact = await privilegeSnapshot(plain, superuser);
    await migrate(
      plain,
      files.filter((f) => f.version <= EXACT_PRIVILEGES),
    );
    afterExact = await privilegeSnapshot(plain, superuser);
    await migrate(plain, files);
    plainFinal = await privilegeSnapshot(plain, superuser);

    // 2. Supabase-shaped, migrated and seeded as the demoted role.
    supabase = await createSupabaseShapedDatabase(adminUrl);
    supa = postgresDatabase(supabase.url, { max: 4 });
    await migrate(supa);
    try {
      await seedDemoData(supa);
    } catch (e) {
      seedError = e;
    }
    supabaseFinal = await privilegeSnapshot(supa, MIGRATOR);
  }, 120_000);

  afterAll(async () => {
    await plain?.close();
    await supa?.close();
    if (plainName) await dropDatabase(adminUrl, plainName);
    await supabase?.destroy();
  });

  it("migrates as a NOSUPERUSER BYPASSRLS role that owns nothing in schema auth", async () => {
    const { rows } = await supa.query<{ superuser: boolean; bypassrls: boolean; users_owner: string }>(
      `select r.rolsuper as superuser, r.rolbypassrls as bypassrls,
              (select relowner::regrole::text from pg_class where oid = 'auth.users'::regclass) as users_owner
         from pg_roles r where r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ superuser: false, bypassrls: true, users_owner: "supabase_auth_admin" });
  });

  it("runs the demo seed as the demoted role (service_role may write auth.users)", async () => {
    expect(seedError === undefined ? "seeded" : String(seedError)).toBe("seeded");
    const { rows } = await supa.query<{ n: number }>("select count(*)::int as n from auth.users");
    expect(rows[0].n).toBeGreaterThan(0);
  });

  it("on plain Postgres the exact-privileges migration changes no privilege of an existing object", () => {
    const objects = (lines: PrivilegeLine[]) => lines.filter((l) => !l.object.startsWith("default privileges"));
    const diff = privilegeDiff(objects(beforeExact), objects(afterExact));
    expect(diff, `privileges changed by ${EXACT_PRIVILEGES} on plain Postgres:\n${diff.join("\n")}`).toEqual([]);
  });

  it("leaves the migrating role's new objects with no privileges for the API roles or PUBLIC", () => {
    const granted = (lines: PrivilegeLine[]) =>
      lines
        .filter((l) => l.object.startsWith("default privileges") && l.privileges !== "-")
        .map((l) => `${l.object} · ${l.role}: ${l.privileges}`);
    expect(granted(plainFinal)).toEqual([]);
    expect(granted(supabaseFinal)).toEqual([]);
  });

  it("leaves every API role exactly the privileges it has on plain Postgres", () => {
    expect(plainFinal.length).toBeGreaterThan(500);
    const diff = privilegeDiff(plainFinal, supabaseFinal);
    expect(diff, `${diff.length} privileges differ (plain → Supabase-shaped):\n${diff.join("\n")}`).toEqual([]);
  });

  it("refuses anon the payees' Stripe accounts", async () => {
    await expect(asRequest(supa, "anon", null, (tx) => tx.query("select id from public.stripe_connected_accounts"))).rejects.toThrow(
      /permission denied for table stripe_connected_accounts/,
    );
    const { length } = await asRequest(supa, "anon", null, async (tx) => (await tx.query("select slug from public.cooperatives")).rows);
    expect(length).toBeGreaterThan(0);
  });

  it.each(["anon", "authenticated"] as const)("refuses %s TRUNCATE on payment_events", async (role) => {
    await expect(asRequest(supa, role, role === "anon" ? null : ADMIN, (tx) => tx.exec("truncate public.payment_events"))).rejects.toThrow(
      /permission denied for table payment_events/,
    );
  });

  it("refuses a cooperative admin writing a payee's Stripe account directly, but not renaming households", async () => {
    const coop = ids.cooperative("zhengjia");
    await expect(
      asRequest(supa, "authenticated", ADMIN, (tx) =>
        tx.query("insert into public.stripe_connected_accounts (id, cooperative_id) values ('acct_x', $1)", [coop]),
      ),
    ).rejects.toThrow(/permission denied for table stripe_connected_accounts/);
    const renamed = await asRequest(supa, "authenticated", ADMIN, (tx) =>
      tx.query("update public.households set name_en = name_en where cooperative_id = $1", [coop]),
    );
    expect(renamed.rowCount).toBeGreaterThan(0);
  });

  it("auth.uid() reads request.jwt.claim.sub (older definition) and request.jwt.claims", async () => {
    const uid = async (setting: string, value: string) =>
      supa.transaction(async (tx) => {
        await tx.query("select set_config($1, $2, true)", [setting, value]);
        return (await tx.query<{ uid: string | null }>("select auth.uid() as uid")).rows[0].uid;
      });
    expect(await uid("request.jwt.claim.sub", ADMIN)).toBe(ADMIN);
    expect(await uid("request.jwt.claims", JSON.stringify({ sub: ADMIN, role: "authenticated" }))).toBe(ADMIN);

    // The app's request identity sets both, so Supabase's older auth.uid() — which reads
    // only request.jwt.claim.sub — sees the user too; both are transaction-local.
    const seen = await withRole(
      supa,
      { role: "authenticated", userId: ADMIN },
      async (tx) =>
        (
          await tx.query<{ uid: string; legacy: string; role: string }>(
            `select auth.uid() as uid, nullif(current_setting('request.jwt.claim.sub', true), '')::uuid as legacy,
                current_user as role`,
          )
        ).rows[0],
    );
    expect(seen).toEqual({ uid: ADMIN, legacy: ADMIN, role: "authenticated" });
    const anon = await withRole(
      supa,
      { role: "anon" },
      async (tx) =>
        (
          await tx.query<{ uid: string | null; legacy: string | null }>(
            "select auth.uid() as uid, nullif(current_setting('request.jwt.claim.sub', true), '')::uuid as legacy",
          )
        ).rows[0],
    );
    expect(anon).toEqual({ uid: null, legacy: null });
    const after = await supa.query<{ sub: string | null }>("select nullif(current_setting('request.jwt.claim.sub', true), '') as sub");
    expect(after.rows[0].sub).toBeNull();
  });
});
