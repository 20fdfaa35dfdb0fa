import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("../", import.meta.url));

// `npm run demo` = build + scripts/demo.mjs; `npm test` has built dist/ already.
it("the demo validates the example release, shows a clean report and catches the broken copy", () => {
  const result = spawnSync(process.execPath, ["scripts/demo.mjs"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  expect(result.status, result.stdout + result.stderr).toBe(0);
  expect(result.stdout).toContain("valid OMRL 1.0 terms");
  expect(result.stdout).toContain("✔ LICENSE.md matches the licence rendered from omrl.json");
  expect(result.stdout).toMatch(/compliant: 0 errors/);
  expect(result.stdout).toContain("omrl/payee-split-sum");
  expect(result.stdout).toContain("omrl/signature-invalid");
  expect(result.stdout).toContain("omrl/artifact-digest-mismatch");
  expect(result.stdout).toContain("omrl/license-text-mismatch");
  expect(result.stdout).toContain("Demo finished: the example release is compliant and the broken copy was caught.");
});
