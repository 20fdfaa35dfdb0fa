import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Address } from "viem";
import { deployRouter, firstRegistrant, readRegistration, registerTerms } from "../../src/payments/router/index.js";
import { hashTerms, type OmrlTerms } from "../../src/terms/index.js";
import { exampleTerms } from "../fixtures/terms.js";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { runOmrl } from "../helpers/cli.js";
import { deployTestToken } from "../helpers/erc20.js";

let anvil: Anvil;
let router: Address;
let token: Address;
const folders: string[] = [];

/** A minimal valid safetensors file: 8-byte little-endian header length, JSON header, 8 data bytes. */
function safetensors(data: Buffer): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: "F32", shape: [2], data_offsets: [0, data.length] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, data]);
}

const WEIGHTS = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
const WEIGHTS_DIGEST = `0x${createHash("sha256").update(WEIGHTS).digest("hex")}`;

/** A release folder with omrl.json naming `licensor` on the Anvil chain and one weights file. */
function release(licensorIndex: number, modelName: string): { dir: string; terms: OmrlTerms } {
  const dir = mkdtempSync(join(tmpdir(), "omrl-register-"));
  folders.push(dir);
  const bytes = safetensors(WEIGHTS);
  writeFileSync(join(dir, "model.safetensors"), bytes);
  const base = exampleTerms();
  const terms: OmrlTerms = {
    ...base,
    model: {
      name: modelName,
      artifacts: [{ path: "model.safetensors", size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") }],
    },
    licensor: { name: "Licensor", account: `eip155:31337:${anvil.accounts[licensorIndex]!.address}` },
    payment: {
      ...base.payment,
      chain: "eip155:31337",
      token: { id: `eip155:31337/erc20:${token}`, symbol: "tUSD", decimals: 6 },
    },
    upstream: undefined,
  };
  delete terms.upstream;
  writeFileSync(join(dir, "omrl.json"), JSON.stringify(terms, null, 2));
  return { dir, terms };
}

const env = (licensorIndex: number) => ({ OMRL_PRIVATE_KEY: anvil.accounts[licensorIndex]!.privateKey });

beforeAll(async () => {
  anvil = await startAnvil();
  ({ address: router } = await deployRouter({ walletClient: anvil.walletClient(0), publicClient: anvil.publicClient }));
  ({ address: token } = await deployTestToken(anvil, {}));
});
afterAll(async () => {
  await anvil?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("omrl register", () => {
  it("--dry-run shows the terms hash, split and weights digest without a key or a chain", async () => {
    const { dir, terms } = release(0, "Dry Run Model");
    const result = await runOmrl(["register", dir, "--router", router, "--dry-run", "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: "planned",
      termsHash: hashTerms(terms),
      chainId: 31337,
      licensor: anvil.accounts[0]!.address,
      token,
      payees: [
        { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", sharePpm: "700000" },
        { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", sharePpm: "300000" },
      ],
      artifactDigests: [{ path: "model.safetensors", digest: WEIGHTS_DIGEST }],
    });
  });

  it("registers on the router, is idempotent, and shows a re-registration of the same weights by someone else", async () => {
    const original = release(0, "Original Model");
    const args = (dir: string) => ["register", dir, "--router", router, "--rpc", anvil.rpcUrl, "--format", "json"];

    const first = await runOmrl(args(original.dir), { env: env(0) });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: "registered", termsHash: hashTerms(original.terms) });
    const registration = await readRegistration({ publicClient: anvil.publicClient, router, termsHash: hashTerms(original.terms), licensor: anvil.accounts[0]!.address });
    expect(registration).toMatchObject({
      licensor: anvil.accounts[0]!.address,
      token,
      payees: [
        { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", sharePpm: 700_000n },
        { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", sharePpm: 300_000n },
      ],
      artifactDigests: [WEIGHTS_DIGEST],
    });

    const again = await runOmrl(args(original.dir), { env: env(0) });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).status).toBe("already-registered");

    const copy = release(1, "Totally New Model");
    const copied = await runOmrl(args(copy.dir), { env: env(1) });
    expect(copied.code, copied.stdout + copied.stderr).toBe(0);
    expect(copied.stderr).toContain(`were first registered by ${anvil.accounts[0]!.address}`);
    expect(JSON.parse(copied.stdout).artifactDigests).toEqual([
      { path: "model.safetensors", digest: WEIGHTS_DIGEST, firstLicensor: anvil.accounts[0]!.address },
    ]);
    expect(await firstRegistrant({ publicClient: anvil.publicClient, router, digest: WEIGHTS_DIGEST as `0x${string}` })).toEqual({
      licensor: anvil.accounts[0]!.address,
      termsHash: hashTerms(original.terms),
    });
  });

  it("a squatter who registers the published terms hash first blocks nothing: the licensor still registers", async () => {
    const { dir, terms } = release(0, "Squatted Model");
    const termsHash = hashTerms(terms);
    // A third account read omrl.json and registered its hash first, with itself as the payee.
    await registerTerms({
      walletClient: anvil.walletClient(5),
      publicClient: anvil.publicClient,
      router,
      termsHash,
      token,
      payees: [{ account: anvil.accounts[5]!.address, sharePpm: 1_000_000n }],
    });
    const result = await runOmrl(["register", dir, "--router", router, "--rpc", anvil.rpcUrl, "--no-digests", "--format", "json"], { env: env(0) });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).status).toBe("registered");
    const mine = await readRegistration({ publicClient: anvil.publicClient, router, termsHash, licensor: anvil.accounts[0]!.address });
    expect(mine?.payees.map((p) => p.account)).toEqual(["0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"]);
  });

  it("refuses a key that is not the terms' licensor, and a missing key, with exit 2", async () => {
    const { dir } = release(0, "Key Check Model");
    const wrongKey = await runOmrl(["register", dir, "--router", router, "--rpc", anvil.rpcUrl], { env: env(2) });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toMatch(/^omrl: the key in OMRL_PRIVATE_KEY is 0x\w+, but the terms name 0x\w+ as licensor\n$/);
    const noKey = await runOmrl(["register", dir, "--router", router, "--rpc", anvil.rpcUrl, "--key-env", "NO_SUCH_VAR"]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toBe("omrl: set NO_SUCH_VAR to the licensor's private key (0x + 64 hex digits)\n");
  });
});
