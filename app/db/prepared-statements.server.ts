import { createHash } from "node:crypto";

// Planning a query costs as much as running it here (RLS policies, joins: ~0.3–0.7 ms on
// the Postgres server, ~2 ms in PGlite's WASM), and pages repeat the same few texts. So a
// statement text seen again gets a name and is prepared once per connection; later runs
// skip parsing and, once Postgres settles on a generic plan, planning. Texts seen once
// (the seed, migrations, one-off admin queries) stay unnamed, and the set of names is
// bounded, so dynamic SQL cannot grow a connection's prepared statements without end.
const PREPARABLE = /^\s*(select|with|insert|update|delete)\b/i;
const MAX_NAMED = 400;
const MAX_TRACKED = 5_000;

export function preparedStatementNames() {
  const seen = new Map<string, number>();
  const named = new Map<string, string>();
  return {
    /** The name to prepare `sql` under, or undefined to run it unnamed this time. */
    nameFor(sql: string): string | undefined {
      const existing = named.get(sql);
      if (existing) return existing;
      if (named.size >= MAX_NAMED || !PREPARABLE.test(sql)) return undefined;
      const count = (seen.get(sql) ?? 0) + 1;
      if (count < 2) {
        if (seen.size >= MAX_TRACKED) seen.clear();
        seen.set(sql, count);
        return undefined;
      }
      seen.delete(sql);
      const name = `hl_${createHash("sha1").update(sql).digest("hex").slice(0, 20)}`;
      named.set(sql, name);
      return name;
    },
  };
}
