import { describe, expect, it } from "vitest";
import { hlsModulesOf } from "./hls-module.server";

describe("hlsModulesOf", () => {
  it("finds the chunk built from hls.js in the client metafile, with the chunks it imports statically", () => {
    const metafile = {
      outputs: {
        "public/build/routes/live.$sessionId-A.js": { inputs: { "app/routes/live.$sessionId.tsx": {} } },
        "public/build/_shared/hls-EVJSLRFQ.js": {
          inputs: { "../main/node_modules/hls.js/dist/hls.mjs": {} },
          imports: [
            { path: "public/build/_shared/chunk-T36URGAI.js", kind: "import-statement" },
            { path: "public/build/_shared/later.js", kind: "dynamic-import" },
          ],
        },
        "public/build/_shared/hls-EVJSLRFQ.js.map": { inputs: { "../main/node_modules/hls.js/dist/hls.mjs": {} } },
      },
    };
    expect(hlsModulesOf(metafile)).toEqual(["/build/_shared/hls-EVJSLRFQ.js", "/build/_shared/chunk-T36URGAI.js"]);
  });

  it("is null when no output holds hls.js", () => {
    expect(hlsModulesOf({ outputs: { "public/build/root-A.js": { inputs: { "app/root.tsx": {} } } } })).toBeNull();
  });
});
