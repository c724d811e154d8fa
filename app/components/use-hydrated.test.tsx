// @vitest-environment jsdom
import { act } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useHydrated } from "./use-hydrated";

function Probe() {
  return <p>{useHydrated() ? "hydrated" : "server"}</p>;
}

describe("useHydrated", () => {
  it("is false in the server HTML, hydrates without a mismatch, then turns true", async () => {
    const container = document.body.appendChild(document.createElement("div"));
    container.innerHTML = renderToString(<Probe />);
    expect(container.textContent).toBe("server");
    // A hydration mismatch would be reported through console.error, which fails the test.
    const root = await act(async () => hydrateRoot(container, <Probe />));
    expect(container.textContent).toBe("hydrated");
    act(() => root.unmount());
    container.remove();
  });
});
