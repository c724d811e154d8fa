// @vitest-environment jsdom
import { act, screen } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FlashSale } from "~/domain/flash-sale";
import type { LiveEvent } from "~/realtime/live-event";
import { renderInApp } from "../../../tests/support/remix-stub";
import { FlashSaleBanner } from "./flash-sale-banner";
import { useFlashSale } from "./use-flash-sale";

const SALE_ID = "7d1c1f46-3b1f-4c55-9d64-5b8d7f4a0001";
const PRODUCT = "7d1c1f46-3b1f-4c55-9d64-5b8d7f4a00aa";
const T0 = Date.parse("2026-12-02T10:00:00Z");

const sale: FlashSale = {
  flashSaleId: SALE_ID,
  productId: PRODUCT,
  priceFen: 990,
  unitsOffered: 200,
  unitsLeft: 200,
  perBuyerLimit: 2,
  endsAt: new Date(T0 + 65_000).toISOString(),
  endedReason: null,
};

const feeder: { current: (event: LiveEvent) => void } = { current: () => {} };
const feed = (event: LiveEvent) => feeder.current(event);
function Harness({ initial }: { initial: FlashSale | null }) {
  const { view, onEvent } = useFlashSale(initial);
  useEffect(() => {
    feeder.current = onEvent;
  }, [onEvent]);
  return view ? <FlashSaleBanner view={view} regularPriceFen={1680} /> : <p>no flash sale</p>;
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe("FlashSaleBanner", () => {
  it("shows the flash price against the regular one, units left, the limit and a countdown that ticks", async () => {
    renderInApp(<Harness initial={sale} />);
    expect(await screen.findByText("¥9.90")).toBeTruthy();
    expect(screen.getByLabelText("Regular price ¥16.80")).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("200 of 200 left");
    expect(screen.getByText("Up to 2 per buyer")).toBeTruthy();
    expect(screen.getByLabelText("Ends in 1:05")).toBeTruthy();
    await act(async () => {
      vi.advanceTimersByTime(3_000);
    });
    expect(screen.getByLabelText("Ends in 1:02")).toBeTruthy();
  });

  it("follows units-left and turns to sold out for everyone when the last unit goes", async () => {
    renderInApp(<Harness initial={sale} />);
    await screen.findByText("¥9.90");
    act(() => feed({ type: "units-left", payload: { productId: PRODUCT, flashSaleId: SALE_ID, unitsLeft: 1 } }));
    expect(screen.getByRole("status").textContent).toBe("1 of 200 left");
    act(() => feed({ type: "flash.end", payload: { flashSaleId: SALE_ID, productId: PRODUCT, reason: "sold-out" } }));
    expect(screen.getByRole("status").textContent).toBe("Sold out — the flash sale is over.");
    expect(screen.queryByLabelText(/Ends in/)).toBeNull();
  });

  it("appears when the host starts one, and says it is over when the countdown reaches zero", async () => {
    renderInApp(<Harness initial={null} />);
    await screen.findByText("no flash sale");
    act(() =>
      feed({
        type: "flash.start",
        payload: {
          flashSaleId: SALE_ID,
          productId: PRODUCT,
          priceFen: 990,
          units: 50,
          perBuyerLimit: null,
          endsAt: new Date(T0 + 2_000).toISOString(),
        },
      }),
    );
    expect(screen.getByRole("status").textContent).toBe("50 of 50 left");
    await act(async () => {
      vi.advanceTimersByTime(2_500);
    });
    expect(screen.getByRole("status").textContent).toBe("The flash sale is over. Regular price again.");
  });
});
