import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveApp, signTerms, type AppManifest, type ModelSource, type OmrlTerms, type OpenedAppSource } from "../../src/index.js";
import { createAppSourceOpener } from "../../src/node.js";
import { devLicensor } from "../fixtures/terms.js";
import { terms } from "./fixtures.js";

// An app of six models whose lineages overlap (m_i fine-tunes m_⌊(i−1)/2⌋, m0 fine-tunes an
// Apache-2.0 base), plus an ancestor with broken terms and one that cannot be opened (unmapped,
// offline), each named by more than one model. resolveApp must read each release once per call,
// and give every model exactly what resolving it alone gives.
const MODELS = 6;
let dir: string;

const parentOf = (i: number) => (i === 0 ? "acme/apache-base" : `acme/m${(i - 1) >> 1}`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-app-shared-"));
  const write = async (folder: string, files: Record<string, string>) => {
    await mkdir(join(dir, folder), { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, folder, name), text);
  };
  await write("apache-base", { "README.md": "---\nlicense: apache-2.0\n---\n# Base\n" });
  await write("broken", { "README.md": "---\nlicense: other\nlicense_name: omrl-1.0\n---\n", "omrl.json": "{ not json" });
  for (let i = 0; i < MODELS; i++) {
    const extra = i >= 4 ? [i === 4 ? "acme/broken" : "acme/unmapped"] : [];
    const upstream: NonNullable<OmrlTerms["upstream"]> = [{ repo: parentOf(i), license: i === 0 ? "apache-2.0" : "omrl-1.0", relation: "finetune" }];
    let t = terms(`m${i}`, "1%", { upstream });
    // two of them signed by the licensor, the rest unsigned (a finding, the same either way)
    if (i < 2) t = await signTerms({ terms: t, account: devLicensor, signedAt: "2026-06-01T00:00:00Z" });
    await write(`m${i}`, {
      "README.md": `---\nlicense: other\nlicense_name: omrl-1.0\nbase_model:\n${[parentOf(i), ...extra].map((b) => `  - ${b}`).join("\n")}\n---\n# m${i}\n`,
      "omrl.json": JSON.stringify(t),
      "model.safetensors": `weights ${i}`,
    });
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function manifestOf(models: number[]): AppManifest {
  const sources: Record<string, string> = { "acme/apache-base": "./apache-base", "acme/broken": "./broken" };
  for (let i = 0; i < MODELS; i++) sources[`acme/m${i}`] = `./m${i}`;
  return {
    omrlApp: "1.0",
    licensee: { name: "A", account: "eip155:1:0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
    models: models.map((i) => ({ id: `acme/m${i}`, source: `./m${i}`, use: "embedded" })),
    sources,
  };
}

/** The Node opener, counting every open and every call that reaches a real source. */
function countingOpener(manifest: AppManifest) {
  const opener = createAppSourceOpener({ manifest, manifestDir: dir, hub: { offline: true } });
  const opens: string[] = [];
  const reads: string[] = [];
  const openSource = async (spec: string): Promise<OpenedAppSource> => {
    opens.push(spec);
    const opened = await opener(spec);
    const s = opened.source;
    const name = s.id.slice(dir.length + 1);
    const source: ModelSource = {
      kind: s.kind,
      id: s.id,
      revision: s.revision,
      listFiles: () => (reads.push(`${name} list`), s.listFiles()),
      readText: (path, options) => (reads.push(`${name} ${path} ${options?.maxBytes ?? "-"}`), s.readText(path, options)),
      readRange: (path, start, end) => s.readRange(path, start, end),
      ...(s.sha256 ? { sha256: s.sha256.bind(s) } : {}),
    };
    return { ...opened, source };
  };
  return { openSource, opens, reads };
}

describe("resolveApp reads each release once per call", () => {
  it("opens each spec once and lists and reads each release once, however many models name it", async () => {
    const all = [...Array(MODELS).keys()];
    const { openSource, opens, reads } = countingOpener(manifestOf(all));
    const context = await resolveApp(manifestOf(all), { openSource });
    expect(context.models.map((m) => m.id)).toEqual(all.map((i) => `acme/m${i}`));

    const counts = (list: string[]) => list.reduce((map, x) => map.set(x, (map.get(x) ?? 0) + 1), new Map<string, number>());
    expect([...counts(opens).values()].every((n) => n === 1)).toBe(true);
    expect(opens).toContain("hf:acme/m0"); // m0 opened as an ancestor too (same folder, other spec)
    expect(opens).toContain("hf:acme/unmapped");
    expect([...counts(reads).entries()].filter(([, n]) => n > 1)).toEqual([]);
    // every release listed once (models and ancestors alike), its card read once
    for (const name of [...all.map((i) => `m${i}`), "apache-base", "broken"]) {
      expect(reads).toContain(`${name} list`);
      expect(reads).toContain(`${name} README.md -`);
    }
    // descendants name m0 (as a model and as everyone's ancestor): still one listing
    expect(reads.filter((r) => r === "m0 list")).toHaveLength(1);
  });

  it("gives every model what resolving it alone gives: the same lineage, terms, signatures, warnings and reasons", async () => {
    const all = [...Array(MODELS).keys()];
    const together = await resolveApp(manifestOf(all), { openSource: countingOpener(manifestOf(all)).openSource });
    for (const i of all) {
      const alone = await resolveApp(manifestOf([i]), { openSource: countingOpener(manifestOf([i])).openSource });
      expect(together.models[i]).toEqual(alone.models[0]);
    }
    const m5 = together.models[5]!;
    expect(m5.lineage.map((a) => [a.repo, a.depth])).toEqual([
      ["acme/m2", 1],
      ["acme/unmapped", 1],
      ["acme/m0", 2],
      ["acme/apache-base", 3],
    ]);
    expect(m5.lineage[1]!.unverifiable).toMatchObject({ reason: "offline" });
    expect(together.models[4]!.lineage.find((a) => a.repo === "acme/broken")!.unverifiable).toMatchObject({ reason: "invalid-terms" });
    expect(together.models[0]!.signature).toMatchObject({ valid: true, byLicensor: true });
    expect(m5.lineage[2]!.signature).toMatchObject({ valid: true, byLicensor: true });
    expect(together.models[2]!.signature).toMatchObject({ valid: false, reason: "unsigned" });
  });
});
