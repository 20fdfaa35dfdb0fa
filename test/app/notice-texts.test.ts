/** `omrl notice` carries licence texts, copyright lines and NOTICE file contents (issue 15), through the built CLI. */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLockfile } from "../../src/index.js";
import { runOmrl } from "../helpers/cli.js";
import { REAL_SAFETENSORS } from "../verify/fixtures.js";

const apache = (createRequire(import.meta.url)("spdx-license-list/full") as Record<string, { licenseText: string }>)["Apache-2.0"]!.licenseText;
const NOTICE = "Acme Tiny\nCopyright 2026 Acme Labs\n\nThis product includes software developed at Acme Labs (https://acme.example/).\n";
let app: string;

beforeAll(async () => {
  app = await mkdtemp(join(tmpdir(), "omrl-notice-texts-"));
  const model = join(app, "models/tiny");
  await mkdir(model, { recursive: true });
  await cp(REAL_SAFETENSORS, join(model, "model.safetensors"));
  await writeFile(join(model, "README.md"), "---\nlicense: apache-2.0\n---\n# Acme Tiny\n");
  await writeFile(join(model, "LICENSE"), `Copyright 2025 Acme Labs and contributors\n\n${apache}`);
  await writeFile(join(model, "NOTICE"), NOTICE);
  await writeFile(join(app, "omrl.app.json"), JSON.stringify({ omrlApp: "1.0", licensee: { name: "Acme Apps" }, models: [{ id: "tiny", source: "./models/tiny", use: "embedded" }] }));
});
afterAll(async () => rm(app, { recursive: true, force: true }));

describe("omrl notice with licence texts", () => {
  it("records the recognised licence, copyright lines and the NOTICE text in the lockfile", async () => {
    const check = await runOmrl(["check"], { cwd: app, env: { OMRL_CACHE_DIR: join(app, ".cache") } });
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    const lock = parseLockfile(await readFile(join(app, "omrl.lock.json"), "utf8"));
    expect(lock.models[0]!.texts).toEqual([
      { path: "LICENSE", kind: "license", license: "Apache-2.0", confidence: expect.any(Number), copyright: ["Copyright 2025 Acme Labs and contributors"] },
      { path: "NOTICE", kind: "notice", copyright: ["Copyright 2026 Acme Labs"], text: NOTICE },
    ]);
    expect(lock.models[0]!.texts![0]!.confidence).toBeGreaterThanOrEqual(99);
  });

  it("writes the copyright lines, the NOTICE file's contents and the Apache-2.0 text", async () => {
    const run = await runOmrl(["notice", "--out", "NOTICE.md"], { cwd: app });
    expect(run.code).toBe(0);
    const notice = await readFile(join(app, "NOTICE.md"), "utf8");
    expect(notice).toContain("  - Copyright 2025 Acme Labs and contributors (LICENSE)");
    expect(notice).toContain("## NOTICE files");
    expect(notice).toContain("### tiny: NOTICE\n\n```text\nAcme Tiny\nCopyright 2026 Acme Labs\n\nThis product includes software developed at Acme Labs (https://acme.example/).\n```");
    expect(notice).toContain("### Apache License 2.0 (Apache-2.0)\n\nApplies to: tiny.");
    expect(notice).toContain("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
  });

  it("--no-license-texts names the licence by URL and the file the model ships it in", async () => {
    const run = await runOmrl(["notice", "--no-license-texts"], { cwd: app });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("TERMS AND CONDITIONS FOR USE");
    expect(run.stdout).toContain("The text: https://www.apache.org/licenses/LICENSE-2.0 (shipped with tiny: LICENSE).");
  });
});
