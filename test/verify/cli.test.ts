import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOmrl } from "../helpers/cli.js";
import { buildRelease } from "./fixtures.js";

let work: string;
let clean: string;
let oneWarning: string;
const env = () => ({ OMRL_CACHE_DIR: join(work, "cache") });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "omrl-verify-cli-"));
  clean = join(work, "clean");
  await cp(await buildRelease(), clean, { recursive: true });
  oneWarning = join(work, "warn");
  await cp(await buildRelease({ notice: null }), oneWarning, { recursive: true });
});
afterAll(async () => rm(work, { recursive: true, force: true }));

describe("omrl verify (built CLI)", () => {
  it("exits 0 for a clean release, with a text report and no colour under NO_COLOR", async () => {
    const run = await runOmrl(["verify", "clean"], { cwd: work, env: env() });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${clean}  (rule set: publisher)`);
    expect(run.stdout).toContain("✓ compliant: 0 errors, 0 warnings, 0 info");
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it("exits 1 for a broken release and reports it in JSON", async () => {
    const broken = join(work, "broken");
    await cp(clean, broken, { recursive: true });
    const terms = JSON.parse(await readFile(join(broken, "omrl.json"), "utf8"));
    terms.revenueShare.rate = "1%";
    await writeFile(join(broken, "omrl.json"), JSON.stringify(terms, null, 2));
    const run = await runOmrl(["verify", broken, "--format", "json"], { env: env() });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe("violations");
    expect(result.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toContain("omrl/signature-invalid");
  });

  it("exits 2 with a one-line reason for a missing path, a bad flag value or a bad config", async () => {
    const missing = await runOmrl(["verify", "no/such/folder"], { cwd: work, env: env() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^omrl: no such file or folder: .*no\/such\/folder\n$/);
    const flag = await runOmrl(["verify", clean, "--max-warnings", "lots"], { env: env() });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--max-warnings must be a non-negative integer");
    const config = join(work, "bad.config.json");
    await writeFile(config, '{"rules":{"omrl/terms-missing":"loud"}}');
    const bad = await runOmrl(["verify", clean, "--config", config], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^omrl: .*bad\.config\.json: invalid config: \/rules\/omrl~1terms-missing must be equal to one of the allowed values/);
  });

  it("--max-warnings N fails the run when there are more than N warnings", async () => {
    const over = await runOmrl(["verify", oneWarning, "--max-warnings", "0"], { env: env() });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe("omrl: 1 warning, more than --max-warnings 0\n");
    expect((await runOmrl(["verify", oneWarning, "--max-warnings", "1"], { env: env() })).code).toBe(0);
    expect((await runOmrl(["verify", oneWarning], { env: env() })).code).toBe(0);
  });

  it("applies the release's omrl.config.json: suppressed findings shown with their justification, not counted", async () => {
    const dir = join(work, "configured");
    await cp(oneWarning, dir, { recursive: true });
    await writeFile(
      join(dir, "omrl.config.json"),
      JSON.stringify({ resolutions: [{ rule: "lineage/upstream-obligations", reason: "LICENSE_ACQUIRED_EXCEPTION", comment: "Meta licence LEGAL-42" }] }),
    );
    const run = await runOmrl(["verify", dir, "--max-warnings", "0", "--format", "markdown"], { env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("## omrl verify: ✅ compliant");
    expect(run.stdout).toContain("| `LICENSE_ACQUIRED_EXCEPTION` | Meta licence LEGAL-42 |");
  });

  it("writes SARIF to --out with paths relative to the working directory", async () => {
    const run = await runOmrl(["verify", "warn", "--format", "sarif", "--out", "out/omrl.sarif"], { cwd: work, env: env() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const log = JSON.parse(await readFile(join(work, "out/omrl.sarif"), "utf8"));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("warn/NOTICE");
  });

  it("verifies a single weights file: the stamped clean one passes, a hostile one fails with one unreadable error", async () => {
    expect((await runOmrl(["verify", join(clean, "model.safetensors")], { env: env() })).code).toBe(0);
    const hostile = await runOmrl(["verify", "/work/shared/data/artifacts/malformed/safetensors-cpp_abuse_attempt_1.header-len-exceeds-file.safetensors", "--format", "json"], { env: env() });
    expect(hostile.code).toBe(1);
    const result = JSON.parse(hostile.stdout);
    expect(result.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["artifacts/unreadable"]);
  });
});
