import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parseTerms, renderLicense, verifyTermsSignature } from "../../src/terms/index.js";
import { runOmrl } from "../helpers/cli.js";
import { DEV_LICENSOR_KEY, devLicensor, OTHER_KEY } from "../fixtures/terms.js";

const INIT_FLAGS = [
  "--name", "Tiny",
  "--repo", "acme/tiny",
  "--licensor", devLicensor.address,
  "--licensor-name", "Acme Labs",
  "--payee", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8=70%",
  "--payee", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC=30%:Funders",
  "--rate", "2.5%",
  "--annual-revenue", "1000000",
  "--mau", "100000",
  "--base-model", "meta-llama/Llama-3.2-1B=llama3.2:finetune",
  "--attribution", "Built with Tiny",
  "--restriction", "No spam.",
  "--issued", "2026-11-01",
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-init-"));
});

describe("omrl init", () => {
  it("writes valid terms, the rendered licence and the card's licence fields, keeping the card", async () => {
    await writeFile(join(dir, "README.md"), "---\nlanguage: en\n# a comment\ntags: [llm]\n---\n# Tiny\n\nBody stays.\n");
    const result = await runOmrl(["init", dir, ...INIT_FLAGS]);
    expect(result.code, result.stderr).toBe(0);
    const terms = parseTerms(await readFile(join(dir, "omrl.json"), "utf8"));
    expect(terms).toMatchObject({
      model: { name: "Tiny", repo: "acme/tiny" },
      licensor: { name: "Acme Labs", account: `eip155:8453:${devLicensor.address}` },
      revenueShare: { rate: "2.5%", thresholds: { annualRevenue: "1000000", revenueWindow: "trailing_12_months", monthlyActiveUsers: 100000 } },
      payment: { token: { symbol: "USDC", decimals: 6, id: "eip155:8453/erc20:0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913" } },
      upstream: [{ repo: "meta-llama/Llama-3.2-1B", license: "llama3.2", relation: "finetune" }],
    });
    expect(terms.payment.payees[1]).toEqual({ account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", share: "30%", name: "Funders" });
    expect(await readFile(join(dir, "LICENSE.md"), "utf8")).toBe(renderLicense(terms));
    const card = await readFile(join(dir, "README.md"), "utf8");
    expect(card).toContain("language: en\n# a comment\n");
    expect(card).toMatch(/license: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\nbase_model: meta-llama\/Llama-3.2-1B\nbase_model_relation: finetune\n---\n# Tiny\n\nBody stays.\n$/);
  });

  it("refuses to overwrite without --force, and overwrites with it", async () => {
    expect((await runOmrl(["init", dir, ...INIT_FLAGS])).code).toBe(0);
    const again = await runOmrl(["init", dir, ...INIT_FLAGS, "--rate", "3%"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/omrl\.json already exists; use --force/);
    expect(parseTerms(await readFile(join(dir, "omrl.json"), "utf8")).revenueShare.rate).toBe("2.5%");
    expect((await runOmrl(["init", dir, ...INIT_FLAGS, "--rate", "3%", "--force"])).code).toBe(0);
    expect(parseTerms(await readFile(join(dir, "omrl.json"), "utf8")).revenueShare.rate).toBe("3%");
  });

  it.each([
    [["--payee", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8=70%"], /not exactly 100%/],
    [["--rate", "0.05"], /percentage/],
    [["--payee", "0x1234=50%"], /expected 0xADDRESS=SHARE%/],
    [["--token", "0x0000000000000000000000000000000000000001"], /--token-symbol and --token-decimals/],
  ])("rejects bad flags %j with exit 2 and writes nothing", async (flags, message) => {
    const result = await runOmrl(["init", dir, "--licensor", devLicensor.address, ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    await expect(readFile(join(dir, "omrl.json"))).rejects.toThrow();
  });
});

describe("omrl sign and omrl validate", () => {
  it("signs with the key from the environment; validate passes, then fails after tampering", async () => {
    expect((await runOmrl(["init", dir, ...INIT_FLAGS])).code).toBe(0);
    const unsigned = await runOmrl(["validate", dir, "--format", "json"]);
    expect(unsigned.code).toBe(1);
    expect(JSON.parse(unsigned.stdout).issues[0].code).toBe("signature/unsigned");
    expect((await runOmrl(["validate", dir, "--allow-unsigned"])).code).toBe(0);

    const signed = await runOmrl(["sign", dir, "--key-env", "LICENSOR_KEY"], { env: { LICENSOR_KEY: DEV_LICENSOR_KEY } });
    expect(signed.code, signed.stderr).toBe(0);
    const terms = parseTerms(await readFile(join(dir, "omrl.json"), "utf8"));
    await expect(verifyTermsSignature(terms)).resolves.toMatchObject({ valid: true, byLicensor: true });

    const valid = await runOmrl(["validate", dir]);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain(`signed by  ${devLicensor.address}`);

    const text = await readFile(join(dir, "omrl.json"), "utf8");
    await writeFile(join(dir, "omrl.json"), text.replace('"70%"', '"69%"').replace('"30%"', '"31%"'));
    const tampered = await runOmrl(["validate", join(dir, "omrl.json"), "--format", "json"]);
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout).issues.map((i: { code: string }) => i.code)).toEqual(["signature/signer-mismatch"]);
  });

  it("refuses a key that is not the licensor's, and a missing key variable", async () => {
    expect((await runOmrl(["init", dir, ...INIT_FLAGS])).code).toBe(0);
    const other = await runOmrl(["sign", dir, "--key-env", "K"], { env: { K: OTHER_KEY } });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/not to the licensor/);
    const missing = await runOmrl(["sign", dir, "--key-env", "NOPE_NOT_SET"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/NOPE_NOT_SET is not set/);
  });

  it("reports every problem of invalid terms with exit 1, and a missing file with exit 2", async () => {
    await writeFile(join(dir, "omrl.json"), JSON.stringify({ omrl: "1.0", revenueShare: { rate: 0.05 } }));
    const invalid = await runOmrl(["validate", dir, "--format", "json"]);
    expect(invalid.code).toBe(1);
    const pointers = JSON.parse(invalid.stdout).issues.map((i: { pointer: string }) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["", "/revenueShare", "/revenueShare/rate"]));
    const missing = await runOmrl(["validate", join(dir, "nope")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
