import type { HeadersFunction } from "@remix-run/node";

// Remix takes a response's headers from the route's headers(), not from the action's data():
// a throttled request must still carry Retry-After (document and data requests alike).
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const out = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};
