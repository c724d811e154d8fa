// Money is an integer number of fen (1/100 yuan). Never a float: parsing and formatting
// go through strings and integer arithmetic only.

export type Fen = number;

export function assertFen(value: number, label = "amount"): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be a whole number of fen, got ${value}`);
  return value;
}

const YUAN_PATTERN = /^(-)?(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "12.8" → 1280, "12.80" → 1280, "12" → 1200; null when not a plain yuan amount. */
export function parseYuan(text: string): Fen | null {
  const match = YUAN_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, minus, whole, fraction = ""] = match;
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return minus && fen !== 0 ? -fen : fen;
}

/** 1280 → "12.80", -5 → "-0.05": for CSV exports and form fields. */
export function fenToYuanString(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** 1280 → "¥12.80" in both languages (narrow symbol, so English does not say "CN¥"). */
export function formatFen(fen: Fen, locale: string): string {
  assertFen(fen);
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "CNY",
      currencyDisplay: "narrowSymbol",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(locale, formatter);
  }
  // Intl takes a number; fen/100 is exact to 2 decimals for every safe fen amount we
  // format (display only — no arithmetic happens on the result).
  return formatter.format(fen / 100);
}
