// The one data-access port. Two adapters implement it: PGlite (embedded default) and
// a Postgres server (node-postgres) when DATABASE_URL is set. Both return the same
// JS types: int8 as a safe-integer number, numeric as string, timestamptz as Date.

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<{ rows: T[]; rowCount: number }>;
  /** Runs several statements without parameters (migrations, bootstrap). */
  exec(sql: string): Promise<void>;
}

export type Statement = { sql: string; params?: unknown[] };

export interface Database extends Queryable {
  readonly kind: "pglite" | "postgres";
  /**
   * Runs `fn` in one transaction; commits if it resolves, rolls back if it throws.
   * `prelude`: fixed statements run first (setting the role), sent with BEGIN where the
   * driver allows, so a transaction costs no extra round trip for them.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, prelude?: Statement[]): Promise<T>;
  /**
   * Runs fixed statements as one transaction in as few round trips as the driver allows
   * (node-postgres: a single message, so the server commits without waiting on Node —
   * what keeps a hot row's lock short in a flash sale). Returns each statement's rows.
   */
  atomic(statements: Statement[]): Promise<Row[][]>;
  close(): Promise<void>;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** int8 → number, refusing values a JS number cannot hold exactly (money must stay exact). */
export function parseInt8(value: string): number {
  const big = BigInt(value);
  if (big > MAX_SAFE || big < -MAX_SAFE) {
    throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  }
  return Number(big);
}

export const PG_TYPE_OIDS = { int8: 20 } as const;
