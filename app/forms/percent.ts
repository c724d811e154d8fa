// Percent text ↔ basis points without floats: "12.5" → 1250, "70" → 7000. Browser-safe.
const PERCENT = /^(\d{1,3})(?:\.(\d{1,2}))?$/;

export function percentToBasisPoints(text: string): number | null {
  const match = PERCENT.exec(text.trim().replace(/%$/, ""));
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

export function basisPointsToPercent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}`;
}
