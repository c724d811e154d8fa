import * as z from "zod";
import type { MessageKey } from "~/i18n/translate";

// Field builders shared by the dashboard forms. Each takes the message key it reports.
export const text = (min: number, max: number, key: MessageKey) =>
  z.string({ error: key }).trim().min(min, { message: key }).max(max, { message: key });

export const wholeNumber = (min: number, max: number, key: MessageKey) =>
  z.coerce.number({ message: key }).int({ message: key }).min(min, { message: key }).max(max, { message: key });

export const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** A checkbox: "on" when ticked, absent otherwise. */
export const checkbox = () => z.preprocess((v) => v === "on", z.boolean());
