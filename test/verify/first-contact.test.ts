/**
 * Issue 15, first contact: a wrong or empty folder is not compliant, and the one front-matter
 * splitter makes `verify` and `check` read the same card (a blank line before `---`).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseModelCard, readCardLineageFields } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";
import { ruleIds, verifyPath } from "./fixtures.js";

let work: string;
const env = () => ({ OMRL_CACHE_DIR: join(work, "cache") });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "omrl-first-contact-"));
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe("a release with nothing to verify", () => {
  it("an empty folder is a violation (source/nothing-to-verify), in the library and the CLI", async () => {
    const empty = join(work, "empty");
    await mkdir(empty);
    const { result } = await verifyPath(empty);
    expect(result.status).toBe("violations");
    expect(ruleIds(result)).toContain("source/nothing-to-verify");
    const run = await runOmrl(["verify", empty], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("source/nothing-to-verify");
    expect(run.stdout).toContain("is empty: no omrl.json, no model card (README.md) and no weights");
    expect(run.stdout).not.toContain("✓ compliant");
  });

  it("a folder of unrelated files (the wrong path) is a violation too; a card alone is enough to be checked", async () => {
    const wrong = join(work, "wrong");
    await mkdir(wrong);
    await writeFile(join(wrong, "package.json"), "{}");
    await writeFile(join(wrong, "index.js"), "");
    const { result } = await verifyPath(wrong);
    expect(result.status).toBe("violations");
    expect(result.diagnostics.find((d) => d.ruleId === "source/nothing-to-verify")?.message).toContain("has 2 files but no omrl.json");
    await writeFile(join(wrong, "README.md"), "---\nlicense: apache-2.0\n---\n# A model\n");
    expect(ruleIds((await verifyPath(wrong)).result)).not.toContain("source/nothing-to-verify");
  });
});

describe("one front-matter splitter", () => {
  const card = "\n---\nlicense: apache-2.0\nbase_model: acme/base\nbase_model_relation: finetune\n---\n# Model\n";

  it("the lineage reader and parseModelCard agree on a card with a blank line before `---`", () => {
    expect(parseModelCard(card).frontMatter?.license).toBe("apache-2.0");
    expect(parseModelCard(card).keyLines).toEqual({ license: 3, base_model: 4, base_model_relation: 5 });
    const lineage = readCardLineageFields(card);
    expect(lineage).toMatchObject({ license: "apache-2.0", baseModels: ["acme/base"], baseModelRelation: "finetune", warnings: [] });
    expect(readCardLineageFields("\r\n---\r\nlicense: mit\r\n---\r\n").license).toBe("mit");
  });

  it("bounds the front matter it parses: an oversized block is an error, not an allocation", () => {
    const huge = `---\nlicense: mit\nx: "${"a".repeat(300 * 1024)}"\n---\n`;
    expect(parseModelCard(huge).error?.code).toBe("too-large");
    expect(readCardLineageFields(huge).warnings[0]).toContain("larger than");
  });

  it("`omrl check` reads the licence of a local model whose card has a blank line before `---`", async () => {
    const app = join(work, "app");
    await mkdir(join(app, "models/tiny"), { recursive: true });
    await writeFile(join(app, "models/tiny/README.md"), card.replace("base_model: acme/base\nbase_model_relation: finetune\n", ""));
    await writeFile(join(app, "models/tiny/model.safetensors"), "weights");
    await writeFile(
      join(app, "omrl.app.json"),
      JSON.stringify({ omrlApp: "1.0", licensee: { name: "Acme" }, models: [{ id: "tiny", source: "./models/tiny", use: "embedded" }], policy: { unverifiableModels: "deny" } }),
    );
    const run = await runOmrl(["check", "--no-release-rules", "--format", "json"], { cwd: app, env: env() });
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    expect(JSON.stringify(report)).not.toContain("no-license");
    const lock = JSON.parse(await readFile(join(app, "omrl.lock.json"), "utf8"));
    expect(lock.models[0].license).toBe("Apache-2.0");
    expect(run.code).toBe(0);
  });
});

describe("licensee.account is optional for licence-only checks", () => {
  it("`omrl owed` says it needs the account, with exit 2, when the manifest has none", async () => {
    const app = join(work, "app");
    const run = await runOmrl(["owed", "--manifest", "omrl.app.json", "--revenue", "revenue.csv", "--rate", "USD/USDC=1"], { cwd: app, env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^omrl: omrl\.app\.json#\/licensee\/account: licensee\.account is needed to compute a statement/);
  });
});

describe("omrl init on an existing card: warn, import, write", () => {
  const licensor = ["--licensor", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "--issued", "2026-01-01"];

  it("warns that it replaces the card's licence, imports base_model and its relation, and verify then agrees", async () => {
    const dir = join(work, "init-import");
    await mkdir(dir);
    await writeFile(join(dir, "README.md"), "---\nlicense: apache-2.0\nbase_model: acme/base-1b\nbase_model_relation: finetune\ntags:\n- text\n---\n# Tiny\n");
    const run = await runOmrl(["init", dir, ...licensor, "--base-model", "acme/base-1b=apache-2.0"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("omrl: warning: README.md said license: apache-2.0; it now says license: other, license_name: omrl-1.0");
    const terms = JSON.parse(await readFile(join(dir, "omrl.json"), "utf8"));
    expect(terms.upstream).toEqual([{ repo: "acme/base-1b", license: "apache-2.0", relation: "finetune" }]);
    const card = await readFile(join(dir, "README.md"), "utf8");
    expect(parseModelCard(card).frontMatter).toMatchObject({ license: "other", licenseName: "omrl-1.0", baseModel: "acme/base-1b", baseModelRelation: "finetune", tags: ["text"] });
    const verify = await runOmrl(["verify", dir, "--format", "json"], { env: env() });
    expect(JSON.parse(verify.stdout).diagnostics.map((d: { ruleId: string }) => d.ruleId)).not.toContain("lineage/base-model-mismatch");
  });

  it("refuses (exit 2) to drop a base_model the card names when no licence is given for it", async () => {
    const dir = join(work, "init-missing-base");
    await mkdir(dir);
    await writeFile(join(dir, "README.md"), "---\nbase_model: acme/base-1b\n---\n");
    const run = await runOmrl(["init", dir, ...licensor], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("README.md names base_model acme/base-1b: give its licence with --base-model acme/base-1b=LICENSE[:RELATION]");
  });

  it("writes base_model_relation from --base-model …:RELATION", async () => {
    const dir = join(work, "init-relation");
    await mkdir(dir);
    const run = await runOmrl(["init", dir, ...licensor, "--base-model", "meta-llama/Llama-3.2-1B=llama3.2:adapter"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(parseModelCard(await readFile(join(dir, "README.md"), "utf8")).frontMatter).toMatchObject({ baseModel: "meta-llama/Llama-3.2-1B", baseModelRelation: "adapter" });
  });
});

describe("CLI frictions", () => {
  it("--help marks required options", async () => {
    const help = await runOmrl(["init", "--help"], { env: env() });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--licensor <account>\s+licensor's CAIP-10 account or 0x address \(on\s+--chain\) \(required\)|--licensor <account>[^\n]*\n?[^\n]*\(required\)/);
    expect(help.stdout).not.toMatch(/--name <name>[^\n]*\(required\)/);
  });

  it("--quiet is accepted anywhere before --, by every command", async () => {
    const empty = join(work, "quiet-empty");
    await mkdir(empty, { recursive: true });
    const run = await runOmrl(["verify", empty, "--quiet", "--format", "json"], { env: env() });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).status).toBe("violations");
    const before = await runOmrl(["-q", "verify", empty], { env: env() });
    expect(before.code).toBe(1);
    expect(before.stderr).toBe("");
  });

  it("FORCE_COLOR colours text output into a pipe; NO_COLOR wins; FORCE_COLOR=0 turns it off", async () => {
    const empty = join(work, "color-empty");
    await mkdir(empty, { recursive: true });
    const forced = await runOmrl(["verify", empty], { env: { ...env(), NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(forced.stdout).toMatch(/\x1b\[/);
    const both = await runOmrl(["verify", empty], { env: { ...env(), NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(both.stdout).not.toMatch(/\x1b\[/);
    const off = await runOmrl(["verify", empty], { env: { ...env(), NO_COLOR: undefined, FORCE_COLOR: "0" } });
    expect(off.stdout).not.toMatch(/\x1b\[/);
  });
});
