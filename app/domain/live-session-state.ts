// The life of a live session: scheduled → live → ended, or scheduled → cancelled. Nothing
// else: a session never goes back on air, and one that has been live cannot be cancelled.
// The database functions (go_live, end_live_session, cancel_live_session) enforce the same
// table; this module is what the studio asks before it offers a button.

export const SESSION_STATUSES = ["scheduled", "live", "ended", "cancelled"] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export type SessionAction = "go-live" | "end" | "cancel";

const TRANSITIONS: Record<SessionAction, { from: SessionStatus; to: SessionStatus }> = {
  "go-live": { from: "scheduled", to: "live" },
  end: { from: "live", to: "ended" },
  cancel: { from: "scheduled", to: "cancelled" },
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus(status: SessionStatus, action: SessionAction): SessionStatus | null {
  const transition = TRANSITIONS[action];
  return transition.from === status ? transition.to : null;
}

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return Object.values(TRANSITIONS).some((t) => t.from === from && t.to === to);
}

/** The actions a host may take on a session in this status. */
export function availableActions(status: SessionStatus): SessionAction[] {
  return (Object.keys(TRANSITIONS) as SessionAction[]).filter((action) => TRANSITIONS[action].from === status);
}

export function isFinal(status: SessionStatus): boolean {
  return availableActions(status).length === 0;
}

/** What may still be edited: titles until the session is over; time and products before it starts. */
export function editableFields(status: SessionStatus): { text: boolean; schedule: boolean; products: boolean } {
  return { text: status === "scheduled" || status === "live", schedule: status === "scheduled", products: status === "scheduled" };
}

/** Pins are made before and during the broadcast. */
export function canPin(status: SessionStatus): boolean {
  return status === "scheduled" || status === "live";
}
