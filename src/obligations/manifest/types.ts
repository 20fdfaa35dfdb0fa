/** How a model is used by the app. `evaluation` and `internal` uses owe nothing. */
export type ModelUse = "hosted-inference" | "embedded" | "fine-tuned" | "evaluation" | "internal";

/** How revenue is attributed to a model: a fixed weight ("0.6"), or its share of a usage metric per period. */
export type Attribution = { weight: string } | { metric: string };

export type AppModel = {
  /** Short id used in reports (`usage:<id>`) and statement ids; defaulted by `parseAppManifest`. */
  id: string;
  /** `hf:org/name@revision` or a local path relative to the manifest. */
  source: string;
  use: ModelUse;
  attribution?: Attribution;
  /** The terms hash the app agreed to. */
  termsHash?: string;
};

export type AppPolicy = {
  licenses?: { allow?: string[]; deny?: string[] };
  maxTotalRevenueShare?: string;
  requireSignedTerms?: boolean;
  unverifiableModels?: "allow" | "deny";
};

/** `omrl.app.json`: the licensee, the models it uses, where to find them offline, its licence policy. */
export type AppManifest = {
  $schema?: string;
  omrlApp: "1.0";
  /** `account` (CAIP-10, who pays) is optional for licence-only checks; `omrl owed` needs it. */
  licensee: { name: string; account?: string; url?: string };
  models: AppModel[];
  sources?: Record<string, string>;
  policy?: AppPolicy;
};
