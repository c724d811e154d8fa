// A split rule: four parts in basis points (1/100 of a percent) summing to 10000.

export const SPLIT_PARTIES = ["household", "collective", "streamer", "platform"] as const;
export type SplitParty = (typeof SPLIT_PARTIES)[number];
export type SplitRule = Record<SplitParty, number>;

export const BASIS_POINTS_WHOLE = 10_000;

export function isValidSplitRule(rule: SplitRule): boolean {
  return (
    SPLIT_PARTIES.every((p) => Number.isInteger(rule[p]) && rule[p] >= 0 && rule[p] <= BASIS_POINTS_WHOLE) &&
    SPLIT_PARTIES.reduce((sum, p) => sum + rule[p], 0) === BASIS_POINTS_WHOLE
  );
}

/**
 * The shares that actually apply to one order item. An item not sold through a live
 * session gives the streamer part to the collective; a collective-owned product (no
 * household) gives the household part to the collective.
 */
export function effectiveShares(rule: SplitRule, sale: { hasHousehold: boolean; soldLive: boolean }): SplitRule {
  const shares = { ...rule };
  if (!sale.soldLive) {
    shares.collective += shares.streamer;
    shares.streamer = 0;
  }
  if (!sale.hasHousehold) {
    shares.collective += shares.household;
    shares.household = 0;
  }
  return shares;
}

/** 7000 → "70%", 1250 → "12.5%" (display only). */
export function formatBasisPoints(bp: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(bp / BASIS_POINTS_WHOLE);
}
