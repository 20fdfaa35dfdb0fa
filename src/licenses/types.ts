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
