/**
 * Types of the licence knowledge base and of the obligations an SPDX expression imposes.
 *
 * Every field that describes what a licence *allows* has an explicit `"unknown"` value. A policy
 * must treat `"unknown"` as "a person has to read the licence", never as "allowed": that is why it
 * is a value of its own and not a missing field.
 */

/**
 * How far a licence allows something.
 * - `allowed`: allowed; the only conditions are notices, attribution and passing use restrictions on.
 * - `restricted`: allowed only for some users or uses (a user or revenue threshold, a field of use,
 *   no training of other models…); `commercialConditions` / `derivativeConditions` say which.
 * - `forbidden`: not allowed under this licence (another licence from the licensor may allow it).
 * - `unknown`: the identifier does not name one licence text (`unknown`, `other`, a family).
 */
export type LicensePermission = "allowed" | "restricted" | "forbidden" | "unknown";

/** A yes/no property that is not known for identifiers naming no single licence. */
export type LicenseFlag = boolean | "unknown";

export type LicenseCategory =
  | "permissive"
  | "copyleft"
  | "weak-copyleft"
  | "non-commercial"
  | "openrail"
  | "model-community"
  | "public-domain"
  | "data"
  | "unknown"
  | "other";

export type LicenseAttribution = {
  /** Whether copies or derivatives must carry an attribution, notice or the licence text. */
  required: LicenseFlag;
  /** Text to display in a product or its documentation, e.g. `"Built with Llama"`. */
  text?: string;
  /** Notice text to ship with copies (a NOTICE file), verbatim as the licence gives it. */
  notice?: string;
  /** What the requirement is, in a sentence (where the notice goes, what to keep). */
  requirement?: string;
};

export type LicenseNaming = {
  /** A derived model's name must begin with this, e.g. `"Llama"`. */
  prefix: string;
  rule: string;
};

export type LicenseUserThreshold = {
  /** Monthly active users above which the licence no longer grants the rights by itself. */
  monthlyActiveUsers: number;
  effect: string;
};

export type LicenseRevenueThreshold = {
  /** Decimal string, in `currency` (money is never a `number`). */
  annualRevenue: string;
  currency: "USD";
  effect: string;
};

export type LicenseUseRestrictions = {
  /** Whether use restrictions bind every downstream recipient (must be passed on). */
  flowDown: LicenseFlag;
  /** Where the restrictions are, e.g. `"Attachment A"`, `"Gemma Prohibited Use Policy"`. */
  source?: string;
  url?: string;
};

/** One licence the Hugging Face Hub accepts (or that the project adds, like OMRL). */
export type LicenseEntry = {
  /** The Hub identifier: the card's `license:` value, or its `license_name:` under `license: other`. */
  hubId: string;
  /** How a model card declares this licence. */
  hubCard: { license: string; licenseName?: string };
  /** Whether `hubId` is in the Hub's own list of licence identifiers. */
  onHubList: boolean;
  /** SPDX licence identifier, or a `LicenseRef-…` where SPDX has none. */
  spdx: string;
  name: string;
  /** Where the licence text is (absolute URL, or a path inside this package for OMRL). */
  url: string;
  /** Other spellings that mean the same licence (deprecated SPDX ids, `-or-later` forms…). */
  aliases?: string[];
  /** The Hub id names a family of licences, not one text; fields hold only what all members share. */
  family?: boolean;
  commercialUse: LicensePermission;
  commercialConditions?: string;
  derivatives: LicensePermission;
  derivativeConditions?: string;
  /** Derivatives (or redistributed copies) must be licensed under the same terms. */
  shareAlike: LicenseFlag;
  attribution: LicenseAttribution;
  naming?: LicenseNaming;
  userThreshold?: LicenseUserThreshold;
  revenueThreshold?: LicenseRevenueThreshold;
  useRestrictions: LicenseUseRestrictions;
  /** Commercial use owes a share of revenue (OMRL). */
  revenueShare?: boolean;
  category: LicenseCategory[];
  /** What the entry does not capture, or what was not verified field by field. */
  notes?: string;
};

/** A parsed SPDX licence expression (the shape spdx-expression-parse returns). */
export type LicenseExpression =
  | { license: string; plus?: true; exception?: string }
  | { conjunction: "and" | "or"; left: LicenseExpression; right: LicenseExpression };

/** A value in an obligation set, with the licence (SPDX id) it comes from. */
export type FromLicense<T> = T & { license: string };

/** One licence term of an expression, as it was resolved against the knowledge base. */
export type ObligationLicense = {
  /** SPDX id or LicenseRef, as written after Hub ids were mapped. */
  license: string;
  /** The knowledge-base entry's Hub id, when the licence is in the knowledge base. */
  hubId?: string;
  /** `+`: this version or any later one. */
  plus?: true;
  /** SPDX `WITH` exception, carried along (it usually relaxes an obligation; not modelled). */
  exception?: string;
  /** Whether the knowledge base knows the licence; unknown licences make every field `"unknown"`. */
  known: boolean;
};

/**
 * What using a work under a set of licences (all at once, i.e. joined by AND) obliges. Permissions
 * are the most restrictive of the licences' (`allowed` < `restricted` < `unknown` < `forbidden`);
 * flags are `true` if any licence sets them, else `"unknown"` if any is unknown; lists are unions.
 */
export type Obligations = {
  licenses: ObligationLicense[];
  commercialUse: LicensePermission;
  commercialConditions: FromLicense<{ text: string }>[];
  derivatives: LicensePermission;
  derivativeConditions: FromLicense<{ text: string }>[];
  shareAlike: LicenseFlag;
  attribution: {
    required: LicenseFlag;
    /** Texts to display, e.g. "Built with Llama". */
    texts: FromLicense<{ text: string }>[];
    /** Notice texts to ship with copies. */
    notices: FromLicense<{ text: string }>[];
    requirements: FromLicense<{ text: string }>[];
  };
  naming: FromLicense<LicenseNaming>[];
  userThresholds: FromLicense<LicenseUserThreshold>[];
  revenueThresholds: FromLicense<LicenseRevenueThreshold>[];
  useRestrictions: {
    flowDown: LicenseFlag;
    sources: FromLicense<{ source?: string; url?: string }>[];
  };
  /** Commercial use owes a revenue share (OMRL): the release's omrl.json says how much. */
  revenueShare: boolean;
  /** SPDX `WITH` exceptions in this alternative. */
  exceptions: FromLicense<{ exception: string }>[];
  /** Licences the knowledge base does not know (every field above is then at least `"unknown"`). */
  unknownLicenses: string[];
};
