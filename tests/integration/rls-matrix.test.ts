import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  A,
  B,
  ROLES,
  SERVICE_ROLE,
  TARGETS,
  attempt,
  buildRlsFixtures,
  coopName,
  type Fixtures,
  type Role,
  type SideIds,
  type Target,
} from "../support/rls-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

// The RLS matrix: every role × every table × select/insert/update/delete, on PGlite and on
// the Postgres server. Expectations are declared per table below, as rules:
//   reads:  which rows a role must see — exactly those, so a leak and a lost row both fail;
//   writes: who may write a representative A row and B row (always rolled back).
// A cross-cooperative read or write that succeeds fails with role, table and operation.

/** What a row is about, computed with RLS bypassed: the cooperatives it belongs to, the
 * users/visitors it belongs to, and whether the public catalogue shows it. */
type Facts = { key: string; coops: string[]; owners: string[]; public: boolean };
type Who = Role & { selves: string[] };
type ReadRule = (who: Who, row: Facts) => boolean;
type WriteRule = (role: Role, target: Target) => boolean;

const PUBLIC: ReadRule = (_, row) => row.public;
const OWN: ReadRule = (who, row) => row.owners.some((o) => who.selves.includes(o));
/** cooperative admins see their cooperative's rows; the platform admin every row */
const MY_COOP: ReadRule = (who, row) => !!who.platform || (!!who.adminOf && row.coops.includes(who.adminOf));
const PLATFORM: ReadRule = (who) => !!who.platform;
const anyOf =
  (...rules: ReadRule[]): ReadRule =>
  (who, row) =>
    rules.some((r) => r(who, row));

const NOBODY: WriteRule = () => false;
const COOP_ADMIN: WriteRule = (role, t) => !!role.platform || role.adminOf === t.coop;
const CART_OWNER: WriteRule = (role, t) => !!role.userId && role.userId === t.cartOwner;
const PLATFORM_ONLY: WriteRule = (role) => !!role.platform;

// SQL for the facts (row alias t).
const one = (col: string) => `array[${col}::text]`;
const NONE = "'{}'::text[]";
const agg = (select: string) => `coalesce((${select}), '{}'::text[])`;
const orderCoops = (order: string) =>
  agg(`select array_agg(distinct oi.cooperative_id::text) from public.order_items oi where oi.order_id = ${order}`);
const orderOwners = (order: string) =>
  agg(`select array_remove(array[o.buyer_user_id::text, o.access_token_hash], null) from public.orders o where o.id = ${order}`);
const userCoops = (u: string) => agg(`select array_agg(m.cooperative_id::text) from public.memberships m where m.user_id = ${u}`);
const sessionCol = (col: string) => agg(`select array[s.${col}::text] from public.live_sessions s where s.id = t.session_id`);
const productCoop = agg("select array[p.cooperative_id::text] from public.products p where p.id = t.product_id");
const activeCoop = (coop: string) => `exists (select 1 from public.cooperatives c where c.id = ${coop} and c.status = 'active')`;
const cartOwners = (cart: string) =>
  agg(`select array_remove(array[c.user_id::text, c.visitor_token_hash], null) from public.carts c where c.id = ${cart}`);
// A streamer account's streamer: they read their own account, its lines and postings, and their payouts.
const streamerOf = (account: string) =>
  agg(`select array[a.user_id::text] from public.ledger_accounts a where a.id = ${account} and a.kind = 'streamer'`);
// Lines of postings of orders on an account (accounts are seen through the orders they serve).
const accountOrders =
  "public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id join public.orders o on o.id = p.order_id";

type Spec = {
  table: string;
  key: string;
  facts: [coops: string, owners: string, isPublic: string];
  /** rows each role must see; "denied" = no select privilege at all (for the API roles, or anon only) */
  read: ReadRule | "denied";
  anonDenied?: boolean;
  insert: [sql: string, params: (s: SideIds) => unknown[]];
  set: string;
  where: [sql: string, params: (s: SideIds) => unknown[]];
  may?: { insert?: WriteRule; update?: WriteRule; delete?: WriteRule };
  targets?: Target[];
  /** extra updates worth their own line: moving a row into the other cooperative */
  moves?: { label: string; sql: string; params: (sides: Fixtures["sides"]) => unknown[]; may: WriteRule }[];
  /** service_role writes checked too (the ledger: append-only even for the privileged role) */
  service?: { insert?: boolean; update?: boolean; delete?: boolean };
  /** not scoped to a cooperative: no A and B rows to check for */
  shared?: boolean;
};
const ADMIN_WRITES = { insert: COOP_ADMIN, update: COOP_ADMIN, delete: COOP_ADMIN };

const TABLES: Spec[] = [
  {
    table: "public.profiles",
    key: "t.id::text",
    facts: [userCoops("t.id"), one("t.id"), "false"],
    read: anyOf(OWN, MY_COOP),
    anonDenied: true,
    insert: ["insert into public.profiles (id, email, display_name) values ($1, 'x@rls.test', 'x')", (s) => [s.member]],
    set: "display_name = display_name",
    where: ["id = $1", (s) => [s.member]],
  },
  {
    table: "public.cooperatives",
    key: "t.id::text",
    facts: [one("t.id"), NONE, "t.status = 'active'"],
    read: anyOf(PUBLIC, MY_COOP),
    insert: [
      `insert into public.cooperatives (slug, name_zh, name_en, village_zh, village_en, town_zh, town_en, county_zh, county_en,
      province_zh, province_en) values ($1 || '-new', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x')`,
      (s) => [s.slug],
    ],
    set: "story_en = story_en",
    where: ["id = $1", (s) => [s.coop]],
    may: { update: COOP_ADMIN },
  },
  {
    table: "public.memberships",
    key: "t.user_id || '/' || t.cooperative_id || '/' || t.role",
    facts: [one("t.cooperative_id"), one("t.user_id"), "false"],
    read: anyOf(OWN, MY_COOP),
    anonDenied: true,
    // self-promotion: make me an admin of the cooperative
    insert: ["insert into public.memberships (user_id, cooperative_id, role) values (auth.uid(), $1, 'admin')", (s) => [s.coop]],
    set: "role = role",
    where: ["user_id = $1 and cooperative_id = $2", (s) => [s.member, s.coop]],
  },
  {
    table: "public.households",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), NONE, activeCoop("t.cooperative_id")],
    read: anyOf(PUBLIC, MY_COOP),
    insert: [
      `insert into public.households (cooperative_id, key, name_zh, name_en, head_name_zh, head_name_en)
      values ($1, 'rls-new', 'x', 'x', 'x', 'x')`,
      (s) => [s.coop],
    ],
    set: "members = members",
    where: ["id = $1", (s) => [s.household]],
    may: { insert: COOP_ADMIN, update: COOP_ADMIN },
  },
  // shared by all cooperatives; the "A row" is zhengjia's category
  {
    table: "public.categories",
    key: "t.slug",
    facts: [NONE, NONE, "true"],
    read: PUBLIC,
    shared: true,
    insert: ["insert into public.categories (slug, name_zh, name_en) values ($1 || '-new', 'x', 'x')", (s) => [s.slug]],
    set: "sort_order = sort_order",
    where: ["slug = $1", (s) => [s.coop === A ? "fungi" : "rice"]],
  },
  {
    table: "public.products",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), NONE, `t.status = 'active' and ${activeCoop("t.cooperative_id")}`],
    read: anyOf(PUBLIC, MY_COOP),
    insert: [
      `insert into public.products (cooperative_id, slug, title_zh, title_en, category_slug, unit, price_fen)
      values ($1, $2 || '-rls-new', 'x', 'x', 'fungi', 'bag', 100)`,
      (s) => [s.coop, s.slug],
    ],
    set: "title_en = title_en",
    where: ["id = $1", (s) => [s.product]],
    may: { insert: COOP_ADMIN, update: COOP_ADMIN },
    moves: [
      {
        label: "A row into daguliu",
        sql: "update public.products set cooperative_id = $2 where id = $1",
        params: (x) => [x.A.draft, B],
        may: PLATFORM_ONLY,
      },
    ],
  },
  {
    table: "public.product_stock",
    key: "t.product_id::text",
    facts: [
      productCoop,
      NONE,
      `exists (select 1 from public.products p where p.id = t.product_id and p.status = 'active' and ${activeCoop("p.cooperative_id")})`,
    ],
    read: anyOf(PUBLIC, MY_COOP),
    insert: ["insert into public.product_stock (product_id, stock) values ($1, 10)", (s) => [s.draft]],
    set: "stock = stock",
    where: ["product_id = $1", (s) => [s.product]],
    may: { insert: COOP_ADMIN, update: COOP_ADMIN },
  },
  // public on purpose: buyers see where their money goes
  {
    table: "public.split_rules",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), NONE, "true"],
    read: PUBLIC,
    insert: [
      `insert into public.split_rules (cooperative_id, product_id, household_bp, collective_bp, streamer_bp, platform_bp)
      values ($1, $2, 7000, 2000, 500, 500)`,
      (s) => [s.coop, s.draft],
    ],
    set: "updated_at = now()",
    where: ["id = $1", (s) => [s.rule]],
    may: ADMIN_WRITES,
  },
  {
    table: "public.live_sessions",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), one("t.host_user_id"), "t.status <> 'cancelled'"],
    read: anyOf(PUBLIC, OWN, MY_COOP),
    targets: TARGETS.sessions,
    insert: [
      `insert into public.live_sessions (cooperative_id, host_user_id, title_zh, title_en, scheduled_start)
      values ($1, $2, 'x', 'x', now())`,
      (s) => [s.coop, s.host],
    ],
    set: "title_en = title_en",
    where: ["id = $1", (s) => [s.session]],
    // Nobody writes directly: the studio's functions (20261202130000_studio_sessions.sql) do.
    moves: [
      {
        label: "own A row into daguliu",
        sql: "update public.live_sessions set cooperative_id = $2 where id = $1",
        params: (x) => [x.A.session, B],
        may: NOBODY,
      },
    ],
  },
  {
    table: "public.live_session_secrets",
    key: "t.session_id::text",
    facts: [sessionCol("cooperative_id"), sessionCol("host_user_id"), "false"],
    read: anyOf(OWN, MY_COOP),
    anonDenied: true,
    targets: TARGETS.sessions,
    insert: ["insert into public.live_session_secrets (session_id, stream_key) values ($1, 'rls-new-key')", (s) => [s.session]],
    set: "rotated_at = now()",
    where: ["session_id = $1", (s) => [s.session]],
  },
  {
    table: "public.live_session_products",
    key: "t.session_id || '/' || t.product_id",
    facts: [sessionCol("cooperative_id"), sessionCol("host_user_id"), "true"],
    read: PUBLIC,
    targets: TARGETS.sessions,
    insert: ["insert into public.live_session_products (session_id, product_id) values ($1, $2)", (s) => [s.session, s.draft]],
    set: "position = position",
    where: ["session_id = $1 and product_id = $2", (s) => [s.session, s.product]],
  },
  {
    table: "public.carts",
    key: "t.id::text",
    targets: TARGETS.carts,
    read: OWN,
    facts: [
      agg(
        "select array_agg(distinct p.cooperative_id::text) from public.cart_items ci join public.products p on p.id = ci.product_id where ci.cart_id = t.id",
      ),
      "array_remove(array[t.user_id::text, t.visitor_token_hash], null)",
      "false",
    ],
    insert: ["insert into public.carts (user_id, visitor_token_hash) values ($1, $2)", (s) => s.cartInsert],
    set: "updated_at = now()",
    where: ["id = $1", (s) => [s.cart]],
    may: { insert: CART_OWNER, update: CART_OWNER, delete: CART_OWNER },
  },
  {
    table: "public.cart_items",
    key: "t.cart_id || '/' || t.product_id",
    facts: [productCoop, cartOwners("t.cart_id"), "false"],
    read: OWN,
    targets: TARGETS.carts,
    insert: ["insert into public.cart_items (cart_id, product_id, quantity) values ($1, $2, 1)", (s) => [s.cart, s.draft]],
    set: "quantity = quantity",
    where: ["cart_id = $1", (s) => [s.cart]],
    may: { insert: CART_OWNER, update: CART_OWNER, delete: CART_OWNER },
  },
  {
    table: "public.orders",
    key: "t.id::text",
    facts: [orderCoops("t.id"), orderOwners("t.id"), "false"],
    read: anyOf(OWN, MY_COOP),
    insert: [
      `insert into public.orders (buyer_user_id, subtotal_fen, total_fen, contact_name, contact_phone, province, city, district,
      address_line, reserved_until) values ($1, 1, 1, 'x', '13800138000', 'p', 'c', 'd', 'addr', now())`,
      (s) => [s.buyer],
    ],
    set: "status = status",
    where: ["id = $1", (s) => [s.order]],
  },
  {
    table: "public.order_items",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), orderOwners("t.order_id"), "false"],
    read: anyOf(OWN, MY_COOP),
    insert: [
      `insert into public.order_items (order_id, product_id, cooperative_id, title_zh, title_en, unit, unit_price_fen, quantity,
      line_total_fen, split_household_bp, split_collective_bp, split_streamer_bp, split_platform_bp)
      values ($1, $2, $3, 'x', 'x', 'bag', 1, 1, 1, 10000, 0, 0, 0)`,
      (s) => [s.order, s.product, s.coop],
    ],
    set: "quantity = quantity",
    where: ["id = $1", (s) => [s.orderItem]],
  },
  // a refund belongs to its order (seen with it); its items to their cooperatives
  {
    table: "public.refunds",
    key: "t.id::text",
    facts: [orderCoops("t.order_id"), orderOwners("t.order_id"), "false"],
    read: anyOf(OWN, MY_COOP),
    anonDenied: true,
    insert: [
      "insert into public.refunds (id, order_id, amount_fen, posting_id) values (gen_random_uuid(), $1, 1, $2)",
      (s) => [s.order, s.posting],
    ],
    set: "reason = reason",
    where: ["id = $1", (s) => [s.refund]],
  },
  {
    table: "public.refund_items",
    key: "t.refund_id || '/' || t.order_item_id",
    facts: [
      agg("select array[oi.cooperative_id::text] from public.order_items oi where oi.id = t.order_item_id"),
      orderOwners("(select r.order_id from public.refunds r where r.id = t.refund_id)"),
      "false",
    ],
    read: anyOf(OWN, MY_COOP),
    anonDenied: true,
    insert: [
      "insert into public.refund_items (refund_id, order_item_id, quantity, amount_fen) values ($1, $2, 1, 1)",
      (s) => [s.refund, s.orderItem],
    ],
    set: "quantity = quantity",
    where: ["refund_id = $1", (s) => [s.refund]],
  },
  // an admin sees their cooperative's accounts, plus the shared ones (platform, clearing)
  // their orders post to; a buyer every account their order posts to; a streamer their own
  {
    table: "public.ledger_accounts",
    key: "t.id::text",
    read: anyOf(OWN, MY_COOP),
    facts: [
      `case when t.cooperative_id is not null then ${one("t.cooperative_id")} else ${agg(`select array_agg(distinct oi.cooperative_id::text)
      from ${accountOrders} join public.order_items oi on oi.order_id = o.id where l.account_id = t.id`)} end`,
      agg(`select array_agg(distinct v) from ${accountOrders}
      cross join lateral unnest(array[o.buyer_user_id::text, o.access_token_hash]) v where l.account_id = t.id and v is not null`) +
        ` || ${streamerOf("t.id")}`,
      "false",
    ],
    insert: [
      `insert into public.ledger_accounts (kind, cooperative_id, household_id)
      select 'household', h.cooperative_id, h.id from public.households h where h.cooperative_id = $1 and h.key = 'rls-retired'`,
      (s) => [s.coop],
    ],
    set: "created_at = created_at",
    where: ["id = $1", (s) => [s.account]],
    service: { insert: true, update: true },
  },
  // a posting belongs to the cooperatives of its order's items and of the accounts it posts to (payouts)
  {
    table: "public.ledger_postings",
    key: "t.id::text",
    facts: [
      agg(`select array_agg(distinct x.c) from (
      select oi.cooperative_id::text c from public.order_items oi where oi.order_id = t.order_id
      union select a.cooperative_id::text from public.ledger_lines l join public.ledger_accounts a on a.id = l.account_id
       where l.posting_id = t.id and a.cooperative_id is not null) x`),
      `${orderOwners("t.order_id")} || ${agg(`select array_agg(distinct a.user_id::text) from public.ledger_lines l
      join public.ledger_accounts a on a.id = l.account_id where l.posting_id = t.id and a.kind = 'streamer'`)}`,
      "false",
    ],
    read: anyOf(OWN, MY_COOP),
    insert: [
      "insert into public.ledger_postings (kind, idempotency_key, order_id) values ('adjustment', 'rls:' || $1::text, $1::uuid)",
      (s) => [s.order],
    ],
    set: "memo = memo",
    where: ["id = $1", (s) => [s.posting]],
    service: { insert: true, update: false, delete: false },
  },
  {
    table: "public.ledger_lines",
    key: "t.id::text",
    read: anyOf(OWN, MY_COOP),
    facts: [
      `array_remove(array[(select a.cooperative_id::text from public.ledger_accounts a where a.id = t.account_id),
      (select oi.cooperative_id::text from public.order_items oi where oi.id = t.order_item_id)], null)`,
      `${orderOwners("(select p.order_id from public.ledger_postings p where p.id = t.posting_id)")} || ${streamerOf("t.account_id")}`,
      "false",
    ],
    insert: ["insert into public.ledger_lines (posting_id, account_id, amount_fen) values ($1, $2, 1)", (s) => [s.posting, s.account]],
    set: "amount_fen = amount_fen",
    where: ["id = $1", (s) => [s.line]],
    service: { insert: true, update: false, delete: false },
  },
  {
    table: "public.payouts",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), streamerOf("t.account_id"), "false"],
    read: anyOf(OWN, MY_COOP),
    anonDenied: true,
    insert: [
      "insert into public.payouts (cooperative_id, account_id, amount_fen, method) values ($1, $2, 1, 'cash')",
      (s) => [s.coop, s.account],
    ],
    set: "receipt_note = receipt_note",
    where: ["id = $1", (s) => [s.payout]],
  },
  // Stripe Connect (ADR 0025): the cooperative's admins read; only the service role and the
  // security-definer functions write
  {
    table: "public.stripe_connected_accounts",
    key: "t.id",
    facts: [one("t.cooperative_id"), NONE, "false"],
    read: MY_COOP,
    anonDenied: true,
    insert: [
      "insert into public.stripe_connected_accounts (id, cooperative_id, household_id) values ('acct_rls_new_' || $1, $2, $3)",
      (s) => [s.slug, s.coop, s.household],
    ],
    set: "updated_at = updated_at",
    where: ["id = $1", (s) => [s.connectedAccount]],
  },
  {
    table: "public.stripe_transfers",
    key: "t.id::text",
    facts: [one("t.cooperative_id"), NONE, "false"],
    read: MY_COOP,
    anonDenied: true,
    insert: [
      `insert into public.stripe_transfers (order_id, account_id, cooperative_id, connected_account_id, amount_fen)
       values ($1, $2, $3, $4, 1)`,
      (s) => [s.order, s.account, s.coop, s.connectedAccount],
    ],
    set: "updated_at = updated_at",
    where: ["id = $1", (s) => [s.stripeTransfer]],
  },
  // Money going back in Stripe mode (ADR 0027): admins of a cooperative in the order read;
  // only the service role and the security-definer functions write
  {
    table: "public.stripe_refunds",
    key: "t.refund_id::text",
    facts: [orderCoops("t.order_id"), NONE, "false"],
    read: MY_COOP,
    anonDenied: true,
    insert: [
      "insert into public.stripe_refunds (refund_id, order_id, payment_intent_id, amount_fen) values (gen_random_uuid(), $1, 'pi_rls_new', 1)",
      (s) => [s.order],
    ],
    set: "failure = failure",
    where: ["refund_id = $1", (s) => [s.refund]],
  },
  {
    table: "public.stripe_transfer_reversals",
    key: "t.id::text",
    facts: [agg("select array[x.cooperative_id::text] from public.stripe_transfers x where x.id = t.transfer_id"), NONE, "false"],
    read: MY_COOP,
    anonDenied: true,
    insert: ["insert into public.stripe_transfer_reversals (transfer_id, amount_fen) values ($1, 1)", (s) => [s.stripeTransfer]],
    set: "failure = failure",
    where: ["id = $1", (s) => [s.stripeReversal]],
  },
  {
    table: "public.stripe_disputes",
    key: "t.id",
    facts: [orderCoops("t.order_id"), NONE, "false"],
    read: MY_COOP,
    anonDenied: true,
    insert: [
      "insert into public.stripe_disputes (id, order_id, amount_fen, opened_at) values ('dp_rls_new_' || $2, $1, 1, now())",
      (s) => [s.order, s.slug],
    ],
    set: "reason = reason",
    where: ["id = $1", (s) => [s.stripeDispute]],
  },
  {
    table: "public.stripe_outside_refunds",
    key: "t.charge_id || '/' || t.amount_refunded_fen",
    facts: [orderCoops("t.order_id"), NONE, "false"],
    read: MY_COOP,
    anonDenied: true,
    insert: [
      "insert into public.stripe_outside_refunds (charge_id, order_id, amount_refunded_fen, unknown_fen) values ('ch_rls_new', $1, 2, 1)",
      (s) => [s.order],
    ],
    set: "unknown_fen = unknown_fen",
    where: ["charge_id = $1", (s) => [s.outsideCharge]],
  },
  {
    table: "public.payment_events",
    key: "t.id",
    facts: [orderCoops("t.order_id"), NONE, "false"],
    read: PLATFORM,
    anonDenied: true,
    insert: ["insert into public.payment_events (id, provider, type, payload) values ($1 || '-new', 'demo', 'x', '{}')", (s) => [s.slug]],
    set: "processed_at = processed_at",
    where: ["id = $1", (s) => [s.paymentEvent]],
  },
  // the local auth adapter's tables: service_role only
  {
    table: "app_private.local_credentials",
    key: "t.user_id::text",
    facts: [userCoops("t.user_id"), one("t.user_id"), "false"],
    read: "denied",
    insert: ["insert into app_private.local_credentials (user_id, password_hash) values ($1, 'x')", (s) => [s.member]],
    set: "updated_at = now()",
    where: ["user_id = $1", (s) => [s.member]],
  },
  {
    table: "app_private.sessions",
    key: "t.id",
    facts: [userCoops("t.user_id"), one("t.user_id"), "false"],
    read: "denied",
    insert: ["insert into app_private.sessions (id, user_id, expires_at) values ('rls-new', $1, now())", (s) => [s.member]],
    set: "expires_at = expires_at",
    where: ["user_id = $1", (s) => [s.member]],
  },
  {
    table: "app_private.login_failures",
    key: "t.id::text",
    facts: [NONE, NONE, "false"],
    read: "denied",
    shared: true,
    insert: ["insert into app_private.login_failures (key) values ($1)", (s) => [s.loginKey]],
    set: "key = key",
    where: ["key = $1", (s) => [s.loginKey]],
  },
];

let t: TestDatabase;
let fx: Fixtures;
const facts = new Map<string, Facts[]>();
beforeAll(async () => {
  t = await createTestDatabase();
  fx = await buildRlsFixtures(t.db);
  for (const spec of TABLES) {
    const [coops, owners, isPublic] = spec.facts;
    const { rows } = await t.db.query<Facts>(
      `select ${spec.key} as key, ${coops} as coops, ${owners} as owners, ${isPublic} as public from ${spec.table} t`,
    );
    facts.set(spec.table, rows);
  }
});
afterAll(() => t.destroy());

const short = (table: string) => table.replace(/^public\./, "");
const describeRows = (rows: Facts[]) => rows.map((r) => `${r.key} [${r.coops.map(coopName).join(",") || "-"}]`).join("; ");

describe("fixtures", () => {
  for (const { table } of TABLES.filter((s) => !s.shared)) {
    it(`${short(table)} has rows of both cooperatives`, () => {
      const rows = facts.get(table)!;
      expect(
        rows.some((r) => r.coops.includes(A)),
        `${table}: no zhengjia row`,
      ).toBe(true);
      expect(
        rows.some((r) => r.coops.includes(B)),
        `${table}: no daguliu row`,
      ).toBe(true);
    });
  }

  // Else "0 rows → denied" below could pass for a row that is not there.
  for (const s of TABLES) {
    for (const target of s.targets ?? TARGETS.coop) {
      it(`${short(s.table)} · ${target.label}: the write target exists`, async () => {
        const outcome = await attempt(
          fx,
          SERVICE_ROLE,
          `update ${s.table} set ${s.set} where ${s.where[0]}`,
          s.where[1](fx.sides[target.side]),
        );
        expect(outcome.allowed || /append-only/.test(outcome.how), outcome.how).toBe(true);
      });
    }
  }
});

describe("select", () => {
  for (const role of ROLES)
    for (const spec of TABLES)
      it(`${role.name} · ${short(spec.table)} · select`, async () => {
        const read = spec.read;
        const seen = fx.run(role, async (tx) =>
          (await tx.query<{ key: string }>(`select ${spec.key} as key from ${spec.table} t`)).rows.map((r) => r.key),
        );
        if (read === "denied" || (spec.anonDenied && !role.userId)) {
          await expect(seen, `${role.name} · ${spec.table} · select must be refused`).rejects.toThrow(/permission denied/);
          return;
        }
        const who = { ...role, selves: fx.selves(role) };
        const rows = facts.get(spec.table)!;
        const expected = new Set(rows.filter((r) => read(who, r)).map((r) => r.key));
        const got = new Set(await seen);
        const leaked = rows.filter((r) => got.has(r.key) && !expected.has(r.key));
        const missing = rows.filter((r) => expected.has(r.key) && !got.has(r.key));
        expect(leaked, `${role.name} · ${spec.table} · select sees rows it must not: ${describeRows(leaked)}`).toEqual([]);
        expect(missing, `${role.name} · ${spec.table} · select misses rows: ${describeRows(missing)}`).toEqual([]);
        expect([...got].every((k) => rows.some((r) => r.key === k))).toBe(true);
      });
});

type WriteCase = { name: string; role: Role; table: string; allowed: boolean; sql: string; params: () => unknown[] };
const verdict = (allowed: boolean) => (allowed ? "allowed" : "denied");
const writeCases: WriteCase[] = TABLES.flatMap((spec) => {
  const ops = (role: Role, target: Target) => {
    // service_role: only the operations its spec names; API roles: every operation
    const allowed = (op: "insert" | "update" | "delete") => (role.service ? spec.service?.[op] : (spec.may?.[op] ?? NOBODY)(role, target));
    const ids = () => fx.sides[target.side];
    return [
      { op: "insert", allowed: allowed("insert"), sql: spec.insert[0], params: () => spec.insert[1](ids()) },
      {
        op: "update",
        allowed: allowed("update"),
        sql: `update ${spec.table} set ${spec.set} where ${spec.where[0]}`,
        params: () => spec.where[1](ids()),
      },
      {
        op: "delete",
        allowed: allowed("delete"),
        sql: `delete from ${spec.table} where ${spec.where[0]}`,
        params: () => spec.where[1](ids()),
      },
    ]
      .filter((c): c is typeof c & { allowed: boolean } => c.allowed !== undefined)
      .map((c) => ({
        ...c,
        role,
        table: spec.table,
        name: `${role.name} · ${short(spec.table)} · ${c.op} ${target.label} → ${verdict(c.allowed)}`,
      }));
  };
  const roles = spec.service ? [...ROLES, SERVICE_ROLE] : ROLES;
  const cases = roles.flatMap((role) => (spec.targets ?? TARGETS.coop).flatMap((target) => ops(role, target)));
  const moves = (spec.moves ?? []).flatMap((m) =>
    ROLES.map((role) => ({
      role,
      table: spec.table,
      allowed: m.may(role, TARGETS.coop[0]),
      sql: m.sql,
      params: () => m.params(fx.sides),
      name: `${role.name} · ${short(spec.table)} · update ${m.label} → ${verdict(m.may(role, TARGETS.coop[0]))}`,
    })),
  );
  return [...cases, ...moves];
});

describe("insert, update, delete (rolled back)", () => {
  for (const { name, role, allowed, sql, params } of writeCases) {
    it(name, async () => {
      const outcome = await attempt(fx, role, sql, params());
      expect(outcome.allowed, `${name}, but was ${verdict(outcome.allowed)}: ${outcome.how}`).toBe(allowed);
    });
  }
});
