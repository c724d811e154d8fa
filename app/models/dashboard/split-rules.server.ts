import type { Queryable } from "~/db/database.server";
import type { SplitRule } from "~/domain/split-rule";

// Split rules of a cooperative: its default, and per-product overrides. Changing a rule
// never touches past orders: each order item carries a frozen copy.
export type CoopSplitRules = {
  default: SplitRule | null;
  overrides: { productId: string; titleZh: string; titleEn: string; rule: SplitRule }[];
};

type RuleRow = { household_bp: number; collective_bp: number; streamer_bp: number; platform_bp: number };
const toRule = (r: RuleRow): SplitRule => ({
  household: r.household_bp, collective: r.collective_bp, streamer: r.streamer_bp, platform: r.platform_bp,
});

export async function getCoopSplitRules(tx: Queryable, coopId: string): Promise<CoopSplitRules> {
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
      .map((r) => ({ productId: r.product_id!, titleZh: r.title_zh ?? "", titleEn: r.title_en ?? "", rule: toRule(r) })),
  };
}

const params = (rule: SplitRule) => [rule.household, rule.collective, rule.streamer, rule.platform];

export async function setDefaultRule(tx: Queryable, coopId: string, rule: SplitRule): Promise<void> {
  const updated = await tx.query(
    `update public.split_rules set household_bp = $2, collective_bp = $3, streamer_bp = $4, platform_bp = $5, updated_at = now()
      where cooperative_id = $1 and product_id is null`,
    [coopId, ...params(rule)],
  );
  if (updated.rowCount === 0) {
    await tx.query(
      `insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
       values ($1, null, $2, $3, $4, $5)`,
      [coopId, ...params(rule)],
    );
  }
}

/** Returns false when the product is not this cooperative's. */
export async function setProductOverride(tx: Queryable, coopId: string, productId: string, rule: SplitRule): Promise<boolean> {
  const product = await tx.query("select 1 from public.products where id = $1 and cooperative_id = $2", [productId, coopId]);
  if (product.rowCount === 0) return false;
  const updated = await tx.query(
    `update public.split_rules set household_bp = $3, collective_bp = $4, streamer_bp = $5, platform_bp = $6, updated_at = now()
      where cooperative_id = $1 and product_id = $2`,
    [coopId, productId, ...params(rule)],
  );
  if (updated.rowCount === 0) {
    await tx.query(
      `insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
       values ($1, $2, $3, $4, $5, $6)`,
      [coopId, productId, ...params(rule)],
    );
  }
  return true;
}

export async function removeProductOverride(tx: Queryable, coopId: string, productId: string): Promise<void> {
  await tx.query("delete from public.split_rules where cooperative_id = $1 and product_id = $2", [coopId, productId]);
}
