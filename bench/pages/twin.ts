import type { LoaderFunctionArgs, ServerBuild } from "@remix-run/node";

// The page benchmark's baseline: the same production build with every route's `loader`
// memoised per (route id, URL, Cookie, Accept-Language) after its first call. Same
// components, same entry.server render, same single-fetch encoding, same middleware —
// only the data work (SQL, auth lookups) is gone. A page's req/s divided by its twin's
// says how much of the request the data costs.

type Loader = (args: LoaderFunctionArgs) => unknown;

export type MemoStats = { calls: number; misses: number };

export function memoisedBuild(build: ServerBuild): { build: ServerBuild; stats: MemoStats } {
  const stats: MemoStats = { calls: 0, misses: 0 };
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const loader = route.module.loader as Loader | undefined;
    // Namespace objects are frozen: copy the module with its loader swapped.
    routes[id] = loader ? { ...route, module: { ...route.module, loader: memoise(loader, stats) as typeof route.module.loader } } : route;
  }
  return { build: { ...build, routes }, stats };
}

function memoise(loader: Loader, stats: MemoStats): Loader {
  const cache = new Map<string, Promise<unknown>>();
  return async (args) => {
    stats.calls++;
    const { request } = args;
    const key = [request.url, request.headers.get("cookie") ?? "", request.headers.get("accept-language") ?? ""].join("\n");
    let result = cache.get(key);
    if (!result) {
      stats.misses++;
      result = Promise.resolve(loader(args));
      cache.set(key, result);
      // Thrown responses (redirects, 404s) and errors are never kept: the next call tries again.
      result.catch(() => cache.delete(key));
    }
    const value = await result;
    // A Response body can be read once: hand out clones and never the kept original.
    // Plain objects and data() results are only read (serialised) by Remix: the same
    // object every time is safe.
    return value instanceof Response ? value.clone() : value;
  };
}
