// npm run demo: the main job on the bundled example release (examples/model-release/).
//   1. validate its terms and verify the licensor's signature        (omrl validate)
//   2. render the licence from the terms and compare it to LICENSE.md (renderLicense)
//   3. verify the whole release: card, terms, licence, artifacts       (omrl verify)
//   4. verify a deliberately broken copy, to show what a violation looks like
// Exits 0 when the example is clean and the broken copy is caught.
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashTerms, parseTerms, renderLicense } from "../dist/index.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const example = join(root, "examples/model-release");
const cli = join(root, "dist/cli.js");
const env = { ...process.env, NO_COLOR: "1", OMRL_CACHE_DIR: join(tmpdir(), "omrl-demo-cache") };

function omrl(args) {
  const result = spawnSync(process.execPath, [cli, ...args], { env, encoding: "utf8" });
  return { code: result.status, out: `${result.stdout}${result.stderr}`.trimEnd() };
}

function section(title) {
  console.log(`\n=== ${title} ${"=".repeat(Math.max(0, 90 - title.length))}\n`);
}

let failures = 0;
function expectCode(step, actual, expected) {
  const ok = actual === expected;
  if (!ok) failures++;
  console.log(`\n${ok ? "✔" : "✘"} ${step}: exit ${actual}${ok ? "" : ` (expected ${expected})`}`);
}

section("1. Validate the terms and the licensor's signature: omrl validate examples/model-release");
const validate = omrl(["validate", example]);
console.log(validate.out);
expectCode("terms valid and signed by the licensor", validate.code, 0);

section("2. Render the licence from the terms and compare with LICENSE.md");
const terms = parseTerms(await readFile(join(example, "omrl.json"), "utf8"));
const rendered = renderLicense(terms);
const shipped = await readFile(join(example, "LICENSE.md"), "utf8");
console.log(rendered.split("\n").slice(0, 12).join("\n"));
console.log(`… (${rendered.split("\n").length} lines)`);
console.log(`\nterms hash ${hashTerms(terms)}`);
const same = rendered === shipped;
if (!same) failures++;
console.log(`${same ? "✔" : "✘"} LICENSE.md ${same ? "matches" : "does not match"} the licence rendered from omrl.json`);

section("3. Verify the release: omrl verify examples/model-release");
const clean = omrl(["verify", example]);
console.log(clean.out);
expectCode("the example release is compliant", clean.code, 0);

section("4. Verify a broken copy: payee shares edited after signing, a weight file changed, LICENSE.md edited");
const broken = await mkdtemp(join(tmpdir(), "omrl-demo-broken-"));
try {
  await cp(example, broken, { recursive: true });
  const brokenTerms = JSON.parse(await readFile(join(broken, "omrl.json"), "utf8"));
  brokenTerms.payment.payees[0].share = "80%";
  await writeFile(join(broken, "omrl.json"), `${JSON.stringify(brokenTerms, null, 2)}\n`);
  const weights = join(broken, brokenTerms.model.artifacts[0].path);
  const bytes = await readFile(weights);
  bytes[bytes.length - 1] ^= 0xff;
  await writeFile(weights, bytes);
  await writeFile(join(broken, "LICENSE.md"), shipped.replace("30 days", "90 days"));
  const report = omrl(["verify", broken]);
  console.log(report.out.replaceAll(broken, "<broken copy>"));
  expectCode("the broken copy is caught", report.code, 1);
} finally {
  await rm(broken, { recursive: true, force: true });
}

section("Result");
console.log(failures === 0 ? "Demo finished: the example release is compliant and the broken copy was caught." : `Demo finished with ${failures} unexpected result(s).`);
process.exitCode = failures === 0 ? 0 : 1;
