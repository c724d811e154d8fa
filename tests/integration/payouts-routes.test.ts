import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { action as payoutsAction, loader as payoutsLoader } from "~/routes/dashboard.$coopSlug.payouts";
import { loader as studioLoader } from "~/routes/studio._index";
import { ids } from "~/seed/seed.server";
import { expectFieldErrors, fieldErrorsOf } from "../support/form-reply";
import { request, settle } from "../support/route-call";
import { Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// The payouts page as an admin and a streamer use it: balances, history, and the record
// form's answers to bad input (field errors, never a 500), through the real routes.
let t: TestDatabase;
let context: AppContext;
let admin: string;
let otherAdmin: string;
let host: string;
let collective: string;
let otherCoopHousehold: string;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  [admin, otherAdmin, host] = await Promise.all(
    ["admin@liujiawobao.demo", "admin@zhengjia.demo", "host@liujiawobao.demo"].map((email) => signIn(context, email)),
  );
  // A paid live sale, so the collective, a household and the streamer are owed something.
  const product = (
    await t.db.query<{ id: string }>(
      "select id from public.products where cooperative_id = $1 and household_id is not null and status = 'active' order by slug limit 1",
      [ids.cooperative("liujiawobao")],
    )
  ).rows[0].id;
  const shopper = new Shopper(context);
  await shopper.add(product, 2, ids.session("liujiawobao-autumn-harvest-live"));
  const orderId = await shopper.placeOrder();
  await shopper.pay(orderId);
  collective = (
    await t.db.query<{ id: string }>("select id from public.ledger_accounts where kind = 'collective' and cooperative_id = $1", [
      ids.cooperative("liujiawobao"),
    ])
  ).rows[0].id;
  // Another cooperative's payee with a balance of its own.
  const other = new Shopper(context);
  await other.add(ids.product("zhengjia-black-fungus-250g"), 1);
  const otherOrder = await other.placeOrder();
  await other.pay(otherOrder);
  otherCoopHousehold = (
    await t.db.query<{ id: string }>(
      `select distinct a.id from public.ledger_lines l join public.ledger_postings p on p.id = l.posting_id
         join public.ledger_accounts a on a.id = l.account_id where p.order_id = $1 and a.kind = 'household'`,
      [otherOrder],
    )
  ).rows[0].id;
});
afterAll(() => t.destroy());

const PATH = "/dashboard/liujiawobao/payouts";
const params = { coopSlug: "liujiawobao" };
const load = (cookie: string | null, slug = "liujiawobao") =>
  settle(() => payoutsLoader({ request: request(`/dashboard/${slug}/payouts`, cookie), params: { coopSlug: slug }, context }));
const post = (form: Record<string, string>, cookie = admin) =>
  settle(() => payoutsAction({ request: request(PATH, cookie, form), params, context }));
const form = (overrides: Record<string, string> = {}) => ({
  intent: "record-payout",
  idempotencyKey: crypto.randomUUID(),
  payeeAccountId: collective,
  amount: "0.50",
  method: "cash",
  note: "收据 2026-001",
  paidOn: "",
  ...overrides,
});
type PageData = {
  balances: { accountId: string | null; kind: string; owedFen: number; paidFen: number }[];
  payouts: { amountFen: number; note: string; recordedBy: string | null; method: string }[];
  idempotencyKey: string;
};
const page = async () => (await load(admin)).body as PageData;
const owedToCollective = async () => (await page()).balances.find((b) => b.accountId === collective)!.owedFen;
const payoutCount = async () => (await t.db.query<{ n: number }>("select count(*)::int as n from public.payouts")).rows[0].n;

describe("the payouts page", () => {
  it("shows an admin every payee's balance and a fresh form token per render; anyone else gets a 404", async () => {
    const first = await page();
    expect(first.balances.map((b) => b.kind)).toEqual(expect.arrayContaining(["collective", "household", "streamer"]));
    expect(first.balances[0].kind).toBe("collective");
    expect(await owedToCollective()).toBeGreaterThan(0);
    expect((await page()).idempotencyKey).not.toBe(first.idempotencyKey);
    expect((await load(otherAdmin)).status).toBe(404);
    expect((await load(host)).status).toBe(404);
    expect((await load(null)).status).toBe(302);
  });

  it("records a payout: it shows in the history with who recorded it, and the balance drops by the amount", async () => {
    const before = await owedToCollective();
    const answer = await post(form({ amount: "0.5", method: "bank", note: "银行回单 8812", paidOn: "2026-12-02" }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ recorded: { amountFen: 50, owedFen: before - 50 } });
    const after = await page();
    expect(after.balances.find((b) => b.accountId === collective)!.owedFen).toBe(before - 50);
    expect(after.payouts[0]).toMatchObject({ amountFen: 50, note: "银行回单 8812", method: "bank" });
    expect(after.payouts[0].recordedBy).toBeTruthy();
  });

  it("records a double submit of one form once", async () => {
    const before = await owedToCollective();
    const count = await payoutCount();
    const submitted = form({ amount: "1.00" });
    const answers = await Promise.all([post(submitted), post(submitted)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(await payoutCount()).toBe(count + 1);
    expect(await owedToCollective()).toBe(before - 100);
  });

  it.each([
    ["zero", { amount: "0" }, { amount: "dash.payouts.errors.amount" }],
    ["negative", { amount: "-5" }, { amount: "dash.payouts.errors.amount" }],
    ["more than 2 decimals", { amount: "1.234" }, { amount: "dash.payouts.errors.amount" }],
    ["not a number", { amount: "1e3" }, { amount: "dash.payouts.errors.amount" }],
    ["a float's spelling", { amount: "0.1.2" }, { amount: "dash.payouts.errors.amount" }],
    ["empty", { amount: "" }, { amount: "dash.payouts.errors.amount" }],
    ["odd bytes in the amount", { amount: "1\u0000" }, { amount: "form.errors.unstorable" }],
    ["odd bytes in the note", { note: "收据\u0007" }, { note: "form.errors.unstorable" }],
    ["no note", { note: "   " }, { note: "dash.payouts.errors.note" }],
    ["a long note", { note: "x".repeat(201) }, { note: "dash.payouts.errors.note" }],
    ["another method", { method: "stripe_transfer" }, { method: "dash.payouts.errors.method" }],
    ["a payee that is not an id", { payeeAccountId: "'; drop table payouts; --" }, { payeeAccountId: "dash.payouts.errors.payee" }],
    ["no payee", { payeeAccountId: "" }, { payeeAccountId: "dash.payouts.errors.payee" }],
    ["an impossible date", { paidOn: "2026-02-30" }, { paidOn: "dash.payouts.errors.paidOn" }],
  ])("refuses %s with a field error, recording nothing", async (_, overrides, errors) => {
    const count = await payoutCount();
    expectFieldErrors(await post(form(overrides)), 422, errors);
    expect(await payoutCount()).toBe(count);
  });

  it("refuses what only the database can judge on the right field: more than owed, a future date, another cooperative's payee", async () => {
    const count = await payoutCount();
    const owed = await owedToCollective();
    const tooMuch = `${Math.trunc(owed / 100) + 1}.00`;
    expectFieldErrors(await post(form({ amount: tooMuch })), 422, { amount: "dash.payouts.errors.moreThanOwed" });
    expectFieldErrors(await post(form({ paidOn: "2999-12-31" })), 422, { paidOn: "dash.payouts.errors.paidOn" });
    expectFieldErrors(await post(form({ payeeAccountId: otherCoopHousehold })), 404, { payeeAccountId: "dash.payouts.errors.payee" });
    expectFieldErrors(await post(form({ payeeAccountId: crypto.randomUUID() })), 404, { payeeAccountId: "dash.payouts.errors.payee" });
    // the other cooperative's admin cannot reach this page's action at all
    expect((await post(form(), otherAdmin)).status).toBe(404);
    expect(await payoutCount()).toBe(count);
  });

  it("echoes the typed values back and keeps the reply renderable; a forged form is a 400", async () => {
    const refused = await post(form({ amount: "12.345", note: "收据 9" }));
    expect(fieldErrorsOf(refused.body)).toEqual({ amount: "dash.payouts.errors.amount" });
    expect((refused.body as { result: { initialValue: Record<string, string> } }).result.initialValue).toMatchObject({
      amount: "12.345",
      note: "收据 9",
    });
    expect((await post(form({ intent: "delete-payout" }))).status).toBe(400);
    expect((await post(form({ idempotencyKey: "" }))).status).toBe(400);
    const notAForm = await settle(() =>
      payoutsAction({
        request: new Request(`http://localhost${PATH}`, {
          method: "POST",
          headers: { Cookie: admin, "Content-Type": "application/json" },
          body: "{}",
        }),
        params,
        context,
      }),
    );
    expect(notAForm.status).toBe(400);
  });
});

describe("the studio", () => {
  it("shows a streamer their own earnings and payouts", async () => {
    const streamer = (
      await t.db.query<{ id: string }>("select id from public.ledger_accounts where kind = 'streamer' and user_id = $1", [
        ids.user("host@liujiawobao.demo"),
      ])
    ).rows[0].id;
    expect((await post(form({ payeeAccountId: streamer, amount: "0.01", note: "主播结算 1" }))).status).toBe(200);
    const studio = await settle(() => studioLoader({ request: request("/studio", host), params: {}, context }));
    expect(studio.status).toBe(200);
    const earnings = (
      studio.body as {
        earnings: { accounts: { owedFen: number; paidFen: number }[]; payouts: { note: string; recordedBy: string | null }[] };
      }
    ).earnings;
    expect(earnings.accounts).toHaveLength(1);
    expect(earnings.accounts[0].paidFen).toBe(1);
    expect(earnings.payouts.map((p) => p.note)).toEqual(["主播结算 1"]);
    // who recorded it, though the streamer cannot read the admin's profile
    const adminName = (
      await t.db.query<{ display_name: string }>("select display_name from public.profiles where id = $1", [
        ids.user("admin@liujiawobao.demo"),
      ])
    ).rows[0].display_name;
    expect(earnings.payouts[0].recordedBy).toBe(adminName);
    // an admin who does not stream has no earnings section
    const adminStudio = await settle(() => studioLoader({ request: request("/studio", admin), params: {}, context }));
    expect((adminStudio.body as { earnings: unknown }).earnings).toBeNull();
  });
});
