import { describe, expect, it } from "vitest";
import { commonPasswordCount, isCommonPassword } from "./common-passwords.server";
import { signUpSchema } from "~/forms/auth";
import { parseForm } from "~/forms/parse-form";
import { commonCandidates, passwordProblem } from "./password-policy";

const check = (password: string, context = {}) => passwordProblem(password, context, isCommonPassword);

describe("password policy", () => {
  it("refuses short and whitespace-only passwords", () => {
    for (const p of ["", "short", "1234567", "        ", " \t \n    ", "汉字汉字汉字汉"]) expect(check(p), p).toBe("short");
  });

  it("refuses one repeated character or a repeated block", () => {
    for (const p of ["aaaaaaaa", "00000000", "88888888", "abcabcabc", "12121212", "asdasdasd", "xyzxyzxyzxyz", "哈哈哈哈哈哈哈哈"]) {
      expect(check(p), p).toBe("pattern");
    }
  });

  it("refuses keyboard and number sequences, and a few of them in a row", () => {
    for (const p of [
      "12345678",
      "123456789",
      "87654321",
      "0123456789",
      "qwertyui",
      "QWERTYUIOP",
      "asdfghjkl",
      "1qaz2wsx",
      "1q2w3e4r5t",
      "147258369",
      "1234qwer",
      "qwer1234",
      "abcd1234",
      "123qweasd",
      "zxcvbnm123",
      "abc123456",
      "abcdefgh",
      "zyxwvuts",
      "poiuytrewq",
    ]) {
      expect(check(p), p).toBe("pattern");
    }
  });

  it("refuses 8-digit dates (birthdays)", () => {
    for (const p of ["19880808", "20001231", "08081988"]) expect(check(p), p).toBe("pattern");
    expect(check("19881388")).toBe(null); // month 13: not a date, and not otherwise weak
  });

  it("refuses passwords containing the email's local part or the display name", () => {
    expect(check("meili-rice-2024", { email: "meili@example.com" })).toBe("personal");
    expect(check("MEILI!harvest", { email: "MeiLi@Example.com" })).toBe("personal");
    expect(check("张伟的秘密花园呀", { displayName: "张伟" })).toBe("personal");
    expect(check("wangxiaoming", { displayName: "Wang Xiaoming" })).toBe("personal");
    // part of the local part (someone using their address as the password)
    expect(check("sunshine-garden", { email: "sunshine-garden-88@example.com" })).toBe("personal");
    // too short a name to mean anything
    expect(check("pear-orchard-walk", { email: "al@example.com", displayName: "A" })).toBe(null);
  });

  it("refuses common passwords, including what Chinese users commonly pick", () => {
    for (const p of [
      "password",
      "password1",
      "iloveyou",
      "woaini1314",
      "qq123456",
      "a123456789",
      "5201314520",
      "iloveyou1314",
      "woaini520",
      "P@ssw0rd",
      "Password123!",
      "dragon2024",
      "sunshine",
      "football",
      "dearbook",
      "xiazhili",
      "woaini11",
      "qq5201314",
    ]) {
      expect(check(p), p).toBe("common");
    }
    for (const p of ["123456789", "5201314", "woaini1314", "qq123456", "a123456", "1qaz2wsx", "iloveyou", "password1"]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(commonPasswordCount()).toBeGreaterThan(3000);
  });

  it("looks a password up lowercased, un-leeted and without a short suffix", () => {
    expect(commonCandidates("p@ssw0rd")).toContain("password");
    expect(commonCandidates("woaini1314")).toContain("woaini");
    expect(commonCandidates("123password")).toContain("password");
  });

  it("accepts reasonable passwords", () => {
    for (const p of [
      "rice-and-fungus",
      "long-enough-password",
      "correct horse battery",
      "黑木耳真好吃啊呀",
      "Zhengjia fungus 2026",
      "tq8!vLr2#pK",
    ]) {
      expect(check(p, { email: "mei@example.com", displayName: "李梅" }), p).toBe(null);
    }
  });
});

describe("the sign-up form", () => {
  const signUp = (password: string, email = "mei@example.com", displayName = "李梅") => {
    const submission = parseForm(new URLSearchParams({ email, password, displayName }), signUpSchema);
    return submission.status === "success" ? null : (submission.error?.password?.[0] ?? null);
  };

  it("refuses 12345678, password and eight spaces with a field error on the password", () => {
    expect(signUp("12345678")).toBe("auth.errors.passwordPattern");
    expect(signUp("password")).toBe("auth.errors.passwordCommon");
    expect(signUp("        ")).toBe("auth.errors.passwordShort");
    expect(signUp("woaini1314")).toBe("auth.errors.passwordCommon");
    expect(signUp("meili-harvest", "meili@example.com")).toBe("auth.errors.passwordPersonal");
    expect(signUp("rice-and-fungus")).toBeNull();
  });
});
