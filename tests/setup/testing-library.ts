import { afterEach } from "vitest";

// Testing Library unmounts after each test only when the runner's globals exist (ours are off),
// and React 19 warns through console.error (which fails the test) unless told it runs under act().
if (typeof document !== "undefined") {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const { cleanup } = await import("@testing-library/react");
  afterEach(cleanup);
}
