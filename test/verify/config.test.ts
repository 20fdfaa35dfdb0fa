import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidConfigError, parseConfig } from "../../src/config/index.js";
import { readConfigFile } from "../../src/config/node.js";
import { inspect } from "../../src/inspect/index.js";
import { resolveRuleLevels, verifyRelease } from "../../src/rules/index.js";
import { openLocalSource } from "../../src/sources/node.js";
import { buildRelease, ruleIds } from "./fixtures.js";

let dir: string;
let release: Awaited<ReturnType<typeof inspect>>;

beforeAll(async () => {
  // a release with three findings: no NOTICE (a Llama notice duty), a changed LICENSE.md, an extra uncovered weights file
  dir = await buildRelease({ notice: null });
  await writeFile(join(dir, "LICENSE.md"), `${await readFile(join(dir, "LICENSE.md"), "utf8")}\nAn extra paragraph.\n`);
  await cp(join(dir, "model.safetensors"), join(dir, "vendor/extra.safetensors"));
  release = await inspect(await openLocalSource(dir, { cache: false }));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("omrl.config.json", () => {
  it("without a config, the publisher rule set reports every finding at its default severity", () => {
    const result = verifyRelease(release);
    expect(ruleIds(result)).toEqual(["lineage/upstream-obligations", "omrl/license-text-mismatch", "omrl/weights-uncovered"]);
    expect(result.counts).toEqual({ error: 2, warning: 1, info: 0, suppressed: 0 });
    expect(result.status).toBe("violations");
  });

  it("changes severities and turns rules off; extends picks the rule set", () => {
    const config = parseConfig(JSON.stringify({ extends: "hub", rules: { "omrl/weights-uncovered": "warning", "lineage/upstream-obligations": "off" } }));
    const result = verifyRelease(release, { config });
    expect(result.ruleSet).toBe("hub");
    // the hub set makes the licence text a warning; the config made uncovered weights a warning
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ["omrl/license-text-mismatch", "warning"],
      ["omrl/weights-uncovered", "warning"],
    ]);
    expect(result.status).toBe("compliant");
    expect(result.rules.find((r) => r.id === "lineage/upstream-obligations")).toBeUndefined();
    expect(resolveRuleLevels("app", config)["card/missing"]).toBe("off");
  });

  it("resolutions suppress matching findings (rule glob, path glob, message regex), keep them with the justification, and do not count them", () => {
    const config = parseConfig(
      JSON.stringify({
        resolutions: [
          { rule: "omrl/weights-uncovered", path: "vendor/**", reason: "NOT_MODIFIED_EXCEPTION", comment: "Vendored tokenizer weights, not part of the model." },
          { rule: "lineage/*", message: "NOTICE", reason: "LICENSE_ACQUIRED_EXCEPTION", comment: "Separate licence from Meta (LEGAL-42)." },
          { rule: "omrl/license-text-mismatch", path: "other/**", reason: "CANT_FIX_ISSUE", comment: "does not match this file" },
        ],
      }),
    );
    const result = verifyRelease(release, { config });
    const suppressed = result.diagnostics.filter((d) => d.suppressed);
    expect(suppressed.map((d) => [d.ruleId, d.suppressed])).toEqual([
      ["omrl/weights-uncovered", { reason: "NOT_MODIFIED_EXCEPTION", comment: "Vendored tokenizer weights, not part of the model." }],
      ["lineage/upstream-obligations", { reason: "LICENSE_ACQUIRED_EXCEPTION", comment: "Separate licence from Meta (LEGAL-42)." }],
    ]);
    expect(result.counts).toEqual({ error: 1, warning: 0, info: 0, suppressed: 2 });
    expect(result.status).toBe("violations");
  });

  it("rejects invalid configs with a typed error: bad JSON, schema violations, unknown rule ids, bad regex", async () => {
    expect(() => parseConfig("{")).toThrow(InvalidConfigError);
    expect(() => parseConfig('{"extends":"nobody"}')).toThrow(/extends/);
    expect(() => parseConfig('{"rules":{"omrl/terms-missing":"fatal"}}')).toThrow(/rules/);
    expect(() => parseConfig('{"resolutions":[{"rule":"x/y","reason":"CANT_FIX_ISSUE"}]}')).toThrow(/comment/);
    expect(() => parseConfig('{"resolutions":[{"rule":"x/y","reason":"BECAUSE","comment":"c"}]}')).toThrow(InvalidConfigError);
    expect(() => parseConfig('{"resolutions":[{"rule":"x/y","message":"(","reason":"CANT_FIX_ISSUE","comment":"c"}]}')).toThrow(/regular expression/);
    expect(() => verifyRelease(release, { config: parseConfig('{"rules":{"omrl/no-such-rule":"off"}}') })).toThrow(/unknown rule id "omrl\/no-such-rule"/);
    await expect(readConfigFile(join(dir, "nope.json"))).rejects.toThrow(/config file not found/);
    const file = join(await mkdtemp(join(tmpdir(), "omrl-config-")), "omrl.config.json");
    await writeFile(file, '{"extends":"app"}');
    expect(await readConfigFile(file)).toEqual({ extends: "app" });
  });
});
