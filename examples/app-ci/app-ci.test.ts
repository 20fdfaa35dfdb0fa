/**
 * Runs the CI job of examples/app-ci (ci.sh) with the built CLI (`npm run build` first), then a
 * changed weight file under --frozen: the gate fails naming the file.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parseLockfile, statementSchema, verifyStatementHash, type Statement } from "../../src/index.js";
import { CLI_PATH, runOmrl, runProcess } from "../../test/helpers/cli.js";

const example = fileURLToPath(new URL(".", import.meta.url));
let dir: string;

beforeAll(async () => {
  // A copy, so the test never writes into the committed example.
  dir = await mkdtemp(join(tmpdir(), "omrl-example-app-ci-"));
  await cp(example, dir, { recursive: true, filter: (src) => !src.endsWith(".test.ts") && !src.includes(`${example}out`) });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const sh = (script: string, env: Record<string, string>) => runProcess("sh", [script], { cwd: dir, env: { HF_HUB_OFFLINE: "1", ...env } });

test("ci.sh: frozen check passes, NOTICE has Built with Llama, the 2026-Q3 statement has the expected totals", async () => {
  const result = await sh("ci.sh", { OMRL: `${process.execPath} ${CLI_PATH}`, OUT: "out" });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);

  const check = await readFile(join(dir, "out/check.md"), "utf8");
  expect(check).toContain("**0 error(s), 0 warning(s)");
  expect(check).toContain("app/threshold-notice");

  const notice = await readFile(join(dir, "out/NOTICE.md"), "utf8");
  expect(notice).toContain("Acme Apps uses the AI models listed below.");
  expect(notice).toContain("**Built with Llama** (Llama 3.2 Community License Agreement)");
  expect(notice).toContain("> Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.");
  expect(notice).toContain("Attribution: Uses Acme Tiny 1B by Acme Labs (OMRL 1.0)");
  expect(notice).toContain("Llama 3.2 Acceptable Use Policy");
  const lock = parseLockfile(await readFile(join(dir, "omrl.lock.json"), "utf8"));
  for (const model of lock.models) expect(notice).toContain(`terms hash \`${model.termsHash}\``);

  const statement = JSON.parse(await readFile(join(dir, "out/statement.json"), "utf8")) as Statement;
  expect(new Ajv2020({ strict: true }).validate(statementSchema, statement)).toBe(true);
  expect(verifyStatementHash(statement)).toBe(true);
  expect(statement.periods).toEqual(["2026-Q3"]);
  // net = 138,750.50 − 3,050.50 = 135,700; tiny: 0.4 × 135,700 × 5% ; Llama chat: 0.6 × 135,700 × 2.5%.
  const owed = Object.fromEntries(statement.obligations.map((o) => [o.id, [o.basisAmount, o.owed, o.amount]]));
  expect(owed).toEqual({
    "acme/tiny-1b:2026-Q3": ["54280", "2714", "2714000000"],
    "acme/Llama-3.2-1B-Chat-OMRL:2026-Q3": ["81420", "2035.5", "2035500000"],
  });
  for (const o of statement.obligations) expect(o.token.id).toBe("eip155:31337/erc20:0x5FbDB2315678afecb367f032d93F642f64180aa3");
});

test("the committed lockfile is what omrl check writes (deterministic), and a changed weight file fails --frozen", async () => {
  const committed = await readFile(join(dir, "omrl.lock.json"), "utf8");
  const fresh = await runOmrl(["check", "--lockfile", "fresh.lock.json"], { cwd: dir, env: { HF_HUB_OFFLINE: "1" } });
  expect(fresh.code).toBe(0);
  expect(await readFile(join(dir, "fresh.lock.json"), "utf8")).toBe(committed);

  await writeFile(join(dir, "models/acme-tiny-1b/model.safetensors"), "not the weights that were locked");
  const frozen = await runOmrl(["check", "--frozen"], { cwd: dir, env: { HF_HUB_OFFLINE: "1" } });
  expect(frozen.code).toBe(1);
  expect(frozen.stdout).toMatch(/acme\/tiny-1b: artifact model\.safetensors changed: sha256 47265bac[0-9a-f]+ → [0-9a-f]{64}, size 184 → 32/);
  expect(await readFile(join(dir, "omrl.lock.json"), "utf8")).toBe(committed);
});

test("ci.sh never falls back to an unpublished `npx omrl`: it uses the installed CLI, or stops with the install hint", async () => {
  const bare = await mkdtemp(join(tmpdir(), "omrl-example-app-ci-bare-"));
  try {
    await cp(example, bare, { recursive: true, filter: (src) => !src.endsWith(".test.ts") && !src.includes(`${example}out`) });
    const missing = await runProcess("sh", ["ci.sh"], { cwd: bare, env: { HF_HUB_OFFLINE: "1", OMRL: "" } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("ci.sh: no omrl CLI: install it (npm install --save-dev /path/to/omrl-0.1.0.tgz) or set OMRL\n");
    // an installed CLI (what `npm install …tgz` puts in node_modules/.bin) is picked up
    await mkdir(join(bare, "node_modules/.bin"), { recursive: true });
    await writeFile(join(bare, "node_modules/.bin/omrl"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI_PATH)} "$@"\n`, { mode: 0o755 });
    const installed = await runProcess("sh", ["ci.sh"], { cwd: bare, env: { HF_HUB_OFFLINE: "1", OMRL: "", OUT: "out" } });
    expect(installed.stderr).toBe("");
    expect(installed.code).toBe(0);
  } finally {
    await rm(bare, { recursive: true, force: true });
  }
});
