import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "~/context.server";
import { action as householdsAction } from "~/routes/dashboard.$coopSlug.households";
import { action as editProductAction } from "~/routes/dashboard.$coopSlug.products.$productId";
import { action as payoutsAction } from "~/routes/dashboard.$coopSlug.payouts";
import { loader as incomeCsvLoader } from "~/routes/dashboard.$coopSlug.reports.income[.]csv";
import { loader as reportsLoader } from "~/routes/dashboard.$coopSlug.reports._index";
import { action as newProductAction } from "~/routes/dashboard.$coopSlug.products.new";
import { action as splitsAction } from "~/routes/dashboard.$coopSlug.splits";
import { action as loginAction } from "~/routes/login";
import { loader as productsLoader } from "~/routes/products._index";
import { action as signupAction } from "~/routes/signup";
import { ids } from "~/seed/seed.server";
import { echoable } from "~/forms/form-object";
import { echoedValuesOf, fieldErrorsOf } from "../support/form-reply";
import { request, settle } from "../support/route-call";
import { GOOD_DETAILS, Shopper } from "../support/shopper";
import { signIn } from "../support/signed-in";
import { createTestDatabase, testContext, type TestDatabase } from "../support/test-database";

// Text fields with control characters (NUL above all: Postgres refuses it) are refused by
// the one shared rule (app/forms/form-object.ts) as a field error on that field — never a
// 500, never a half-written row — on every form of the store.
let t: TestDatabase;
let context: AppContext;
let admin: string;
beforeAll(async () => {
  t = await createTestDatabase();
  context = testContext(t.db);
  admin = await signIn(context, "admin@zhengjia.demo");
});
afterAll(() => t.destroy());

// (A lone surrogate cannot arrive in a form: URL encoding turns it into U+FFFD.)
const HOSTILE = ["a\u0000b", "\u0000", "x\u0007y", "\u001b[31m", "a\u007fb", "\u0085"];
const UNSTORABLE = "form.errors.unstorable";

const coop = { coopSlug: "zhengjia" };
const product = ids.product("zhengjia-black-fungus-250g");
const productForm = {
  intent: "save",
  titleZh: "木耳",
  titleEn: "Black fungus",
  descriptionZh: "好",
  descriptionEn: "Good",
  categorySlug: "fungi",
  unit: "bag",
  price: "39.80",
  stock: "10",
  perBuyerLimit: "",
  householdId: "",
  status: "draft",
  imageAltZh: "木耳",
  imageAltEn: "Fungus",
};

type Form = {
  name: string;
  fields: string[];
  valid: Record<string, string>;
  submit: (form: Record<string, string>) => Promise<{ status: number; body: unknown }>;
};

const forms: Form[] = [
  {
    name: "checkout",
    fields: ["contactName", "contactPhone", "province", "city", "district", "addressLine"],
    valid: GOOD_DETAILS,
    async submit(form) {
      const shopper = new Shopper(context);
      await shopper.add(ids.product("zhengjia-black-fungus-500g"));
      return shopper.checkout(form);
    },
  },
  {
    name: "sign-up",
    fields: ["email", "password", "displayName"],
    valid: { email: "new.buyer@example.com", password: "harvest moon over the paddy", displayName: "王小明" },
    submit: (form) => settle(() => signupAction({ request: request("/signup", null, form), params: {}, context })),
  },
  {
    name: "sign-in",
    fields: ["email", "password"],
    valid: { email: "admin@zhengjia.demo", password: "harvest-demo" },
    submit: (form) => settle(() => loginAction({ request: request("/login", null, form), params: {}, context })),
  },
  {
    name: "households",
    fields: ["nameZh", "nameEn", "headNameZh", "headNameEn", "members"],
    valid: { intent: "create", nameZh: "许家", nameEn: "Xu household", headNameZh: "许卫芳", headNameEn: "Xu Weifang", members: "3" },
    submit: (form) =>
      settle(() => householdsAction({ request: request("/dashboard/zhengjia/households", admin, form), params: coop, context })),
  },
  {
    name: "new product",
    fields: ["titleZh", "titleEn", "descriptionZh", "descriptionEn", "price", "stock", "perBuyerLimit", "imageAltZh", "imageAltEn"],
    valid: productForm,
    submit: (form) =>
      settle(() => newProductAction({ request: request("/dashboard/zhengjia/products/new", admin, form), params: coop, context })),
  },
  {
    name: "product edit",
    fields: ["titleZh", "titleEn", "descriptionZh", "descriptionEn", "price", "stock", "imageAltZh", "imageAltEn"],
    valid: productForm,
    submit: (form) =>
      settle(() =>
        editProductAction({
          request: request(`/dashboard/zhengjia/products/${product}`, admin, form),
          params: { ...coop, productId: product },
          context,
        }),
      ),
  },
  {
    name: "split rule",
    fields: ["household", "collective", "streamer", "platform"],
    valid: { intent: "set-default", household: "70", collective: "15", streamer: "10", platform: "5" },
    submit: (form) => settle(() => splitsAction({ request: request("/dashboard/zhengjia/splits", admin, form), params: coop, context })),
  },
  {
    name: "offline payout",
    fields: ["amount", "note", "paidOn"],
    valid: {
      intent: "record-payout",
      idempotencyKey: crypto.randomUUID(),
      payeeAccountId: crypto.randomUUID(),
      amount: "12.50",
      method: "cash",
      note: "收据 001",
      paidOn: "",
    },
    submit: (form) => settle(() => payoutsAction({ request: request("/dashboard/zhengjia/payouts", admin, form), params: coop, context })),
  },
];

const rowCounts = async () =>
  (
    await t.db.query<{ n: string }>(
      `select (select count(*) from public.orders)::text || '/' || (select count(*) from public.households)::text || '/' ||
            (select count(*) from public.products)::text || '/' || (select count(*) from auth.users)::text as n`,
    )
  ).rows[0].n;

describe.each(forms)("the $name form", (form) => {
  it.each(form.fields.flatMap((field) => HOSTILE.map((text) => [field, text] as const)))(
    "refuses %s = %j with a field error and writes nothing",
    async (field, text) => {
      const before = await rowCounts();
      const result = await form.submit({ ...form.valid, [field]: text });
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
      expect(fieldErrorsOf(result.body)[field], JSON.stringify(result)).toBe(UNSTORABLE);
      // What was typed comes back to its field (never a password), control characters shown as U+FFFD.
      expect(echoedValuesOf(result.body)[field]).toBe(field === "password" ? undefined : echoable(text));
      expect(await rowCounts()).toBe(before);
    },
  );
});

describe("the catalogue search", () => {
  it.each(HOSTILE)("answers q=%j with a 400 and a field error", async (text) => {
    const result = await settle(() =>
      productsLoader({ request: new Request(`http://localhost/products?q=${encodeURIComponent(text)}`), params: {}, context }),
    );
    expect(result.status).toBe(400);
    expect(fieldErrorsOf(result.body).q).toBe(UNSTORABLE);
  });
});

describe("the income report's period", () => {
  it.each(["from", "to", "group"].flatMap((field) => HOSTILE.map((text) => [field, text] as const)))(
    "answers %s=%j with a 400 and a field error, the CSV with a 400",
    async (field, text) => {
      const query = `?${new URLSearchParams({ from: "2026-01-01", to: "2026-12-31", group: "month", [field]: text })}`;
      const page = await settle(() =>
        reportsLoader({ request: request(`/dashboard/zhengjia/reports${query}`, admin), params: coop, context }),
      );
      expect(page.status).toBe(400);
      expect(fieldErrorsOf(page.body)[field]).toBe(UNSTORABLE);
      const csv = await settle(() =>
        incomeCsvLoader({ request: request(`/dashboard/zhengjia/reports/income.csv${query}`, admin), params: coop, context }),
      );
      expect(csv.status).toBe(400);
    },
  );
});
