import { decodeFunctionData, erc20Abi, getAddress, keccak256, stringToBytes } from "viem";
import { describe, expect, test } from "vitest";
import {
  computeSafeBatchChecksum,
  InvalidSafeBatchError,
  planPayments,
  SafeBatchChecksumError,
  serializeForSafeChecksum,
  toSafeBatch,
  toWalletSendCalls,
  validateSafeBatch,
} from "../../src/index.js";
import { makeStatement } from "./fixtures.js";

/**
 * A batch file really exported by the Safe Transaction Builder (v1.18.2, an Ethereum mainnet
 * USDC `approve`), with the checksum the app wrote. Source: the example quoted in
 * github.com/5afe/safe-cli-nodejs, TRANSACTION_BUILDER_FORMAT_ANALYSIS.md ("Safe Transaction
 * Builder Format (Example)").
 */
const REAL_EXPORT = {
  version: "1.0",
  chainId: "1",
  createdAt: 1761326849944,
  meta: {
    name: "Transactions Batch",
    description: "",
    txBuilderVersion: "1.18.2",
    createdFromSafeAddress: "0xA77DE01e157f9f57C7c4A326eeE9C4874D0598b6",
    createdFromOwnerAddress: "",
    checksum: "0x8b5032f716845c8b08bab3d63dbd9ba92e056f3557793cd041e59b84e16aa989",
  },
  transactions: [
    {
      to: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
      value: "0",
      data: null,
      contractMethod: {
        inputs: [
          { internalType: "address", name: "spender", type: "address" },
          { internalType: "uint256", name: "value", type: "uint256" },
        ],
        name: "approve",
        payable: false,
      },
      contractInputsValues: { spender: "0x474e5Ded6b5D078163BFB8F6dBa355C3aA5478C8", value: "100000000000" },
    },
  ],
};

/**
 * The Safe app's own unit-test vector: safe-global/safe-react-apps,
 * apps/tx-builder/src/lib/checksum.test.js (commit 81f2251a9b7c56719bf942d1a6fb8e2d029612f8).
 * The app's `addChecksum` hashes this object as is — including its `checksum: ""` — with
 * `meta.name` nulled, and expects 0x4ecbfd36…; it mixes contract-method and raw-data transactions.
 */
const APP_TEST_VECTOR = {
  version: "1.0",
  chainId: "4",
  createdAt: 1646321521061,
  meta: {
    name: "test batch file",
    txBuilderVersion: "1.4.0",
    checksum: "",
    createdFromSafeAddress: "0xDF8a1Ce35c9a6ACE153B4e0767942f1E2291a1Aa",
    createdFromOwnerAddress: "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6",
  },
  transactions: [
    {
      to: "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6",
      value: "0",
      contractMethod: { inputs: [{ internalType: "address", name: "paramAddress", type: "address" }], name: "testAddress", payable: false },
      contractInputsValues: { paramAddress: "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6" },
    },
    {
      to: "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6",
      value: "0",
      contractMethod: { inputs: [{ internalType: "bool", name: "paramBool", type: "bool" }], name: "testBool", payable: false },
      contractInputsValues: { paramAddress: "", paramBool: "false" },
    },
    {
      to: "0x49d4450977E2c95362C13D3a31a09311E0Ea26A6",
      value: "2000000000000000000",
      data: "0x42f4579000000000000000000000000049d4450977e2c95362c13d3a31a09311e0ea26a6",
    },
  ],
};

const PAYER = getAddress("0x1111111111111111111111111111111111111111");
const TOKEN = getAddress("0x2222222222222222222222222222222222222222");
const AUTHOR = getAddress("0x4444444444444444444444444444444444444444");
const FUNDERS = getAddress("0x5555555555555555555555555555555555555555");

const plan = () =>
  planPayments(
    makeStatement({
      payer: PAYER,
      chainId: 8453,
      token: TOKEN,
      obligations: [{ id: "acme/tiny-1b:2026-Q3", amount: 5_000_500_000n, payees: [{ account: AUTHOR, sharePpm: 700_000n }, { account: FUNDERS, sharePpm: 300_000n }] }],
    }),
  );

describe("the Safe Transaction Builder checksum", () => {
  test("matches the checksum the app wrote into a real exported file", () => {
    expect(computeSafeBatchChecksum(REAL_EXPORT)).toBe(REAL_EXPORT.meta.checksum);
    expect(validateSafeBatch(structuredClone(REAL_EXPORT)).meta.checksum).toBe(REAL_EXPORT.meta.checksum);
  });

  test("matches the app's own test vector (checksum field present but empty while hashing)", () => {
    const { meta, ...rest } = APP_TEST_VECTOR;
    // computeSafeBatchChecksum leaves meta.checksum out (as the app's validate does), while this
    // vector was hashed with checksum "" inside, so hash the app's exact input with our serialiser.
    const asTheAppHashedIt = serializeForSafeChecksum({ ...rest, meta: { ...meta, name: null } });
    expect(keccak256(stringToBytes(asTheAppHashedIt))).toBe("0x4ecbfd364aa6759983915644e73f8bd411e85a2dc306f252a387c2728c4db64c");
  });

  test("serialises objects with sorted keys and a trailing comma per value", () => {
    expect(serializeForSafeChecksum({ b: 1, a: [2, "x"], c: null, d: undefined })).toBe('{["a","b","c","d"][2,"x"],1,null,null,}');
  });

  test("does not depend on key order or on the batch name, and changes with the transactions' order", () => {
    const reordered = {
      transactions: REAL_EXPORT.transactions,
      meta: { ...Object.fromEntries(Object.entries(REAL_EXPORT.meta).reverse()), name: "Renamed batch" },
      createdAt: REAL_EXPORT.createdAt,
      chainId: REAL_EXPORT.chainId,
      version: REAL_EXPORT.version,
    };
    expect(computeSafeBatchChecksum(reordered)).toBe(REAL_EXPORT.meta.checksum);
    const two = { ...REAL_EXPORT, transactions: [...REAL_EXPORT.transactions, { ...REAL_EXPORT.transactions[0]!, value: "1" }] };
    const swapped = { ...two, transactions: [...two.transactions].reverse() };
    expect(computeSafeBatchChecksum(two)).not.toBe(computeSafeBatchChecksum(swapped));
  });
});

describe("toSafeBatch / validateSafeBatch", () => {
  test("a batch file with every field the Transaction Builder writes, and a valid checksum", () => {
    const batch = toSafeBatch(plan(), { safeAddress: PAYER, name: "OMRL 2026-Q3", description: "Acme Apps revenue share", createdAt: 1_790_000_000_000 });
    expect(batch.version).toBe("1.0");
    expect(batch.chainId).toBe("8453");
    expect(batch.createdAt).toBe(1_790_000_000_000);
    expect(batch.meta).toMatchObject({ name: "OMRL 2026-Q3", description: "Acme Apps revenue share", createdFromSafeAddress: PAYER, createdFromOwnerAddress: "" });
    expect(batch.meta.txBuilderVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(batch.transactions).toHaveLength(2);
    const [first] = batch.transactions;
    expect(first).toMatchObject({
      to: TOKEN,
      value: "0",
      contractMethod: { name: "transfer", payable: false },
      contractInputsValues: { to: AUTHOR, value: "3500350000" },
    });
    expect(decodeFunctionData({ abi: erc20Abi, data: first!.data! }).args).toEqual([AUTHOR, 3_500_350_000n]);
    // Survives a JSON round trip, as a file does.
    const reread = JSON.parse(JSON.stringify(batch, null, 2));
    expect(validateSafeBatch(reread).meta.checksum).toBe(batch.meta.checksum);
    expect(computeSafeBatchChecksum(reread)).toBe(batch.meta.checksum);
  });

  test("a tampered amount fails the checksum with a typed error", () => {
    const batch = JSON.parse(JSON.stringify(toSafeBatch(plan(), { safeAddress: PAYER, name: "b", createdAt: 1 })));
    batch.transactions[1].contractInputsValues.value = "9500150000";
    expect(() => validateSafeBatch(batch)).toThrow(SafeBatchChecksumError);
    const again = JSON.parse(JSON.stringify(toSafeBatch(plan(), { safeAddress: PAYER, name: "b", createdAt: 1 })));
    again.transactions[0].to = FUNDERS;
    try {
      validateSafeBatch(again, { location: "out.json" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SafeBatchChecksumError);
      expect((error as SafeBatchChecksumError).expected).toBe(again.meta.checksum);
      expect((error as Error).message).toMatch(/^out\.json: the Safe batch checksum 0x[0-9a-f]{64} does not match/);
    }
  });

  test("calldata that disagrees with its decoded method is refused even when the checksum was recomputed", () => {
    const batch = JSON.parse(JSON.stringify(toSafeBatch(plan(), { safeAddress: PAYER, name: "b", createdAt: 1 })));
    batch.transactions[0].contractInputsValues.value = "1"; // the reviewer sees 1, the Safe would send 3500350000
    batch.meta.checksum = computeSafeBatchChecksum(batch);
    expect(() => validateSafeBatch(batch)).toThrow(InvalidSafeBatchError);
    expect(() => validateSafeBatch(batch)).toThrow(/calldata does not match/);
  });

  test("a missing checksum is refused by default and allowed on request", () => {
    const { checksum: _c, ...meta } = REAL_EXPORT.meta;
    const file = { ...REAL_EXPORT, meta };
    expect(() => validateSafeBatch(file)).toThrow(/has no meta.checksum/);
    expect(validateSafeBatch(file, { requireChecksum: false }).transactions).toHaveLength(1);
  });

  test("non-batch input is an input error", () => {
    expect(() => validateSafeBatch([])).toThrow(InvalidSafeBatchError);
    expect(() => validateSafeBatch({ ...REAL_EXPORT, chainId: 1 })).toThrow(/chainId must be a decimal string/);
  });
});

describe("toWalletSendCalls", () => {
  test("an EIP-5792 v2.0.0 request: hex chain id, atomicRequired, calls with value 0x0", () => {
    const p = plan();
    const request = toWalletSendCalls(p, { from: PAYER });
    expect(request).toEqual({
      method: "wallet_sendCalls",
      params: [
        {
          version: "2.0.0",
          chainId: "0x2105",
          from: PAYER,
          atomicRequired: true,
          calls: p.batches[0]!.lines.map((l) => ({ to: TOKEN, data: l.data, value: "0x0" })),
        },
      ],
    });
  });
});
