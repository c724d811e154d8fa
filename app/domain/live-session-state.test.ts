import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  SESSION_STATUSES,
  availableActions,
  canPin,
  canTransition,
  editableFields,
  isFinal,
  nextStatus,
  type SessionAction,
  type SessionStatus,
} from "./live-session-state";

const ACTIONS: SessionAction[] = ["go-live", "end", "cancel"];
const status = fc.constantFrom(...SESSION_STATUSES);
const action = fc.constantFrom(...ACTIONS);

describe("the session state machine", () => {
  it("allows exactly scheduled → live → ended and scheduled → cancelled", () => {
    const allowed = SESSION_STATUSES.flatMap((from) =>
      SESSION_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(["live→ended", "scheduled→cancelled", "scheduled→live"]);
  });

  it("goes live once, ends once, and cannot end what never started", () => {
    expect(nextStatus("scheduled", "go-live")).toBe("live");
    expect(nextStatus("live", "go-live")).toBeNull();
    expect(nextStatus("live", "end")).toBe("ended");
    expect(nextStatus("ended", "end")).toBeNull();
    expect(nextStatus("scheduled", "end")).toBeNull();
    expect(nextStatus("live", "cancel")).toBeNull();
    expect(nextStatus("scheduled", "cancel")).toBe("cancelled");
  });

  it("ended and cancelled are final", () => {
    expect(SESSION_STATUSES.filter(isFinal)).toEqual(["ended", "cancelled"]);
    expect(availableActions("scheduled")).toEqual(["go-live", "cancel"]);
    expect(availableActions("live")).toEqual(["end"]);
  });

  it("any sequence of actions only ever walks the allowed edges, and never returns to an earlier status", () => {
    const order: Record<SessionStatus, number> = { scheduled: 0, live: 1, ended: 2, cancelled: 2 };
    fc.assert(
      fc.property(fc.array(action, { maxLength: 12 }), (actions) => {
        let current: SessionStatus = "scheduled";
        for (const a of actions) {
          const next = nextStatus(current, a);
          if (next === null) continue;
          expect(canTransition(current, next)).toBe(true);
          expect(order[next]).toBeGreaterThan(order[current]);
          current = next;
        }
      }),
    );
  });

  it("an action is available exactly when it leads somewhere", () => {
    fc.assert(fc.property(status, action, (s, a) => availableActions(s).includes(a) === (nextStatus(s, a) !== null)));
  });

  it("edits titles until the end, time and products before the start; pins before and during", () => {
    expect(editableFields("scheduled")).toEqual({ text: true, schedule: true, products: true });
    expect(editableFields("live")).toEqual({ text: true, schedule: false, products: false });
    expect(editableFields("ended")).toEqual({ text: false, schedule: false, products: false });
    expect(SESSION_STATUSES.filter(canPin)).toEqual(["scheduled", "live"]);
  });
});
