/** One step of how an obligation was computed, in order: revenue → basis → threshold → rate/tiers → cap → stacking → conversion → split. */
export type TraceStep = { step: string; detail: string };

export type StatementPayee = { account: string; share: string; amount: string };

/** What the app owes one model (or, with `via`, one upstream model through a derivative) for one period. */
export type Obligation = {
  /** `<model id>:<period>`, or `<ancestor id>:<period>:via:<leaf id>` for a stacked upstream obligation. */
  id: string;
  /** `hf:org/name@rev` or a local path. */
  model: string;
  termsHash: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  /** The leaf model id when this is a stacked upstream (lineage) obligation, else null. */
  via: string | null;
  exempt: boolean;
  exemptReason: string | null;
  basis: "gross" | "net" | "attributable";
  /** The fiat amount the rate applies to (for a relative upstream obligation: what its child receives). */
  basisAmount: string;
  /** The terms' rate, or its tiers (`"5% to 10000, 3% above"`). */
  rate: string;
  /** Fiat owed, exact decimal string. */
  owed: string;
  conversion: { pair: string; rate: string };
  chain: string;
  token: { id: string; address: string | null; symbol: string; decimals: number };
  router: string | null;
  /** Token base units, rounded half up once. */
  amount: string;
  /** Cumulative split of `amount`; sums exactly to it. */
  payees: StatementPayee[];
  trace: TraceStep[];
};

/** A revenue statement: what a licensee owes for some periods, hashed so payments can reference it. */
export type Statement = {
  omrlStatement: "1.0";
  /** `0x` + sha256 of the RFC 8785 canonical JSON of the statement without this field. */
  statementHash: `0x${string}`;
  licensee: { name: string; account: string };
  currency: string;
  periods: string[];
  obligations: Obligation[];
};
