import { http, HttpResponse } from "msw";

// Stripe's HTTP API behind msw, for the endpoints the app calls: Checkout Sessions
// (create, retrieve, list, expire), PaymentIntents (retrieve, with their charge), refunds,
// and Connect: accounts, account links and transfers. Like Stripe it wants a bearer secret key, reads
// form-encoded bodies (`line_items[0][price_data][currency]=cny`), replays a request with
// a known Idempotency-Key (and refuses one reused with other parameters); beyond Stripe it
// asserts what this app must always send — every POST carries the deterministic key for
// what it does, a Checkout Session is CNY with card, Alipay and WeChat Pay (web) and names
// its order four ways (metadata, client_reference_id, transfer_group, the PaymentIntent's
// metadata), a refund names its PaymentIntent, an account is an Express account of the
// deployment's country keyed connect:account:<coop>:<household|collective>, a transfer is
// CNY from the order's charge to a connected account, grouped by its order and keyed
// transfer:<row id>. A broken rule answers 400 the way Stripe
// does and is kept in `violations`, so a test can also assert there were none.

export type FormFields = Record<string, string>;
export type StripeCall = { method: string; path: string; idempotencyKey: string | null; form: FormFields };

export type StripeMockOptions = {
  /** STRIPE_API_BASE_URL or Stripe's own */
  baseUrl?: string;
  secretKey?: string;
  /** Answer transfers with this error instead (say, insufficient available balance). */
  transferFailure?: { status: number; message: string };
  /** Answer refunds with this error instead (a Stripe outage, a refused refund). */
  refundFailure?: { status: number; message: string };
  /** The status a new refund comes back with (a wallet or bank refund settles later: pending). */
  refundStatus?: () => "succeeded" | "pending" | "failed";
  /** Runs while Stripe "makes" a transfer, before it answers (to interleave a refund or a dispute). */
  duringTransfer?: () => Promise<void>;
  /** Refuse reversals from these destinations as Stripe does when the connected account's balance is short. */
  reversalFailure?: (destination: string) => boolean;
  /** The country accounts must be opened in. */
  connectCountry?: string;
};

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const REFUND_KEY = new RegExp(`^refund:(${UUID})$`);
const REVERSAL_KEY = new RegExp(`^reversal:${UUID}$`);
const CHECKOUT_KEY = new RegExp(`^checkout:(${UUID}):(\\d+)$`);
const ACCOUNT_KEY = new RegExp(`^connect:account:(${UUID}):(${UUID}|collective)$`);
const TRANSFER_KEY = new RegExp(`^transfer:(${UUID})(:\\d+)?$`);

const stripeError = (status: number, message: string, type = "invalid_request_error", param?: string) =>
  HttpResponse.json({ error: { type, message, ...(param ? { param } : {}) } }, { status });

/** The form's fields, keys as sent (`line_items[0][quantity]`). */
export function formFields(body: string): FormFields {
  return Object.fromEntries(new URLSearchParams(body));
}

type Session = Record<string, unknown> & { id: string; url: string | null; metadata: Record<string, string> };

export function createStripeMock(options: StripeMockOptions = {}) {
  const base = (options.baseUrl ?? "https://api.stripe.com").replace(/\/$/, "");
  const secretKey = options.secretKey ?? "sk_test_harvest";
  const sessions = new Map<string, Session>();
  const refunds = new Map<string, Record<string, unknown>[]>(); // by payment intent
  const accounts = new Map<string, Record<string, unknown>>();
  const accountLinks: Record<string, unknown>[] = [];
  const transfers = new Map<string, Record<string, unknown>>(); // by id
  const intents = new Map<string, Record<string, unknown>>(); // a paid session's PaymentIntent, its charge expanded
  const replays = new Map<string, { body: string; status: number; json: unknown }>();
  const calls: StripeCall[] = [];
  const violations: string[] = [];
  let counter = 0;
  const nextId = (prefix: string) => `${prefix}_test_${(++counter).toString().padStart(6, "0")}`;

  const refuse = (message: string, param?: string) => {
    violations.push(message);
    return stripeError(400, message, "invalid_request_error", param);
  };

  /** Auth, body, idempotency replay: the common part of every POST. */
  async function post(
    request: Request,
    path: string,
    handle: (form: FormFields, key: string | null) => { status: number; json: unknown } | Response,
  ): Promise<Response> {
    if (unauthorised(request)) return stripeError(401, "Invalid API Key provided");
    const contentType = request.headers.get("Content-Type") ?? "";
    if (!contentType.startsWith("application/x-www-form-urlencoded")) return refuse(`${path}: body is ${contentType}, not form-encoded`);
    const body = await request.text();
    const form = formFields(body);
    const key = request.headers.get("Idempotency-Key");
    calls.push({ method: "POST", path, idempotencyKey: key, form });
    if (key) {
      const seen = replays.get(key);
      if (seen && seen.body !== body) {
        return stripeError(
          400,
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          "idempotency_error",
        );
      }
      if (seen)
        return HttpResponse.json(seen.json as Record<string, unknown>, { status: seen.status, headers: { "Idempotent-Replayed": "true" } });
    }
    const answer = handle(form, key);
    if (answer instanceof Response) return answer;
    if (key) replays.set(key, { body, status: answer.status, json: answer.json });
    return HttpResponse.json(answer.json as Record<string, unknown>, { status: answer.status });
  }

  // Failures of a request Stripe began to carry out: like Stripe, the answer is kept under the
  // request's idempotency key (a retry under that key gets it again until the keys are forgotten,
  // Stripe's "a day later"). Validation refusals (`refuse`) are not kept, as at Stripe.
  const failures: { refunds?: { status: number; message: string }; transfers?: { status: number; message: string } } = {
    refunds: options.refundFailure,
    transfers: options.transferFailure,
  };
  const executionFailure = (f: { status: number; message: string }) => ({
    status: f.status,
    json: { error: { type: f.status >= 500 ? "api_error" : "invalid_request_error", message: f.message } },
  });
  const unauthorised = (request: Request) => request.headers.get("Authorization") !== `Bearer ${secretKey}`;
  const metadataOf = (f: FormFields) =>
    Object.fromEntries(Object.entries(f).flatMap(([k, v]) => (/^metadata\[(.+)\]$/.test(k) ? [[k.slice(9, -1), v]] : [])));

  const handlers = [
    http.post(`${base}/v1/checkout/sessions`, ({ request }) =>
      post(request, "/v1/checkout/sessions", (f, key) => {
        const keyMatch = key ? CHECKOUT_KEY.exec(key) : null;
        if (!keyMatch) return refuse(`checkout session without a checkout:<order>:<expiry> idempotency key (got ${key})`);
        const orderId = keyMatch[1];
        const expect: FormFields = {
          mode: "payment",
          currency: "cny",
          "allowed_payment_method_types[0]": "card",
          "allowed_payment_method_types[1]": "alipay",
          "allowed_payment_method_types[2]": "wechat_pay",
          "payment_method_options[wechat_pay][client]": "web",
          client_reference_id: orderId,
          "metadata[order_id]": orderId,
          "payment_intent_data[transfer_group]": orderId,
          "payment_intent_data[metadata][order_id]": orderId,
          expires_at: keyMatch[2],
        };
        for (const [field, value] of Object.entries(expect)) {
          if (f[field] !== value) return refuse(`checkout session: ${field} is ${JSON.stringify(f[field])}, expected ${value}`, field);
        }
        if (f["allowed_payment_method_types[3]"] !== undefined)
          return refuse("checkout session: more payment methods than card, alipay, wechat_pay");
        const expiresAt = Number(f.expires_at);
        const now = Math.floor(Date.now() / 1000);
        if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600)
          return refuse("checkout session: expires_at must be 30 minutes to 24 hours away", "expires_at");
        for (const url of ["success_url", "cancel_url"]) {
          if (!/^https?:\/\/[^/]+\/orders\//.test(f[url] ?? ""))
            return refuse(`checkout session: ${url} ${f[url]} is not an order page`, url);
        }
        let amountTotal = 0;
        for (let i = 0; f[`line_items[${i}][quantity]`] !== undefined; i++) {
          const line = (k: string) => f[`line_items[${i}]${k}`];
          if (line("[price_data][currency]") !== "cny") return refuse(`line_items[${i}] is not in cny`);
          const unit = Number(line("[price_data][unit_amount]"));
          const quantity = Number(line("[quantity]"));
          if (!Number.isInteger(unit) || unit <= 0 || !Number.isInteger(quantity) || quantity <= 0)
            return refuse(`line_items[${i}]: bad amount`);
          if (!line("[price_data][product_data][name]")) return refuse(`line_items[${i}] has no name`);
          amountTotal += unit * quantity;
        }
        if (amountTotal === 0) return refuse("checkout session without line items");
        const id = nextId("cs");
        const session: Session = {
          id,
          object: "checkout.session",
          mode: "payment",
          status: "open",
          payment_status: "unpaid",
          currency: "cny",
          amount_total: amountTotal,
          client_reference_id: orderId,
          metadata: { order_id: orderId },
          payment_intent: null,
          created: now,
          livemode: false,
          expires_at: expiresAt,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          success_url: f.success_url,
          cancel_url: f.cancel_url,
          locale: f.locale ?? null,
        };
        sessions.set(id, session);
        return { status: 200, json: session };
      }),
    ),

    // Newest first, as Stripe lists: created[gte], limit and starting_after are honoured.
    http.get(`${base}/v1/checkout/sessions`, ({ request }) => {
      if (unauthorised(request)) return stripeError(401, "Invalid API Key provided");
      const url = new URL(request.url);
      calls.push({ method: "GET", path: "/v1/checkout/sessions", idempotencyKey: null, form: Object.fromEntries(url.searchParams) });
      const gte = Number(url.searchParams.get("created[gte]") ?? 0);
      const limit = Number(url.searchParams.get("limit") ?? 10);
      const after = url.searchParams.get("starting_after");
      const all = [...sessions.values()].filter((s) => Number(s.created) >= gte).reverse();
      const from = after ? all.findIndex((s) => s.id === after) + 1 : 0;
      const page = all.slice(from, from + limit);
      return HttpResponse.json({ object: "list", url: "/v1/checkout/sessions", has_more: from + limit < all.length, data: page });
    }),

    http.post(`${base}/v1/checkout/sessions/:id/expire`, ({ request, params }) =>
      post(request, `/v1/checkout/sessions/${String(params.id)}/expire`, () => {
        const session = sessions.get(String(params.id));
        if (!session) return stripeError(404, `No such checkout.session: '${String(params.id)}'`, "invalid_request_error", "id");
        if (session.status !== "open")
          return stripeError(400, `Only Checkout Sessions with a status in ["open"] can be expired.`, "invalid_request_error");
        const expired = { ...session, status: "expired", url: null };
        sessions.set(session.id, expired);
        return { status: 200, json: expired };
      }),
    ),

    http.get(`${base}/v1/payment_intents/:id`, ({ request, params }) => {
      if (unauthorised(request)) return stripeError(401, "Invalid API Key provided");
      const url = new URL(request.url);
      calls.push({
        method: "GET",
        path: `/v1/payment_intents/${String(params.id)}`,
        idempotencyKey: null,
        form: Object.fromEntries(url.searchParams),
      });
      const id = String(params.id);
      // A PaymentIntent of a session paid through paidSession, else any pi_ (paid just now, with its charge)
      const intent =
        intents.get(id) ??
        (id.startsWith("pi_")
          ? {
              id,
              object: "payment_intent",
              status: "succeeded",
              currency: "cny",
              latest_charge: { id: chargeOf(id), object: "charge", created: Math.floor(Date.now() / 1000) },
            }
          : null);
      if (!intent) return stripeError(404, `No such payment_intent: '${id}'`, "invalid_request_error", "id");
      const expanded =
        url.searchParams.getAll("expand[]").includes("latest_charge") || url.searchParams.get("expand[0]") === "latest_charge";
      const charge = intent.latest_charge as Record<string, unknown>;
      return HttpResponse.json({ ...intent, latest_charge: expanded ? charge : charge.id });
    }),

    http.get(`${base}/v1/checkout/sessions/:id`, ({ request, params }) => {
      if (unauthorised(request)) return stripeError(401, "Invalid API Key provided");
      calls.push({ method: "GET", path: `/v1/checkout/sessions/${String(params.id)}`, idempotencyKey: null, form: {} });
      const session = sessions.get(String(params.id));
      return session
        ? HttpResponse.json(session)
        : stripeError(404, `No such checkout.session: '${String(params.id)}'`, "invalid_request_error", "id");
    }),

    // A refund names its PaymentIntent: in full under refund:auto:<pi> (money that should not
    // have come), or an amount under refund:<refund id> with that id in its metadata (an
    // admin's refund). Never more than the charge, in all.
    http.post(`${base}/v1/refunds`, ({ request }) =>
      post(request, "/v1/refunds", (f, key) => {
        const pi = f.payment_intent;
        if (!pi) return refuse("refund without payment_intent", "payment_intent");
        const own = key ? REFUND_KEY.exec(key) : null;
        if (key !== `refund:auto:${pi}` && !own)
          return refuse(`refund of ${pi} with idempotency key ${key}, expected refund:auto:${pi} or refund:<refund id>`);
        if (own && f["metadata[refund_id]"] !== own[1]) return refuse(`refund ${key} without metadata[refund_id]=${own[1]}`);
        if (own && !(Number(f.amount) > 0)) return refuse(`refund ${key} without an amount`, "amount");
        if (failures.refunds) return executionFailure(failures.refunds);
        const charged = Number(intents.get(pi)?.amount ?? Infinity);
        const before = (refunds.get(pi) ?? []).reduce((sum, r) => sum + Number(r.amount), 0);
        const amount = f.amount ? Number(f.amount) : charged - before;
        if (before >= charged || amount > charged - before)
          return stripeError(400, `Charge for ${pi} has already been refunded.`, "invalid_request_error");
        const refund = {
          id: nextId("re"),
          object: "refund",
          payment_intent: pi,
          amount: Number.isFinite(amount) ? amount : null,
          status: options.refundStatus?.() ?? "succeeded",
          metadata: metadataOf(f),
        };
        refunds.set(pi, [...(refunds.get(pi) ?? []), refund]);
        return { status: 200, json: refund };
      }),
    ),

    http.get(`${base}/v1/refunds/:id`, ({ request, params }) => {
      if (unauthorised(request)) return stripeError(401, "Invalid API Key provided");
      calls.push({ method: "GET", path: `/v1/refunds/${String(params.id)}`, idempotencyKey: null, form: {} });
      const refund = [...refunds.values()].flat().find((r) => r.id === params.id);
      return refund ? HttpResponse.json(refund) : stripeError(404, `No such refund: '${String(params.id)}'`, "invalid_request_error", "id");
    }),

    // A reversal of one of this mock's transfers, under reversal:<id>, at most what is left of it.
    http.post(`${base}/v1/transfers/:id/reversals`, ({ request, params }) =>
      post(request, `/v1/transfers/${String(params.id)}/reversals`, (f, key) => {
        if (!key || !REVERSAL_KEY.test(key)) return refuse(`reversal without a reversal:<id> idempotency key (got ${key})`);
        const transfer = transfers.get(String(params.id));
        if (!transfer) return stripeError(404, `No such transfer: '${String(params.id)}'`, "invalid_request_error", "id");
        const amount = Number(f.amount);
        const left = Number(transfer.amount) - Number(transfer.amount_reversed);
        if (!Number.isInteger(amount) || amount <= 0 || amount > left)
          return refuse(`reversal of ${amount} on ${transfer.id} with ${left} left`, "amount");
        if (options.reversalFailure?.(String(transfer.destination)))
          return HttpResponse.json(
            {
              error: {
                type: "invalid_request_error",
                code: "balance_insufficient",
                message: "Insufficient funds in the connected account.",
              },
            },
            { status: 400 },
          );
        const reversal = { id: nextId("trr"), object: "transfer_reversal", amount, transfer: transfer.id, metadata: metadataOf(f) };
        transfer.amount_reversed = Number(transfer.amount_reversed) + amount;
        transfer.reversals = {
          object: "list",
          data: [...((transfer.reversals as { data?: unknown[] } | undefined)?.data ?? []), reversal],
        };
        return { status: 200, json: reversal };
      }),
    ),

    http.post(`${base}/v1/accounts`, ({ request }) =>
      post(request, "/v1/accounts", (f, key) => {
        const keyMatch = key ? ACCOUNT_KEY.exec(key) : null;
        if (!keyMatch) return refuse(`account without a connect:account:<coop>:<payee> idempotency key (got ${key})`);
        const household = keyMatch[2] === "collective" ? "" : keyMatch[2];
        const expect: FormFields = {
          type: "express",
          country: options.connectCountry ?? "HK",
          "capabilities[transfers][requested]": "true",
          "metadata[cooperative_id]": keyMatch[1],
          "metadata[household_id]": household,
          "metadata[payee]": household ? "household" : "collective",
        };
        for (const [field, value] of Object.entries(expect)) {
          if (f[field] !== value) return refuse(`account: ${field} is ${JSON.stringify(f[field])}, expected ${value}`, field);
        }
        const account = {
          id: nextId("acct"),
          object: "account",
          type: "express",
          country: f.country,
          payouts_enabled: false,
          charges_enabled: false,
          details_submitted: false,
          metadata: metadataOf(f),
        };
        accounts.set(account.id, account);
        return { status: 200, json: account };
      }),
    ),

    http.post(`${base}/v1/account_links`, ({ request }) =>
      post(request, "/v1/account_links", (f) => {
        if (!accounts.has(f.account ?? "")) return stripeError(400, `No such account: '${f.account}'`, "invalid_request_error", "account");
        if (f.type !== "account_onboarding") return refuse(`account link of type ${f.type}`, "type");
        for (const url of ["return_url", "refresh_url"]) {
          if (!/^https?:\/\/[^/]+\/dashboard\/[^/]+\/payouts\/connect(\?|$)/.test(f[url] ?? ""))
            return refuse(`account link: ${url} ${f[url]} is not the dashboard's connect page`, url);
        }
        const link = {
          object: "account_link",
          url: `https://connect.stripe.com/setup/e/${f.account}/${nextId("link")}`,
          created: Math.floor(Date.now() / 1000),
          expires_at: Math.floor(Date.now() / 1000) + 300,
        };
        accountLinks.push({ ...link, account: f.account });
        return { status: 200, json: link };
      }),
    ),

    http.post(`${base}/v1/transfers`, async ({ request }) => {
      await options.duringTransfer?.();
      return post(request, "/v1/transfers", (f, key) => {
        if (!key || !TRANSFER_KEY.test(key)) return refuse(`transfer without a transfer:<id> idempotency key (got ${key})`);
        const amount = Number(f.amount);
        if (!Number.isInteger(amount) || amount <= 0) return refuse(`transfer amount ${f.amount}`, "amount");
        if (f.currency !== "cny") return refuse(`transfer currency ${f.currency}`, "currency");
        if (!accounts.has(f.destination ?? "")) return refuse(`transfer to unknown account ${f.destination}`, "destination");
        if (!/^ch_/.test(f.source_transaction ?? ""))
          return refuse(`transfer source_transaction ${f.source_transaction}`, "source_transaction");
        if (!new RegExp(`^${UUID}$`).test(f.transfer_group ?? "")) return refuse(`transfer_group ${f.transfer_group}`, "transfer_group");
        if (f["metadata[order_id]"] !== f.transfer_group) return refuse("transfer: metadata[order_id] is not its transfer_group");
        if (!/^(household:[0-9a-f-]{36}|collective)$/.test(f["metadata[payee]"] ?? ""))
          return refuse(`transfer payee ${f["metadata[payee]"]}`);
        if (failures.transfers) return executionFailure(failures.transfers);
        const transfer = {
          id: nextId("tr"),
          object: "transfer",
          amount,
          currency: "cny",
          destination: f.destination,
          source_transaction: f.source_transaction,
          transfer_group: f.transfer_group,
          amount_reversed: 0,
          metadata: metadataOf(f),
        };
        transfers.set(transfer.id, transfer);
        return { status: 200, json: transfer };
      });
    }),
  ];

  /** The charge a PaymentIntent of this mock was paid with. */
  function chargeOf(paymentIntent: string) {
    return `ch_${paymentIntent.slice(3)}`;
  }

  /** The account as account.updated carries it, its flags changed. */
  function accountState(id: string, change: { payoutsEnabled?: boolean; chargesEnabled?: boolean; detailsSubmitted?: boolean }) {
    const account = accounts.get(id) ?? { id, object: "account", type: "express" };
    const next = {
      ...account,
      payouts_enabled: change.payoutsEnabled ?? account.payouts_enabled ?? false,
      charges_enabled: change.chargesEnabled ?? account.charges_enabled ?? false,
      details_submitted: change.detailsSubmitted ?? account.details_submitted ?? false,
    };
    accounts.set(id, next);
    return next;
  }

  /** The session as it is after the buyer paid: what a checkout.session.completed event carries. */
  function paidSession(
    sessionId: string,
    change: { amountTotal?: number; currency?: string; paymentStatus?: "paid" | "unpaid"; paidAt?: Date } = {},
  ) {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no checkout session ${sessionId} in the Stripe mock`);
    const paid = {
      ...session,
      status: "complete",
      payment_status: change.paymentStatus ?? "paid",
      amount_total: change.amountTotal ?? session.amount_total,
      currency: change.currency ?? "cny",
      payment_intent: session.payment_intent ?? `pi_${sessionId.slice(3)}`,
    };
    sessions.set(sessionId, paid);
    if (paid.payment_status === "paid") {
      const intentId = String(paid.payment_intent);
      const created = Math.floor((change.paidAt ?? new Date()).getTime() / 1000);
      intents.set(intentId, {
        id: intentId,
        object: "payment_intent",
        amount: paid.amount_total,
        currency: paid.currency,
        status: "succeeded",
        transfer_group: session.metadata.order_id,
        latest_charge: { id: `ch_${sessionId.slice(3)}`, object: "charge", created, amount: paid.amount_total, paid: true },
      });
    }
    return paid;
  }

  /** Stripe refuses (or fails) these requests from now on, or again succeeds (null). */
  function failNext(kind: "refunds" | "transfers", failure: { status: number; message: string } | null) {
    failures[kind] = failure ?? undefined;
  }
  /** A day later: Stripe has forgotten the answers it kept under idempotency keys. */
  function forgetIdempotencyKeys() {
    replays.clear();
  }

  return {
    handlers,
    failNext,
    forgetIdempotencyKeys,
    sessions,
    refunds,
    intents,
    accounts,
    accountLinks,
    transfers,
    calls,
    violations,
    paidSession,
    accountState,
    chargeOf,
    baseUrl: base,
    secretKey,
  };
}

export type StripeMock = ReturnType<typeof createStripeMock>;
