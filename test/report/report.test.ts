import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { formatJson, formatMarkdown, formatSarif, formatText } from "../../src/report/index.js";
import type { VerificationResult } from "../../src/rules/index.js";
import { buildRelease, verifyPath } from "../verify/fixtures.js";

const require = createRequire(import.meta.url);
/** The SARIF 2.1.0 JSON schema (OASIS rtm.5, the final 2.1.0 schema), as @microsoft/jest-sarif ships it. */
const sarifSchema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as Record<string, unknown>;

let dir: string;
let result: VerificationResult;
let clean: VerificationResult;

beforeAll(async () => {
  dir = await buildRelease({ notice: null });
  clean = (await verifyPath(dir, { config: parseConfig('{"rules":{"lineage/upstream-obligations":"off"}}') })).result;
  const terms = JSON.parse(await readFile(join(dir, "omrl.json"), "utf8"));
  terms.payment.payees[1].share = "20%";
  await writeFile(join(dir, "omrl.json"), JSON.stringify(terms, null, 2));
  await writeFile(join(dir, "extra.bin"), "not | really <weights>");
  const config = parseConfig(
    JSON.stringify({ resolutions: [{ rule: "omrl/weights-uncovered", path: "*.bin", reason: "FALSE_POSITIVE", comment: "a test | fixture, not weights" }] }),
  );
  result = (await verifyPath(dir, { config })).result;
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 schema, with rules, levels, relative locations, regions and suppressions", () => {
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    for (const r of [result, clean]) {
      const log = JSON.parse(formatSarif(r, { uriPrefix: "models/tiny" }));
      expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
    const log = JSON.parse(formatSarif(result, { uriPrefix: "models/tiny" }));
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    const rules = run.tool.driver.rules as { id: string; helpUri: string; defaultConfiguration: { level: string }; shortDescription: { text: string } }[];
    expect(rules.find((r) => r.id === "omrl/payee-split-sum")).toMatchObject({
      defaultConfiguration: { level: "error" },
      helpUri: expect.stringMatching(/^https:\/\/.+\/docs\/rules\.md#omrl-payee-split-sum$/),
    });
    expect(rules.find((r) => r.id === "lineage/upstream-obligations")!.defaultConfiguration.level).toBe("warning");
    const split = run.results.find((r: { ruleId: string }) => r.ruleId === "omrl/payee-split-sum");
    expect(split.level).toBe("error");
    expect(rules[split.ruleIndex]!.id).toBe("omrl/payee-split-sum");
    expect(split.locations[0].physicalLocation.artifactLocation.uri).toBe("models/tiny/omrl.json");
    expect(split.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    const suppressed = run.results.find((r: { ruleId: string }) => r.ruleId === "omrl/weights-uncovered");
    expect(suppressed.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "FALSE_POSITIVE: a test | fixture, not weights" }]);
    expect(run.results.every((r: { locations: unknown[] }) => r.locations.length === 1)).toBe(true);
  });

  it("maps info to note", () => {
    const info: VerificationResult = { ...clean, diagnostics: [{ ruleId: "license/obligations", severity: "info", message: "m", file: "README.md" }] };
    expect(JSON.parse(formatSarif(info)).runs[0].results[0].level).toBe("note");
  });
});

describe("text", () => {
  it("groups by file, shows line:column, severity, rule id, suppressed findings with their justification, and the status", () => {
    const text = formatText(result);
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toContain(`${result.source.id}  (rule set: publisher)`);
    const omrl = text.indexOf("\nomrl.json\n");
    const bin = text.indexOf("\nextra.bin\n");
    expect(omrl).toBeGreaterThan(0);
    expect(bin).toBeGreaterThan(0);
    expect(text).toMatch(/\n {2}\d+:\d+ {2}error +payee shares sum to 90%/);
    expect(text).toMatch(/omrl\/payee-split-sum/);
    expect(text).toContain("suppressed  extra.bin holds weights");
    expect(text).toContain("↳ error accepted: FALSE_POSITIVE — a test | fixture, not weights");
    expect(text.trimEnd().split("\n").pop()).toBe(`✖ violations: ${result.counts.error} errors, ${result.counts.warning} warning${result.counts.warning === 1 ? "" : "s"}, 0 info (1 suppressed)`);
    expect(formatText(clean).trimEnd().split("\n").pop()).toBe("✓ compliant: 0 errors, 0 warnings, 0 info");
  });

  it("colours only when asked", () => {
    expect(formatText(result, { color: true })).toMatch(/\x1b\[31merror/);
    expect(formatText(result, { color: false })).not.toMatch(/\x1b\[/);
  });
});

describe("markdown", () => {
  it("has a status heading, a summary table, linked rule ids, escaped cells and suppressed findings in details", () => {
    const md = formatMarkdown(result);
    expect(md.startsWith("## omrl verify: ❌ violations\n")).toBe(true);
    expect(md).toContain(`| ❌ violations | ${result.counts.error} | ${result.counts.warning} | 0 | 1 |`);
    expect(md).toMatch(/\| ❌ error \| \[`omrl\/payee-split-sum`\]\(https:\/\/[^)]+#omrl-payee-split-sum\) \| `omrl\.json:\d+:\d+` \|/);
    expect(md).toContain("<details><summary>Suppressed findings (1)</summary>");
    expect(md).toContain("| `FALSE_POSITIVE` | a test \\| fixture, not weights |");
    expect(formatMarkdown(clean)).toContain("No findings.");
  });
});

describe("json", () => {
  it("is the result itself", () => {
    expect(JSON.parse(formatJson(result))).toEqual(JSON.parse(JSON.stringify(result)));
  });
});
