/**
 * Small, consistent statements for the payment tests, in the shape `omrl owed` writes. The hash
 * is computed by the obligations module's `hashStatement` (sha256 of the RFC 8785 canonical JSON
 * without `statementHash`), so the statements verify like real ones.
 */
import { splitCumulative } from "../../src/money/index.js";
import { hashStatement, type Obligation, type Statement } from "../../src/obligations/index.js";

export type FixturePayee = { account: `0x${string}`; sharePpm: bigint };

export type FixtureObligation = {
  id: string;
  amount: bigint;
  payees: FixturePayee[];
  dueDate?: string;
  termsHash?: `0x${string}`;
  router?: `0x${string}` | null;
  exempt?: boolean;
  token?: `0x${string}`;
};

export const TERMS_A = `0x${"a1".repeat(32)}` as const;
export const TERMS_B = `0x${"b2".repeat(32)}` as const;

const percent = (ppm: bigint) => {
  const whole = ppm / 10_000n;
  const frac = (ppm % 10_000n).toString().padStart(4, "0").replace(/0+$/, "");
  return `${whole}${frac ? `.${frac}` : ""}%`;
};

/** Builds a hashed statement; the payee split is the licence's cumulative rule. */
export function makeStatement(parameters: {
  payer: `0x${string}`;
  chainId: number;
  token: `0x${string}`;
  obligations: FixtureObligation[];
  licensee?: string;
}): Statement {
  const { payer, chainId, token } = parameters;
  const obligations: Obligation[] = parameters.obligations.map((o) => {
    const amounts = o.exempt ? o.payees.map(() => 0n) : splitCumulative(o.amount, o.payees.map((p) => p.sharePpm));
    const obligationToken = o.token ?? token;
    return {
      id: o.id,
      model: `hf:acme/${o.id.split(":")[0]}@0123456789abcdef0123456789abcdef01234567`,
      termsHash: o.termsHash ?? TERMS_A,
      period: "2026-Q3",
      periodStart: "2026-07-01",
      periodEnd: "2026-09-30",
      dueDate: o.dueDate ?? "2026-10-30",
      via: null,
      exempt: o.exempt ?? false,
      exemptReason: o.exempt ? "annual revenue at or below the threshold" : null,
      basis: "gross",
      basisAmount: "100000.00",
      rate: "5%",
      owed: o.exempt ? "0" : "5000",
      conversion: { pair: "USD/USDC", rate: "1" },
      chain: `eip155:${chainId}`,
      token: { id: `eip155:${chainId}/erc20:${obligationToken}`, address: obligationToken, symbol: "tUSD", decimals: 6 },
      router: o.router ?? null,
      amount: o.exempt ? "0" : o.amount.toString(),
      payees: o.payees.map((p, k) => ({ account: p.account, share: percent(p.sharePpm), amount: amounts[k]!.toString() })),
      trace: [{ step: "fixture", detail: "hand-made test statement" }],
    };
  });
  const body = {
    omrlStatement: "1.0" as const,
    licensee: { name: parameters.licensee ?? "Acme Apps", account: `eip155:${chainId}:${payer}` },
    currency: "USD",
    periods: ["2026-Q3"],
    obligations,
  };
  return { ...body, statementHash: hashStatement(body) };
}

/** Re-hashes a statement after a test edits it. */
export function rehash(statement: Statement): Statement {
  return { ...statement, statementHash: hashStatement(statement) };
}
