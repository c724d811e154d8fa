import { randomBytes, randomUUID } from "node:crypto";
import type { Database, Queryable } from "~/db/database.server";
import { asServiceRole, withRole, type RequestIdentity, actingAs } from "~/db/request-role.server";
import { hashToken } from "~/http/visitor.server";
import { placeOrder } from "~/models/order.server";
import { refundAsPlatformAdmin } from "./refund-as";
import { ids } from "~/seed/seed.server";
import { GOOD_DETAILS, Shopper } from "./shopper";
import { testContext } from "./test-database";

// Fixtures for the RLS matrix (tests/integration/rls-matrix.test.ts): who asks, which rows
// they aim at, and rows of both cooperatives in every table. Coop A = zhengjia, B = daguliu.

export const A = ids.cooperative("zhengjia");
export const B = ids.cooperative("daguliu");
const FUNGUS = ids.product("zhengjia-black-fungus-250g");
const RICE = ids.product("daguliu-rice-5kg");
export const coopName = (id: string) => (id === A ? "zhengjia" : id === B ? "daguliu" : id);

const user = {
  consumer: ids.user("consumer@rls.test"),
  hostA: ids.user("host@zhengjia.demo"),
  host2A: ids.user("host2@zhengjia.rls"), // a second streamer of A: streamer A must not run their sessions
  hostB: ids.user("host@daguliu.demo"),
  adminA: ids.user("admin@zhengjia.demo"),
  adminB: ids.user("admin@daguliu.demo"),
  platform: ids.user("admin@platform.demo"),
};

/** Who asks. Static, so expected outcomes can be part of the test names. */
export type Role = { name: string; userId?: string; adminOf?: string; streamerOf?: string; platform?: boolean; service?: boolean };
export const ROLES: Role[] = [
  { name: "anon" },
  { name: "consumer", userId: user.consumer },
  { name: "streamer of zhengjia", userId: user.hostA, streamerOf: A },
  { name: "admin of zhengjia", userId: user.adminA, adminOf: A },
  { name: "admin of daguliu", userId: user.adminB, adminOf: B },
  { name: "platform admin", userId: user.platform, platform: true },
];
export const SERVICE_ROLE: Role = { name: "service role", service: true };

/** Which row a write aims at: `side` picks the ids, the rest is what write rules look at. */
export type Target = { label: string; side: "A" | "A2" | "B"; coop: string; host: string; cartOwner?: string };
export const TARGETS = {
  coop: [
    { label: "A row", side: "A", coop: A, host: user.hostA },
    { label: "B row", side: "B", coop: B, host: user.hostB },
  ],
  // live sessions: streamer A's own, another host's in the same cooperative, and B's
  sessions: [
    { label: "own A row", side: "A", coop: A, host: user.hostA },
    { label: "another host's A row", side: "A2", coop: A, host: user.host2A },
    { label: "B row", side: "B", coop: B, host: user.hostB },
  ],
  // carts belong to buyers, not cooperatives: the consumer's (holding A goods) and a guest's
  carts: [
    { label: "consumer's row", side: "A", coop: A, host: user.hostA, cartOwner: user.consumer },
    { label: "guest's row", side: "B", coop: B, host: user.hostB },
  ],
} satisfies Record<string, Target[]>;

/** The concrete rows of one side that writes aim at. */
export type SideIds = {
  coop: string;
  slug: string;
  member: string;
  household: string;
  product: string;
  draft: string;
  rule: string;
  session: string;
  host: string;
  cart: string;
  cartInsert: [string | null, string | null];
  buyer: string | null;
  order: string;
  orderItem: string;
  refund: string;
  posting: string;
  line: number;
  account: string;
  payout: string;
  connectedAccount: string;
  stripeTransfer: string;
  stripeDispute: string;
  stripeReversal: string;
  outsideCharge: string;
  paymentEvent: string;
  loginKey: string;
};

export type Fixtures = {
  sides: Record<Target["side"], SideIds>;
  /** the user id and visitor hash each role's requests carry: what "own" rows name */
  selves(role: Role): string[];
  run<T>(role: Role, fn: (tx: Queryable) => Promise<T>): Promise<T>;
};

const one = async <T>(tx: Queryable, sql: string, params: unknown[] = []) => {
  const { rows } = await tx.query<{ v: T }>(sql, params);
  if (rows.length !== 1) throw new Error(`fixture query returned ${rows.length} rows: ${sql}`);
  return rows[0].v;
};

export async function buildRlsFixtures(db: Database): Promise<Fixtures> {
  const context = testContext(db);
  const svc = <T>(fn: (tx: Queryable) => Promise<T>) => asServiceRole(db, fn);
  const visitors = new Map(ROLES.map((r) => [r.name, hashToken(randomBytes(16).toString("hex"))]));
  const consumerShop = new Shopper(context);
  visitors.set("consumer", hashToken(consumerShop.token));
  const identity = (role: Role): RequestIdentity => {
    const claims = { visitor: visitors.get(role.name) };
    return role.userId ? { role: "authenticated", userId: role.userId, claims } : { role: "anon", claims };
  };

  // People, and catalogue rows only admins see: drafts, retired households, cancelled
  // sessions, a suspended cooperative.
  const extra = await svc(async (tx) => {
    for (const [id, email] of [
      [user.consumer, "consumer@rls.test"],
      [user.host2A, "host2@zhengjia.rls"],
    ]) {
      await tx.query("insert into auth.users (id, email) values ($1, $2)", [id, email]);
      await tx.query("insert into public.profiles (id, email, display_name) values ($1, $2, $2)", [id, email]);
    }
    await tx.query("insert into public.memberships (user_id, cooperative_id, role) values ($1, $2, 'streamer')", [user.host2A, A]);
    await tx.query("update public.cooperatives set status = 'suspended' where slug = 'laohutou'");
    const made: Record<string, { draft: string; cancelled: string }> = {};
    for (const [coop, slug, category, host, product] of [
      [A, "zhengjia", "fungi", user.host2A, FUNGUS],
      [B, "daguliu", "rice", user.hostB, RICE],
    ]) {
      const draft = await one<string>(
        tx,
        `insert into public.products (cooperative_id, slug, title_zh, title_en, category_slug, unit, price_fen, status)
         values ($1, $2 || '-rls-draft', '草稿', 'Draft', $3, 'bag', 990, 'draft') returning id as v`,
        [coop, slug, category],
      );
      await tx.query(
        `insert into public.households (cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en, status)
         values ($1, 'rls-retired', '退出户', 'Retired', '某', 'Someone', 'inactive')`,
        [coop],
      );
      const cancelled = await one<string>(
        tx,
        `insert into public.live_sessions (cooperative_id, host_user_id, title_zh, title_en, status, scheduled_start)
         values ($1, $2, '取消', 'Cancelled', 'cancelled', now()) returning id as v`,
        [coop, host],
      );
      await tx.query("insert into public.live_session_secrets (session_id, stream_key) values ($1, $2)", [cancelled, randomUUID()]);
      await tx.query("insert into public.live_session_products (session_id, product_id) values ($1, $2)", [cancelled, product]);
      await tx.query("insert into app_private.sessions (id, user_id, expires_at) values ($1, $2, now() + interval '1 day')", [
        hashToken(randomUUID()),
        slug === "zhengjia" ? user.hostA : user.hostB,
      ]);
      await tx.query("insert into app_private.login_failures (key) values ($1)", [`email:host@${slug}.demo`]);
      made[slug] = { draft, cancelled };
    }
    return made;
  });

  // Orders through the real paths: the signed-in consumer buys A goods sold live, a guest
  // buys B goods, another guest buys from both (the case that tempts a policy to leak).
  const consumer = ROLES[1];
  await consumerShop.add(FUNGUS, 2, ids.session("zhengjia-fungus-drying-replay"));
  const consumerOrder = (
    await placeOrder(actingAs(db, identity(consumer)), {
      ...GOOD_DETAILS,
      contactPhone: "13800138000",
      locale: "zh-CN",
      reservationMinutes: 15,
    })
  ).id;
  const guestShop = new Shopper(context);
  const mixedShop = new Shopper(context);
  await guestShop.add(RICE, 1);
  const guestOrder = await guestShop.placeOrder();
  await mixedShop.add(FUNGUS, 1);
  await mixedShop.add(RICE, 1);
  const mixedOrder = await mixedShop.placeOrder();
  for (const [shop, order] of [
    [consumerShop, consumerOrder],
    [guestShop, guestOrder],
    [mixedShop, mixedOrder],
  ] as const) {
    const paid = await shop.pay(order);
    if (paid.status !== 302) throw new Error(`fixture payment failed: ${JSON.stringify(paid)}`);
  }
  await consumerShop.add(ids.product("zhengjia-fungus-gift-box"), 1); // carts left behind
  await guestShop.add(RICE, 1);

  const itemOf = (order: string, coop: string) =>
    one<string>(db, "select id as v from public.order_items where order_id = $1 and cooperative_id = $2", [order, coop]);
  const refunds = { A: randomUUID(), B: randomUUID() };
  for (const [refundId, orderId, coop] of [
    [refunds.A, consumerOrder, A],
    [refunds.B, mixedOrder, B],
  ]) {
    const result = await refundAsPlatformAdmin(db, {
      refundId,
      orderId,
      items: [{ orderItemId: await itemOf(orderId, coop), quantity: 1 }],
      restock: false,
    });
    if (!result.ok) throw new Error(`fixture refund failed: ${JSON.stringify(result)}`);
  }

  // An offline payout to each collective, posted like the payouts work will post it.
  const payouts = await svc(async (tx) => {
    const clearing = await one<string>(tx, "select id as v from public.ledger_accounts where kind = 'payouts_clearing'");
    const made: Record<string, string> = {};
    for (const coop of [A, B]) {
      const account = await one<string>(
        tx,
        "select id as v from public.ledger_accounts where kind = 'collective' and cooperative_id = $1",
        [coop],
      );
      const posting = await one<string>(
        tx,
        "insert into public.ledger_postings (kind, idempotency_key, memo) values ('payout', $1, 'cash') returning id as v",
        [`payout:rls:${coop}`],
      );
      await tx.query("insert into public.ledger_lines (posting_id, account_id, amount_fen) values ($1, $2, 100), ($1, $3, -100)", [
        posting,
        account,
        clearing,
      ]);
      made[coop] = await one<string>(
        tx,
        `insert into public.payouts (cooperative_id, account_id, amount_fen, method, receipt_note, posting_id, created_by)
         values ($1, $2, 100, 'cash', 'cash', $3, $4) returning id as v`,
        [coop, account, posting, coop === A ? user.adminA : user.adminB],
      );
    }
    return made;
  });

  // Each collective's Stripe account and a pending transfer to it for the side's order (ADR 0025).
  const stripeRows = async (coop: string, slug: string, order: string, refund: string) =>
    svc(async (tx) => {
      const connectedAccount = `acct_rls_${slug}`;
      await tx.query("insert into public.stripe_connected_accounts (id, cooperative_id, payouts_enabled) values ($1, $2, true)", [
        connectedAccount,
        coop,
      ]);
      const stripeTransfer = await one<string>(
        tx,
        `insert into public.stripe_transfers (order_id, account_id, cooperative_id, connected_account_id, amount_fen)
         select $1, a.id, $2, $3, 1 from public.ledger_accounts a where a.kind = 'collective' and a.cooperative_id = $2 returning id as v`,
        [order, coop, connectedAccount],
      );
      // …and what money going back leaves (ADR 0027): a Stripe refund of the side's refund, a
      // reversal of that transfer, a dispute and a refund made in Stripe's dashboard.
      await tx.query("insert into public.stripe_refunds (refund_id, order_id, payment_intent_id, amount_fen) values ($1, $2, $3, 1)", [
        refund,
        order,
        `pi_rls_${slug}`,
      ]);
      const stripeReversal = await one<string>(
        tx,
        "insert into public.stripe_transfer_reversals (transfer_id, refund_id, amount_fen) values ($1, $2, 1) returning id as v",
        [stripeTransfer, refund],
      );
      const stripeDispute = `dp_rls_${slug}`;
      await tx.query("insert into public.stripe_disputes (id, order_id, amount_fen, opened_at) values ($1, $2, 1, now())", [
        stripeDispute,
        order,
      ]);
      const outsideCharge = `ch_rls_${slug}`;
      await tx.query(
        "insert into public.stripe_outside_refunds (charge_id, order_id, amount_refunded_fen, unknown_fen) values ($1, $2, 1, 1)",
        [outsideCharge, order],
      );
      return { connectedAccount, stripeTransfer, stripeDispute, stripeReversal, outsideCharge };
    });

  const side = async (coop: string, slug: string, order: string, host: string, session: string, refund: string): Promise<SideIds> => {
    const posting = await one<string>(db, "select id as v from public.ledger_postings where order_id = $1 and kind = 'payment'", [order]);
    return {
      coop,
      slug,
      member: host,
      host,
      session,
      refund,
      order,
      posting,
      household: await one(
        db,
        "select id as v from public.households where cooperative_id = $1 and status = 'active' order by key limit 1",
        [coop],
      ),
      product: slug === "zhengjia" ? FUNGUS : RICE,
      draft: extra[slug].draft,
      rule: await one(db, "select id as v from public.split_rules where cooperative_id = $1 and product_id is null", [coop]),
      cart: await one(db, "select id as v from public.carts where visitor_token_hash = $1", [
        slug === "zhengjia" ? visitors.get("consumer") : hashToken(guestShop.token),
      ]),
      cartInsert: slug === "zhengjia" ? [user.consumer, null] : [null, hashToken(randomUUID())],
      buyer: slug === "zhengjia" ? user.consumer : null,
      orderItem: await itemOf(order, coop),
      line: await one(db, "select min(id) as v from public.ledger_lines where posting_id = $1", [posting]),
      account: await one(db, "select id as v from public.ledger_accounts where kind = 'collective' and cooperative_id = $1", [coop]),
      payout: payouts[coop],
      ...(await stripeRows(coop, slug, order, refund)),
      paymentEvent: await one(db, "select id as v from public.payment_events where order_id = $1", [order]),
      loginKey: `email:host@${slug}.demo`,
    };
  };
  const sideA = await side(A, "zhengjia", consumerOrder, user.hostA, ids.session("zhengjia-fungus-drying-replay"), refunds.A);
  const sideB = await side(B, "daguliu", guestOrder, user.hostB, ids.session("daguliu-new-rice-evening"), refunds.B);
  return {
    sides: { A: sideA, A2: { ...sideA, session: extra.zhengjia.cancelled, host: user.host2A }, B: sideB },
    selves: (role) => [role.userId, visitors.get(role.name)].filter((s): s is string => !!s),
    run: (role, fn) => (role.service ? asServiceRole(db, fn) : withRole(db, identity(role), fn)),
  };
}

/** The outcome of one write, always rolled back. */
export type Outcome = { allowed: boolean; how: string };
class RolledBack extends Error {
  constructor(readonly rowCount: number) {
    super("rolled back on purpose");
  }
}

/**
 * Runs a write as `role` and rolls it back. Denied = an insufficient-privilege error
 * (no grant, an RLS WITH CHECK violation, the ledger's append-only trigger) or no row
 * touched (RLS USING hid it). Any other error is a broken fixture and is thrown.
 */
export async function attempt(fx: Fixtures, role: Role, sql: string, params: unknown[]): Promise<Outcome> {
  try {
    await fx.run(role, async (tx) => {
      throw new RolledBack((await tx.query(sql, params)).rowCount);
    });
    throw new Error("unreachable");
  } catch (error) {
    if (error instanceof RolledBack) {
      return error.rowCount > 0
        ? { allowed: true, how: `${error.rowCount} row(s) written` }
        : { allowed: false, how: "0 rows (hidden by USING)" };
    }
    const e = error as { code?: string; message?: string };
    if (e.code === "42501") return { allowed: false, how: e.message ?? "insufficient privilege" };
    throw error;
  }
}
