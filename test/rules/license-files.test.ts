/** license/file-mismatch and lineage/upstream-license-text-missing over real release folders (issue 15). */
import { cp, mkdtemp, rm, unlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRelease, LLAMA_AGREEMENT, REAL_SAFETENSORS, ruleIds, verifyPath } from "../verify/fixtures.js";

const spdx = createRequire(import.meta.url)("spdx-license-list/full") as Record<string, { licenseText: string }>;
const temps: string[] = [];
let clean: string;

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "omrl-license-files-"));
  temps.push(dir);
  await cp(REAL_SAFETENSORS, join(dir, "model.safetensors"));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

beforeAll(async () => {
  clean = await buildRelease();
  temps.push(clean);
});
afterAll(async () => Promise.all(temps.map((t) => rm(t, { recursive: true, force: true }))));

describe("license/file-mismatch", () => {
  it("a card saying apache-2.0 over a GPL-3.0 LICENSE file is a violation that names both and the similarity", async () => {
    const dir = await folder({ "README.md": "---\nlicense: apache-2.0\n---\n# Model\n", LICENSE: spdx["GPL-3.0-only"]!.licenseText });
    const { release, result } = await verifyPath(dir);
    expect(release.textFiles[0]).toMatchObject({ path: "LICENSE", kind: "license", detected: { spdx: "GPL-3.0-only", method: "dice" } });
    expect(result.status).toBe("violations");
    const finding = result.diagnostics.find((d) => d.ruleId === "license/file-mismatch")!;
    expect(finding).toMatchObject({ severity: "error", file: "LICENSE", line: 1 });
    expect(finding.message).toMatch(/^LICENSE holds the .*GPL-3\.0-only, \d+(\.\d)?% similar to the SPDX text\) but the release declares apache-2\.0 \(Apache-2\.0\)/);
  });

  it("agreeing files pass: Apache text under apache-2.0, a GPL COPYING under the Hub's gpl-3.0 id, MIT with its copyright line", async () => {
    const apache = await folder({ "README.md": "---\nlicense: apache-2.0\n---\n", LICENSE: spdx["Apache-2.0"]!.licenseText });
    expect(ruleIds((await verifyPath(apache)).result)).not.toContain("license/file-mismatch");
    const gpl = await folder({ "README.md": "---\nlicense: gpl-3.0\n---\n", COPYING: spdx["GPL-3.0-only"]!.licenseText });
    expect(ruleIds((await verifyPath(gpl)).result)).not.toContain("license/file-mismatch");
    const mit = await folder({ "README.md": "---\nlicense: mit\n---\n", "LICENSE.txt": spdx.MIT!.licenseText.replace("<year> <copyright holders>", "2026 Acme Labs") });
    const { release, result } = await verifyPath(mit);
    expect(ruleIds(result)).not.toContain("license/file-mismatch");
    expect(release.textFiles[0]!.copyright).toEqual(["Copyright (c) 2026 Acme Labs"]);
  });

  it("a release without terms may ship its base model's agreement beside its own licence file", async () => {
    const dir = await folder({ "README.md": "---\nlicense: apache-2.0\n---\n", LICENSE: spdx["Apache-2.0"]!.licenseText, "LICENSE-LLAMA-3.2.txt": LLAMA_AGREEMENT });
    const { release, result } = await verifyPath(dir);
    expect(release.textFiles.find((f) => f.path === "LICENSE-LLAMA-3.2.txt")?.detected?.spdx).toBe("LicenseRef-Llama-3.2-Community");
    expect(ruleIds(result)).not.toContain("license/file-mismatch");
  });

  it("an OMRL release may ship its upstream licences' texts, but not an unrelated one", async () => {
    expect(ruleIds((await verifyPath(clean)).result)).not.toContain("license/file-mismatch");
    const dir = await mkdtemp(join(tmpdir(), "omrl-license-files-"));
    temps.push(dir);
    await cp(clean, dir, { recursive: true });
    await writeFile(join(dir, "COPYING"), spdx["AGPL-3.0-only"]!.licenseText);
    const findings = (await verifyPath(dir)).result.diagnostics.filter((d) => d.ruleId === "license/file-mismatch");
    expect(findings.map((d) => d.file)).toEqual(["COPYING"]);
    expect(findings[0]!.message).toContain("but the release declares omrl-1.0");
  });
});

describe("lineage/upstream-license-text-missing", () => {
  it("an OMRL fine-tune of Llama 3.2 without a copy of the Llama agreement is not compliant; with it, it is", async () => {
    const dir = await mkdtemp(join(tmpdir(), "omrl-license-files-"));
    temps.push(dir);
    await cp(clean, dir, { recursive: true });
    expect((await verifyPath(dir)).result.status).toBe("compliant");
    await unlink(join(dir, "LICENSE-LLAMA-3.2.txt"));
    const { result } = await verifyPath(dir);
    expect(result.status).toBe("violations");
    const finding = result.diagnostics.find((d) => d.ruleId === "lineage/upstream-license-text-missing")!;
    expect(finding).toMatchObject({ severity: "error", file: "omrl.json", pointer: "/upstream/0/license" });
    expect(finding.line).toBeGreaterThan(1);
    expect(finding.message).toContain("upstream meta-llama/Llama-3.2-1B is under the Llama 3.2 Community License Agreement, which requires a copy of its text");
  });

  it("a non-OMRL derivative released under its base's Llama licence needs the agreement too; an Apache-2.0 base's needs the Apache text", async () => {
    const llama = await folder({ "README.md": "---\nlicense: llama3.2\nbase_model: meta-llama/Llama-3.2-1B\n---\n# Llama Tiny\n" });
    expect(ruleIds((await verifyPath(llama)).result)).toContain("lineage/upstream-license-text-missing");
    await writeFile(join(llama, "LICENSE.txt"), LLAMA_AGREEMENT);
    expect(ruleIds((await verifyPath(llama)).result)).not.toContain("lineage/upstream-license-text-missing");
    const apache = await folder({ "README.md": "---\nlicense: apache-2.0\nbase_model: acme/base\n---\n" });
    expect((await verifyPath(apache)).result.diagnostics.find((d) => d.ruleId === "lineage/upstream-license-text-missing")?.message).toContain("Apache License 2.0");
    await writeFile(join(apache, "LICENSE"), spdx["Apache-2.0"]!.licenseText);
    expect(ruleIds((await verifyPath(apache)).result)).not.toContain("lineage/upstream-license-text-missing");
  });

  it("a base model itself (no base_model) is not asked to ship its own licence text", async () => {
    const base = await folder({ "README.md": "---\nlicense: apache-2.0\n---\n" });
    expect(ruleIds((await verifyPath(base)).result)).not.toContain("lineage/upstream-license-text-missing");
  });
});

describe("omrl/license-text-mismatch", () => {
  it("points at `omrl tag`, which re-renders LICENSE.md so the release verifies again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "omrl-license-files-"));
    temps.push(dir);
    await cp(clean, dir, { recursive: true });
    await writeFile(join(dir, "LICENSE.md"), "# Some other licence\n");
    const finding = (await verifyPath(dir)).result.diagnostics.find((d) => d.ruleId === "omrl/license-text-mismatch")!;
    expect(finding.message).toContain("run `omrl tag` to render it again from the terms");
    expect(finding.message).not.toContain("omrl init");
    const { tagRelease } = await import("../../src/tag/index.js");
    await tagRelease({ dir, stamp: false, cache: false });
    expect((await verifyPath(dir)).result.status).toBe("compliant");
    await unlink(join(dir, "LICENSE.md"));
    expect((await verifyPath(dir)).result.diagnostics.find((d) => d.ruleId === "omrl/license-text-mismatch")!.message).toBe("LICENSE.md is missing: run `omrl tag` to render it from omrl.json");
  });
});
