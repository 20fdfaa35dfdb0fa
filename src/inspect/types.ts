import type { ArtifactParseErrorReason, CardFrontMatter, ParsedModelCard, SafetensorsLicenseFields } from "../artifacts/index.js";
import type { LicenseTextMatch } from "../licenses/index.js";
import type { OmrlTerms, TermsIssue, VerifyTermsSignatureReturnType } from "../terms/index.js";
import type { SourceFile } from "../sources/index.js";

/** Which whole-file sha256 digests `inspect` obtains. */
export type DigestMode = "all" | "listed" | "none";

/** Something the source could not read (gated, network, too large…): the check is then unverifiable. */
export type UnreadableEntry = {
  /** The file, or undefined for the listing / the source as a whole. */
  path?: string | undefined;
  /** What was being read: `listing`, `card`, `terms`, `license-file`, `header`, `index`, `digest`. */
  what: string;
  /** `SourceReadError` reason: `gated`, `unauthorized`, `missing`, `network`, `too-large`, `offline`… */
  reason: string;
  message: string;
};

/** A weights file or a sharded index, as far as `inspect` could read it without loading weights. */
export type ReleaseArtifact = {
  path: string;
  format: "safetensors" | "gguf" | "safetensors-index" | "pytorch" | "onnx" | "other-weights";
  size: number;
  /** Lower-case hex whole-file sha256 where obtained (listing metadata, cache or streamed). */
  sha256?: string | undefined;
  safetensors?:
    | {
        headerLength: number;
        tensorCount: number;
        metadata: Record<string, string>;
        licenseFields: SafetensorsLicenseFields;
      }
    | undefined;
  gguf?:
    | {
        version: number;
        tensorCount: number;
        /** String values of `general.*` and `omrl.*` keys (other keys and non-strings left out). */
        general: Record<string, string>;
        license?: string | undefined;
        licenseName?: string | undefined;
        licenseLink?: string | undefined;
        termsCoreHash?: string | undefined;
        /** `general.base_model.N.repo_url` / `name`, as found. */
        baseModels: { name?: string | undefined; repoUrl?: string | undefined; organization?: string | undefined }[];
      }
    | undefined;
  index?: { shards: string[]; totalSize?: number | undefined; tensorCount: number } | undefined;
  /** The file is broken or hostile (truncated, header past the end, bad JSON, huge counts…). */
  error?: { reason: ArtifactParseErrorReason | "unexpected"; message: string; offset?: string | undefined } | undefined;
};

/** A licence, notice or use-policy file at the root of the release. */
export type ReleaseTextFile = {
  path: string;
  kind: "license" | "notice" | "use-policy";
  size: number;
  /** The text, unless the file was larger than the cap (then `truncated`). */
  text?: string | undefined;
  tooLarge?: boolean | undefined;
  /** For `license` files: which licence the text is (SPDX similarity or an agreement's title), when recognised. */
  detected?: LicenseTextMatch | undefined;
  /** For `license` files: the most similar SPDX texts with their similarity in percent. */
  candidates?: { spdx: string; confidence: number }[] | undefined;
  /** Copyright lines found in the file (licence and notice files). */
  copyright?: string[] | undefined;
};

export type ReleaseTerms = {
  path: string;
  text: string;
  /** Set when the terms pass the JSON Schema (they may still have semantic issues). */
  terms?: OmrlTerms | undefined;
  /** Every syntax, schema and semantic issue, with JSON pointers. */
  issues: TermsIssue[];
  termsHash?: `0x${string}` | undefined;
  termsCoreHash?: `0x${string}` | undefined;
  signature?: VerifyTermsSignatureReturnType | undefined;
};

export type ReleaseCard = {
  path: string;
  parsed: ParsedModelCard;
  frontMatter?: CardFrontMatter | undefined;
  /** 1-based line of each top-level front-matter key (`license`, `base_model`…), for reports. */
  keyLines: Record<string, number>;
};

/** Everything the rules look at, gathered by `inspect`. Plain data: serialisable, no functions. */
export type ModelRelease = {
  source: { kind: string; id: string; revision?: string | undefined };
  /** Every file of the release (empty when the listing failed: see `unreadable`). */
  files: SourceFile[];
  /** False when the listing could not be read. */
  listed: boolean;
  card?: ReleaseCard | undefined;
  terms?: ReleaseTerms | undefined;
  textFiles: ReleaseTextFile[];
  artifacts: ReleaseArtifact[];
  unreadable: UnreadableEntry[];
  options: { digests: DigestMode };
};
