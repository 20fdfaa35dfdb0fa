import type { CardFrontMatter } from "../artifacts/index.js";
import type { AppManifest, ModelUse } from "../obligations/index.js";
import type { VerificationResult } from "../rules/index.js";
import type { OmrlTerms, VerifyTermsSignatureReturnType } from "../terms/index.js";

/** How bad a finding is. `error` fails the gate, `warning` counts against `--max-warnings`, `info` never fails. */
export type AppSeverity = "error" | "warning" | "info";

/** One finding of an app check (or of the frozen lockfile comparison). Plain data. */
export type AppDiagnostic = {
  /** The check id: `app/commercial-use`, `app/lockfile-changed`… */
  ruleId: string;
  severity: AppSeverity;
  message: string;
  /** The manifest model id the finding is about (absent for app-wide findings). */
  model?: string | undefined;
  /** The upstream repo the finding is about, when it is an ancestor and not the model itself. */
  ancestor?: string | undefined;
  /** Where to read more: `docs/app.md#commercial-use`. */
  docs?: string | undefined;
  /** The file the finding points at (the manifest, the lockfile), as the CLI names it (relative to the working directory). */
  file?: string | undefined;
  /** A release finding's file, relative to the manifest's folder (`models/tiny/omrl.json`), for a local model. */
  releaseFile?: string | undefined;
  /** 1-based line and column in `releaseFile` or `file`, where known. */
  line?: number | undefined;
  column?: number | undefined;
};

/** A file that carries weights, with its digest where known. */
export type ResolvedArtifact = {
  path: string;
  size: number;
  /** Lower-case hex sha256; null when the source could not give one. */
  sha256: string | null;
};

/** Why something could not be verified (a `SourceReadError` reason or `invalid-terms`, `invalid-license`…). */
export type UnverifiableReason = { reason: string; message: string };

/** One upstream model of an app model, found through its terms' `upstream` and its card's `base_model`. */
export type ResolvedAncestor = {
  /** Hub repo id `org/name`. */
  repo: string;
  /** The commit it was read at (Hub), the revision its child names (a local stand-in), or null. */
  revision: string | null;
  /** SPDX expression (Hub ids mapped), or null when no licence could be found. */
  license: string | null;
  /** How its child derives from it. */
  relation: "finetune" | "adapter" | "quantized" | "merge";
  /** The repo (or, for the first generation, the app model id) that names it. */
  child: string;
  /** 1 for a direct base, 2 for its bases, … */
  depth: number;
  terms?: OmrlTerms | undefined;
  termsHash?: `0x${string}` | undefined;
  /** The terms hash its child's terms name for it (must match `termsHash`). */
  declaredTermsHash?: string | undefined;
  signature?: VerifyTermsSignatureReturnType | undefined;
  /** Set when the ancestor could not be read (gated, missing, offline, bad terms). */
  unverifiable?: UnverifiableReason | undefined;
};

/** A licence or NOTICE file at the root of a model's release, as `omrl notice` needs it. */
export type ResolvedLicenseFile = {
  path: string;
  kind: "license" | "notice";
  /** The licence the text was recognised as (SPDX id or LicenseRef), when recognised. */
  license?: string | undefined;
  /** Similarity to the SPDX text, percent (absent for agreements recognised by title). */
  confidence?: number | undefined;
  /** Copyright lines found in the file. */
  copyright: string[];
  /** A NOTICE file's text (Apache-2.0 §4(d): its attribution notices go with every copy), at most 64 KiB. */
  text?: string | undefined;
};

/** One model of the manifest, resolved. */
export type ResolvedAppModel = {
  /** The manifest's model id. */
  id: string;
  /** As written in the manifest. */
  source: string;
  use: ModelUse;
  /** Where it was read: `hub`, `local` (a path in the manifest), `stand-in` (a Hub id mapped through `sources`). */
  origin: "hub" | "local" | "stand-in";
  /** Hub repo id when the source is `hf:…`. */
  repo?: string | undefined;
  /** The commit sha it was read at (Hub), the pinned revision of a stand-in, null for a local path. */
  resolvedRevision: string | null;
  /** The model's own licence as an SPDX expression; null when none could be found. */
  license: string | null;
  /** Where `license` came from. */
  licenseFrom: "terms" | "card" | "none";
  /** The card's `license` / `license_name` as written. */
  cardLicense?: string | undefined;
  /** The card's front matter as the release verification parsed it (absent when release rules are off). */
  card?: CardFrontMatter | undefined;
  /** The model's name (terms `model.name`, else the repo or folder name) — for naming rules. */
  name: string;
  terms?: OmrlTerms | undefined;
  termsHash?: `0x${string}` | undefined;
  signature?: VerifyTermsSignatureReturnType | undefined;
  artifacts: ResolvedArtifact[];
  /** Breadth-first, nearest first; each repo once. */
  lineage: ResolvedAncestor[];
  /** Set when the model itself could not be read. */
  unverifiable: UnverifiableReason[];
  /** Lineage walk notes (cycles, depth limit, broken front matter). */
  warnings: string[];
  /**
   * The model's release verified under the `app` rule set (card, terms, licence text, artifacts,
   * embedded metadata); absent when the model could not be opened or `verifyReleases` was off.
   */
  release?: VerificationResult | undefined;
  /** Its root licence and NOTICE files (read with the release rules; absent when they are off). */
  licenseFiles?: ResolvedLicenseFile[] | undefined;
};

/** What the app checks look at: the manifest and every model resolved. */
export type AppContext = {
  manifest: AppManifest;
  models: ResolvedAppModel[];
};

/** An app-level check, in the manner of an ESLint rule: pure and synchronous over a resolved context. */
export type AppCheck = {
  meta: {
    /** `app/…` */
    id: string;
    description: string;
    defaultSeverity: AppSeverity;
    /** `docs/app.md#…` */
    docs: string;
  };
  /**
   * Returns the findings. A finding without an explicit reason to differ carries `meta.defaultSeverity`;
   * some checks raise it from the policy (`unverifiableModels: "deny"` makes unverifiable an error).
   */
  check(context: AppContext): AppDiagnostic[];
};
