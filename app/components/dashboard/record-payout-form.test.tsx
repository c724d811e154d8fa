// @vitest-environment jsdom
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { parseForm, replyTo } from "~/forms/parse-form";
import { payoutErrors, payoutFormSchema } from "~/forms/payout";
import type { PayeeBalance } from "~/models/payout.server";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { RecordPayoutForm, type RecordPayoutReply } from "./record-payout-form";

const COLLECTIVE = "11111111-1111-4111-8111-111111111111";
const HOUSEHOLD = "22222222-2222-4222-8222-222222222222";
const KEY = "33333333-3333-4333-8333-333333333333";
const balance = (accountId: string | null, kind: PayeeBalance["kind"], name: string | null, owedFen: number): PayeeBalance => ({
  accountId,
  kind,
  householdId: null,
  userId: null,
  name,
  earnedFen: owedFen,
  refundedFen: 0,
  paidFen: 0,
  owedFen,
});
const PAYEES = [
  balance(COLLECTIVE, "collective", null, 12_345),
  balance(HOUSEHOLD, "household", "Liu household", 500),
  balance(null, "household", "Wang household", 0),
];

/** What the action answers for this submission (refused by the schema, or by the database as `refusal`). */
function replyFor(form: Record<string, string>, refusal?: Parameters<typeof payoutErrors>[0]): RecordPayoutReply {
  const submission = parseForm(
    new URLSearchParams({ intent: "record-payout", idempotencyKey: KEY, payeeAccountId: HOUSEHOLD, method: "cash", note: "r", ...form }),
    payoutFormSchema,
  );
  if (!refusal) {
    expect(submission.status).toBe("error");
    return { result: replyTo(submission) };
  }
  const { "": formErrors, ...fieldErrors } = payoutErrors(refusal);
  return { result: replyTo(submission, { fieldErrors, formErrors }) };
}

describe("RecordPayoutForm", () => {
  it("works without JavaScript: payees with an account, the form token, and the action's field errors on their fields", () => {
    const html = serverRenderInApp(
      <RecordPayoutForm payees={PAYEES} idempotencyKey={KEY} reply={replyFor({ amount: "1.234", note: "" })} />,
    );
    const payee = within(html).getByLabelText<HTMLSelectElement>("Payee");
    expect([...payee.options].map((o) => o.textContent)).toEqual([
      "Choose a payee",
      "Village collective · owed ¥123.45",
      "Liu household · owed ¥5.00",
    ]);
    expect(payee.value).toBe(HOUSEHOLD);
    expect(html.querySelector<HTMLInputElement>("input[name=idempotencyKey]")!.value).toBe(KEY);
    const amount = within(html).getByLabelText<HTMLInputElement>("Amount (¥)");
    expect(amount.value).toBe("1.234");
    expect(amount.getAttribute("aria-invalid")).toBe("true");
    const describedBy = amount
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(describedBy).toContain("Enter an amount in yuan above 0, with at most 2 decimals (e.g. 120.50).");
    expect(within(html).getByText("Write a receipt note of 1 to 200 characters.")).toBeTruthy();
    expect(within(html).getByRole("button", { name: "Record payout" }).getAttribute("value")).toBe("record-payout");
  });

  it("shows what only the database could refuse: more than owed on the amount, a stale form above the form", () => {
    const tooMuch = serverRenderInApp(
      <RecordPayoutForm payees={PAYEES} idempotencyKey={KEY} reply={replyFor({ amount: "6.00" }, "more_than_owed")} />,
    );
    expect(within(tooMuch).getByText("That is more than this payee is owed.")).toBeTruthy();
    const stale = serverRenderInApp(
      <RecordPayoutForm payees={PAYEES} idempotencyKey={KEY} reply={replyFor({ amount: "1.00" }, "key_reused")} />,
    );
    expect(within(stale).getByRole("alert").textContent).toBe(
      "This form was already used for another payout. Reload the page and try again.",
    );
  });

  it("says what was recorded", () => {
    const html = serverRenderInApp(
      <RecordPayoutForm
        payees={PAYEES}
        idempotencyKey={KEY}
        reply={{ result: { status: "success", initialValue: null, error: {} }, recorded: { amountFen: 120_50, owedFen: 3 } }}
      />,
    );
    expect(within(html).getByRole("status").textContent).toBe("Recorded a payout of ¥120.50. Still owed: ¥0.03.");
  });

  it("checks the amount in the browser with the action's schema", async () => {
    const user = userEvent.setup();
    renderInApp(<RecordPayoutForm payees={PAYEES} idempotencyKey={KEY} />, { path: "/dashboard/x/payouts" });
    const amount = await screen.findByLabelText<HTMLInputElement>("Amount (¥)");
    await user.type(amount, "0");
    await user.tab();
    await waitFor(() => expect(amount.getAttribute("aria-invalid")).toBe("true"));
    await user.clear(amount);
    await user.type(amount, "88.8");
    await waitFor(() => expect(amount.getAttribute("aria-invalid")).toBeNull());
  });
});
