import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLockfile } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";

/*
 * SPDX 3.0.1 JSON-LD with the AI profile, from the real CLI, validated with Ajv against SPDX's own
 * published JSON schema and compared with SPDX's own AI example (fixtures/spdx/README.md names the
 * repositories, paths and commits).
 */

const fixtures = fileURLToPath(new URL("./fixtures/spdx/", import.meta.url));
const examples = fileURLToPath(new URL("../../examples/", import.meta.url));
type Node = Record<string, unknown> & { type: string; spdxId?: string };
type Doc = { "@context": string; "@graph": Node[] };
let validate: ReturnType<Ajv2020["compile"]>;
let example: Doc;
let dir: string;

function valid(doc: unknown) {
  const ok = validate(doc);
  expect(ok ? [] : validate.errors!.slice(0, 5), "SPDX 3.0.1 JSON schema").toEqual([]);
}

const graphOf = (doc: Doc, type: string) => doc["@graph"].filter((n) => n.type === type);
const relationships = (doc: Doc, from: string, type: string) => graphOf(doc, "Relationship").filter((r) => r.from === from && r.relationshipType === type);

beforeAll(async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  validate = ajv.compile(JSON.parse(await readFile(join(fixtures, "spdx-json-schema-3.0.1.json"), "utf8")));
  example = JSON.parse(await readFile(join(fixtures, "ai-example02.spdx3.json"), "utf8"));
  dir = await mkdtemp(join(tmpdir(), "omrl-bom-spdx3-"));
  await cp(join(examples, "app-ci"), join(dir, "app"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
  await cp(join(examples, "model-release"), join(dir, "release"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the validator (on SPDX's own data first)", () => {
  it("accepts SPDX's AI example and rejects an AIPackage with a made-up property", () => {
    valid(example);
    const broken = structuredClone(example);
    (graphOf(broken, "ai_AIPackage")[0] as Node).ai_notAProperty = "x";
    expect(validate(broken)).toBe(false);
  });
});

describe("omrl check --format spdx3", () => {
  let doc: Doc;
  let text: string;
  beforeAll(async () => {
    const result = await runOmrl(["check", "--frozen", "--format", "spdx3"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect(result.stderr).toBe("");
    text = result.stdout;
    doc = JSON.parse(text);
  });

  it("validates against the SPDX 3.0.1 schema and has the example's document structure", () => {
    valid(doc);
    expect(doc["@context"]).toBe(example["@context"]);
    for (const type of ["CreationInfo", "SpdxDocument", "software_Sbom", "ai_AIPackage", "Relationship"]) expect(graphOf(doc, type).length, type).toBeGreaterThan(0);
    expect(graphOf(doc, "SpdxDocument")[0]!.profileConformance).toEqual(expect.arrayContaining(["ai", "core", "software"]));
  });

  it("one AIPackage per model and ancestor, each with exactly one declared and one concluded licence (the AI profile rule)", async () => {
    const lock = parseLockfile(await readFile(join(dir, "app/omrl.lock.json"), "utf8"));
    const packages = graphOf(doc, "ai_AIPackage");
    const expected = new Set([...lock.models.map((m) => m.id), ...lock.models.flatMap((m) => m.lineage.map((a) => a.repo))]);
    expect(packages).toHaveLength(expected.size);
    for (const pkg of packages) {
      expect(relationships(doc, pkg.spdxId!, "hasDeclaredLicense"), `${pkg.name}`).toHaveLength(1);
      expect(relationships(doc, pkg.spdxId!, "hasConcludedLicense"), `${pkg.name}`).toHaveLength(1);
      expect(pkg.software_primaryPurpose).toBe("model");
    }
    // SPDX's example follows the same rule, the way omrl writes it
    for (const pkg of graphOf(example, "ai_AIPackage")) expect(relationships(example, pkg.spdxId!, "hasDeclaredLicense")).toHaveLength(1);

    const chat = packages.find((p) => p.name === "acme/Llama-3.2-1B-Chat-OMRL")!;
    const locked = lock.models.find((m) => m.id === "acme/Llama-3.2-1B-Chat-OMRL")!;
    expect(chat.software_packageUrl).toBe(`pkg:huggingface/acme/Llama-3.2-1B-Chat-OMRL@${locked.resolvedRevision}`);
    expect(chat.verifiedUsing).toEqual([{ type: "Hash", algorithm: "sha256", hashValue: locked.artifacts[0]!.sha256 }]);
    // the OMRL terms are a custom licence with their text
    const declared = relationships(doc, chat.spdxId!, "hasDeclaredLicense")[0]!.to as string[];
    const custom = doc["@graph"].find((n) => n.spdxId === declared[0])!;
    expect(custom.type).toBe("expandedlicensing_CustomLicense");
    expect(custom.simplelicensing_licenseText).toContain("SPDX-License-Identifier: LicenseRef-OMRL-1.0");
    // and its terms facts ride in the CycloneDX-properties extension
    const props = ((chat.extension as Node[])[0]!.extension_cdxProperty as { extension_cdxPropName: string; extension_cdxPropValue: string }[]).map((p) => [p.extension_cdxPropName, p.extension_cdxPropValue]);
    expect(props).toContainEqual(["omrl:terms:hash", locked.termsHash]);
  });

  it("the lineage as descendantOf / ancestorOf with the base_model_relation", () => {
    const packages = graphOf(doc, "ai_AIPackage");
    const chat = packages.find((p) => p.name === "acme/Llama-3.2-1B-Chat-OMRL")!;
    const base = packages.find((p) => p.name === "meta-llama/Llama-3.2-1B")!;
    expect(relationships(doc, chat.spdxId!, "descendantOf")).toEqual([expect.objectContaining({ to: [base.spdxId], comment: "base_model_relation: finetune" })]);
    expect(relationships(doc, base.spdxId!, "ancestorOf")).toEqual([expect.objectContaining({ to: [chat.spdxId] })]);
    const app = graphOf(doc, "software_Package")[0]!;
    expect(relationships(doc, app.spdxId!, "dependsOn")[0]!.to).toHaveLength(2);
  });

  it("is reproducible (ids from the content, created not recorded); --timestamp sets created", async () => {
    const again = await runOmrl(["check", "--frozen", "--format", "spdx3"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect(again.stdout).toBe(text);
    expect(graphOf(doc, "CreationInfo")[0]!.created).toBe("1970-01-01T00:00:00Z");
    const stamped = await runOmrl(["check", "--frozen", "--format", "spdx3", "--timestamp", "2026-01-31T12:00:00Z"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    const stampedDoc = JSON.parse(stamped.stdout) as Doc;
    valid(stampedDoc);
    expect(graphOf(stampedDoc, "CreationInfo")[0]!.created).toBe("2026-01-31T12:00:00Z");
  });
});

describe("unknown and unverifiable models in SPDX 3", () => {
  it("an unreadable Hub model: NoAssertionLicense declared and concluded, an annotation with the reason", async () => {
    const app = join(dir, "unreadable");
    await cp(join(dir, "app"), app, { recursive: true });
    const manifest = JSON.parse(await readFile(join(app, "omrl.app.json"), "utf8"));
    manifest.models.push({ source: "hf:nobody/gone@0123456789abcdef0123456789abcdef01234567", use: "embedded", attribution: { weight: "0" } });
    await writeFile(join(app, "omrl.app.json"), JSON.stringify(manifest));
    const result = await runOmrl(["check", "--format", "spdx3", "--offline"], { cwd: app, env: { HF_HUB_OFFLINE: "1", OMRL_CACHE_DIR: join(dir, "empty-cache") } });
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout) as Doc;
    valid(doc);
    const gone = graphOf(doc, "ai_AIPackage").find((p) => p.name === "nobody/gone")!;
    expect(relationships(doc, gone.spdxId!, "hasDeclaredLicense")[0]!.to).toEqual(["spdx:ExpandedLicensing/NoAssertionLicense"]);
    expect(relationships(doc, gone.spdxId!, "hasConcludedLicense")[0]!.to).toEqual(["spdx:ExpandedLicensing/NoAssertionLicense"]);
    const note = graphOf(doc, "Annotation").find((a) => a.subject === gone.spdxId)!;
    expect(note.statement).toMatch(/^omrl: unverifiable — offline: /);
  });
});

describe("omrl verify --format spdx3", () => {
  it("one release: valid, the release is the SBOM's root, its files with digests", async () => {
    const result = await runOmrl(["verify", join(dir, "release"), "--format", "spdx3"], { cwd: dir });
    expect(result.stderr).toBe("");
    const doc = JSON.parse(result.stdout) as Doc;
    valid(doc);
    const terms = JSON.parse(await readFile(join(dir, "release/omrl.json"), "utf8"));
    const sbom = graphOf(doc, "software_Sbom")[0]!;
    const root = doc["@graph"].find((n) => n.spdxId === (sbom.rootElement as string[])[0])!;
    expect(root).toMatchObject({ type: "ai_AIPackage", name: terms.model.repo ?? terms.model.name });
    const files = graphOf(doc, "software_File").map((f) => [f.name, (f.verifiedUsing as { hashValue: string }[])[0]!.hashValue]);
    expect(files.sort()).toEqual(terms.model.artifacts.map((a: { path: string; sha256: string }) => [a.path, a.sha256]).sort());
  });
});
