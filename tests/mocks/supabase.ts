import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { http, HttpResponse } from "msw";

// An in-memory stand-in for Supabase Auth (GoTrue) behind msw: the endpoints auth-js
// calls for password sign-in, sign-up, token refresh, getUser and sign-out, with the
// response shapes and error bodies the real server sends.

export type FakeAuthUser = {
  id: string;
  email: string;
  password: string;
  user_metadata: Record<string, unknown>;
  confirmed: boolean;
  created_at: string;
};
type FakeSession = { id: string; userId: string; refreshToken: string };

export type SupabaseAuthMockOptions = {
  url: string;
  /** Supabase Auth writes auth.users in the app's own database: tests mirror that here. */
  onUserCreated?: (user: FakeAuthUser) => Promise<unknown> | unknown;
};

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");
const API_VERSION = "2024-01-01";

export function createSupabaseAuthMock({ url, onUserCreated }: SupabaseAuthMockOptions) {
  const base = `${url.replace(/\/$/, "")}/auth/v1`;
  const jwtSecret = randomBytes(32);
  const users = new Map<string, FakeAuthUser>(); // by lower-case email
  const sessions = new Map<string, FakeSession>(); // by session id
  /** Per test: access-token lifetime, and whether sign-up needs an emailed confirmation. */
  const settings = { accessTokenSeconds: 3600, confirmEmail: false };
  /** Every request, e.g. "POST /token?grant_type=password", for asserting round trips. */
  const calls: string[] = [];

  const sign = (claims: Record<string, unknown>) => {
    const unsigned = `${b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64url(JSON.stringify(claims))}`;
    return `${unsigned}.${createHmac("sha256", jwtSecret).update(unsigned).digest("base64url")}`;
  };
  const verify = (token: string | undefined): Record<string, unknown> | null => {
    const [header, payload, signature] = token?.split(".") ?? [];
    if (!header || !payload || !signature) return null;
    const expected = createHmac("sha256", jwtSecret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    return typeof claims.exp === "number" && claims.exp * 1000 > Date.now() ? claims : null;
  };
  const bearer = (request: Request) => verify(request.headers.get("Authorization")?.replace(/^Bearer /, ""));

  // GoTrue answers in the 2024-01-01 shape (and echoes the header) when the client asks
  // for it, which auth-js always does; older clients get {code, error_code, msg}.
  const authError = (request: Request, status: number, code: string, message: string) =>
    request.headers.get("X-Supabase-Api-Version") === API_VERSION
      ? HttpResponse.json({ code, message }, { status, headers: { "X-Supabase-Api-Version": API_VERSION } })
      : HttpResponse.json({ code: status, error_code: code, msg: message }, { status });

  const userJson = (user: FakeAuthUser) => {
    const identityData = { email: user.email, email_verified: user.confirmed, phone_verified: false, sub: user.id };
    const confirmedAt = user.confirmed ? user.created_at : undefined;
    return {
      id: user.id,
      aud: "authenticated",
      role: "authenticated",
      email: user.email,
      email_confirmed_at: confirmedAt,
      phone: "",
      confirmed_at: confirmedAt,
      ...(user.confirmed ? {} : { confirmation_sent_at: user.created_at }),
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: { ...user.user_metadata, ...identityData },
      identities: [
        {
          identity_id: randomUUID(),
          id: user.id,
          user_id: user.id,
          identity_data: identityData,
          provider: "email",
          created_at: user.created_at,
          updated_at: user.created_at,
          email: user.email,
        },
      ],
      created_at: user.created_at,
      updated_at: new Date().toISOString(),
      is_anonymous: false,
    };
  };

  const sessionJson = (user: FakeAuthUser, session: FakeSession) => {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + settings.accessTokenSeconds;
    const accessToken = sign({
      iss: base,
      sub: user.id,
      aud: "authenticated",
      exp,
      iat,
      email: user.email,
      phone: "",
      app_metadata: { provider: "email", providers: ["email"] },
      user_metadata: user.user_metadata,
      role: "authenticated",
      aal: "aal1",
      amr: [{ method: "password", timestamp: iat }],
      session_id: session.id,
      is_anonymous: false,
    });
    return {
      access_token: accessToken,
      token_type: "bearer",
      expires_in: settings.accessTokenSeconds,
      expires_at: exp,
      refresh_token: session.refreshToken,
      user: userJson(user),
    };
  };

  const startSession = (user: FakeAuthUser) => {
    const session = { id: randomUUID(), userId: user.id, refreshToken: randomBytes(9).toString("base64url") };
    sessions.set(session.id, session);
    return sessionJson(user, session);
  };
  const userById = (id: unknown) => [...users.values()].find((u) => u.id === id);

  async function addUser(email: string, password: string, metadata: Record<string, unknown> = {}, confirmed = true) {
    const user: FakeAuthUser = {
      id: randomUUID(),
      email: email.toLowerCase(),
      password,
      user_metadata: metadata,
      confirmed,
      created_at: new Date().toISOString(),
    };
    users.set(user.email, user);
    await onUserCreated?.(user);
    return user;
  }

  const handlers = [
    http.post(`${base}/token`, async ({ request }) => {
      const grant = new URL(request.url).searchParams.get("grant_type");
      calls.push(`POST /token?grant_type=${grant}`);
      const body = (await request.json()) as Record<string, string>;
      if (grant === "password") {
        const user = users.get(String(body.email).toLowerCase());
        if (!user || user.password !== body.password) return authError(request, 400, "invalid_credentials", "Invalid login credentials");
        if (!user.confirmed) return authError(request, 400, "email_not_confirmed", "Email not confirmed");
        return HttpResponse.json(startSession(user));
      }
      if (grant === "refresh_token") {
        const session = [...sessions.values()].find((s) => s.refreshToken === body.refresh_token);
        const user = userById(session?.userId);
        if (!session || !user) return authError(request, 400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
        session.refreshToken = randomBytes(9).toString("base64url"); // rotation
        return HttpResponse.json(sessionJson(user, session));
      }
      return authError(request, 400, "validation_failed", "unsupported_grant_type");
    }),

    http.post(`${base}/signup`, async ({ request }) => {
      calls.push("POST /signup");
      const body = (await request.json()) as { email: string; password: string; data?: Record<string, unknown> };
      const existing = users.get(body.email.toLowerCase());
      if (existing && settings.confirmEmail) {
        // With confirmations on, GoTrue hides that the email is taken: a fake, unsaved user.
        return HttpResponse.json({ ...userJson({ ...existing, id: randomUUID(), confirmed: false }), identities: [] });
      }
      if (existing) return authError(request, 422, "user_already_exists", "User already registered");
      const user = await addUser(body.email, body.password, body.data ?? {}, !settings.confirmEmail);
      return HttpResponse.json(user.confirmed ? startSession(user) : userJson(user));
    }),

    http.get(`${base}/user`, ({ request }) => {
      calls.push("GET /user");
      const claims = bearer(request);
      if (!claims) return authError(request, 403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token is expired");
      const user = userById(claims.sub);
      if (!sessions.has(String(claims.session_id)) || !user) {
        return authError(request, 403, "session_not_found", "Session from session_id claim in JWT does not exist");
      }
      return HttpResponse.json(userJson(user));
    }),

    http.post(`${base}/logout`, ({ request }) => {
      const scope = new URL(request.url).searchParams.get("scope") ?? "global";
      calls.push(`POST /logout?scope=${scope}`);
      const claims = bearer(request);
      if (!claims) return authError(request, 403, "bad_jwt", "invalid JWT: unable to parse or verify signature, token is expired");
      for (const session of [...sessions.values()]) {
        const current = session.id === claims.session_id;
        const ofUser = session.userId === claims.sub;
        if (scope === "local" ? current : scope === "others" ? ofUser && !current : ofUser) sessions.delete(session.id);
      }
      return new HttpResponse(null, { status: 204 });
    }),
  ];

  // verifyAccessToken: what other Supabase services (Storage) do with the bearer token.
  return { handlers, users, sessions, settings, calls, addUser, authUrl: base, verifyAccessToken: verify };
}

export type SupabaseAuthMock = ReturnType<typeof createSupabaseAuthMock>;
