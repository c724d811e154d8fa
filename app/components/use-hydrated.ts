import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * false during SSR and hydration; true once JavaScript is running. The server snapshot is
 * used while hydrating, so the first client render matches the HTML, then React re-renders
 * with true — without an effect that sets state, and true at once for components mounted later.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
