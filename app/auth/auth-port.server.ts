// The auth port. Two adapters: local (embedded default: email + scrypt password, a
// session cookie backed by app_private.sessions) and Supabase Auth (when SUPABASE_URL /
// SUPABASE_ANON_KEY are set). Both yield the same user id, which requests use as auth.uid().

export type AuthUser = { id: string; email: string };

export type AuthFailure =
  | { ok: false; error: "invalid_credentials" | "email_taken" | "unavailable" }
  | { ok: false; error: "rate_limited"; retryAfterSeconds: number };

/**
 * headers: the session's cookies to set (or clear) on the response. deviceCookie (sign-in
 * only): a Set-Cookie for the login device cookie that marks this browser as known for
 * this account (login-throttle.server); the sign-in page sets it beside the session.
 */
export type AuthResult = { ok: true; user: AuthUser; headers: Headers; deviceCookie?: string } | AuthFailure;

export type Credentials = { email: string; password: string };

export interface AuthProvider {
  readonly name: "local" | "supabase";
  /**
   * The signed-in user, if any; headers may carry refreshed cookies to set. accessToken:
   * the user's (already refreshed) Supabase access token, for Supabase services that check
   * their own policies (Storage); the local adapter has none.
   */
  getUser(request: Request): Promise<{ user: AuthUser | null; headers: Headers; accessToken?: string }>;
  signIn(request: Request, credentials: Credentials): Promise<AuthResult>;
  signUp(request: Request, credentials: Credentials & { displayName: string }): Promise<AuthResult>;
  signOut(request: Request): Promise<Headers>;
}

/** Secure cookies only over HTTPS (a plain-HTTP localhost demo must still work). */
export function isSecureRequest(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

/**
 * The client's address for login throttling. Only the server sets this header (from
 * Express's req.ip, which honours `trust proxy`), overwriting anything a client sent:
 * a client-supplied X-Forwarded-For must not pick its own throttling bucket.
 */
export const CLIENT_IP_HEADER = "X-Harvest-Client-Ip";

export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) || "unknown";
}
