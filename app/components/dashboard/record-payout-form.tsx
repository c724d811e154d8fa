import { getFormProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { FieldError, FormField } from "~/components/form-field";
import { usePayeeName } from "~/components/payout-history";
import { fieldErrorKey, fieldErrorText } from "~/forms/field-errors";
import type { FormReply } from "~/forms/parse-form";
import { PAYOUT_METHODS, payoutFormSchema } from "~/forms/payout";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { PayeeBalance } from "~/models/payout.server";

/** What the payouts action answers: the form's reply, and what was recorded when it was. */
export type RecordPayoutReply = { result: FormReply; recorded?: { amountFen: number; owedFen: number } };

/**
 * The offline payout form: payee, amount in yuan, method, receipt note, paid-on date, and
 * the page's per-render token (a double submit records one payout). Validated in the browser
 * with the action's schema; the action's reply (field errors, or what was recorded) is shown
 * on the server render too, so it works without JavaScript.
 */
export function RecordPayoutForm({
  payees,
  idempotencyKey,
  reply,
}: {
  payees: PayeeBalance[];
  idempotencyKey: string;
  reply?: RecordPayoutReply;
}) {
  const { t, price } = useI18n();
  const payeeName = usePayeeName();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(payoutFormSchema, {
    id: "record-payout",
    lastResult: reply?.result,
    defaultValue: { method: "cash", payeeAccountId: "" },
  });
  const payable = payees.filter((b): b is PayeeBalance & { accountId: string } => b.accountId !== null);
  const { key: payeeKey, ...payeeSelect } = getSelectProps(fields.payeeAccountId);
  const { key: methodKey, ...methodSelect } = getSelectProps(fields.method);
  const { key: noteKey, ...noteArea } = getTextareaProps(fields.note, { ariaDescribedBy: fields.note.descriptionId });
  const formError = fieldErrorKey(form.errors);
  const noteError = fieldErrorText(t, fields.note.errors);
  const control = "mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2";
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {reply?.recorded ? (
        <p role="status" className="rounded bg-leaf-50 p-2 text-sm text-leaf-800">
          {t("dash.payouts.recorded", { amount: price(reply.recorded.amountFen), owed: price(reply.recorded.owedFen) })}
        </p>
      ) : null}
      {formError ? (
        <p role="alert" id={form.errorId} className="rounded bg-chili-700/10 p-2 text-sm text-chili-700">
          {t(formError)}
        </p>
      ) : null}
      <div>
        <label htmlFor={fields.payeeAccountId.id} className="block text-sm font-medium">
          {t("dash.payouts.payee")}
        </label>
        <select key={payeeKey} {...payeeSelect} required className={control}>
          <option value="">{t("dash.payouts.choosePayee")}</option>
          {payable.map((b) => (
            <option key={b.accountId} value={b.accountId}>
              {t("dash.payouts.payeeOption", { name: payeeName(b.kind, b.name), amount: price(b.owedFen) })}
            </option>
          ))}
        </select>
        <FieldError field={fields.payeeAccountId} />
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField
          field={fields.amount}
          label={t("dash.payouts.amount")}
          hint={t("dash.payouts.amountHint")}
          inputMode="decimal"
          autoComplete="off"
          required
          maxLength={16}
        />
        <div>
          <label htmlFor={fields.method.id} className="block text-sm font-medium">
            {t("dash.payouts.method")}
          </label>
          <select key={methodKey} {...methodSelect} className={control}>
            {PAYOUT_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`dash.payouts.method.${m}`)}
              </option>
            ))}
          </select>
          <FieldError field={fields.method} />
        </div>
        <FormField field={fields.paidOn} label={t("dash.payouts.paidOn")} hint={t("dash.payouts.paidOnHint")} type="date" />
      </div>
      <div>
        <label htmlFor={fields.note.id} className="block text-sm font-medium">
          {t("dash.payouts.note")}
        </label>
        <textarea key={noteKey} {...noteArea} required maxLength={200} rows={2} className={control} />
        <p id={fields.note.descriptionId} className="mt-1 text-xs text-soil-800">
          {t("dash.payouts.noteHint")}
        </p>
        {noteError ? (
          <p id={fields.note.errorId} className="mt-1 text-sm text-chili-700">
            {noteError}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        name="intent"
        value="record-payout"
        disabled={navigation.state === "submitting"}
        className="min-h-12 w-full rounded bg-leaf-700 px-4 py-2 font-semibold text-white sm:w-auto"
      >
        {t("dash.payouts.submit")}
      </button>
    </Form>
  );
}
