import type { MessageKey } from "~/i18n/translate";

const UNIT_KEYS: Record<string, MessageKey> = {
  kg: "unit.kg",
  jin: "unit.jin",
  box: "unit.box",
  bag: "unit.bag",
  jar: "unit.jar",
  piece: "unit.piece",
};

export function unitKey(unit: string): MessageKey {
  return UNIT_KEYS[unit] ?? "unit.piece";
}
