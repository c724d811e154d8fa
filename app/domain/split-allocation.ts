import { assertFen, type Fen } from "./money";
import { BASIS_POINTS_WHOLE, SPLIT_PARTIES, isValidSplitRule, type SplitParty, type SplitRule } from "./split-rule";

// The one allocation function. Exact: the parts always add up to the total.
// Largest-remainder method: each party first gets floor(total × bp / 10000); the fen
// left over go one each to the parties with the largest remainders, ties broken by the
// fixed order household → collective → streamer → platform (SPLIT_PARTIES).

export type Allocation = Record<SplitParty, Fen>;

export function allocate(total: Fen, shares: SplitRule): Allocation {
  assertFen(total, "total");
  if (total < 0) throw new RangeError("allocate takes a non-negative total; negate the result for reversals");
  if (!isValidSplitRule(shares)) throw new RangeError("split shares must be whole basis points summing to 10000");

  const whole = BigInt(BASIS_POINTS_WHOLE);
  const amount = BigInt(total);
  const parts = SPLIT_PARTIES.map((party, order) => {
    const exact = amount * BigInt(shares[party]);
    return { party, order, base: exact / whole, remainder: exact % whole };
  });
  let leftover = amount - parts.reduce((sum, p) => sum + p.base, 0n);
  const byRemainder = [...parts].sort((a, b) => (a.remainder === b.remainder ? a.order - b.order : a.remainder > b.remainder ? -1 : 1));
  for (const part of byRemainder) {
    if (leftover === 0n) break;
    if (part.remainder === 0n) continue; // exact parts never take a leftover fen
    part.base += 1n;
    leftover -= 1n;
  }
  const result = {} as Allocation;
  for (const p of parts) result[p.party] = Number(p.base);
  return result;
}
