import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";

/**
 * The README's library examples import from `omrl` and `omrl/node`: every name they import must
 * be exported by the built entry points (`npm test` builds first), so the docs cannot drift from
 * the API.
 */
it("every name the README imports from omrl and omrl/node is exported", async () => {
  const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
  const entry = { omrl: await import("../dist/index.js"), "omrl/node": await import("../dist/node.js") } as Record<string, Record<string, unknown>>;
  const imports = [...readme.matchAll(/import \{([^}]+)\} from "(omrl(?:\/node)?)"/g)];
  expect(imports.length).toBeGreaterThan(5);
  const missing: string[] = [];
  for (const [, names, from] of imports)
    for (const name of names!.split(",").map((n) => n.trim().replace(/^type\s+/, "")).filter(Boolean))
      if (!(name in entry[from!]!)) missing.push(`${name} from ${from}`);
  expect(missing).toEqual([]);
});
