import type { AppContext } from "~/context.server";
import { action as loginAction } from "~/routes/login";

// Signs a demo or test user in through the real /login action and returns the cookie.
export async function signIn(context: AppContext, email: string, password = "harvest-demo"): Promise<string> {
  const answer: unknown = await loginAction({
    request: new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams({ email, password, redirectTo: "/account" }),
    }),
    params: {},
    context,
  });
  // A refusal comes back as Remix `data(...)` (not a Response): say which one it was.
  if (!(answer instanceof Response)) throw new Error(`sign-in as ${email} was refused: ${JSON.stringify(answer)}`);
  const cookie = answer.headers.get("Set-Cookie");
  if (answer.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed with ${answer.status}`);
  return cookie.split(";")[0];
}
