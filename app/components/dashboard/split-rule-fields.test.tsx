// @vitest-environment jsdom
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SplitRule } from "~/domain/split-rule";
import { parseForm, replyTo, type FormReply } from "~/forms/parse-form";
import { splitDefaultSchema } from "~/forms/split-rules";
import { useSchemaForm } from "~/forms/use-schema-form";
import { renderInApp, serverRenderInApp } from "../../../tests/support/remix-stub";
import { SplitRuleFields } from "./split-rule-fields";

const RULE: SplitRule = { household: 7000, collective: 1500, streamer: 1000, platform: 500 };

/** The default-rule form as the split rules page builds it: the real schema validates in the browser. */
function DefaultRuleForm({ lastResult }: { lastResult?: FormReply }) {
  const [form, fields] = useSchemaForm(splitDefaultSchema, { id: "split-default", lastResult });
  return (
    <Form method="post" {...getFormProps(form)}>
      <SplitRuleFields idPrefix="default" rule={RULE} fields={fields} />
      <button type="submit" name="intent" value="set-default">
        Save
      </button>
    </Form>
  );
}

/** What the action answers for a refused submission of these percentages. */
function replyFor(percents: Record<keyof SplitRule, string>): FormReply {
  const submission = parseForm(new URLSearchParams({ intent: "set-default", ...percents }), splitDefaultSchema);
  expect(submission.status).toBe("error");
  return replyTo(submission);
}
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
    const html = serverRenderInApp(<DefaultRuleForm />);
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
    renderInApp(<DefaultRuleForm />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Household %", "60.5");
    await setPercent(user, "Collective %", "24.5");

    expect(previewAmounts()).toEqual(["Household: ¥60.50", "Collective: ¥24.50", "Streamer: ¥10.00", "Platform: ¥5.00"]);
  });

  it("says the parts must add up to 100% while they do not, with the running total", async () => {
    const user = userEvent.setup();
    renderInApp(<DefaultRuleForm />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Platform %", "15");

    expect(previewAmounts()).toEqual([]);
    expect(preview().textContent).toContain("Total 110% — The four parts must add up to exactly 100%.");

    await setPercent(user, "Platform %", "5");
    expect(previewAmounts()).toHaveLength(4);
  });

  it("treats text that is not a percentage as not adding up", async () => {
    const user = userEvent.setup();
    renderInApp(<DefaultRuleForm />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Streamer %", "ten");

    expect(previewAmounts()).toEqual([]);
    expect(preview().textContent).toContain("The four parts must add up to exactly 100%.");
  });

  it("ties the server's field error to its input and shows back what was typed", async () => {
    const reply = replyFor({ household: "70", collective: "15", streamer: "10", platform: "15" });
    renderInApp(<DefaultRuleForm lastResult={reply} />);
    const platform = await screen.findByRole("textbox", { name: "Platform %" });
    expect((platform as HTMLInputElement).value).toBe("15");
    expect(platform.getAttribute("aria-invalid")).toBe("true");
    const describedBy = platform.getAttribute("aria-describedby")!.split(" ");
    expect(describedBy.map((id) => document.getElementById(id)?.textContent)).toContain("The four parts must add up to exactly 100%.");
    expect(screen.getByRole("textbox", { name: "Household %" }).getAttribute("aria-invalid")).toBeNull();
  });

  it("does not submit parts that do not add up, and says why at the field", async () => {
    const user = userEvent.setup();
    const posted: Record<string, FormDataEntryValue>[] = [];
    renderInApp(<DefaultRuleForm />, {
      action: async ({ request }) => {
        posted.push(Object.fromEntries(await request.formData()));
        return null;
      },
    });
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Platform %", "15");
    await user.click(screen.getByRole("button", { name: "Save" }));

    const platform = screen.getByRole("textbox", { name: "Platform %" });
    await waitFor(() => expect(platform.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByRole("textbox", { name: "Platform %", description: /The four parts must add up to exactly 100%\./ })).toBe(platform);
    expect(posted).toEqual([]);

    await setPercent(user, "Platform %", "5");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({ intent: "set-default", household: "70", collective: "15", streamer: "10", platform: "5" });
    await waitFor(() => expect(platform.getAttribute("aria-invalid")).toBeNull());
  });

  it("refuses a percentage that is not one, naming the field", async () => {
    const user = userEvent.setup();
    renderInApp(<DefaultRuleForm />);
    await screen.findByRole("textbox", { name: "Household %" });

    await setPercent(user, "Streamer %", "ten");
    await user.tab();

    const streamer = screen.getByRole("textbox", { name: "Streamer %" });
    await waitFor(() => expect(streamer.getAttribute("aria-invalid")).toBe("true"));
    expect(
      streamer
        .getAttribute("aria-describedby")!
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent),
    ).toContain("Enter a percentage from 0 to 100 (two decimals at most).");
  });
});
