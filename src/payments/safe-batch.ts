import { encodeFunctionData, getAddress, isAddress, isHex, type Abi, type Address, type Hex } from "viem";
import { InvalidSafeBatchError, SafeBatchChecksumError } from "./errors.js";
import type { PaymentLine, PaymentPlan } from "./plan.js";
import { decodePaymentReference, PAYMENT_REFERENCE_BYTES } from "./reference.js";
import { computeSafeBatchChecksum } from "./safe-checksum.js";

export type SafeContractInput = { internalType: string; name: string; type: string };
export type SafeContractMethod = { inputs: SafeContractInput[]; name: string; payable: boolean };

/** One transaction of a Safe Transaction Builder batch file. */
export type SafeBatchTransaction = {
  to: Address;
  /** Wei, decimal string. */
  value: string;
  /** Calldata; when present the Transaction Builder executes exactly these bytes. */
  data: Hex | null;
  contractMethod: SafeContractMethod | null;
  contractInputsValues: Record<string, string> | null;
};

/** A Safe Transaction Builder batch file (format `version: "1.0"`), as the app imports and exports it. */
export type SafeBatchFile = {
  version: "1.0";
  chainId: string;
  createdAt: number;
  meta: {
    name: string;
    description: string;
    txBuilderVersion: string;
    createdFromSafeAddress: Address;
    createdFromOwnerAddress: string;
    checksum: Hex;
  };
  transactions: SafeBatchTransaction[];
};

/** The Transaction Builder version whose export format this mirrors. */
export const SAFE_TX_BUILDER_VERSION = "1.18.2";

export type ToSafeBatchParameters = {
  /** The Safe that executes the batch (the payer). */
  safeAddress: Address;
  name: string;
  description?: string;
  /** Milliseconds since the epoch (the app writes `Date.now()`); pass it for reproducible files. */
  createdAt: number;
  /** Which chain's lines, when the plan spans several. */
  chainId?: number;
  txBuilderVersion?: string;
};

const ADDRESS_INPUT = (name: string): SafeContractInput => ({ internalType: "address", name, type: "address" });
const UINT_INPUT = (name: string): SafeContractInput => ({ internalType: "uint256", name, type: "uint256" });
const BYTES32_INPUT = (name: string): SafeContractInput => ({ internalType: "bytes32", name, type: "bytes32" });

function describe(line: PaymentLine): Pick<SafeBatchTransaction, "contractMethod" | "contractInputsValues"> {
  switch (line.kind) {
    case "transfer":
      return {
        contractMethod: { inputs: [ADDRESS_INPUT("to"), UINT_INPUT("value")], name: "transfer", payable: false },
        contractInputsValues: { to: line.payee, value: line.amount.toString() },
      };
    case "approve":
      return {
        contractMethod: { inputs: [ADDRESS_INPUT("spender"), UINT_INPUT("value")], name: "approve", payable: false },
        contractInputsValues: { spender: line.payee, value: line.amount.toString() },
      };
    case "router-pay": {
      // The router's `pay` arguments are in the calldata; decode them back for the reviewer.
      const termsHash = `0x${line.data.slice(10, 74)}`;
      const licensor = getAddress(`0x${line.data.slice(98, 138)}`);
      const statementHash = `0x${line.data.slice(138, 202)}`;
      return {
        contractMethod: {
          inputs: [BYTES32_INPUT("termsHash"), ADDRESS_INPUT("licensor"), BYTES32_INPUT("statementHash"), UINT_INPUT("amount")],
          name: "pay",
          payable: false,
        },
        contractInputsValues: { termsHash, licensor, statementHash, amount: line.amount.toString() },
      };
    }
  }
}

/**
 * A Safe Transaction Builder batch file for the plan's lines on one chain, with the checksum the
 * app computes, so the app imports it without a warning. Each transaction carries the exact
 * calldata (`data`, which the app executes) and the decoded method and arguments for review.
 *
 * @example
 * const batch = toSafeBatch(plan, { safeAddress: "0x…", name: "OMRL 2026-Q3", createdAt: Date.now() });
 * await writeFileAtomic("out.json", JSON.stringify(batch, null, 2));
 */
export function toSafeBatch(plan: PaymentPlan, parameters: ToSafeBatchParameters): SafeBatchFile {
  const chains = [...new Set(plan.batches.map((b) => b.chainId))];
  const chainId = parameters.chainId ?? chains[0];
  if (parameters.chainId === undefined && chains.length > 1)
    throw new InvalidSafeBatchError(`the plan spans chains ${chains.join(", ")}; pick one (a Safe batch is for one chain)`);
  if (chainId === undefined) throw new InvalidSafeBatchError("the plan has nothing to pay");
  const transactions = plan.batches
    .filter((b) => b.chainId === chainId)
    .flatMap((b) => b.lines)
    .map((line): SafeBatchTransaction => ({ to: line.to, value: "0", data: line.data, ...describe(line) }));
  const withoutChecksum = {
    version: "1.0" as const,
    chainId: String(chainId),
    createdAt: parameters.createdAt,
    meta: {
      name: parameters.name,
      description: parameters.description ?? "",
      txBuilderVersion: parameters.txBuilderVersion ?? SAFE_TX_BUILDER_VERSION,
      createdFromSafeAddress: getAddress(parameters.safeAddress),
      createdFromOwnerAddress: "",
    },
    transactions,
  };
  return { ...withoutChecksum, meta: { ...withoutChecksum.meta, checksum: computeSafeBatchChecksum(withoutChecksum) } };
}

export type ValidateSafeBatchOptions = {
  /** Refuse a file without `meta.checksum` (default true; the app only warns). */
  requireChecksum?: boolean;
  location?: string;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function encodeFromMethod(method: SafeContractMethod, values: Record<string, string>): Hex | undefined {
  const args: unknown[] = [];
  for (const input of method.inputs) {
    const raw = values[input.name];
    if (raw === undefined) return undefined;
    if (/^u?int\d*$/.test(input.type)) args.push(BigInt(raw));
    else if (input.type === "bool") args.push(raw === "true");
    else if (input.type === "address" || /^bytes\d*$/.test(input.type) || input.type === "string") args.push(raw);
    else return undefined; // arrays and tuples: the app parses JSON there; not needed for payments
  }
  const abi = [{ type: "function", name: method.name, stateMutability: "nonpayable", inputs: method.inputs, outputs: [] }] as Abi;
  return encodeFunctionData({ abi, functionName: method.name, args });
}

/**
 * Checks a Safe Transaction Builder batch file: its shape, its checksum (as the app checks it on
 * import — a mismatch throws `SafeBatchChecksumError`), and that every transaction's calldata
 * agrees with its decoded method and arguments (the app executes `data`, so a disagreement would
 * show the signer one thing and do another).
 *
 * @example
 * validateSafeBatch(JSON.parse(await readFile("out.json", "utf8"))) // throws when tampered
 */
export function validateSafeBatch(json: unknown, options: ValidateSafeBatchOptions = {}): SafeBatchFile {
  const { requireChecksum = true, location } = options;
  if (!isRecord(json) || !isRecord(json.meta) || !Array.isArray(json.transactions))
    throw new InvalidSafeBatchError("not a Safe Transaction Builder batch (needs meta and transactions)", { location });
  if (typeof json.chainId !== "string" || !/^\d+$/.test(json.chainId))
    throw new InvalidSafeBatchError(`chainId must be a decimal string, got ${JSON.stringify(json.chainId)}`, { location });
  json.transactions.forEach((tx: unknown, i: number) => {
    const at = `${location ?? ""}#/transactions/${i}`;
    if (!isRecord(tx) || typeof tx.to !== "string" || !isAddress(tx.to, { strict: false }))
      throw new InvalidSafeBatchError("transaction needs a 0x address in `to`", { location: at });
    if (typeof tx.value !== "string" || !/^\d+$/.test(tx.value))
      throw new InvalidSafeBatchError("transaction value must be a decimal string of wei", { location: at });
    if (tx.data != null && (typeof tx.data !== "string" || !isHex(tx.data)))
      throw new InvalidSafeBatchError("transaction data must be 0x hex or null", { location: at });
  });
  const expected = json.meta.checksum;
  const actual = computeSafeBatchChecksum(json as { meta: object });
  if (expected === undefined || expected === null || expected === "") {
    if (requireChecksum) throw new SafeBatchChecksumError({ expected: undefined, actual, ...(location ? { location } : {}) });
  } else if (typeof expected !== "string" || expected.toLowerCase() !== actual) {
    throw new SafeBatchChecksumError({ expected: String(expected), actual, ...(location ? { location } : {}) });
  }
  json.transactions.forEach((tx: Record<string, unknown>, i: number) => {
    if (typeof tx.data !== "string" || tx.data === "0x" || !isRecord(tx.contractMethod) || !isRecord(tx.contractInputsValues)) return;
    let encoded: Hex | undefined;
    try {
      encoded = encodeFromMethod(tx.contractMethod as SafeContractMethod, tx.contractInputsValues as Record<string, string>);
    } catch (error) {
      throw new InvalidSafeBatchError("contractInputsValues do not encode", { location: `${location ?? ""}#/transactions/${i}`, cause: error });
    }
    // The Transaction Builder executes `data`; an OMRL payment reference after the arguments is
    // the one difference allowed (the token ignores it; reconciliation reads it).
    const data = tx.data.toLowerCase();
    const withoutReference = decodePaymentReference(tx.data as Hex) ? data.slice(0, data.length - PAYMENT_REFERENCE_BYTES * 2) : data;
    if (encoded !== undefined && encoded.toLowerCase() !== withoutReference)
      throw new InvalidSafeBatchError("calldata does not match contractMethod/contractInputsValues", {
        location: `${location ?? ""}#/transactions/${i}`,
        details: "The Transaction Builder executes `data`; the decoded method shown to signers says something else.",
      });
  });
  return json as unknown as SafeBatchFile;
}
