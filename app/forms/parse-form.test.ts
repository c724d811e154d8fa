import { describe, expect, it } from "vitest";
import * as z from "zod";
import { formObject, UNSTORABLE_MESSAGE } from "./form-object";
import { parseForm, replyTo } from "./parse-form";

const schema = formObject({ name: z.string().trim().min(1, { message: "dash.errors.name" }), note: z.string() });

describe("parseForm", () => {
  it("reads the raw strings (a blank field is an empty string, not a missing one)", () => {
    const submission = parseForm(new URLSearchParams({ name: " 郑宝山 ", note: "" }), schema);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ name: "郑宝山", note: "" });
  });

  it("reports the schema's message keys per field", () => {
    const submission = parseForm(new URLSearchParams({ name: " ", note: "x" }), schema);
    expect(submission.reply().error).toEqual({ name: ["dash.errors.name"] });
  });

  it("keeps the control-character rule and echoes the value without the control characters", () => {
    const submission = parseForm(new URLSearchParams({ name: "a\u0000b", note: "ok" }), schema);
    const reply = replyTo(submission);
    expect(reply.error).toEqual({ name: [UNSTORABLE_MESSAGE] });
    expect(reply.initialValue).toEqual({ name: "a\uFFFDb", note: "ok" });
  });

  it("hides what must never be echoed", () => {
    const submission = parseForm(new URLSearchParams({ name: "", note: "secret" }), schema);
    expect(replyTo(submission, { hideFields: ["note"] }).initialValue).not.toHaveProperty("note");
  });
});
