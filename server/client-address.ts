import type { RequestHandler } from "express";
import { CLIENT_IP_HEADER } from "~/auth/auth-port.server";
import type { ServerEnv } from "~/env.server";

/**
 * express's `trust proxy`: the number of reverse proxies whose X-Forwarded-For entries
 * are believed (TRUST_PROXY_HOPS), or false when there are none — then req.ip is the
 * socket's address and a client-sent X-Forwarded-For cannot pick its throttling bucket.
 */
export function trustProxySetting(env: Pick<ServerEnv, "TRUST_PROXY_HOPS">): number | false {
  return env.TRUST_PROXY_HOPS > 0 ? env.TRUST_PROXY_HOPS : false;
}

/**
 * Behind a proxy with TRUST_PROXY_HOPS=0 every visitor shares the proxy's address (one
 * throttling bucket for all) and, without PUBLIC_BASE_URL, https pages look cross-site to
 * the CSRF check. The first request that arrives through a proxy says so, once, in the log.
 */
export function untrustedProxyWarning(
  env: Pick<ServerEnv, "TRUST_PROXY_HOPS">,
  warn: (line: string) => void = console.warn,
): RequestHandler {
  let warned = env.TRUST_PROXY_HOPS > 0;
  return (req, _res, next) => {
    if (!warned && req.get("x-forwarded-for") !== undefined) {
      warned = true;
      warn(
        "warning: requests arrive through a proxy (X-Forwarded-For) but TRUST_PROXY_HOPS=0, so every visitor shares " +
          "the proxy's address for sign-in throttling. Set TRUST_PROXY_HOPS to the number of proxies in front of the app " +
          "(usually 1), and PUBLIC_BASE_URL to the public https origin.",
      );
    }
    next();
  };
}

/** The one trusted source of the client address for the app (see clientAddress). */
export const clientAddressHeader: RequestHandler = (req, _res, next) => {
  req.headers[CLIENT_IP_HEADER.toLowerCase()] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  next();
};
