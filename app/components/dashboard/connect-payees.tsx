import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { usePayeeName } from "~/components/payout-history";
import { connectFormSchema, COLLECTIVE } from "~/forms/connect";
import { fieldErrorKey } from "~/forms/field-errors";
import type { FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { ConnectPayee } from "~/models/stripe-connect.server";

const BADGE = {
  not_connected: "bg-soil-100 text-soil-800",
  onboarding_incomplete: "bg-amber-100 text-soil-900",
  payouts_enabled: "bg-leaf-50 text-leaf-800",
} as const;

/**
 * Each payee (the collective, then the households) with its Stripe status and, unless its
 * payouts are enabled, a button that makes its account (once) and goes to Stripe's
 * onboarding: one form, the payee in the pressed button's value, so it works without JavaScript.
 */
export function ConnectPayees({ payees, reply, notice }: { payees: ConnectPayee[]; reply?: FormReply; notice?: string }) {
  const { t } = useI18n();
  const payeeName = usePayeeName();
  const navigation = useNavigation();
  const [form] = useSchemaForm(connectFormSchema, { id: "connect-payee", lastResult: reply });
  const formError = fieldErrorKey(form.errors) ?? fieldErrorKey(form.allErrors.payee);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="onboard" />
      {notice ? (
        <p role="status" className="rounded bg-leaf-50 p-2 text-sm text-leaf-800">
          {notice}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" id={form.errorId} className="rounded bg-chili-700/10 p-2 text-sm text-chili-700">
          {t(formError)}
        </p>
      ) : null}
      <ul className="divide-y divide-soil-100 rounded-lg bg-white shadow-sm">
        {payees.map((p) => {
          const name = payeeName(p.householdId ? "household" : "collective", p.name);
          return (
            <li key={p.householdId ?? COLLECTIVE} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-semibold">{name}</p>
                <p className="mt-0.5">
                  <span className={`rounded px-1.5 py-0.5 text-xs ${BADGE[p.status]}`}>{t(`dash.connect.status.${p.status}`)}</span>
                </p>
              </div>
              {p.status === "payouts_enabled" ? null : (
                <button
                  type="submit"
                  name="payee"
                  value={p.householdId ?? COLLECTIVE}
                  disabled={navigation.state === "submitting"}
                  // Every row has the same visible words: the accessible name says whose account (WCAG 2.5.3: it starts with them).
                  aria-label={t(p.status === "not_connected" ? "dash.connect.startFor" : "dash.connect.continueFor", { payee: name })}
                  className="min-h-11 rounded bg-leaf-700 px-3 py-2 text-sm font-semibold text-white disabled:opacity-60"
                >
                  {t(p.status === "not_connected" ? "dash.connect.start" : "dash.connect.continue")}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Form>
  );
}
