import type { AppContext } from "~/context.server";
import { action as loginAction } from "~/routes/login";

// Signs a demo or test user in through the real /login action and returns the cookie.
export async function signIn(context: AppContext, email: string, password = "harvest-demo"): Promise<string> {
  const response = (await loginAction({
    request: new Request("http://localhost/login", {
      method: "POST",
      body: new URLSearchParams({ email, password, redirectTo: "/account" }),
    }),
    params: {},
    context,
  })) as Response;
  const cookie = response.headers.get("Set-Cookie");
  if (response.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed with ${response.status}`);
  return cookie.split(";")[0];
}
