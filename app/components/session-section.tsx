import type { ReactNode } from "react";
import type { SessionSummary } from "~/models/live-session.server";
import { SessionCard } from "./session-card";

/** A titled grid of session cards, or a sentence when there are none. */
export function SessionSection({
  id,
  title,
  sessions,
  empty,
}: {
  id: string;
  title: string;
  sessions: SessionSummary[];
  /** shown when there are no sessions; without it the whole section is left out */
  empty?: ReactNode;
}) {
  if (!sessions.length && !empty) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="text-xl font-bold">
        {title}
      </h2>
      {sessions.length ? (
        <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {sessions.map((s) => (
            <li key={s.id}>
              <SessionCard session={s} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-soil-800">{empty}</p>
      )}
    </section>
  );
}
