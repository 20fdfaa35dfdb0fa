/** SARIF rules carry fullDescription and help (GitHub requires them), every link uses one docs base, and `check` SARIF points at real files and lines (issue 15). */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DOCS_BASE_URL, formatMarkdown, formatSarif, rules, verifyRelease } from "../../src/index.js";
import { inspect } from "../../src/inspect/index.js";
import { openLocalSource } from "../../src/node.js";
// @ts-expect-error the generator is plain JavaScript
import { renderRuleHelp } from "../../scripts/generate-rule-help.mjs";
import { runOmrl } from "../helpers/cli.js";
import { buildRelease } from "../verify/fixtures.js";

type SarifRule = { id: string; name: string; fullDescription: { text: string }; help: { text: string; markdown: string }; helpUri: string };
type SarifResult = { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }[] };

const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { repository: { url: string } };
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "omrl-sarif-help-"));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe("one documentation base", () => {
  it("is the repository named in package.json", () => {
    const repo = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(DEFAULT_DOCS_BASE_URL).toBe(`${repo}/blob/main/`);
  });

  it("rule help is generated from docs/rules.md and docs/app.md (node scripts/generate-rule-help.mjs), one entry per rule", async () => {
    const current = await readFile(new URL("../../src/report/rule-help.generated.ts", import.meta.url), "utf8");
    expect(current).toBe(await renderRuleHelp());
    for (const rule of rules) expect(current, rule.meta.id).toContain(`"${rule.meta.id}": `);
  });
});

describe("omrl verify --format sarif / markdown", () => {
  it("gives every rule a name, fullDescription, help text and Markdown, and absolute links under the one base", async () => {
    const dir = await buildRelease({ agreement: null });
    const result = verifyRelease(await inspect(await openLocalSource(dir, { cache: false })));
    await rm(dir, { recursive: true, force: true });
    const sarif = JSON.parse(formatSarif(result));
    const driverRules = sarif.runs[0].tool.driver.rules as SarifRule[];
    expect(driverRules.length).toBe(result.rules.length);
    for (const r of driverRules) {
      expect(r.fullDescription.text.length, r.id).toBeGreaterThan(40);
      expect(r.help.text, r.id).toContain(`See ${DEFAULT_DOCS_BASE_URL}docs/rules.md#`);
      expect(r.help.markdown, r.id).toContain(`[Documentation](${DEFAULT_DOCS_BASE_URL}docs/rules.md#`);
      expect(r.help.markdown, r.id).not.toMatch(/\]\((?!https?:)[^)]*\.md/);
      expect(r.helpUri.startsWith(DEFAULT_DOCS_BASE_URL)).toBe(true);
    }
    expect(driverRules.find((r) => r.id === "omrl/terms-missing")!.name).toBe("TermsMissing");
    const markdown = formatMarkdown(result);
    expect(markdown).toContain(`(${DEFAULT_DOCS_BASE_URL}docs/rules.md#lineage-upstream-license-text-missing)`);
    expect(markdown).not.toMatch(/\]\(docs\//);
  });
});

describe("omrl check --format sarif", () => {
  it("points a release finding at the model's file and line, a model finding at its manifest entry, and links rules under the one base", async () => {
    const app = join(work, "app");
    const model = join(app, "models/tiny");
    await mkdir(model, { recursive: true });
    await writeFile(join(model, "README.md"), "---\nlicense: apache-2.0\nbase_model: acme/base\n---\n");
    await writeFile(join(model, "model.safetensors"), "not weights");
    await writeFile(
      join(app, "omrl.app.json"),
      `{\n  "omrlApp": "1.0",\n  "licensee": { "name": "Acme" },\n  "models": [\n    { "id": "tiny", "source": "./models/tiny", "use": "embedded" },\n    { "id": "nc", "source": "./models/nc", "use": "hosted-inference" }\n  ]\n}\n`,
    );
    await mkdir(join(app, "models/nc"), { recursive: true });
    await writeFile(join(app, "models/nc/README.md"), "---\nlicense: cc-by-nc-4.0\n---\n");
    const run = await runOmrl(["check", "--manifest", "app/omrl.app.json", "--format", "sarif"], { cwd: work, env: { OMRL_CACHE_DIR: join(work, "cache") } });
    expect(run.stderr).toBe("");
    const sarif = JSON.parse(run.stdout);
    const results = sarif.runs[0].results as SarifResult[];
    const at = (ruleId: string) => results.find((r) => r.ruleId === ruleId)!.locations[0]!.physicalLocation;
    // the run is from the parent folder: paths are relative to it
    expect(at("lineage/upstream-license-text-missing")).toEqual({ artifactLocation: { uri: "app/models/tiny/README.md" }, region: { startLine: 2 } });
    expect(at("app/commercial-use")).toEqual({ artifactLocation: { uri: "app/omrl.app.json" }, region: { startLine: 6, startColumn: 5 } });
    for (const rule of sarif.runs[0].tool.driver.rules as SarifRule[]) {
      expect(rule.helpUri.startsWith(DEFAULT_DOCS_BASE_URL), rule.id).toBe(true);
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(20);
      expect(rule.help.markdown, rule.id).toContain("[Documentation](");
    }
  });
});
