import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inlineParams, sqlLiteral } from "~/db/postgres-adapter.server";
import { ids } from "~/seed/seed.server";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// One-round-trip statements on a Postgres server inline their parameters as literals
// (app/db/postgres-adapter.server.ts). Whatever a literal holds must come back from the
// database exactly as the value it was made from, arrays included (a sold-out checkout
// looks up its products' titles by an array of ids that way).
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

// Postgres text holds any character but NUL.
const text = fc.string({ unit: "binary", maxLength: 40 }).map((s) => s.replace(/\0/g, ""));

describe("inlined parameters", () => {
  it("give back every string, number and array of strings they were made from", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer(), fc.array(fc.option(text, { nil: null }), { maxLength: 6 }), async (s, n, xs) => {
        const sql = inlineParams("select $1::text as s, $2::int as n, $3::text[] as xs", [s, n, xs]);
        const { rows } = await t.db.query<{ s: string; n: number; xs: (string | null)[] }>(sql);
        expect(rows[0]).toEqual({ s, n, xs });
      }),
      { numRuns: 150 },
    );
  });

  it("cast a negative number, not negate a cast of it: the smallest int fits", async () => {
    const sql = inlineParams("select $1::int as n, $2::int + 1 as m", [-2147483648, -5]);
    expect((await t.db.query<{ n: number; m: number }>(sql)).rows[0]).toEqual({ n: -2147483648, m: -4 });
  });

  it("pass an array of ids to a uuid[] parameter", async () => {
    const products = [ids.product("zhengjia-black-fungus-250g"), ids.product("daguliu-rice-5kg")];
    const sql = inlineParams("select count(*)::int as n from public.products where id = any($1::uuid[])", [products]);
    expect((await t.db.query<{ n: number }>(sql)).rows[0].n).toBe(2);
    expect((await t.db.query<{ n: number }>(inlineParams("select cardinality($1::uuid[]) as n", [[]]))).rows[0].n).toBe(0);
  });

  it("refuse what has no literal: objects, nested arrays, non-finite numbers", () => {
    expect(() => sqlLiteral({ a: 1 })).toThrow(TypeError);
    expect(() => sqlLiteral([["a"]])).toThrow(/nested array/);
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
  });
});
