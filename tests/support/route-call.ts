// Calling route loaders and actions the way Remix does, and reading what they answered.

/** Calls a loader or action and normalises what it returns or throws, like Remix would. */
export async function settle(
  run: () => Promise<unknown>,
): Promise<{ status: number; location: string | null; body: unknown; headers: Headers | null }> {
  try {
    const value = await run();
    if (value instanceof Response)
      return { status: value.status, location: value.headers.get("Location"), body: null, headers: value.headers };
    const wrapped = value as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (wrapped && wrapped.type === "DataWithResponseInit")
      return { status: wrapped.init?.status ?? 200, location: null, body: wrapped.data, headers: null };
    return { status: 200, location: null, body: value, headers: null };
  } catch (thrown) {
    if (thrown instanceof Response)
      return { status: thrown.status, location: thrown.headers.get("Location"), body: null, headers: thrown.headers };
    throw thrown;
  }
}

export function request(path: string, cookie: string | null, form?: Record<string, string>): Request {
  return new Request(`http://localhost${path}`, {
    method: form ? "POST" : "GET",
    headers: cookie ? { Cookie: cookie } : {},
    body: form ? new URLSearchParams(form) : undefined,
  });
}
