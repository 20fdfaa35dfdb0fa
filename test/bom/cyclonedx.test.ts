import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { PackageURL } from "packageurl-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLockfile } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";

/*
 * CycloneDX 1.6 ML-BOMs from the real CLI (`dist/cli.js`) over the examples, validated with the
 * CycloneDX library's own strict JSON validator (its bundled bom-1.6 schema, Ajv + formats).
 */

const examples = fileURLToPath(new URL("../../examples/", import.meta.url));
let dir: string;
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

type Component = {
  type: string;
  name: string;
  version?: string;
  "bom-ref": string;
  purl?: string;
  hashes?: { alg: string; content: string }[];
  licenses?: { license?: { id?: string; name?: string; url?: string; text?: { content: string } }; expression?: string }[];
  properties?: { name: string; value: string }[];
  components?: Component[];
  externalReferences?: { type: string; url: string }[];
  modelCard?: Record<string, unknown>;
  pedigree?: { ancestors: Component[] };
};
type Bom = { serialNumber: string; metadata: { timestamp?: string; component: Component }; components: Component[]; dependencies: { ref: string; dependsOn?: string[] }[] };

const prop = (c: Component, name: string) => c.properties?.filter((p) => p.name === name).map((p) => p.value) ?? [];

async function validBom(text: string): Promise<Bom> {
  expect(await validator.validate(text), "CycloneDX 1.6 strict schema").toBeNull();
  return JSON.parse(text) as Bom;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-bom-cdx-"));
  await cp(join(examples, "app-ci"), join(dir, "app"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
  await cp(join(examples, "model-release"), join(dir, "release"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("omrl check --format cyclonedx (the app: every model and ancestor)", () => {
  let bom: Bom;
  let text: string;
  beforeAll(async () => {
    const result = await runOmrl(["check", "--frozen", "--format", "cyclonedx"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    text = result.stdout;
    bom = await validBom(text);
  });

  it("lists each model and ancestor as a machine-learning-model with purl, SHA-256 and licences matching the lockfile", async () => {
    const lock = parseLockfile(await readFile(join(dir, "app/omrl.lock.json"), "utf8"));
    expect(bom.metadata.component).toMatchObject({ type: "application", name: "Acme Apps" });
    const models = bom.components.filter((c) => c.type === "machine-learning-model");
    const expected = [...lock.models.map((m) => `model:${m.id}`), ...lock.models.flatMap((m) => m.lineage.map((a) => `hf:${a.repo}`))];
    expect(models.map((c) => c["bom-ref"]).sort()).toEqual([...new Set(expected)].sort());
    expect(bom.dependencies.find((d) => d.ref === "app")?.dependsOn?.sort()).toEqual(lock.models.map((m) => `model:${m.id}`).sort());

    for (const locked of lock.models) {
      const c = models.find((m) => m["bom-ref"] === `model:${locked.id}`)!;
      expect(prop(c, "omrl:terms:hash")).toEqual(locked.termsHash ? [locked.termsHash] : []);
      // every weights file is a file sub-component with its SHA-256; a single one is also the model's hash
      expect(c.components?.map((f) => [f.name, f.hashes?.[0]?.content])).toEqual(locked.artifacts.map((a) => [a.path, a.sha256]));
      if (locked.artifacts.length === 1) expect(c.hashes).toEqual([{ alg: "SHA-256", content: locked.artifacts[0]!.sha256 }]);
      if (locked.source.startsWith("hf:")) {
        const purl = PackageURL.fromString(c.purl!);
        expect([purl.type, `${purl.namespace}/${purl.name}`, purl.version]).toEqual(["huggingface", locked.source.slice(3).split("@")[0], locked.resolvedRevision]);
        expect(c.externalReferences?.find((r) => r.type === "distribution")?.url).toBe(`https://huggingface.co/${locked.source.slice(3).split("@")[0]}/tree/${locked.resolvedRevision}`);
      } else expect(c.purl).toBeUndefined();
      // the OMRL licence by its LicenseRef, with its text
      const license = c.licenses?.[0]?.license;
      expect(license?.name).toBe("LicenseRef-OMRL-1.0");
      expect(license?.text?.content).toContain("SPDX-License-Identifier: LicenseRef-OMRL-1.0");
      expect(prop(c, "omrl:revenue_share:rate")).toHaveLength(1);
      expect(prop(c, "omrl:payee:1")[0]).toMatch(/^0x[0-9a-fA-F]{40} \d/);
      expect(prop(c, "omrl:use")).toEqual([locked.use]);
    }
  });

  it("pedigree.ancestors carries the lineage with base_model_relation; the ancestor is a component of its own", () => {
    const chat = bom.components.find((c) => c["bom-ref"] === "model:acme/Llama-3.2-1B-Chat-OMRL")!;
    expect(chat.pedigree?.ancestors).toEqual([
      expect.objectContaining({
        type: "machine-learning-model",
        name: "Llama-3.2-1B",
        purl: "pkg:huggingface/meta-llama/Llama-3.2-1B@4e20de362430cd3b72f300e6b0f18e50e7166e08",
        properties: [
          { name: "omrl:base_model_relation", value: "finetune" },
          { name: "omrl:bom-ref", value: "hf:meta-llama/Llama-3.2-1B" },
        ],
      }),
    ]);
    const base = bom.components.find((c) => c["bom-ref"] === "hf:meta-llama/Llama-3.2-1B")!;
    expect(base.licenses).toEqual([{ license: { name: "LicenseRef-Llama-3.2-Community" } }]);
    expect(bom.dependencies.find((d) => d.ref === chat["bom-ref"])?.dependsOn).toEqual(["hf:meta-llama/Llama-3.2-1B"]);
  });

  it("each model's modelCard carries what its card gives (here the licence as written) beside the use restrictions", () => {
    for (const ref of ["model:acme/tiny-1b", "model:acme/Llama-3.2-1B-Chat-OMRL"]) {
      const c = bom.components.find((m) => m["bom-ref"] === ref)!;
      expect((c.modelCard as { properties?: unknown[] } | undefined)?.properties).toContainEqual({ name: "omrl:card:license", value: "other (omrl-1.0)" });
    }
  });

  it("is reproducible: same input, same bytes and serial number; --timestamp records a time (and so a new serial number)", async () => {
    const again = await runOmrl(["check", "--frozen", "--format", "cyclonedx"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect(again.stdout).toBe(text);
    expect(bom.metadata.timestamp).toBeUndefined();
    expect(bom.serialNumber).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const stamped = await runOmrl(["check", "--frozen", "--format", "cyclonedx", "--timestamp", "2026-01-31T12:00:00Z"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    const stampedBom = await validBom(stamped.stdout);
    expect(stampedBom.metadata.timestamp).toBe("2026-01-31T12:00:00.000Z");
    expect(stampedBom.serialNumber).not.toBe(bom.serialNumber);
    const epoch = await runOmrl(["check", "--frozen", "--format", "cyclonedx", "--timestamp"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1", SOURCE_DATE_EPOCH: "1769860800" } });
    expect(JSON.parse(epoch.stdout).metadata.timestamp).toBe("2026-01-31T12:00:00.000Z");
    const bad = await runOmrl(["check", "--frozen", "--format", "cyclonedx", "--timestamp", "yesterday"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("--timestamp must be an ISO 8601 date-time")]);
  });

  it("--output writes further formats in the same run (SARIF and the BOM beside the Markdown on stdout)", async () => {
    const ok = await runOmrl(["check", "--frozen", "--format", "markdown", "--output", "cyclonedx=bom.cdx.json", "--output", "sarif=omrl.sarif"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("omrl check");
    expect(await readFile(join(dir, "app/bom.cdx.json"), "utf8")).toBe(text);
    expect(JSON.parse(await readFile(join(dir, "app/omrl.sarif"), "utf8")).version).toBe("2.1.0");
    const bad = await runOmrl(["check", "--frozen", "--output", "pdf=x.pdf"], { cwd: join(dir, "app"), env: { HF_HUB_OFFLINE: "1" } });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--output: unknown format "pdf"')]);
  });
});

describe("unknown and unverifiable models are never dropped", () => {
  it("a Hub model that cannot be read (offline, not cached) is listed with the reason and NOASSERTION", async () => {
    const app = join(dir, "unreadable");
    await cp(join(dir, "app"), app, { recursive: true });
    const manifest = JSON.parse(await readFile(join(app, "omrl.app.json"), "utf8"));
    manifest.models.push({ source: "hf:nobody/gone@0123456789abcdef0123456789abcdef01234567", use: "embedded", attribution: { weight: "0" } });
    manifest.models[0].attribution = { weight: "0.4" };
    await writeFile(join(app, "omrl.app.json"), JSON.stringify(manifest));
    const result = await runOmrl(["check", "--format", "cyclonedx", "--offline"], { cwd: app, env: { HF_HUB_OFFLINE: "1", OMRL_CACHE_DIR: join(dir, "empty-cache") } });
    expect(result.code).toBe(1); // the gate fails (unverifiableModels: deny) but the BOM is complete
    const bom = await validBom(result.stdout);
    const gone = bom.components.find((c) => c["bom-ref"] === "model:nobody/gone")!;
    expect(gone).toMatchObject({ type: "machine-learning-model", name: "gone", purl: "pkg:huggingface/nobody/gone@0123456789abcdef0123456789abcdef01234567" });
    expect(gone.licenses ?? []).toEqual([]);
    expect(prop(gone, "omrl:license:status")).toEqual(["NOASSERTION: no licence found"]);
    expect(prop(gone, "omrl:unverifiable")[0]).toMatch(/^offline: /);
  });
});

describe("omrl verify --format cyclonedx (one release)", () => {
  it("the release is the BOM's subject, with its digests, licence text, model card and declared bases", async () => {
    const result = await runOmrl(["verify", join(dir, "release"), "--format", "cyclonedx"], { cwd: dir });
    expect(result.stderr).toBe("");
    const bom = await validBom(result.stdout);
    const release = bom.metadata.component;
    const terms = JSON.parse(await readFile(join(dir, "release/omrl.json"), "utf8"));
    expect(release).toMatchObject({ type: "machine-learning-model", name: terms.model.name });
    expect(release.components?.map((f) => [f.name, f.hashes?.[0]?.content]).sort()).toEqual(terms.model.artifacts.map((a: { path: string; sha256: string }) => [a.path, a.sha256]).sort());
    expect(release.licenses?.[0]?.license?.text?.content).toBe(await readFile(join(dir, "release/LICENSE.md"), "utf8"));
    expect(prop(release, "omrl:verification:status")).toHaveLength(1);
    if (terms.useRestrictions?.length) expect((release.modelCard as { considerations: { ethicalConsiderations: unknown[] } }).considerations.ethicalConsiderations).toHaveLength(terms.useRestrictions.length);
    for (const up of terms.upstream ?? []) {
      const ancestor = bom.components.find((c) => c["bom-ref"] === `hf:${up.repo}`)!;
      expect(prop(ancestor, "omrl:unverifiable")[0]).toMatch(/^not-resolved: /);
    }
    expect(result.code).toBe(0);
  });
});
