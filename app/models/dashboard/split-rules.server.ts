import type { Queryable } from "~/db/database.server";
import type { SplitRule } from "~/domain/split-rule";
import { pick, type Locale } from "~/i18n/locale";

// Split rules of a cooperative: its default, and per-product overrides. Changing a rule
// never touches past orders: each order item carries a frozen copy.
export type CoopSplitRules = {
  default: SplitRule | null;
  /** product titles in the request's language */
  overrides: { productId: string; title: string; rule: SplitRule }[];
};

type RuleRow = { household_bp: number; collective_bp: number; streamer_bp: number; platform_bp: number };
const toRule = (r: RuleRow): SplitRule => ({
  household: r.household_bp,
  collective: r.collective_bp,
  streamer: r.streamer_bp,
  platform: r.platform_bp,
});

export async function getCoopSplitRules(tx: Queryable, coopId: string, locale: Locale): Promise<CoopSplitRules> {
  const { rows } = await tx.query<RuleRow & { product_id: string | null; title_zh: string | null; title_en: string | null }>(
    `select r.product_id, p.title_zh, p.title_en, r.household_bp, r.collective_bp, r.streamer_bp, r.platform_bp
       from public.split_rules r left join public.products p on p.id = r.product_id
      where r.cooperative_id = $1 order by r.product_id nulls first, p.title_en`,
    [coopId],
  );
  const def = rows.find((r) => r.product_id === null);
  return {
    default: def ? toRule(def) : null,
    overrides: rows
      .filter((r) => r.product_id !== null)
      .map((r) => ({ productId: r.product_id!, title: pick(locale, r.title_zh ?? "", r.title_en ?? ""), rule: toRule(r) })),
  };
}

const params = (rule: SplitRule) => [rule.household, rule.collective, rule.streamer, rule.platform];

// Each write is one upsert on the partial unique index it concerns, so two admins saving at
// the same moment both succeed (the later one wins) instead of one hitting a unique violation.
export async function setDefaultRule(tx: Queryable, coopId: string, rule: SplitRule): Promise<void> {
  await tx.query(
    `insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
     values ($1, null, $2, $3, $4, $5)
     on conflict (cooperative_id) where product_id is null do update
       set household_bp = excluded.household_bp, collective_bp = excluded.collective_bp,
           streamer_bp = excluded.streamer_bp, platform_bp = excluded.platform_bp, updated_at = now()`,
    [coopId, ...params(rule)],
  );
}

/** Returns false when the product is not this cooperative's. */
export async function setProductOverride(tx: Queryable, coopId: string, productId: string, rule: SplitRule): Promise<boolean> {
  const { rowCount } = await tx.query(
    `insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
     select p.cooperative_id, p.id, $3, $4, $5, $6 from public.products p where p.id = $2 and p.cooperative_id = $1
     on conflict (product_id) where product_id is not null do update
       set household_bp = excluded.household_bp, collective_bp = excluded.collective_bp,
           streamer_bp = excluded.streamer_bp, platform_bp = excluded.platform_bp, updated_at = now()`,
    [coopId, productId, ...params(rule)],
  );
  return rowCount === 1;
}

export async function removeProductOverride(tx: Queryable, coopId: string, productId: string): Promise<void> {
  await tx.query("delete from public.split_rules where cooperative_id = $1 and product_id = $2", [coopId, productId]);
}
