// Small numeric helpers shared by the flash-sale bench.

/** Nearest-rank percentile (p in 0..100) of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Median of one numeric field across rounds. */
export function medianOf<T>(rounds: T[], pick: (r: T) => number): number {
  return median(rounds.map(pick));
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
