// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SplitRule } from "~/domain/split-rule";
import { renderInApp } from "../../tests/support/remix-stub";
import { SplitPreview } from "./split-preview";

const RULE: SplitRule = { household: 7000, collective: 1500, streamer: 1000, platform: 500 };

/** "¥1,234.56" → 123456 fen. */
const fenOf = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100);

/** The preview as a list of [who, amount in fen, share text], read from the definition list. */
async function previewRows() {
  const section = await screen.findByRole("region", { name: "Where your money goes" });
  const terms = within(section).queryAllByRole("term");
  const definitions = within(section).queryAllByRole("definition");
  return terms.map((term, i) => {
    const [amount, share] = definitions[i].textContent!.split(" (");
    return [term.textContent, fenOf(amount), share.replace(")", "")] as const;
  });
}

describe("SplitPreview", () => {
  it("shows each party's part of the price and share", async () => {
    renderInApp(<SplitPreview amountFen={3980} rule={RULE} householdName="Wang household" villageName="Daguliu" />);
    expect(await screen.findByText("Of every ¥39.80 you pay for this product:")).toBeTruthy();
    expect(await previewRows()).toEqual([
      ["Wang household", 2786, "70%"],
      ["Daguliu collective", 597, "15%"],
      ["The streamer who sold it (collective if bought outside a live session)", 398, "10%"],
      ["Harvest Live platform", 199, "5%"],
    ]);
  });

  it("gives a collective-owned product's household part to the collective", async () => {
    renderInApp(<SplitPreview amountFen={1000} rule={RULE} householdName={null} villageName="Zhengjia" />);
    const rows = await previewRows();
    expect(rows.map(([who]) => who)).not.toContain("Wang household");
    expect(rows[0]).toEqual(["Zhengjia collective", 850, "85%"]);
  });

  it("leaves out a party whose share is zero", async () => {
    renderInApp(
      <SplitPreview
        amountFen={1000}
        rule={{ household: 8000, collective: 2000, streamer: 0, platform: 0 }}
        householdName="Li"
        villageName="Dongsheng"
      />,
    );
    expect((await previewRows()).map(([who]) => who)).toEqual(["Li", "Dongsheng collective"]);
  });

  it("always shows parts that add up to the price", async () => {
    const rules = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([a, b, c]) => [a, b, c].sort((x, y) => x - y))
      .map(([a, b, c]) => ({ household: a, collective: b - a, streamer: c - b, platform: 10_000 - c }));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10_000_000 }), rules, fc.boolean(), async (amountFen, rule, hasHousehold) => {
        cleanup();
        renderInApp(<SplitPreview amountFen={amountFen} rule={rule} householdName={hasHousehold ? "Wang" : null} villageName="Laohutou" />);
        const rows = await previewRows();
        expect(rows.reduce((sum, [, fen]) => sum + fen, 0)).toBe(amountFen);
      }),
      { numRuns: 40 },
    );
    // 40 renders through the Remix stub: seconds on a busy 2-core machine.
  }, 30_000);
});
