import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess } from "../helpers/cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const hook = fileURLToPath(new URL("./record-loads.mjs", import.meta.url));

describe("what a local `omrl verify` loads (issue #14)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "omrl-verify-loads-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("verify examples/model-release (a GGUF file among its weights): nothing from node_modules, no Hub client, no undici", async () => {
    const record = join(dir, "verify.txt");
    const result = await runProcess(process.execPath, ["--import", hook, `${root}dist/cli.js`, "verify", `${root}examples/model-release`], {
      env: { OMRL_RECORD_LOADS: record },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/compliant/);
    const loaded = (await readFile(record, "utf8")).trim().split("\n");
    // the GGUF header is read by the SDK's own decoder, and the CLI bundles its small dependencies
    expect(loaded.filter((line) => line.includes("/node_modules/"))).toEqual([]);
    expect(loaded.filter((line) => /huggingface/i.test(line))).toEqual([]);
    // `fetch`, `Headers` and `Response` live in Node's bundled undici, loaded on first use
    expect(loaded.filter((line) => line.startsWith("internal:") && /undici/.test(line))).toEqual([]);
    // the hook sees Node's own modules, so an undici load would show
    expect(loaded.some((line) => line.startsWith("internal:"))).toBe(true);
  });
});
