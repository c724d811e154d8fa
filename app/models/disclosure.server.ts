import type { Queryable } from "~/db/database.server";
import type { Fen } from "~/domain/money";
import { pick, type Locale } from "~/i18n/locale";

// The public income disclosure: what a village affairs board posts for oversight — the
// cooperative's e-commerce income (net sales) and the collective's and households' shares,
// what was paid out to households and to how many — per year and per month. Read through
// public.income_disclosure (security definer, aggregates only, nothing unless the
// cooperative switched it on); the switch is public.set_income_disclosure (admins only).

export type DisclosureFigures = {
  netFen: Fen;
  collectiveFen: Fen;
  householdFen: Fen;
  paidToHouseholdsFen: Fen;
  householdsPaid: number;
};

export type DisclosureYear = DisclosureFigures & { year: number; months: (DisclosureFigures & { month: number; label: string })[] };

type Row = {
  year: number;
  month: number | null;
  net_fen: number;
  collective_fen: number;
  household_fen: number;
  paid_to_households_fen: number;
  households_paid: number;
};

const figures = (r: Row): DisclosureFigures => ({
  netFen: r.net_fen,
  collectiveFen: r.collective_fen,
  householdFen: r.household_fen,
  paidToHouseholdsFen: r.paid_to_households_fen,
  householdsPaid: r.households_paid,
});

/** Every year with income or payouts, newest first, its months in order. */
export async function listDisclosure(tx: Queryable, slug: string): Promise<DisclosureYear[]> {
  const { rows } = await tx.query<Row>("select * from public.income_disclosure($1)", [slug]);
  const years = new Map<number, DisclosureYear>();
  for (const r of rows) {
    if (r.month === null) years.set(r.year, { year: r.year, ...figures(r), months: [] });
  }
  for (const r of rows) {
    if (r.month === null) continue;
    years.get(r.year)?.months.push({ month: r.month, label: `${r.year}-${String(r.month).padStart(2, "0")}`, ...figures(r) });
  }
  return [...years.values()].sort((a, b) => b.year - a.year);
}

/** Switches the disclosure on or off; the database refuses anyone but the cooperative's admins. */
export async function setDisclosure(tx: Queryable, cooperativeId: string, enabled: boolean): Promise<void> {
  await tx.query("select public.set_income_disclosure($1, $2)", [cooperativeId, enabled]);
}

/** The public side: an active cooperative's name and whether it publishes; null for none. */
export async function getDisclosureCoop(
  tx: Queryable,
  slug: string,
  locale: Locale,
): Promise<{ slug: string; name: string; enabled: boolean } | null> {
  const { rows } = await tx.query<{ slug: string; name_zh: string; name_en: string; enabled: boolean }>(
    "select slug, name_zh, name_en, disclosure_enabled as enabled from public.cooperatives where slug = $1 and status = 'active'",
    [slug],
  );
  const r = rows[0];
  return r ? { slug: r.slug, name: pick(locale, r.name_zh, r.name_en), enabled: r.enabled } : null;
}
