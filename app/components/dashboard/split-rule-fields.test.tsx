// @vitest-environment jsdom
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SplitRule } from "~/domain/split-rule";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { SplitRuleFields } from "./split-rule-fields";

const RULE: SplitRule = { household: 7000, collective: 1500, streamer: 1000, platform: 500 };
const LABELS = ["Household %", "Collective %", "Streamer %", "Platform %"];

/** The live preview region: the inputs point at it with aria-describedby. */
function preview() {
  const household = screen.getByRole("textbox", { name: "Household %" });
  const id = household.getAttribute("aria-describedby")!.split(" ").at(-1)!;
  return document.getElementById(id)!;
}
const previewAmounts = () =>
  within(preview())
    .queryAllByRole("listitem")
    .map((item) => item.textContent);

async function setPercent(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const input = screen.getByRole("textbox", { name: label });
  await user.clear(input);
  if (value) await user.type(input, value);
}

describe("SplitRuleFields", () => {
  it("starts from the saved rule as percentages, also without JavaScript", () => {
    const html = serverRenderInApp(<SplitRuleFields idPrefix="default" rule={RULE} errors={{}} />);
    expect(LABELS.map((label) => within(html).getByLabelText<HTMLInputElement>(label).value)).toEqual(["70", "15", "10", "5"]);
    expect(LABELS.map((label) => within(html).getByLabelText<HTMLInputElement>(label).name)).toEqual([
      "household",
      "collective",
      "streamer",
      "platform",
    ]);
    expect(
      within(html)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Household: ¥70.00", "Collective: ¥15.00", "Streamer: ¥10.00", "Platform: ¥5.00"]);
  });

  it("updates the preview as the percentages change, parts adding up to ¥100.00", async () => {
    const user = userEvent.setup();
    renderInApp(<SplitRuleFields idPrefix="default" rule={RULE} errors={{}} />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Household %", "60.5");
    await setPercent(user, "Collective %", "24.5");

    expect(previewAmounts()).toEqual(["Household: ¥60.50", "Collective: ¥24.50", "Streamer: ¥10.00", "Platform: ¥5.00"]);
  });

  it("says the parts must add up to 100% while they do not, with the running total", async () => {
    const user = userEvent.setup();
    renderInApp(<SplitRuleFields idPrefix="default" rule={RULE} errors={{}} />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Platform %", "15");

    expect(previewAmounts()).toEqual([]);
    expect(preview().textContent).toContain("Total 110% — The four parts must add up to exactly 100%.");

    await setPercent(user, "Platform %", "5");
    expect(previewAmounts()).toHaveLength(4);
  });

  it("treats text that is not a percentage as not adding up", async () => {
    const user = userEvent.setup();
    renderInApp(<SplitRuleFields idPrefix="default" rule={RULE} errors={{}} />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Streamer %", "ten");

    expect(previewAmounts()).toEqual([]);
    expect(preview().textContent).toContain("The four parts must add up to exactly 100%.");
  });

  it("ties the server's field error to its input", async () => {
    renderInApp(<SplitRuleFields idPrefix="default" rule={RULE} errors={{ household: "dash.errors.splitSum" }} />);
    const household = await screen.findByRole("textbox", { name: "Household %" });
    expect(household.getAttribute("aria-invalid")).toBe("true");
    const describedBy = household.getAttribute("aria-describedby")!.split(" ");
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain("The four parts must add up to exactly 100%.");
    expect(screen.getByRole("textbox", { name: "Platform %" }).getAttribute("aria-invalid")).toBeNull();
  });
});
