import type { Locale } from "./locale";

// A tiny subset of ICU MessageFormat, enough for our catalogues and nothing more:
//   {name}                                  the value; numbers through Intl.NumberFormat
//   {count, plural, =0 {…} one {…} other {…}}  exact matches first, then Intl.PluralRules;
//                                           inside a branch, # is the formatted number
// zh has no plural forms (PluralRules gives "other" always), so zh messages rarely need it.
export type MessageValues = Record<string, string | number>;

const numberFormats = new Map<Locale, Intl.NumberFormat>();
const pluralRules = new Map<Locale, Intl.PluralRules>();

function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

function pluralRule(locale: Locale): Intl.PluralRules {
  let rule = pluralRules.get(locale);
  if (!rule) pluralRules.set(locale, (rule = new Intl.PluralRules(locale)));
  return rule;
}

function show(value: string | number, locale: Locale): string {
  return typeof value === "number" ? numberFormat(locale).format(value) : value;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** `=0 {…} one {…} other {…}` → { "=0": "…", one: "…", other: "…" } */
function pluralBranches(text: string): Record<string, string> {
  const branches: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const match = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i));
    if (!match) break;
    const open = i + match[0].length - 1;
    const close = closingBrace(text, open);
    if (close < 0) break;
    branches[match[1]] = text.slice(open + 1, close);
    i = close + 1;
  }
  return branches;
}

function plural(branchText: string, value: number, values: MessageValues, locale: Locale): string {
  const branches = pluralBranches(branchText);
  const chosen = branches[`=${value}`] ?? branches[pluralRule(locale).select(value)] ?? branches.other ?? "";
  const withNumber = chosen.replace(/#/g, numberFormat(locale).format(value));
  return formatMessage(withNumber, values, locale);
}

export function formatMessage(template: string, values: MessageValues | undefined, locale: Locale): string {
  if (!template.includes("{")) return template;
  let out = "";
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) break;
    const close = closingBrace(template, open);
    if (close < 0) break;
    out += template.slice(i, open);
    const inner = template.slice(open + 1, close);
    const pluralForm = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    const name = pluralForm ? pluralForm[1] : inner.trim();
    const value = values?.[name];
    if (value === undefined)
      out += template.slice(open, close + 1); // visible, so a missing value is noticed
    else if (pluralForm) out += plural(pluralForm[2], Number(value), values!, locale);
    else out += show(value, locale);
    i = close + 1;
  }
  return out + template.slice(i);
}

/** The placeholder names a message uses (for the catalogue completeness test). */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    const close = open < 0 ? -1 : closingBrace(template, open);
    if (close < 0) break;
    const inner = template.slice(open + 1, close);
    const pluralForm = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    names.add(pluralForm ? pluralForm[1] : inner.trim());
    if (pluralForm) for (const branch of Object.values(pluralBranches(pluralForm[2]))) placeholdersOf(branch).forEach((n) => names.add(n));
    i = close + 1;
  }
  return [...names].sort();
}
