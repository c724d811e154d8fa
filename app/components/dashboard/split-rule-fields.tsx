import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { useState } from "react";
import { allocate } from "~/domain/split-allocation";
import { SPLIT_PARTIES, type SplitParty, type SplitRule } from "~/domain/split-rule";
import { fieldErrorText } from "~/forms/field-errors";
import { basisPointsToPercent, percentToBasisPoints } from "~/forms/percent";
import { useI18n } from "~/i18n/use-i18n";
import type { MessageKey } from "~/i18n/translate";

const LABELS: Record<SplitParty, MessageKey> = {
  household: "dash.split.household",
  collective: "dash.split.collective",
  streamer: "dash.split.streamer",
  platform: "dash.split.platform",
};
const PREVIEW_FEN = 10_000;

export type SplitRuleFieldset = Record<SplitParty, FieldMetadata<unknown, Record<string, unknown>, string[]>>;

/**
 * Four percentage inputs (bound to their form's Conform fields) with a live preview of how
 * ¥100.00 splits, computed by the same allocation function the ledger uses. Without
 * JavaScript the preview shows the rule as the page was rendered.
 */
export function SplitRuleFields({ idPrefix, rule, fields }: { idPrefix: string; rule: SplitRule; fields: SplitRuleFieldset }) {
  const { t, price } = useI18n();
  // What was typed and refused comes back in the reply; otherwise the rule in force.
  const [text, setText] = useState<Record<SplitParty, string>>(
    () =>
      Object.fromEntries(
        SPLIT_PARTIES.map((p) => {
          const echoed = fields[p].initialValue;
          return [p, typeof echoed === "string" ? echoed : basisPointsToPercent(rule[p])];
        }),
      ) as Record<SplitParty, string>,
  );
  const bp = Object.fromEntries(SPLIT_PARTIES.map((p) => [p, percentToBasisPoints(text[p])])) as Record<SplitParty, number | null>;
  const total = SPLIT_PARTIES.reduce((sum, p) => sum + (bp[p] ?? 0), 0);
  const valid = SPLIT_PARTIES.every((p) => bp[p] !== null) && total === 10_000;
  const preview = valid ? allocate(PREVIEW_FEN, bp as SplitRule) : null;
  const previewId = `${idPrefix}-preview`;
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {SPLIT_PARTIES.map((party) => {
          const field = fields[party];
          // Controlled (the preview follows every keystroke): the value is ours, not a default.
          const { key, defaultValue: _default, ...input } = getInputProps(field, { type: "text", ariaDescribedBy: previewId });
          const error = fieldErrorText(t, field.errors);
          return (
            <div key={party}>
              <label htmlFor={field.id} className="block text-sm font-medium">
                {t(LABELS[party])}
              </label>
              <input
                key={key}
                {...input}
                inputMode="decimal"
                required
                value={text[party]}
                onChange={(e) => setText((prev) => ({ ...prev, [party]: e.target.value }))}
                className="mt-1 block w-full rounded border border-soil-700 bg-white px-3 py-2 tabular-nums"
              />
              {error ? (
                <p id={field.errorId} className="mt-1 text-sm text-chili-700">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      <div id={previewId} aria-live="polite" className="rounded bg-leaf-50 p-3 text-sm">
        <p className="font-medium">{t("dash.split.preview")}</p>
        {preview ? (
          <ul className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-4">
            {SPLIT_PARTIES.map((p) => (
              <li key={p}>
                {t(LABELS[p]).replace(" %", "").replace(" %", "")}: <span className="font-semibold tabular-nums">{price(preview[p])}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-chili-700">
            {t("dash.split.total", { percent: basisPointsToPercent(Math.min(total, 99_999)) })} — {t("dash.errors.splitSum")}
          </p>
        )}
      </div>
    </div>
  );
}
