/**
 * `omrl check` / `omrl notice` through the built CLI (`npm run build` first), against the Hub test
 * server: lockfile written, --frozen passing, then a terms file, a weight file and a Hub revision
 * changing — each named by --frozen — plus gated ancestors, offline, formats and exit codes.
 */
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashTerms, parseLockfile } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";
import { commitSha, modelCard, sparseSafetensors, startHubServer, type FixtureRepo, type HubServer } from "../helpers/hub-server/index.js";
import { terms } from "./fixtures.js";

const SHA = { v1: commitSha("acme/chat v1"), v2: commitSha("acme/chat v2"), llama: commitSha("meta-llama/Llama-3.2-1B") };
const chatTerms = terms("Llama-3.2-Acme-Chat", "3%", { upstream: [{ repo: "meta-llama/Llama-3.2-1B", license: "llama3.2", relation: "finetune" }] });
const localTerms = terms("Local Tiny", "5%");

const chatCommit = (sha: string, weights: number): FixtureRepo["commits"][number] => ({
  sha,
  refs: sha === SHA.v2 ? ["main"] : [],
  files: [
    { path: "README.md", content: modelCard("license: other\nlicense_name: omrl-1.0\nbase_model: meta-llama/Llama-3.2-1B") },
    { path: "omrl.json", content: JSON.stringify(chatTerms) },
    sparseSafetensors("model.safetensors", weights),
  ],
});
const llama: FixtureRepo = {
  id: "meta-llama/Llama-3.2-1B",
  gated: "manual",
  grantedTokens: ["hf_granted"],
  commits: [{ sha: SHA.llama, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: llama3.2") }, sparseSafetensors("model.safetensors", 2_000_000)] }],
};
const chatV1: FixtureRepo = { id: "acme/chat", commits: [{ ...chatCommit(SHA.v1, 1_000_000), refs: ["main"] }] };
const chatV2: FixtureRepo = { id: "acme/chat", commits: [chatCommit(SHA.v2, 1_500_000), chatCommit(SHA.v1, 1_000_000)] };

let hub: HubServer;
let dir: string;
let cacheDir: string;
const env = (extra: Record<string, string> = {}) => ({ HF_TOKEN: "hf_granted", HF_ENDPOINT: hub.url, OMRL_CACHE_DIR: cacheDir, HF_HUB_OFFLINE: "", ...extra });
// These fixtures are bare releases (no LICENSE.md, placeholder weights): the app logic is under test
// here, so release verification is off except where a test turns it back on.
const check = (args: string[], extra?: Record<string, string>) => runOmrl(["check", "--no-release-rules", ...args], { cwd: dir, env: env(extra) });
const checkWithReleaseRules = (args: string[], extra?: Record<string, string>) => runOmrl(["check", ...args], { cwd: dir, env: env(extra) });

async function writeManifest(policy: Record<string, unknown>, file = "omrl.app.json") {
  await writeFile(
    join(dir, file),
    JSON.stringify({
      omrlApp: "1.0",
      licensee: { name: "Acme Apps", account: "eip155:8453:0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
      models: [
        { id: "local", source: "./models/local", use: "embedded" },
        { source: "hf:acme/chat", use: "hosted-inference" },
      ],
      policy,
    }),
  );
}

beforeAll(async () => {
  hub = await startHubServer({ repos: [chatV1, llama] });
  dir = await mkdtemp(join(tmpdir(), "omrl-app-check-"));
  cacheDir = join(dir, ".cache");
  await mkdir(join(dir, "models/local"), { recursive: true });
  await writeFile(join(dir, "models/local/omrl.json"), JSON.stringify(localTerms));
  await writeFile(join(dir, "models/local/model.safetensors"), "weights v1");
  await writeManifest({ unverifiableModels: "deny", maxTotalRevenueShare: "10%" });
});
afterAll(async () => {
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

describe("omrl check (built CLI, Hub test server)", () => {
  it("verifies each model's release with the app rule set by default: an unreadable weight file fails the gate", async () => {
    const ownCache = { OMRL_CACHE_DIR: join(dir, ".cache-release-rules") }; // the other tests start from a cold cache
    const result = await checkWithReleaseRules(["--lockfile", join(dir, "release-rules.lock.json")], ownCache);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ error\s+local: model\.safetensors: .*artifacts\/unreadable/);
    const without = await check(["--lockfile", join(dir, "release-rules.lock.json")], ownCache);
    expect(without.stdout).not.toContain("artifacts/unreadable");
  });

  it("a gated ancestor without a token is unverifiable: exit 1 under unverifiableModels: deny; the lockfile records it", async () => {
    const result = await check([], { HF_TOKEN: "" });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ error\s+acme\/chat: upstream meta-llama\/Llama-3\.2-1B is unverifiable: .*\[(gated|unauthorized)\] \(its child declares LicenseRef-Llama-3\.2-Community\)/);
    const lock = parseLockfile(await readFile(join(dir, "omrl.lock.json"), "utf8"));
    expect(lock.models.find((m) => m.id === "acme/chat")?.lineage[0]).toMatchObject({ repo: "meta-llama/Llama-3.2-1B", license: "LicenseRef-Llama-3.2-Community" });
    expect(lock.models.find((m) => m.id === "acme/chat")?.lineage[0]?.unverifiable).toMatch(/^(gated|unauthorized): /);
  });

  it("with access: exit 0, writes a deterministic lockfile (revision, terms hash, LFS digests, lineage); --frozen then passes", async () => {
    const first = await check([]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("wrote omrl.lock.json");
    const text = await readFile(join(dir, "omrl.lock.json"), "utf8");
    const lock = parseLockfile(text);
    expect(lock.models.map((m) => m.id)).toEqual(["acme/chat", "local"]);
    const chat = lock.models[0]!;
    expect(chat).toMatchObject({ source: "hf:acme/chat", resolvedRevision: SHA.v1, termsHash: hashTerms(chatTerms), license: "LicenseRef-OMRL-1.0" });
    expect(chat.artifacts).toEqual([{ path: "model.safetensors", size: 1_000_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(chat.lineage).toEqual([{ repo: "meta-llama/Llama-3.2-1B", revision: SHA.llama, license: "LicenseRef-Llama-3.2-Community", relation: "finetune", child: "acme/chat" }]);
    expect(lock.models[1]).toMatchObject({ resolvedRevision: null, termsHash: hashTerms(localTerms), artifacts: [{ path: "model.safetensors", size: 10 }] });

    const again = await check([]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("omrl.lock.json: up to date");
    expect(await readFile(join(dir, "omrl.lock.json"), "utf8")).toBe(text);

    const frozen = await check(["--frozen"]);
    expect(frozen.code).toBe(0);
    expect(frozen.stdout).toContain("0 error(s)");
  });

  it("--frozen names a changed terms file and a changed weight file, and does not write", async () => {
    const locked = await readFile(join(dir, "omrl.lock.json"), "utf8");
    const changed = terms("Local Tiny", "6%");
    await writeFile(join(dir, "models/local/omrl.json"), JSON.stringify(changed));
    await writeFile(join(dir, "models/local/model.safetensors"), "weights v2!");
    const result = await check(["--frozen"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`local: terms hash ${hashTerms(localTerms)} → ${hashTerms(changed)} (since omrl.lock.json)`);
    expect(result.stdout).toMatch(/local: artifact model\.safetensors changed: sha256 [0-9a-f]{64} → [0-9a-f]{64}, size 10 → 11/);
    expect(result.stdout).toContain("app/lockfile-changed");
    expect(await readFile(join(dir, "omrl.lock.json"), "utf8")).toBe(locked);
    await writeFile(join(dir, "models/local/omrl.json"), JSON.stringify(localTerms));
    await writeFile(join(dir, "models/local/model.safetensors"), "weights v1");
    expect((await check(["--frozen"])).code).toBe(0);
  });

  it("--frozen names a new Hub revision (and its new digest) when main moves; JSON and SARIF carry the same findings", async () => {
    hub.setRepos([chatV2, llama]);
    try {
      const result = await check(["--frozen", "--format", "json"]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      const messages = report.diagnostics.filter((d: { ruleId: string }) => d.ruleId === "app/lockfile-changed").map((d: { message: string }) => d.message);
      expect(messages).toEqual([
        `acme/chat: revision ${SHA.v1} → ${SHA.v2} (since omrl.lock.json)`,
        expect.stringMatching(/^acme\/chat: artifact model\.safetensors changed: sha256 [0-9a-f]{64} → [0-9a-f]{64}, size 1000000 → 1500000/),
      ]);
      expect(report.lockfile).toMatchObject({ path: "omrl.lock.json", written: false });

      const sarif = JSON.parse((await check(["--frozen", "--format", "sarif"])).stdout);
      expect(sarif.version).toBe("2.1.0");
      const results = sarif.runs[0].results;
      expect(results.filter((r: { ruleId: string }) => r.ruleId === "app/lockfile-changed")).toHaveLength(2);
      expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBeTruthy();
      expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain("app/lockfile-changed");
    } finally {
      hub.setRepos([chatV1, llama]);
    }
  });

  it("exit 2: no manifest, --frozen without a lockfile, a broken lockfile, a bad --max-warnings", async () => {
    const noManifest = await check(["--manifest", "nope.json"]);
    expect(noManifest.code).toBe(2);
    expect(noManifest.stderr).toContain("no app manifest at nope.json");
    const noLock = await check(["--frozen", "--lockfile", "missing.lock.json"]);
    expect(noLock.code).toBe(2);
    expect(noLock.stderr).toContain("--frozen: no lockfile at missing.lock.json");
    await writeFile(join(dir, "broken.lock.json"), JSON.stringify({ omrlLock: "1.0", models: [{ id: "x" }] }));
    const broken = await check(["--frozen", "--lockfile", "broken.lock.json"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("broken.lock.json: invalid lockfile: /models/0 must have required property");
    expect((await check(["--max-warnings", "-1"])).code).toBe(2);
  });

  it("--offline with an empty cache: the Hub model is unverifiable (warning by default; --max-warnings 0 fails)", async () => {
    await writeManifest({}, "lenient.json");
    const args = ["--manifest", "lenient.json", "--lockfile", "lenient.lock.json", "--offline"];
    const ok = await check(args, { OMRL_CACHE_DIR: join(dir, "empty-cache") });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/⚠ warning acme\/chat \(hf:acme\/chat\) is unverifiable: .*\[offline\]/);
    const strict = await check([...args, "--max-warnings", "0"], { OMRL_CACHE_DIR: join(dir, "empty-cache") });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("more than --max-warnings 0");
  });

  it("policy violations exit 1: a total share over the maximum, a denied licence upstream", async () => {
    await writeManifest({ maxTotalRevenueShare: "7.9999%", licenses: { deny: ["llama3.2"] } }, "strict.json");
    const result = await check(["--manifest", "strict.json", "--lockfile", "strict.lock.json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("total revenue share 8% (local 5% + acme/chat 3%) exceeds the policy's maximum 7.9999%  app/total-share-exceeded");
    expect(result.stdout).toContain("acme/chat's upstream meta-llama/Llama-3.2-1B is under LicenseRef-Llama-3.2-Community; the policy denies LicenseRef-Llama-3.2-Community (llama3.2)");
  });
});

describe("omrl notice (built CLI)", () => {
  it("writes the NOTICE from the lockfile alone, deterministically", async () => {
    const copy = await mkdtemp(join(tmpdir(), "omrl-app-notice-"));
    try {
      await cp(join(dir, "omrl.lock.json"), join(copy, "omrl.lock.json"));
      const first = await runOmrl(["notice", "--out", "NOTICE.md", "--product", "Acme Chat"], { cwd: copy, env: { HF_ENDPOINT: "http://127.0.0.1:9" } });
      expect(first.code).toBe(0);
      const notice = await readFile(join(copy, "NOTICE.md"), "utf8");
      expect(notice).toContain("Acme Chat uses the AI models listed below.");
      expect(notice).toContain("**Built with Llama** (Llama 3.2 Community License Agreement)");
      expect(notice).toContain(`Licensed under the Open Model Revenue License 1.0 by Acme Labs; terms hash \`${hashTerms(chatTerms)}\`.`);
      expect(notice).toContain("Llama 3.2 Acceptable Use Policy — https://www.llama.com/llama3_2/use-policy");
      const printed = await runOmrl(["notice", "--product", "Acme Chat"], { cwd: copy });
      expect(printed.stdout).toBe(notice);
      const json = await runOmrl(["notice", "--product", "Acme Chat", "--format", "json"], { cwd: copy });
      expect(JSON.parse(json.stdout)).toEqual({ out: null, notice });
      const missing = await runOmrl(["notice", "--lockfile", "nope.json"], { cwd: copy });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("run omrl check first");
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
