// The sign-up password policy (pure: no I/O; the common-password list is passed in, and
// lives server-side in common-passwords.server.ts). A password is refused when it is
//   short    fewer than PASSWORD_MIN characters, or nothing but whitespace;
//   pattern  one character repeated, a short block repeated ("abcabcabc", "12121212"),
//            a keyboard or number sequence or a few of them ("qwertyui", "1qaz2wsx",
//            "1234qwer", "147258369"), or a date (19880808, the classic birthday);
//   personal contains the email's local part or the display name (or is part of them);
//   common   in the common-password list, also once lowercased, un-leeted (p@ssw0rd) or
//            stripped of a short run of digits/symbols at the end (woaini1314, dragon2024!).

export const PASSWORD_MIN = 8;

export type PasswordProblem = "short" | "pattern" | "personal" | "common";
export type PasswordContext = { email?: string; displayName?: string };

// Rows of keys and number runs people walk along. Each is also read backwards.
const SEQUENCES = [
  "01234567890",
  "abcdefghijklmnopqrstuvwxyz",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qwertyuiopasdfghjklzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "qazwsxedcrfvtgbyhnujmikolp",
  "1q2w3e4r5t6y7u8i9o0p",
  "q1w2e3r4t5y6u7i8o9p0",
  "1234567890qwertyuiop",
  "147258369",
  "159357",
  "159753",
  "741852963",
  "789456123",
  "369258147",
  "13579",
  "24680",
  "1357924680",
];
const RUNS = [...SEQUENCES, ...SEQUENCES.map((s) => [...s].reverse().join(""))];
const isRun = (chunk: string) => RUNS.some((run) => run.includes(chunk));

/** Fewest sequence chunks (each ≥ 3 characters) that make up the password, or Infinity. */
function sequenceChunks(password: string): number {
  const best = new Array<number>(password.length + 1).fill(Infinity);
  best[0] = 0;
  for (let end = 3; end <= password.length; end++) {
    for (let start = 0; start <= end - 3; start++) {
      if (best[start] + 1 < best[end] && isRun(password.slice(start, end))) best[end] = best[start] + 1;
    }
  }
  return best[password.length];
}

/** "abcabcabc", "12121212", "aaaaaaaa": a block of at most half the length, repeated. */
function isRepeatedBlock(password: string): boolean {
  for (let size = 1; size <= password.length / 2; size++) {
    const block = password.slice(0, size);
    if (block.repeat(Math.ceil(password.length / size)).slice(0, password.length) === password) return true;
  }
  return false;
}

/** 8-digit dates between 1900 and 2099 (YYYYMMDD, DDMMYYYY, MMDDYYYY). */
function isDate(password: string): boolean {
  if (!/^\d{8}$/.test(password)) return false;
  const valid = (y: number, m: number, d: number) => y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
  const n = (from: number, to: number) => Number(password.slice(from, to));
  return valid(n(0, 4), n(4, 6), n(6, 8)) || valid(n(4, 8), n(2, 4), n(0, 2)) || valid(n(4, 8), n(0, 2), n(2, 4));
}

const LEET: Record<string, string> = {
  "@": "a",
  "4": "a",
  "0": "o",
  "1": "i",
  "!": "i",
  "3": "e",
  $: "s",
  "5": "s",
  "7": "t",
  "+": "t",
  "8": "b",
  "9": "g",
};
const unleet = (text: string) => text.replace(/[@40!13$57+89]/g, (c) => LEET[c]);

/** The forms of a password looked up in the common list. */
export function commonCandidates(lowered: string): string[] {
  const forms = new Set([lowered, unleet(lowered)]);
  const stripped = /^(.*?[^\d\W_])[\d\W_]{1,6}$/u.exec(lowered)?.[1];
  if (stripped && stripped.length >= 4) forms.add(stripped).add(unleet(stripped));
  const leading = /^[\d\W_]{1,4}(.{4,})$/u.exec(lowered)?.[1];
  if (leading && /^[^\d\W_]/u.test(leading)) forms.add(leading);
  return [...forms];
}

const squash = (text: string) => text.toLowerCase().replace(/[\s._\-+]/g, "");
// Long enough to mean something: 3 letters, or 2 for names in Chinese and other scripts.
const meaningful = (text: string) => text.length >= 3 || (text.length === 2 && /\P{ASCII}/u.test(text));

function personal(lowered: string, context: PasswordContext): boolean {
  const squashed = squash(lowered);
  const parts = [context.email?.trim().toLowerCase().split("@")[0], context.displayName].map((p) => squash(p ?? ""));
  return parts.some((part) => meaningful(part) && (squashed.includes(part) || (part.length >= squashed.length && part.includes(squashed))));
}

/** The first reason this password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: PasswordContext = {},
  isCommon: (candidate: string) => boolean = () => false,
): PasswordProblem | null {
  if (password.trim() === "" || [...password].length < PASSWORD_MIN) return "short";
  const lowered = password.toLowerCase();
  const compact = lowered.replace(/\s+/g, "");
  if (isRepeatedBlock(compact) || sequenceChunks(compact) <= 3 || isDate(compact)) return "pattern";
  if (personal(lowered, context)) return "personal";
  if (commonCandidates(compact).some((candidate) => isCommon(candidate))) return "common";
  return null;
}
