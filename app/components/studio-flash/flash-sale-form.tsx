import { getFormProps, getSelectProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { FieldError, FormField } from "~/components/form-field";
import { formatCountdown } from "~/domain/flash-sale";
import { FLASH_DURATIONS, flashSaleStartSchema } from "~/forms/flash-sale";
import type { FormReply } from "~/forms/parse-form";
import { useSchemaForm } from "~/forms/use-schema-form";
import { useI18n } from "~/i18n/use-i18n";
import type { FlashSaleView } from "~/components/live-flash/use-flash-sale";

export type PinnedForFlash = { id: string; title: string; priceFen: number; stock: number };

// The studio's flash-sale control for the pinned product: a short form (price, units,
// limit, countdown) with big targets for one thumb, or — while one runs — its units left,
// the countdown and "End now". Plain forms posting to the studio page's action
// (intents flash-start / flash-end): they work without JavaScript.
export function FlashSaleControl(props: { pinned: PinnedForFlash | null; view: FlashSaleView; lastResult?: FormReply | null }) {
  const { t, price } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && String(navigation.formData?.get("intent") ?? "").startsWith("flash-");
  const [form, fields] = useSchemaForm(flashSaleStartSchema, {
    id: "flash-start",
    lastResult: props.lastResult,
    defaultValue: { units: "50", durationSeconds: "60" },
  });
  const { key: durationKey, ...durationSelect } = getSelectProps(fields.durationSeconds);
  const running = props.view?.phase === "open" ? props.view : null;

  return (
    <section aria-labelledby="studio-flash-title" className="rounded-lg border border-soil-200 bg-white p-3">
      <h2 id="studio-flash-title" className="font-semibold">
        {t("studio.flash.title")}
      </h2>
      {running ? (
        <Form method="post" className="mt-2 space-y-2">
          <p role="status" className="text-sm">
            {t("studio.flash.running", {
              left: running.sale.unitsLeft,
              total: running.sale.unitsOffered,
              price: price(running.sale.priceFen),
            })}{" "}
            <span className="font-mono font-bold tabular-nums">{formatCountdown(running.secondsLeft)}</span>
          </p>
          <button
            type="submit"
            name="intent"
            value="flash-end"
            disabled={busy}
            className="w-full rounded-lg border-2 border-chili-700 px-4 py-3 font-semibold text-chili-700 disabled:opacity-70"
          >
            {t("studio.flash.end")}
          </button>
        </Form>
      ) : !props.pinned ? (
        <p className="mt-1 text-sm text-soil-800">{t("studio.flash.pinFirst")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-2 grid grid-cols-2 gap-3">
          <input type="hidden" name="intent" value="flash-start" />
          <input type="hidden" name="productId" value={props.pinned.id} />
          <p className="col-span-2 text-sm text-soil-800">
            {props.pinned.title} · {price(props.pinned.priceFen)}
          </p>
          <FormField field={fields.price} label={t("studio.flash.price")} inputMode="decimal" autoComplete="off" />
          <FormField field={fields.units} label={t("studio.flash.units")} inputMode="numeric" max={props.pinned.stock} autoComplete="off" />
          <FormField field={fields.perBuyerLimit} label={t("studio.flash.limit")} inputMode="numeric" autoComplete="off" />
          <div>
            <label htmlFor={fields.durationSeconds.id} className="block text-sm font-medium">
              {t("studio.flash.duration")}
            </label>
            <select key={durationKey} {...durationSelect} className="mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2">
              {FLASH_DURATIONS.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {seconds < 60 ? t("studio.flash.seconds", { count: seconds }) : t("studio.flash.minutes", { count: seconds / 60 })}
                </option>
              ))}
            </select>
            <FieldError field={fields.durationSeconds} />
          </div>
          <button
            type="submit"
            disabled={busy}
            className="col-span-2 rounded-lg bg-chili-700 px-4 py-3 text-lg font-bold text-white hover:bg-chili-600 disabled:opacity-70"
          >
            {t("studio.flash.start")}
          </button>
        </Form>
      )}
    </section>
  );
}
