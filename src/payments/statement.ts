import { getAddress, isAddress, type Address, type Hex } from "viem";
import { hashStatement, type Obligation, type Statement } from "../obligations/index.js";
import { InvalidStatementError, PayeeSumMismatchError } from "./errors.js";
import { evmChainId, parseCaip10 } from "../terms/index.js";

/** A statement checked for paying: addresses checksummed, amounts as bigint. */
export type ParsedStatement = {
  statement: Statement;
  statementHash: Hex;
  /** The licensee's address (from its CAIP-10 account). */
  payer: Address;
  /** The chain id of the licensee's CAIP-10 account. */
  payerChainId: number;
  obligations: ParsedObligation[];
};

export type ParsedObligation = {
  obligation: Obligation;
  id: string;
  termsHash: Hex;
  dueDate: string;
  chainId: number;
  token: Address;
  symbol: string;
  decimals: number;
  router: Address | null;
  amount: bigint;
  exempt: boolean;
  payees: { account: Address; amount: bigint }[];
};

const MAX_OBLIGATIONS = 10_000;
const MAX_PAYEES = 1_000;
/** uint256 has at most 78 decimal digits. */
const BASE_UNITS = /^(0|[1-9]\d{0,77})$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UINT256_MAX = 2n ** 256n - 1n;

export type ParseStatementOptions = {
  /** Refuse a statement whose `statementHash` does not match its content (default true). */
  verifyHash?: boolean;
  /** Where it came from, for errors (a file path). */
  location?: string;
};

function fail(message: string, where: string, location: string | undefined, obligationId?: string): never {
  throw new InvalidStatementError(message, {
    location: location ? `${location}#${where}` : where,
    ...(obligationId === undefined ? {} : { obligationId }),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function baseUnits(value: unknown, where: string, location: string | undefined, obligationId?: string): bigint {
  if (typeof value !== "string" || !BASE_UNITS.test(value))
    fail(`expected integer base units as a decimal string, got ${JSON.stringify(value)}`, where, location, obligationId);
  const units = BigInt(value);
  if (units > UINT256_MAX) fail(`${value} does not fit in uint256`, where, location, obligationId);
  return units;
}

function address(value: unknown, where: string, location: string | undefined, obligationId?: string): Address {
  if (typeof value === "string") {
    const raw = eip155Account(value) ?? value;
    if (isAddress(raw, { strict: false })) return getAddress(raw);
  }
  return fail(`expected a 0x address, got ${JSON.stringify(value)}`, where, location, obligationId);
}

function eip155ChainId(value: unknown, where: string, location: string | undefined, obligationId?: string): number {
  const chainId = typeof value === "string" ? evmChainId(value) : undefined;
  if (chainId === undefined) fail(`expected a CAIP-2 chain such as "eip155:8453", got ${JSON.stringify(value)}`, where, location, obligationId);
  return chainId;
}

/** The address of an `eip155:<chain>:0x…` CAIP-10 account, or undefined. */
function eip155Account(value: string): string | undefined {
  const account = parseCaip10(value);
  return account && evmChainId(account.chain) !== undefined && isAddress(account.address, { strict: false }) ? account.address : undefined;
}

/**
 * Parses and checks a statement for paying: every amount is integer base units, every payee
 * split sums exactly to its obligation's amount, addresses are valid, and (by default) the
 * `statementHash` matches the content. Throws `InvalidStatementError` (or
 * `PayeeSumMismatchError`) naming the obligation.
 *
 * @example
 * const parsed = parseStatementForPayment(JSON.parse(await readFile("s.json", "utf8")));
 * parsed.obligations[0].amount // 5000500000n
 */
export function parseStatementForPayment(json: unknown, options: ParseStatementOptions = {}): ParsedStatement {
  if (isParsedStatement(json)) return json;
  const { verifyHash = true, location } = options;
  if (!isRecord(json)) fail("a statement is a JSON object", "/", location);
  if (json.omrlStatement !== "1.0")
    fail(`unsupported statement format ${JSON.stringify(json.omrlStatement)} (expected "1.0")`, "/omrlStatement", location);
  const statementHash = json.statementHash;
  if (typeof statementHash !== "string" || !HASH.test(statementHash))
    fail("statementHash must be 0x + 64 hex digits", "/statementHash", location);
  if (verifyHash) {
    const actual = hashStatement(json as unknown as Statement);
    if (actual.toLowerCase() !== statementHash.toLowerCase())
      fail(`statementHash ${statementHash} does not match the content (${actual}); the statement was changed`, "/statementHash", location);
  }
  const licensee = json.licensee;
  if (!isRecord(licensee)) fail("licensee must be an object", "/licensee", location);
  const account = typeof licensee.account === "string" ? eip155Account(licensee.account) : undefined;
  if (!account) fail(`licensee.account must be a CAIP-10 account "eip155:<chain>:0x…"`, "/licensee/account", location);
  const payer = getAddress(account);
  const obligationsJson = json.obligations;
  if (!Array.isArray(obligationsJson)) fail("obligations must be an array", "/obligations", location);
  if (obligationsJson.length > MAX_OBLIGATIONS)
    fail(`more than ${MAX_OBLIGATIONS} obligations`, "/obligations", location);

  const seen = new Set<string>();
  const obligations = obligationsJson.map((o, i): ParsedObligation => {
    const at = `/obligations/${i}`;
    if (!isRecord(o)) fail("an obligation is an object", at, location);
    if (typeof o.id !== "string" || o.id.length === 0 || o.id.length > 512) fail("id must be a non-empty string", `${at}/id`, location);
    const id = o.id;
    if (seen.has(id)) fail("duplicate obligation id", `${at}/id`, location, id);
    seen.add(id);
    const exempt = o.exempt === true;
    const amount = baseUnits(o.amount, `${at}/amount`, location, id);
    if (typeof o.termsHash !== "string" || !HASH.test(o.termsHash))
      fail("termsHash must be 0x + 64 hex digits", `${at}/termsHash`, location, id);
    if (typeof o.dueDate !== "string" || !DATE.test(o.dueDate)) fail("dueDate must be YYYY-MM-DD", `${at}/dueDate`, location, id);
    if (!Array.isArray(o.payees)) fail("payees must be an array", `${at}/payees`, location, id);
    if (o.payees.length > MAX_PAYEES) fail(`more than ${MAX_PAYEES} payees`, `${at}/payees`, location, id);
    const needsPayment = !exempt && amount > 0n;
    const chainId = needsPayment || o.chain != null ? eip155ChainId(o.chain, `${at}/chain`, location, id) : 0;
    const token = o.token;
    let tokenAddress: Address = "0x0000000000000000000000000000000000000000";
    let symbol = "";
    let decimals = 0;
    if (needsPayment || token != null) {
      if (!isRecord(token)) fail("token must be an object", `${at}/token`, location, id);
      tokenAddress = address(token.address, `${at}/token/address`, location, id);
      symbol = typeof token.symbol === "string" ? token.symbol : "";
      if (typeof token.decimals !== "number" || !Number.isInteger(token.decimals) || token.decimals < 0 || token.decimals > 36)
        fail("token.decimals must be an integer 0–36", `${at}/token/decimals`, location, id);
      decimals = token.decimals;
    }
    const router = o.router == null ? null : address(o.router, `${at}/router`, location, id);
    const payees = o.payees.map((p: unknown, k: number) => {
      if (!isRecord(p)) fail("a payee is an object", `${at}/payees/${k}`, location, id);
      return {
        account: address(p.account, `${at}/payees/${k}/account`, location, id),
        amount: baseUnits(p.amount, `${at}/payees/${k}/amount`, location, id),
      };
    });
    const payeesSum = payees.reduce((sum, p) => sum + p.amount, 0n);
    if (payeesSum !== amount)
      throw new PayeeSumMismatchError({ obligationId: id, amount, payeesSum, location: location ? `${location}#${at}/payees` : `${at}/payees` });
    if (needsPayment && payees.length === 0) fail("an obligation with an amount needs payees", `${at}/payees`, location, id);
    return {
      obligation: o as unknown as Obligation,
      id,
      termsHash: o.termsHash as Hex,
      dueDate: o.dueDate,
      chainId,
      token: tokenAddress,
      symbol,
      decimals,
      router,
      amount,
      exempt,
      payees,
    };
  });
  return {
    statement: json as unknown as Statement,
    statementHash: statementHash as Hex,
    payer,
    payerChainId: Number(account[1]),
    obligations,
  };
}

/** True for the result of `parseStatementForPayment` (so functions accept either form). */
export function isParsedStatement(value: unknown): value is ParsedStatement {
  return isRecord(value) && "statement" in value && "payer" in value && Array.isArray(value.obligations) && "statementHash" in value && "payerChainId" in value;
}
