import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMarkdown, formatSarif } from "../../src/report/index.js";
import { verifyModel } from "../../src/rules/index.js";
import { openHubSource, type OpenHubSourceParameters } from "../../src/sources/hub/index.js";
import { runOmrl } from "../helpers/cli.js";
import { commitSha, modelCard, sparseSafetensors, startHubServer, type FixtureFile, type HubServer } from "../helpers/hub-server/index.js";
import { buildRelease } from "./fixtures.js";

const SHA = { tiny: commitSha("verify acme/tiny"), tampered: commitSha("verify acme/tampered"), gated: commitSha("verify acme/tiny-gated"), big: commitSha("verify acme/big") };
const GB = 1_000_000_000;

let hub: HubServer;
let dir: string;
const fast: OpenHubSourceParameters = { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetries: 1 } };
const env = () => ({ HF_TOKEN: "", HF_ENDPOINT: "", HF_HUB_OFFLINE: "", OMRL_NO_CACHE: "1" });

async function releaseFiles(root: string): Promise<FixtureFile[]> {
  const files: FixtureFile[] = [];
  for (const name of await readdir(root)) files.push({ path: name, content: new Uint8Array(await readFile(join(root, name))) });
  return files;
}

beforeAll(async () => {
  dir = await buildRelease();
  const files = await releaseFiles(dir);
  const tampered = files.map((f) => {
    if (f.path !== "model.safetensors") return f;
    const bytes = new Uint8Array(f.content as Uint8Array);
    bytes[bytes.length - 1]! ^= 0xff;
    return { ...f, content: bytes };
  });
  hub = await startHubServer({
    repos: [
      { id: "acme/tiny", commits: [{ sha: SHA.tiny, refs: ["main", "v1.0"], files }] },
      { id: "acme/tampered", commits: [{ sha: SHA.tampered, refs: ["main"], files: tampered }] },
      { id: "acme/tiny-gated", gated: "manual", grantedTokens: ["hf_granted"], commits: [{ sha: SHA.gated, refs: ["main"], files }] },
      {
        id: "acme/big",
        commits: [{ sha: SHA.big, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: llama3.1") }, sparseSafetensors("model.safetensors", 3 * GB, { license: "llama3.1" })] }],
      },
    ],
  });
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

describe("verifyModel on a Hub repo", () => {
  it("a clean OMRL repo is compliant; the result names the pinned commit", async () => {
    const result = await verifyModel(await openHubSource("hf:acme/tiny@v1.0", { hubUrl: hub.url, ...fast }), { ruleSet: "hub" });
    expect(result.diagnostics).toEqual([]);
    expect(result.status).toBe("compliant");
    expect(result.source).toEqual({ kind: "hub", id: `hf:acme/tiny@${SHA.tiny}`, revision: SHA.tiny });
    expect(formatMarkdown(result)).toContain(`(commit \`${SHA.tiny}\`)`);
    expect(JSON.parse(formatSarif(result)).runs[0].properties.source.revision).toBe(SHA.tiny);
  });

  it("a changed weights file is caught from the LFS sha256 in the listing, without downloading weights", async () => {
    const source = await openHubSource("hf:acme/tampered", { hubUrl: hub.url, ...fast });
    const result = await verifyModel(source, { ruleSet: "hub" });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["omrl/artifact-digest-mismatch"]);
  });

  it("reads only headers of multi-GB weights and reports a non-SPDX embedded licence", async () => {
    hub.resetStats();
    const result = await verifyModel(await openHubSource("hf:acme/big", { hubUrl: hub.url, ...fast }));
    expect(hub.stats.bytes).toBeLessThan(1024 * 1024);
    expect(result.diagnostics.filter((d) => d.ruleId === "artifacts/license-not-spdx").map((d) => d.file)).toEqual(["model.safetensors"]);
    expect(result.status).toBe("compliant");
  });

  it("a gated repo without access is unverifiable, never compliant", async () => {
    const result = await verifyModel(await openHubSource("hf:acme/tiny-gated", { hubUrl: hub.url, ...fast }));
    expect(result.status).toBe("unverifiable");
    expect(result.diagnostics).toMatchObject([{ ruleId: "source/unverifiable", severity: "error", message: expect.stringContaining("gated") }]);
    const granted = await verifyModel(await openHubSource("hf:acme/tiny-gated", { hubUrl: hub.url, accessToken: "hf_granted", ...fast }));
    expect(granted.status).toBe("compliant");
  });

  it("a network failure while reading a header is unverifiable with the reason, and the rest is still checked", async () => {
    const source = await openHubSource("hf:acme/tiny", { hubUrl: hub.url, ...fast });
    await source.listFiles();
    await source.readText("README.md");
    hub.inject({ kind: "status", status: 503, route: "cdn", times: 1000 });
    hub.inject({ kind: "status", status: 503, route: "resolve", times: 1000 });
    try {
      const result = await verifyModel(source, { ruleSet: "hub" });
      expect(result.status).toBe("unverifiable");
      const unverifiable = result.diagnostics.filter((d) => d.ruleId === "source/unverifiable");
      expect(unverifiable.length).toBeGreaterThan(0);
      expect(unverifiable.every((d) => /network/.test(d.message))).toBe(true);
    } finally {
      hub.clearFaults();
    }
  });
});

describe("verifyModel with an hf: spec", () => {
  it("opens the repo itself; one it cannot open is an unverifiable result, not an exception", async () => {
    const ok = await verifyModel("hf:acme/tiny", { ruleSet: "hub", hub: { hubUrl: hub.url, ...fast } });
    expect(ok.status).toBe("compliant");
    expect(ok.source.revision).toBe(SHA.tiny);
    const missing = await verifyModel("hf:acme/nothing-here", { hub: { hubUrl: hub.url, ...fast } });
    expect(missing.status).toBe("unverifiable");
    expect(missing.diagnostics[0]!.message).toContain("unauthorized");
    await expect(verifyModel("./local/folder")).rejects.toThrow(/openLocalSource/);
  });
});

describe("omrl verify hf:… (built CLI, real server)", () => {
  it("exits 0 for a clean repo in every format, naming the pinned commit", async () => {
    for (const format of ["text", "json", "sarif", "markdown"]) {
      const run = await runOmrl(["verify", "hf:acme/tiny", "--hub-url", hub.url, "--rule-set", "hub", "--format", format], { env: env() });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(SHA.tiny);
    }
  });

  it("exits 1 for a gated repo and says unverifiable, with the reason", async () => {
    const run = await runOmrl(["verify", "hf:acme/tiny-gated", "--hub-url", hub.url], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("unverifiable: could not read the file listing — gated");
    expect(run.stdout.trimEnd().split("\n").pop()).toMatch(/^✖ unverifiable: 1 error/);
    const json = await runOmrl(["verify", "hf:acme/tiny-gated", "--hub-url", hub.url, "--format", "json"], { env: env() });
    expect(JSON.parse(json.stdout).status).toBe("unverifiable");
  });

  it("exits 1 (unverifiable) for a repo the Hub will not confirm: missing or private look the same without a token", async () => {
    const run = await runOmrl(["verify", "hf:acme/nothing-here", "--hub-url", hub.url], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("unverifiable: could not read the file listing — unauthorized: repository not found, or private and no valid token: acme/nothing-here");
  });

  it("exits 2 for a malformed Hub spec", async () => {
    const run = await runOmrl(["verify", "hf:acme/llm/extra", "--hub-url", hub.url], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^omrl: .+\n$/);
  });
});
