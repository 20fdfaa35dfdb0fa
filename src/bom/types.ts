import type { OmrlTerms } from "../terms/index.js";

/** A weights file of a model, with its SHA-256 where the source gave one. */
export type BomArtifact = { path: string; size: number; sha256: string | null };

/** What the model card says that a BOM can carry (CycloneDX `modelCard`, SPDX AI fields). */
export type BomCard = {
  /** `pipeline_tag`: the task (`text-generation`…). */
  task?: string | undefined;
  /** `datasets`: Hub dataset ids. */
  datasets: string[];
  /** `language`. */
  languages: string[];
  /** `library_name`. */
  libraryName?: string | undefined;
  tags: string[];
  /** `license` / `license_name` / `license_link` as written. */
  license?: string | undefined;
  licenseLink?: string | undefined;
};

/** Why a model (or part of it) could not be verified: it still appears in every export, with this. */
export type BomUnverifiable = { reason: string; message: string };

/** One model of a BOM: an app's model, or an ancestor in some model's lineage. Plain data. */
export type BomModel = {
  /** Unique within the BOM (`model:<id>`, `hf:<org/name>`): the CycloneDX `bom-ref`, the SPDX element id's tail. */
  ref: string;
  kind: "model" | "ancestor";
  name: string;
  /** Hub repo id `org/name`, when the model lives on the Hub (or stands in for a Hub repo). */
  repo?: string | undefined;
  /** The commit it was read at (40 hex for the Hub), else the revision named, else null. */
  revision: string | null;
  /** `model.version` of the terms. */
  version?: string | undefined;
  /** SPDX expression (Hub ids mapped), `LicenseRef-OMRL-1.0` for OMRL terms; null when unknown. */
  license: string | null;
  /** The licence as the card writes it, when it maps to no SPDX id (`other (my-licence)`). */
  licenseDeclared?: string | undefined;
  /** The licence text (the release's LICENSE.md, or the OMRL text rendered from the terms). */
  licenseText?: string | undefined;
  artifacts: BomArtifact[];
  terms?: OmrlTerms | undefined;
  termsHash?: string | undefined;
  /** The terms signature: valid and by whom. */
  signature?: { valid: boolean; byLicensor: boolean; signer?: string | undefined } | undefined;
  card?: BomCard | undefined;
  /** How the app uses it (`hosted-inference`…), for an app's model. */
  use?: string | undefined;
  /** The verification status of its release (`compliant`, `violations`, `unverifiable`), when it was verified. */
  status?: string | undefined;
  /** Direct bases, nearest first: refs of other models of the BOM and how this one derives from each. */
  bases: { ref: string; relation: string }[];
  /** Empty when everything was read; else why not (the model is still listed). */
  unverifiable: BomUnverifiable[];
};

/** What a BOM describes: an app and its models with their lineages (`omrl check`), or one release (`omrl verify`). */
export type BomSubject = {
  kind: "application" | "model";
  /** The app's name (licensee) or the release's name. */
  name: string;
  /** Every model, each once: the subject's own models first, then ancestors breadth-first. */
  models: BomModel[];
  /** The refs of the subject's own models (the app's models, or the one release). */
  roots: string[];
};

/** Options every BOM writer takes. */
export type BomOptions = {
  /** ISO 8601 time to record as the BOM's creation time; none when absent, so the output is reproducible. */
  timestamp?: string | undefined;
  /** Hub base URL for links to repos at their commit (default `https://huggingface.co`). */
  hubUrl?: string | undefined;
  /** The omrl version recorded as the tool (default `0.1.0`). */
  toolVersion?: string | undefined;
};
