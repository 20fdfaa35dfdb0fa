import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionRevertedError,
  keccak256,
  parseEventLogs,
  toHex,
  type Address,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { InvalidInputError } from "../../src/errors.js";
import { splitCumulative } from "../../src/money/index.js";
import {
  deployRouter,
  firstRegistrant,
  omrlRouterAbi,
  omrlRouterDeployedBytecode,
  payViaRouter,
  readArtifactRegistrations,
  readRegistration,
  readRouterPayments,
  registerTerms,
  updateTerms,
  type RouterPayee,
} from "../../src/payments/router/index.js";
import { startAnvil, type Anvil } from "../helpers/anvil.js";
import { balanceOf, deployReentrantToken, deployTestToken, mint, type TestToken } from "../helpers/erc20.js";

let anvil: Anvil;
let router: Address;
let usdc: TestToken;
let counter = 0;

/** A fresh 32-byte hash per call, so every test registers its own terms. */
const freshHash = (label: string): Hex => keccak256(toHex(`${label}-${counter++}`));
const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address;
const clients = (index: number) => ({ walletClient: anvil.walletClient(index), publicClient: anvil.publicClient });
const L1 = () => anvil.accounts[1]!.address;

/** What each test registered (by account 1), so its router payments name the same licensor, token and payees. */
const registered = new Map<Hex, { licensor: Address; token: Address; payees: RouterPayee[] }>();
async function register(parameters: Parameters<typeof registerTerms>[0]) {
  const result = await registerTerms(parameters);
  registered.set(parameters.termsHash, {
    licensor: parameters.walletClient.account!.address,
    token: parameters.token,
    payees: [...parameters.payees],
  });
  return result;
}
/** payViaRouter with the registration the test made as the terms' expectation. */
function pay(parameters: Omit<Parameters<typeof payViaRouter>[0], "licensor" | "token" | "payees">) {
  const expected = registered.get(parameters.termsHash) ?? { licensor: L1(), token: usdc.address, payees: [{ account: L1(), sharePpm: 1_000_000n }] };
  return payViaRouter({ ...expected, ...parameters });
}

/** The custom error a call reverted with (decoded by viem from the router's ABI). */
async function revertName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BaseError) {
      const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
      if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName ?? reverted.reason ?? "";
    }
    throw error;
  }
  throw new Error("expected the call to revert");
}

/** Simulates a raw router call (bypassing the SDK's local checks) to see the contract's own guard. */
function rawRegister(from: number, args: readonly [Hex, Address, Address[], number[], Hex[]]) {
  return anvil.publicClient.simulateContract({
    account: anvil.accounts[from]!.account,
    address: router,
    abi: omrlRouterAbi,
    functionName: "register",
    args,
  });
}

beforeAll(async () => {
  anvil = await startAnvil();
  ({ address: router } = await deployRouter(clients(0)));
  usdc = await deployTestToken(anvil, { name: "Test USD", symbol: "tUSD", decimals: 6 });
});
afterAll(() => anvil?.stop());

describe("OMRLRouter deployment", () => {
  it("deploys the committed runtime bytecode", async () => {
    expect(await anvil.publicClient.getCode({ address: router })).toBe(omrlRouterDeployedBytecode);
  });
});

describe("register", () => {
  it("records licensor, token, split and digests, and emits TermsRegistered", async () => {
    const termsHash = freshHash("terms");
    const digest = freshHash("weights");
    const payees: RouterPayee[] = [
      { account: anvil.accounts[5]!.address, sharePpm: 700_000n },
      { account: anvil.accounts[6]!.address, sharePpm: 300_000n },
    ];
    const { transactionHash } = await registerTerms({
      ...clients(1),
      router,
      termsHash,
      token: usdc.address,
      payees,
      artifactDigests: [digest],
    });
    expect(await readRegistration({ publicClient: anvil.publicClient, router, termsHash, licensor: L1() })).toEqual({
      termsHash,
      licensor: anvil.accounts[1]!.address,
      token: usdc.address,
      version: 0,
      payees,
      artifactDigests: [digest],
    });
    const receipt = await anvil.publicClient.getTransactionReceipt({ hash: transactionHash });
    const [registered] = parseEventLogs({ abi: omrlRouterAbi, eventName: "TermsRegistered", logs: receipt.logs });
    expect(registered?.args).toEqual({
      termsHash,
      licensor: anvil.accounts[1]!.address,
      token: usdc.address,
      payees: payees.map((p) => p.account),
      sharesPpm: [700_000, 300_000],
    });
  });

  it("returns null for terms nobody registered", async () => {
    expect(await readRegistration({ publicClient: anvil.publicClient, router, termsHash: freshHash("none"), licensor: L1() })).toBeNull();
  });

  it("keys registrations by terms hash and licensor: another account's registration blocks nothing", async () => {
    const termsHash = freshHash("terms");
    const payees = [{ account: freshAddress(), sharePpm: 1_000_000n }];
    const squatter = [{ account: anvil.accounts[2]!.address, sharePpm: 1_000_000n }];
    // A third party registers the published hash first, with itself as payee…
    await registerTerms({ ...clients(2), router, termsHash, token: usdc.address, payees: squatter });
    // …and the licensor still registers; each registration stays its maker's.
    await registerTerms({ ...clients(1), router, termsHash, token: usdc.address, payees });
    expect((await readRegistration({ publicClient: anvil.publicClient, router, termsHash, licensor: L1() }))?.payees).toEqual(payees);
    expect(
      (await readRegistration({ publicClient: anvil.publicClient, router, termsHash, licensor: anvil.accounts[2]!.address }))?.payees,
    ).toEqual(squatter);
    expect(await revertName(registerTerms({ ...clients(1), router, termsHash, token: usdc.address, payees }))).toBe(
      "TermsAlreadyRegistered",
    );
  });

  it("enforces the split on chain, not only in the SDK", async () => {
    const [a, b] = [freshAddress(), freshAddress()];
    const token = usdc.address;
    const hash = freshHash("terms");
    expect(await revertName(rawRegister(1, [hash, token, [a, b], [500_000, 499_999], []]))).toBe("SharesSumInvalid");
    expect(await revertName(rawRegister(1, [hash, token, [a, a], [500_000, 500_000], []]))).toBe("DuplicatePayee");
    expect(
      await revertName(rawRegister(1, [hash, token, [a, "0x0000000000000000000000000000000000000000"], [1, 999_999], []])),
    ).toBe("ZeroPayee");
    expect(await revertName(rawRegister(1, [hash, token, [a, b], [0, 1_000_000], []]))).toBe("ZeroShare");
    expect(await revertName(rawRegister(1, [hash, token, [a, b], [1_000_000], []]))).toBe("LengthMismatch");
    expect(await revertName(rawRegister(1, [hash, token, [], [], []]))).toBe("NoPayees");
    const many = Array.from({ length: 101 }, () => freshAddress());
    const manyShares = many.map((_, i) => (i === 0 ? 1_000_000 - 100 : 1));
    expect(await revertName(rawRegister(1, [hash, token, many, manyShares, []]))).toBe("TooManyPayees");
    expect(await revertName(rawRegister(1, [hash, a, [a], [1_000_000], []]))).toBe("TokenNotContract");
    const zero = `0x${"00".repeat(32)}` as Hex;
    expect(await revertName(rawRegister(1, [zero, token, [a], [1_000_000], []]))).toBe("ZeroTermsHash");
    expect(await revertName(rawRegister(1, [hash, token, [a], [1_000_000], [zero]]))).toBe("ZeroArtifactDigest");
  });

  it("checks the split in the SDK before sending anything", async () => {
    const base = { ...clients(1), router, termsHash: freshHash("terms"), token: usdc.address };
    const a = freshAddress();
    await expect(registerTerms({ ...base, payees: [{ account: a, sharePpm: 999_999n }] })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      registerTerms({
        ...base,
        payees: [
          { account: a, sharePpm: 500_000n },
          { account: a.toLowerCase() as Address, sharePpm: 500_000n },
        ],
      }),
    ).rejects.toThrow(/listed twice/);
    await expect(registerTerms({ ...base, termsHash: "0x1234", payees: [{ account: a, sharePpm: 1_000_000n }] })).rejects.toThrow(
      /termsHash must be 32 bytes/,
    );
  });
});

describe("update", () => {
  it("lets only the registering licensor replace the split, bumping the version with an event", async () => {
    const termsHash = freshHash("terms");
    const [first, second, third] = [freshAddress(), freshAddress(), freshAddress()];
    await registerTerms({
      ...clients(1),
      router,
      termsHash,
      token: usdc.address,
      payees: [{ account: first, sharePpm: 1_000_000n }],
    });

    const newSplit = [
      { account: second, sharePpm: 600_000n },
      { account: third, sharePpm: 400_000n },
    ];
    // Account 2 has no registration of these terms: it can only ever update its own.
    expect(await revertName(updateTerms({ ...clients(2), router, termsHash, payees: newSplit }))).toBe("UnknownTerms");

    const digest = freshHash("weights");
    const { transactionHash } = await updateTerms({
      ...clients(1),
      router,
      termsHash,
      payees: newSplit,
      addedArtifactDigests: [digest],
    });
    const registration = await readRegistration({ publicClient: anvil.publicClient, router, termsHash, licensor: L1() });
    expect(registration).toMatchObject({ version: 1, payees: newSplit, token: usdc.address, artifactDigests: [digest] });
    const receipt = await anvil.publicClient.getTransactionReceipt({ hash: transactionHash });
    const [updated] = parseEventLogs({ abi: omrlRouterAbi, eventName: "TermsUpdated", logs: receipt.logs });
    expect(updated?.args).toEqual({
      termsHash,
      licensor: anvil.accounts[1]!.address,
      version: 1,
      payees: [second, third],
      sharesPpm: [600_000, 400_000],
    });
  });

  it("refuses to update terms that were never registered", async () => {
    const payees = [{ account: freshAddress(), sharePpm: 1_000_000n }];
    expect(await revertName(updateTerms({ ...clients(1), router, termsHash: freshHash("none"), payees }))).toBe(
      "UnknownTerms",
    );
  });
});

describe("weights digests", () => {
  it("records the first registrant and makes a re-registration by someone else visible", async () => {
    const digest = freshHash("weights");
    const originalTerms = freshHash("terms");
    const copyTerms = freshHash("terms");
    const publicClient = anvil.publicClient;
    expect(await firstRegistrant({ publicClient, router, digest })).toBeNull();

    const { blockNumber: fromBlock } = await registerTerms({
      ...clients(1),
      router,
      termsHash: originalTerms,
      token: usdc.address,
      payees: [{ account: anvil.accounts[1]!.address, sharePpm: 1_000_000n }],
      artifactDigests: [digest],
    });
    // Someone else re-uploads the same weights under their own terms.
    await registerTerms({
      ...clients(3),
      router,
      termsHash: copyTerms,
      token: usdc.address,
      payees: [{ account: anvil.accounts[3]!.address, sharePpm: 1_000_000n }],
      artifactDigests: [digest],
    });

    expect(await firstRegistrant({ publicClient, router, digest })).toEqual({
      licensor: anvil.accounts[1]!.address,
      termsHash: originalTerms,
    });
    const history = await readArtifactRegistrations({ publicClient, router, digest, fromBlock, toBlock: "latest" });
    expect(history.map(({ termsHash, licensor, firstLicensor, byAnotherLicensor }) => ({
      termsHash,
      licensor,
      firstLicensor,
      byAnotherLicensor,
    }))).toEqual([
      { termsHash: originalTerms, licensor: anvil.accounts[1]!.address, firstLicensor: anvil.accounts[1]!.address, byAnotherLicensor: false },
      { termsHash: copyTerms, licensor: anvil.accounts[3]!.address, firstLicensor: anvil.accounts[1]!.address, byAnotherLicensor: true },
    ]);
  });
});

describe("weights digests of a new version", () => {
  it("does not flag the same licensor registering the same weights under new terms", async () => {
    const digest = freshHash("weights");
    const payees = [{ account: anvil.accounts[1]!.address, sharePpm: 1_000_000n }];
    const base = { ...clients(1), router, token: usdc.address, payees, artifactDigests: [digest] };
    const { blockNumber: fromBlock } = await registerTerms({ ...base, termsHash: freshHash("terms") });
    await registerTerms({ ...base, termsHash: freshHash("terms") });
    const history = await readArtifactRegistrations({
      publicClient: anvil.publicClient,
      router,
      digest,
      fromBlock,
      toBlock: "latest",
    });
    expect(history.map((entry) => entry.byAnotherLicensor)).toEqual([false, false]);
  });
});

describe("pay", () => {
  /** A payer (dev account 4) funded with exactly `amount`. */
  async function fundPayer(token: Address, amount: bigint): Promise<void> {
    await mint(anvil, token, anvil.accounts[4]!.address, amount);
  }

  it("splits every payment exactly like splitCumulative, to the unit, leaving nothing in the router", async () => {
    const sharesArbitrary = fc
      .array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 })
      .map((weights) => {
        // Turn arbitrary positive weights into ppm shares ≥ 1 that sum to exactly 1e6.
        const total = weights.reduce((a, b) => a + b, 0);
        const shares = weights.map((w) => BigInt(Math.max(1, Math.floor((w * 1_000_000) / total))));
        const excess = shares.reduce((a, b) => a + b, 0n) - 1_000_000n;
        const largest = shares.indexOf(shares.reduce((a, b) => (b > a ? b : a)));
        shares[largest] = shares[largest]! - excess;
        return shares;
      })
      .filter((shares) => shares.every((s) => s >= 1n));
    const amountArbitrary = fc.oneof(
      fc.bigInt({ min: 1n, max: 1_000n }),
      fc.bigInt({ min: 1n, max: 10n ** 15n }),
      fc.bigInt({ min: 1n, max: 2n ** 200n }), // far beyond amount × 1e6 < 2^256 naive limits: mulDiv
    );

    await fc.assert(
      fc.asyncProperty(sharesArbitrary, amountArbitrary, async (shares, amount) => {
        const payees = shares.map((sharePpm) => ({ account: freshAddress(), sharePpm }));
        const termsHash = freshHash("terms");
        const statementHash = freshHash("statement");
        await register({ ...clients(1), router, termsHash, token: usdc.address, payees });
        await fundPayer(usdc.address, amount);
        const { payouts } = await pay({ ...clients(4), router, termsHash, statementHash, amount });

        const expected = splitCumulative(amount, shares);
        const balances = await Promise.all(payees.map((p) => balanceOf(anvil, usdc.address, p.account)));
        expect(balances).toEqual(expected);
        expect(balances.reduce((a, b) => a + b, 0n)).toBe(amount);
        expect(payouts).toEqual(
          payees.map((p, i) => ({ payee: p.account, amount: expected[i]! })).filter((p) => p.amount > 0n),
        );
        expect(await balanceOf(anvil, usdc.address, router)).toBe(0n);
        expect(await balanceOf(anvil, usdc.address, anvil.accounts[4]!.address)).toBe(0n);
      }),
      { numRuns: 12, seed: 20_260_501 },
    );
  });

  it("emits RevenuePaid and PayeePaid, which readRouterPayments reads back and filters", async () => {
    const termsHash = freshHash("terms");
    const [author, funders] = [freshAddress(), freshAddress()];
    const { blockNumber: fromBlock } = await register({
      ...clients(1),
      router,
      termsHash,
      token: usdc.address,
      payees: [
        { account: author, sharePpm: 666_667n },
        { account: funders, sharePpm: 333_333n },
      ],
    });
    const [january, february] = [freshHash("statement"), freshHash("statement")];
    await fundPayer(usdc.address, 300n);
    const paidJanuary = await pay({ ...clients(4), router, termsHash, statementHash: january, amount: 100n });
    const paidFebruary = await pay({ ...clients(4), router, termsHash, statementHash: february, amount: 200n });
    expect(paidJanuary.approvalTransactionHash).toMatch(/^0x[0-9a-f]{64}$/);

    const publicClient = anvil.publicClient;
    const all = await readRouterPayments({ publicClient, router, termsHash, fromBlock, toBlock: "latest" });
    expect(all).toEqual([
      {
        termsHash,
        payer: anvil.accounts[4]!.address,
        statementHash: january,
        licensor: L1(),
        amount: 100n,
        payouts: [
          { payee: author, amount: 66n },
          { payee: funders, amount: 34n },
        ],
        blockNumber: paidJanuary.blockNumber,
        transactionHash: paidJanuary.transactionHash,
        logIndex: expect.any(Number),
      },
      {
        termsHash,
        payer: anvil.accounts[4]!.address,
        statementHash: february,
        licensor: L1(),
        amount: 200n,
        payouts: [
          { payee: author, amount: 133n },
          { payee: funders, amount: 67n },
        ],
        blockNumber: paidFebruary.blockNumber,
        transactionHash: paidFebruary.transactionHash,
        logIndex: expect.any(Number),
      },
    ]);
    const onlyFebruary = await readRouterPayments({ publicClient, router, statementHash: february, fromBlock, toBlock: "latest" });
    expect(onlyFebruary.map((p) => p.amount)).toEqual([200n]);
    const byOtherPayer = await readRouterPayments({
      publicClient,
      router,
      termsHash,
      payer: anvil.accounts[7]!.address,
      fromBlock,
      toBlock: "latest",
    });
    expect(byOtherPayer).toEqual([]);
  });

  it("refuses unknown terms and a zero amount", async () => {
    const statementHash = freshHash("statement");
    await expect(
      pay({ ...clients(4), router, termsHash: freshHash("none"), statementHash, amount: 1n }),
    ).rejects.toThrow(/has not registered these terms/);
    const raw = (termsHash: Hex, amount: bigint) =>
      anvil.publicClient.simulateContract({
        account: anvil.accounts[4]!.account,
        address: router,
        abi: omrlRouterAbi,
        functionName: "pay",
        args: [termsHash, L1(), statementHash, amount],
      });
    expect(await revertName(raw(freshHash("none"), 1n))).toBe("UnknownTerms");
    const termsHash = freshHash("terms");
    await register({
      ...clients(1),
      router,
      termsHash,
      token: usdc.address,
      payees: [{ account: freshAddress(), sharePpm: 1_000_000n }],
    });
    expect(await revertName(raw(termsHash, 0n))).toBe("ZeroAmount");
  });

  it("refuses a fee-on-transfer token and moves nothing", async () => {
    const feeToken = await deployTestToken(anvil, { symbol: "FEE", feeOnTransferBps: 100 });
    const termsHash = freshHash("terms");
    const payee = freshAddress();
    await register({
      ...clients(1),
      router,
      termsHash,
      token: feeToken.address,
      payees: [{ account: payee, sharePpm: 1_000_000n }],
    });
    await fundPayer(feeToken.address, 10_000n);
    const payment = pay({ ...clients(4), router, termsHash, statementHash: freshHash("statement"), amount: 10_000n });
    expect(await revertName(payment)).toBe("FeeOnTransferToken");
    expect(await balanceOf(anvil, feeToken.address, anvil.accounts[4]!.address)).toBe(10_000n);
    expect(await balanceOf(anvil, feeToken.address, router)).toBe(0n);
    expect(await balanceOf(anvil, feeToken.address, payee)).toBe(0n);
  });

  it("reverts a token that re-enters pay", async () => {
    const evil = await deployReentrantToken(anvil);
    const termsHash = freshHash("terms");
    const statementHash = freshHash("statement");
    await register({
      ...clients(1),
      router,
      termsHash,
      token: evil.address,
      payees: [{ account: freshAddress(), sharePpm: 1_000_000n }],
    });
    await fundPayer(evil.address, 1_000n);
    // Approve before arming: the token attacks on every holder-to-holder transfer once armed.
    await pay({ ...clients(4), router, termsHash, statementHash, amount: 1n });
    const arm = await anvil.walletClient(0).writeContract({
      address: evil.address,
      abi: evil.abi,
      functionName: "arm",
      args: [router, termsHash, L1(), statementHash, 1n],
    });
    await anvil.publicClient.waitForTransactionReceipt({ hash: arm });
    const payment = pay({ ...clients(4), router, termsHash, statementHash, amount: 500n });
    expect(await revertName(payment)).toBe("ReentrancyGuardReentrantCall");
    expect(await balanceOf(anvil, evil.address, anvil.accounts[4]!.address)).toBe(999n);
  });
});
