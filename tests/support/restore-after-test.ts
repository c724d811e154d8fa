import { onTestFinished } from "vitest";
import type { Queryable } from "~/db/database.server";

// A test file shares one seeded database across its tests. A test that changes seeded rows
// (stock, a product's status, split rules), directly or through the code under test, calls
// this first: the rows as they were come back when the test finishes, passed or failed, so a
// failure cannot leave the next tests on changed data. Rows the test deletes are put back;
// rows it adds stay unless `removeAdded` (for rows nothing else references, like split rules).
const KEY_OF = {
  "public.products": "id",
  "public.product_stock": "product_id",
  "public.split_rules": "id",
  "public.households": "id",
  "public.live_sessions": "id",
} as const;
export type RestorableTable = keyof typeof KEY_OF;

export async function restoreAfterThisTest(
  db: Queryable,
  table: RestorableTable,
  where: Record<string, unknown>,
  options: { removeAdded?: boolean } = {},
): Promise<void> {
  const key = KEY_OF[table];
  const columns = Object.keys(where);
  const condition = columns.map((column, i) => `${column} is not distinct from $${i + 1}`).join(" and ");
  const { rows } = await db.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(x) as row from ${table} x where ${condition}`,
    Object.values(where),
  );
  // A condition that matches nothing is usually a typo that would silently skip the restore.
  if (rows.length === 0 && !options.removeAdded) throw new Error(`restoreAfterThisTest: no ${table} row matches ${JSON.stringify(where)}`);
  onTestFinished(async () => {
    if (options.removeAdded) {
      const kept = rows.map(({ row }) => row[key]);
      await db.query(`delete from ${table} where ${condition} and not (${key} = any($${columns.length + 1}))`, [
        ...Object.values(where),
        kept,
      ]);
    }
    for (const { row } of rows) {
      const assignments = Object.keys(row)
        .filter((column) => column !== key)
        .map((column) => `${column} = excluded.${column}`);
      await db.query(
        `insert into ${table} select * from jsonb_populate_record(null::${table}, $1::jsonb)
           on conflict (${key}) do update set ${assignments.join(", ")}`,
        [JSON.stringify(row)],
      );
    }
  });
}
