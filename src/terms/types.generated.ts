/* Generated from license-templates/omrl-terms-1.0.schema.json by scripts/generate.mjs. Do not edit. */

/**
 * A non-negative decimal string, e.g. "1000000.00".
 */
export type Money = string;
/**
 * A percentage with at most 4 decimals (1 ppm resolution), e.g. "2.5%".
 */
export type Percent = string;
export type Caip2 = string;
export type Caip19 = string;
export type Address = string;
export type Hash = string;

/**
 * Machine-readable terms of the Open Model Revenue License (OMRL) 1.0, stored as omrl.json at the root of a model release. Money and rates are strings: a JSON number where money or a rate belongs is an error.
 */
export interface OmrlTerms {
  $schema?: string;
  /**
   * Format version of these terms.
   */
  omrl: "1.0";
  /**
   * Identity of the licensed model.
   */
  model: {
    name: string;
    /**
     * Hugging Face Hub repo id (org/name).
     */
    repo?: string;
    version?: string;
    /**
     * Files covered by these terms, with whole-file size and sha256 (what the Hub publishes for LFS files).
     *
     * @maxItems 10000
     */
    artifacts?: Artifact[];
  };
  licensor: {
    name: string;
    /**
     * CAIP-10 account whose EIP-712 signature binds these terms.
     */
    account: string;
    url?: string;
  };
  revenueShare: {
    /**
     * Share of the revenue basis owed (headline rate; tiers, when present, replace it band by band).
     */
    rate: string;
    basis: "gross" | "net" | "attributable";
    period: "month" | "quarter" | "year";
    /**
     * ISO 4217 currency of revenue, thresholds, tiers and caps.
     */
    currency: string;
    /**
     * Days after the period ends by which payment is due.
     */
    dueDays: number;
    thresholds?: {
      /**
       * A period is exempt when the app's revenue over the window is at or below this.
       */
      annualRevenue?: string;
      revenueWindow?: "trailing_12_months" | "calendar_year";
      /**
       * A period is exempt when its monthly active users are at or below this.
       */
      monthlyActiveUsers?: number;
    };
    /**
     * Marginal rate bands over each period's basis; the last band has no upTo.
     *
     * @minItems 1
     * @maxItems 32
     */
    tiers?: [
      {
        upTo?: Money;
        rate: Percent;
      },
      ...{
        upTo?: Money;
        rate: Percent;
      }[]
    ];
    /**
     * A non-negative decimal string, e.g. "1000000.00".
     */
    cap?: string;
  };
  payment: {
    chain: Caip2;
    token: {
      id: Caip19;
      symbol: string;
      decimals: number;
    };
    /**
     * Who receives the payments; shares sum to exactly 100%.
     *
     * @minItems 1
     * @maxItems 100
     */
    payees: [
      {
        account: Address;
        share: Percent;
        name?: string;
        role?: "licensor" | "author" | "funders" | "contributor" | "other";
      },
      ...{
        account: Address;
        share: Percent;
        name?: string;
        role?: "licensor" | "author" | "funders" | "contributor" | "other";
      }[]
    ];
    /**
     * An OMRLRouter through which payments may be made in one call.
     */
    router?: string;
  };
  derivatives: {
    allowed: boolean;
    /**
     * Derivatives must be released under OMRL too.
     */
    reciprocal: boolean;
    /**
     * How this model's share stacks on a derivative's revenue: absolute (of the derivative's basis, as Story's LAP) or relative (of what its child receives, as Story's LRP).
     */
    stacking: "absolute" | "relative";
  };
  attribution?: {
    required: boolean;
    text?: string;
  };
  /**
   * @maxItems 100
   */
  useRestrictions?: string[];
  /**
   * @maxItems 64
   */
  upstream?: {
    repo: string;
    revision?: string;
    /**
     * Hub licence id or SPDX expression.
     */
    license: string;
    relation?: "finetune" | "adapter" | "quantized" | "merge";
    termsHash?: Hash;
  }[];
  funding?: {
    round: string;
    url?: string;
  };
  /**
   * ISO 8601 date the terms were issued.
   */
  issued?: string;
  signature?: {
    scheme: "eip712";
    signer: Address;
    value: string;
    signedAt?: string;
  };
}
export interface Artifact {
  path: string;
  size: number;
  sha256: string;
}
