import { useFetcher, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { unitKey } from "~/components/unit-label";
import { useHydrated } from "~/components/use-hydrated";
import { useI18n } from "~/i18n/use-i18n";
import type { loader as cartLoader } from "~/routes/cart";
import { SheetCheckoutStep, type PlacedOrder } from "./sheet-checkout-step";
import { SheetPayStep } from "./sheet-pay-step";

type Step = { name: "cart" } | { name: "details" } | { name: "pay"; order: PlacedOrder } | { name: "done"; orderUrl: string };

// Buy without leaving the stream: a cart button on the live page opens a bottom sheet that
// takes the buyer through checkout and payment by fetchers, so the URL stays and the docked
// video keeps playing above it. Not modal: the player's controls stay usable. Without
// JavaScript the button is a plain link to /cart.
export function LiveCartSheet() {
  const { t, count: formatCount } = useI18n();
  const hydrated = useHydrated();
  const root = useRouteLoaderData("root") as { cartCount?: number } | undefined;
  const count = root?.cartCount ?? 0;
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>({ name: "cart" });
  const cart = useFetcher<typeof cartLoader>();
  const heading = useRef<HTMLHeadingElement>(null);
  const trigger = useRef<HTMLAnchorElement>(null);

  // (Re)load the cart when its list shows: the sheet opens on it, an add changes the count, or
  // the buyer comes back to it. Not on the checkout and pay steps, which do not show it.
  const { load } = cart;
  const showsCart = open && step.name === "cart";
  useEffect(() => {
    if (showsCart) load("/cart");
  }, [showsCart, count, load]);
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open, step.name]);

  const close = useCallback(() => {
    setOpen(false);
    setStep((s) => (s.name === "done" ? { name: "cart" } : s));
    trigger.current?.focus();
  }, []);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") close();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, close]);
  const onPlaced = useCallback((order: PlacedOrder) => setStep({ name: "pay", order }), []);
  const onPaid = useCallback((orderUrl: string) => setStep({ name: "done", orderUrl }), []);

  const lines = cart.data?.cart.lines ?? [];
  const subtotal = cart.data?.cart.subtotalFen ?? 0;
  const label = count > 0 ? t("liveCart.openCount", { count }) : t("liveCart.open");

  return (
    <>
      <a
        ref={trigger}
        href="/cart"
        aria-label={label}
        aria-expanded={hydrated ? open : undefined}
        aria-controls={hydrated ? "live-cart-sheet" : undefined}
        onClick={(event) => {
          if (!hydrated) return;
          event.preventDefault();
          setOpen((o) => !o);
        }}
        className="fixed bottom-4 right-4 z-30 flex items-center gap-2 rounded-full bg-chili-700 px-5 py-3 font-semibold text-white shadow-lg"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <circle cx="9" cy="20" r="1.5" />
          <circle cx="18" cy="20" r="1.5" />
          <path d="M2 3h3l2.4 11.2a2 2 0 0 0 2 1.6h8.2a2 2 0 0 0 2-1.5L22 7H6" />
        </svg>
        <span aria-hidden="true">
          {t("liveCart.open")}
          {count > 0 ? ` · ${formatCount(count)}` : ""}
        </span>
      </a>
      {open ? (
        <div
          id="live-cart-sheet"
          role="dialog"
          aria-modal="false"
          aria-labelledby="live-cart-title"
          className="fixed inset-x-0 bottom-0 z-40 max-h-[60vh] overflow-y-auto rounded-t-2xl bg-white p-4 shadow-2xl sm:left-auto sm:right-4 sm:w-96 sm:rounded-2xl"
        >
          <div className="mb-3 flex items-start justify-between gap-2">
            <div>
              <h2 id="live-cart-title" ref={heading} tabIndex={-1} className="text-lg font-bold outline-none">
                {t("liveCart.title")}
              </h2>
              <p className="text-xs text-soil-800">{t("liveCart.keepWatching")}</p>
            </div>
            <button type="button" onClick={close} aria-label={t("liveCart.close")} className="rounded px-3 py-1 text-xl">
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {step.name === "cart" ? (
            !cart.data ? (
              <p role="status">{t("liveCart.loading")}</p>
            ) : lines.length === 0 ? (
              <p>{t("cart.empty")}</p>
            ) : (
              <div className="space-y-3">
                <ul className="divide-y divide-soil-100 text-sm">
                  {lines.map((line) => (
                    <li key={line.productId} className="flex justify-between gap-2 py-2">
                      <span>
                        {line.title} × {line.quantity} {t(unitKey(line.unit))}
                        {line.flashSaleId ? <span className="ml-1 text-xs font-bold text-chili-700">{t("cart.flashPrice")}</span> : null}
                        {!line.available ? (
                          <span className="block text-xs text-chili-700">
                            {t(line.flashSoldOut ? "cart.flashSoldOut" : "cart.unavailable")}
                          </span>
                        ) : null}
                      </span>
                      <SheetPrice fen={line.lineTotalFen} />
                    </li>
                  ))}
                </ul>
                <p className="flex justify-between border-t border-soil-100 pt-2 font-bold">
                  <span>{t("checkout.total")}</span>
                  <SheetPrice fen={subtotal} />
                </p>
                <div className="flex gap-2">
                  <a href="/cart" className="rounded border border-soil-700 px-4 py-3 text-sm">
                    {t("liveCart.editCart")}
                  </a>
                  <button
                    type="button"
                    onClick={() => setStep({ name: "details" })}
                    disabled={!lines.some((l) => l.available)}
                    className="flex-1 rounded bg-chili-700 px-4 py-3 font-semibold text-white disabled:opacity-70"
                  >
                    {t("liveCart.checkout")}
                  </button>
                </div>
              </div>
            )
          ) : step.name === "details" ? (
            <SheetCheckoutStep totalFen={subtotal} onPlaced={onPlaced} onBack={() => setStep({ name: "cart" })} />
          ) : step.name === "pay" ? (
            <SheetPayStep order={step.order} onPaid={onPaid} />
          ) : (
            <div className="space-y-3">
              <p role="status" className="font-semibold text-leaf-800">
                {t("liveCart.paid")}
              </p>
              <div className="flex gap-2">
                <a href={step.orderUrl} target="_blank" rel="noopener" className="rounded border border-soil-700 px-4 py-3 text-sm">
                  {t("liveCart.viewOrder")}
                </a>
                <button type="button" onClick={close} className="flex-1 rounded bg-leaf-700 px-4 py-3 font-semibold text-white">
                  {t("liveCart.keepShopping")}
                </button>
              </div>
            </div>
          )}
        </div>
      ) : null}
    </>
  );
}

function SheetPrice({ fen }: { fen: number }) {
  const { price } = useI18n();
  return <span className="shrink-0 tabular-nums">{price(fen)}</span>;
}
