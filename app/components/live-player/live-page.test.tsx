// @vitest-environment jsdom
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { act, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProductSummary } from "~/models/product.server";
import LiveSessionPage from "~/routes/live.$sessionId";
import remixConfig from "../../../remix.config.js";

// The live page follows the host's pins and the viewer count from the event stream
// (useLiveEvents), starting after the event id it was rendered with.
const SESSION_ID = "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716";
const product = (id: string, title: string): ProductSummary => ({
  id,
  slug: `slug-${id.slice(0, 4)}`,
  title,
  unit: "bag",
  priceFen: 3980,
  stock: 50,
  perBuyerLimit: null,
  categorySlug: "grains",
  image: null,
  coopSlug: "liujiawobao",
  coopName: "Liujiawobao",
  village: "Liujiawobao Village",
});
const CORN = product("0b6f3c1e-2d4a-4c5b-9e8f-7a6b5c4d3e2f", "Waxy corn");
const MILLET = product("1c7a4d2f-3e5b-4d6c-8f9a-8b7c6d5e4f3a", "Millet");
const pageData = {
  session: {
    id: SESSION_ID,
    title: "Drying yard live",
    status: "live" as const,
    scheduledStart: "2026-12-02T10:00:00.000Z",
    startedAt: "2026-12-02T10:00:00.000Z",
    endedAt: null,
    // No stream: the test is about the page, not the player (tests in components/live-player).
    playbackUrl: null,
    replayUrl: null,
    posterImage: null,
    coopSlug: "liujiawobao",
    coopName: "Liujiawobao",
    description: "Weighed and packed on camera.",
    pinnedProductId: CORN.id,
  },
  products: [CORN, MILLET],
  lastEventId: 41,
  flash: null,
  chapters: [],
  chat: { messages: [], canModerate: false, mutedUserIds: [], muted: false },
  signedIn: false,
};

class FakeSource {
  static OPEN = 1;
  static instances: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((message: MessageEvent<string>) => void) | null = null;
  constructor(readonly url: string) {
    FakeSource.instances.push(this);
  }
  emit(data: unknown) {
    this.onmessage?.(new MessageEvent("message", { data: JSON.stringify(data) }));
  }
  close() {}
}

beforeEach(() => {
  FakeSource.instances = [];
  vi.stubGlobal("EventSource", FakeSource);
});
afterEach(() => vi.unstubAllGlobals());

function renderPage() {
  const rootData = { locale: "en" };
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      loader: () => rootData,
      Component: Outlet,
      children: [{ id: "routes/live.$sessionId", path: "live/:sessionId", loader: () => pageData, Component: LiveSessionPage }],
    },
  ]);
  render(
    <Stub
      initialEntries={[`/live/${SESSION_ID}`]}
      future={remixConfig.future}
      hydrationData={{ loaderData: { root: rootData, "routes/live.$sessionId": pageData } }}
    />,
  );
}

describe("/live/:sessionId", () => {
  it("moves the pinned card when the host pins or unpins, and shows the viewer count", async () => {
    renderPage();
    const pinned = await screen.findByRole("complementary", { name: "Pinned now" });
    expect(within(pinned).getByRole("heading", { name: "Waxy corn" })).toBeTruthy();
    const source = FakeSource.instances[0];
    expect(source.url).toBe(`/live/${SESSION_ID}/events?lastEventId=41`);

    act(() =>
      source.emit({
        id: 42,
        type: "pin",
        payload: {
          productId: MILLET.id,
          pinId: 7,
          offsetMs: 1000,
          product: { slug: MILLET.slug, titleZh: "小米", titleEn: "Millet", priceFen: 3980, unit: "bag" },
        },
      }),
    );
    const now = screen.getByRole("complementary", { name: "Pinned now" });
    expect(within(now).getByRole("heading", { name: "Millet" })).toBeTruthy();
    // Buying from the card attributes the order to the session and comes back here without JavaScript.
    const form = within(now).getByRole("button", { name: "Add to cart: Millet" }).closest("form")!;
    expect(Object.fromEntries(new FormData(form))).toMatchObject({
      productId: MILLET.id,
      liveSessionId: SESSION_ID,
      returnTo: `/live/${SESSION_ID}`,
    });

    act(() => source.emit({ type: "viewers", payload: { count: 23 } }));
    expect(screen.getByText("23 watching")).toBeTruthy();

    act(() => source.emit({ id: 43, type: "unpin", payload: { productId: MILLET.id, pinId: 7 } }));
    expect(screen.queryByRole("complementary", { name: "Pinned now" })).toBeNull();
    // The rail still sells everything in the session.
    const rail = screen.getByRole("region", { name: "In this session" });
    expect(within(rail).getAllByRole("article")).toHaveLength(2);
  });
});
