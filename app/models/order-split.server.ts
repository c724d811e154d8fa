import type { Queryable } from "~/db/database.server";
import { paymentPostingLines, type Payee } from "~/domain/ledger-postings";
import { pick, type Locale } from "~/i18n/locale";
import { loadMoneyItems } from "./order-items.server";

// "¥X to the Wang household, ¥Y to the Zhengjia village collective": the split of one
// order, grouped by party in a fixed order — households (by name), the village
// collectives (by name), the streamers (named, with the sessions they sold in), the
// platform — each group with its subtotal. The order is the same in every language
// (sorted on the English names, which are pinyin for the villages). Once paid it is
// read from the ledger (net of refunds); before payment it is the projection of the
// same posting the payment will write. Either way the shares sum to the order's money.
// Grouping and sorting use both names; the page gets the request's language only.

export type SplitParty = Exclude<Payee, "clearing">;

export type SplitShare = {
  payee: SplitParty;
  /** household name, village name, or the streamer's display name, in the request's language */
  name: string;
  amountFen: number;
  /** for a streamer: the titles of the sessions the items were sold in */
  sessions: string[];
};

export type SplitGroup = { party: SplitParty; subtotalFen: number; shares: SplitShare[] };

/** A share before the language is chosen (names in both, so the order is the same in both). */
type BilingualShare = {
  payee: SplitParty;
  nameZh: string;
  nameEn: string;
  amountFen: number;
  sessions: { titleZh: string; titleEn: string }[];
};
type BilingualGroup = { party: SplitParty; subtotalFen: number; shares: BilingualShare[] };

function inLocale(groups: BilingualGroup[], locale: Locale): SplitGroup[] {
  return groups.map((g) => ({
    ...g,
    shares: g.shares.map((s) => ({
      payee: s.payee,
      name: pick(locale, s.nameZh, s.nameEn),
      amountFen: s.amountFen,
      sessions: s.sessions.map((session) => pick(locale, session.titleZh, session.titleEn)),
    })),
  }));
}

export type OrderSplit = {
  source: "ledger" | "projection";
  totalFen: number;
  groups: SplitGroup[];
  /** every share, flat, in the groups' order (for callers that do not group) */
  shares: SplitShare[];
};

export const SPLIT_PARTY_ORDER: readonly SplitParty[] = ["household", "collective", "streamer", "platform"];

type Streamer = { userId: string; name: string; session: { id: string; titleZh: string; titleEn: string } | null };

/** Who streamed each live-sold item of the order (display name and session), by item id. */
async function loadStreamers(tx: Queryable, orderId: string): Promise<Map<string, Streamer>> {
  const { rows } = await tx.query<{
    order_item_id: string;
    streamer_user_id: string;
    display_name: string;
    session_id: string | null;
    title_zh: string | null;
    title_en: string | null;
  }>("select order_item_id, streamer_user_id, display_name, session_id, title_zh, title_en from public.order_streamers($1)", [orderId]);
  return new Map(
    rows.map((r) => [
      r.order_item_id,
      {
        userId: r.streamer_user_id,
        name: r.display_name,
        session: r.session_id ? { id: r.session_id, titleZh: r.title_zh ?? "", titleEn: r.title_en ?? "" } : null,
      },
    ]),
  );
}

/** One line of money for one party of one item (positive = the party receives it). */
type PartyLine = {
  payee: SplitParty;
  key: string;
  nameZh: string;
  nameEn: string;
  amountFen: number;
  itemId: string | null;
};

/** Adds lines up per party, then orders groups and shares as the page shows them. */
export function groupSplit(lines: PartyLine[], streamers: Map<string, Streamer>): BilingualGroup[] {
  const shares = new Map<string, BilingualShare & { sessionIds: Set<string> }>();
  for (const line of lines) {
    const streamer = line.payee === "streamer" && line.itemId ? streamers.get(line.itemId) : undefined;
    const share = shares.get(line.key) ?? {
      payee: line.payee,
      nameZh: streamer ? streamer.name : line.nameZh,
      nameEn: streamer ? streamer.name : line.nameEn,
      amountFen: 0,
      sessions: [],
      sessionIds: new Set<string>(),
    };
    share.amountFen += line.amountFen;
    if (streamer?.session && !share.sessionIds.has(streamer.session.id)) {
      share.sessionIds.add(streamer.session.id);
      share.sessions.push({ titleZh: streamer.session.titleZh, titleEn: streamer.session.titleEn });
    }
    shares.set(line.key, share);
  }
  const byName = (a: BilingualShare, b: BilingualShare) =>
    a.nameEn < b.nameEn ? -1 : a.nameEn > b.nameEn ? 1 : a.nameZh < b.nameZh ? -1 : a.nameZh > b.nameZh ? 1 : 0;
  const all = [...shares.values()].filter((s) => s.amountFen !== 0);
  return SPLIT_PARTY_ORDER.map((party) => {
    const mine = all
      .filter((s) => s.payee === party)
      .sort(byName)
      .map(({ sessionIds: _ids, ...share }) => share);
    return { party, subtotalFen: mine.reduce((sum, s) => sum + s.amountFen, 0), shares: mine };
  }).filter((g) => g.shares.length > 0);
}

export async function getOrderSplit(tx: Queryable, orderId: string, locale: Locale): Promise<OrderSplit> {
  const posted = await tx.query<{
    kind: Payee;
    account_id: string;
    user_id: string | null;
    order_item_id: string | null;
    amount_fen: number;
    h_zh: string | null;
    h_en: string | null;
    c_zh: string | null;
    c_en: string | null;
  }>(
    `select a.kind, a.id as account_id, a.user_id, l.order_item_id, (-sum(l.amount_fen))::bigint as amount_fen,
            h.name_zh as h_zh, h.name_en as h_en, c.village_zh as c_zh, c.village_en as c_en
       from public.ledger_lines l
       join public.ledger_postings p on p.id = l.posting_id
       join public.ledger_accounts a on a.id = l.account_id
       left join public.households h on h.id = a.household_id
       left join public.cooperatives c on c.id = a.cooperative_id
      where p.order_id = $1 and a.kind in ('household', 'collective', 'streamer', 'platform')
      group by a.id, a.kind, a.user_id, l.order_item_id, h.name_zh, h.name_en, c.village_zh, c.village_en`,
    [orderId],
  );
  const streamers = await loadStreamers(tx, orderId);
  if (posted.rows.length > 0) {
    const lines: PartyLine[] = posted.rows.map((r) => ({
      payee: r.kind as SplitParty,
      // one streamer is one share, whichever cooperative's account paid them
      key: r.kind === "streamer" ? `s:${r.user_id}` : r.kind === "platform" ? "platform" : `a:${r.account_id}`,
      nameZh: r.h_zh ?? r.c_zh ?? "",
      nameEn: r.h_en ?? r.c_en ?? "",
      amountFen: Number(r.amount_fen),
      itemId: r.order_item_id,
    }));
    const groups = inLocale(groupSplit(lines, streamers), locale);
    return { source: "ledger", totalFen: sumGroups(groups), groups, shares: groups.flatMap((g) => g.shares) };
  }
  const groups = inLocale(groupSplit(await projectLines(tx, orderId), streamers), locale);
  return { source: "projection", totalFen: sumGroups(groups), groups, shares: groups.flatMap((g) => g.shares) };
}

function sumGroups(groups: SplitGroup[]): number {
  return groups.reduce((sum, g) => sum + g.subtotalFen, 0);
}

async function projectLines(tx: Queryable, orderId: string): Promise<PartyLine[]> {
  const items = await loadMoneyItems(tx, orderId);
  if (items.length === 0) return [];
  const names = await tx.query<{ id: string; h_zh: string | null; h_en: string | null; c_zh: string; c_en: string }>(
    `select oi.id, h.name_zh as h_zh, h.name_en as h_en, c.village_zh as c_zh, c.village_en as c_en
       from public.order_items oi
       join public.cooperatives c on c.id = oi.cooperative_id
       left join public.households h on h.id = oi.household_id
      where oi.order_id = $1`,
    [orderId],
  );
  const nameOf = new Map(names.rows.map((r) => [r.id, r]));
  const byId = new Map(items.map((i) => [i.id, i]));
  const lines: PartyLine[] = [];
  for (const line of paymentPostingLines(items)) {
    if (line.payee === "clearing") continue;
    const item = byId.get(line.itemId)!;
    const n = nameOf.get(line.itemId)!;
    lines.push({
      payee: line.payee,
      key:
        line.payee === "household"
          ? `h:${item.householdId}`
          : line.payee === "collective"
            ? `c:${item.cooperativeId}`
            : line.payee === "streamer"
              ? `s:${item.streamerUserId}`
              : "platform",
      nameZh: line.payee === "household" ? (n.h_zh ?? "") : line.payee === "collective" ? n.c_zh : "",
      nameEn: line.payee === "household" ? (n.h_en ?? "") : line.payee === "collective" ? n.c_en : "",
      amountFen: -line.amountFen,
      itemId: line.itemId,
    });
  }
  return lines;
}
