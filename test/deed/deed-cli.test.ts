import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runOmrl } from "../helpers/cli.js";
import { commitSha, startHubServer, type HubServer } from "../helpers/hub-server/index.js";

const release = fileURLToPath(new URL("../../examples/model-release/", import.meta.url));
const SHA = commitSha("deed-v1");
let dir: string;
let hub: HubServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-deed-cli-"));
  const [terms, license] = await Promise.all([readFile(join(release, "omrl.json"), "utf8"), readFile(join(release, "LICENSE.md"), "utf8")]);
  hub = await startHubServer({
    repos: [{ id: "omrl-examples/demo-tiny", commits: [{ sha: SHA, refs: ["main"], files: [{ path: "omrl.json", content: terms }, { path: "LICENSE.md", content: license }] }] }],
  });
});
afterAll(async () => {
  await hub?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("omrl deed (built CLI)", () => {
  test("a release on the Hub: the page links the terms file at the pinned commit", async () => {
    const out = join(dir, "hub.html");
    const result = await runOmrl(["deed", "hf:omrl-examples/demo-tiny@main", "--out", out], { env: { HF_ENDPOINT: hub.url, HF_TOKEN: "", OMRL_CACHE_DIR: join(dir, "cache") } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("valid. Signature valid: signed by the licensor, Example Labs (demo)");
    const html = await readFile(out, "utf8");
    expect(html).toContain(`href="${hub.url}/omrl-examples/demo-tiny/blob/${SHA}/omrl.json"`);
    expect(html).toContain("LICENSE.md in the release");
    expect(html).toContain(`hf:omrl-examples/demo-tiny@${SHA}`);
  });

  test("a local terms file is linked relative to the page; without LICENSE.md the text is rendered from the terms", async () => {
    await mkdir(join(dir, "bare"), { recursive: true });
    await writeFile(join(dir, "bare/omrl.json"), await readFile(join(release, "omrl.json")));
    const result = await runOmrl(["deed", "bare/omrl.json", "--out", "pages/deed.html"], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const html = await readFile(join(dir, "pages/deed.html"), "utf8");
    expect(html).toContain('href="../bare/omrl.json"');
    expect(html).toContain("The release has no LICENSE.md: this is the OMRL 1.0 text rendered from the terms");
  });

  test("input errors exit 2 with the reason on stderr and write nothing", async () => {
    await mkdir(join(dir, "empty"), { recursive: true });
    await writeFile(join(dir, "huge.json"), `{"pad":"${"x".repeat(4 * 1024 * 1024)}"}`);
    const cases: [string[], RegExp][] = [
      [["deed", "missing-folder"], /missing-folder does not exist/],
      [["deed", "empty"], /empty has no omrl\.json/],
      [["deed", "huge.json"], /huge\.json is larger than 4194304 bytes/],
    ];
    for (const [args, reason] of cases) {
      const result = await runOmrl([...args, "--out", "never.html"], { cwd: dir });
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(reason);
    }
    await expect(readFile(join(dir, "never.html"))).rejects.toThrow();
  });
});
