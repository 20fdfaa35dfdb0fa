import {
  ArtifactParseError,
  parseModelCard,
  parseSafetensorsHeader,
  parseSafetensorsIndex,
  readGgufMetadata,
} from "../artifacts/index.js";
import { detectLicenseText, extractCopyrightLines, loadLicenseCorpus, rememberedLicenseDetection } from "../licenses/index.js";
import type { ModelSource, SourceFile } from "../sources/index.js";
import { checkTermsSchema, checkTermsSemantics, hashTermsCore, MAX_TERMS_BYTES, verifyTermsSignature, type OmrlTerms } from "../terms/index.js";
import type { DigestMode, ModelRelease, ReleaseArtifact, ReleaseTerms, ReleaseTextFile, UnreadableEntry } from "./types.js";

export type InspectParameters = {
  /** Which whole-file sha256 digests to obtain: every weights file and listed artifact (`all`, default), only the artifacts `omrl.json` lists (`listed`), or none. */
  digests?: DigestMode | undefined;
  /** Most header reads in flight at once. Default 8. Digests all start at once: the source bounds them (the local source's worker pool, the Hub's request limit). */
  concurrency?: number | undefined;
  /** Licence / notice / use-policy files larger than this are not read. Default 1 MiB. */
  maxTextFileBytes?: number | undefined;
  /** Called as digests finish: bytes of finished files / bytes to digest. */
  onDigestProgress?: ((done: number, total: number) => void) | undefined;
};

export type InspectReturnType = ModelRelease;

/** Extensions of files that hold model weights; every one must be covered by the terms. */
export const WEIGHT_EXTENSIONS = [".safetensors", ".gguf", ".bin", ".pt", ".pth", ".ckpt", ".onnx"] as const;

/** The model card, terms and config files `inspect` looks for at the release root. */
export const CARD_PATH = "README.md";
export const TERMS_PATH = "omrl.json";

/** Licence, notice and use-policy files at the root: `LICENSE`, `LICENSE.md`, `COPYING`, `LLAMA_LICENSE.txt`, `NOTICE`, `USE_POLICY.md`… */
const TEXT_FILE = /^(?:[A-Za-z0-9]+[._-])?(LICEN[CS]E|COPYING|NOTICE|USE[_-]?POLICY|ACCEPTABLE[_-]USE[_-]POLICY)([._-][^/]*)?$/i;

/** Whether `path` is a weights file by its extension. */
export function isWeightFile(path: string): boolean {
  const lower = path.toLowerCase();
  return WEIGHT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function formatOf(path: string): ReleaseArtifact["format"] | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".safetensors.index.json")) return "safetensors-index";
  if (lower.endsWith(".safetensors")) return "safetensors";
  if (lower.endsWith(".gguf")) return "gguf";
  if (lower.endsWith(".bin") || lower.endsWith(".pt") || lower.endsWith(".pth") || lower.endsWith(".ckpt")) return "pytorch";
  if (lower.endsWith(".onnx")) return "onnx";
  return undefined;
}

/** A `SourceReadError` (or any error carrying a string `reason`) — the source could not read it. */
function sourceReason(error: unknown): string | undefined {
  if (error instanceof ArtifactParseError) return undefined;
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === "string" ? reason : undefined;
}

function messageOf(error: unknown): string {
  if (error && typeof error === "object" && "shortMessage" in error && typeof error.shortMessage === "string") return error.shortMessage;
  return error instanceof Error ? error.message : String(error);
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(workers);
}

/**
 * Gathers what the rules check, without loading weights: the model card's front matter,
 * `omrl.json` (validated, hashed, its signature verified), licence / NOTICE / use-policy files,
 * safetensors headers, sharded indexes and GGUF key/values, and whole-file sha256 digests
 * (from the listing where the source has them — the Hub's LFS oids, the local digest cache — else
 * streamed through `source.sha256`). Nothing throws for a bad release: a broken file becomes an
 * artifact `error`, a read the source could not make becomes an `unreadable` entry.
 *
 * @example
 * const release = await inspect(await openLocalSource("./my-model"));
 * release.terms?.signature?.byLicensor; // true
 * release.artifacts.map((a) => [a.path, a.sha256]);
 */
export async function inspect(source: ModelSource, parameters: InspectParameters = {}): Promise<InspectReturnType> {
  const digests = parameters.digests ?? "all";
  const concurrency = parameters.concurrency ?? 8;
  const maxTextFileBytes = parameters.maxTextFileBytes ?? 1024 * 1024;
  const unreadable: UnreadableEntry[] = [];
  const release: ModelRelease = {
    source: { kind: source.kind, id: source.id, revision: source.revision },
    files: [],
    listed: false,
    textFiles: [],
    artifacts: [],
    unreadable,
    options: { digests },
  };
  const failed = (what: string, path: string | undefined, error: unknown): boolean => {
    const reason = sourceReason(error);
    if (reason === undefined) return false;
    unreadable.push({ what, path, reason, message: messageOf(error) });
    return true;
  };

  try {
    release.files = await source.listFiles();
    release.listed = true;
  } catch (error) {
    if (!failed("listing", undefined, error)) unreadable.push({ what: "listing", reason: "unexpected", message: messageOf(error) });
    return release;
  }
  const byPath = new Map(release.files.map((f) => [f.path, f]));

  // The card and the terms: small text files at the root.
  const cardFile = release.files.find((f) => f.path.toLowerCase() === CARD_PATH.toLowerCase());
  const cardTask = (async () => {
    if (!cardFile) return;
    try {
      const text = await source.readText(cardFile.path);
      if (text === undefined) return;
      const parsed = parseModelCard(text);
      release.card = { path: cardFile.path, parsed, frontMatter: parsed.frontMatter, keyLines: parsed.keyLines };
    } catch (error) {
      if (!failed("card", cardFile.path, error)) throw error;
    }
  })();
  const termsTask = (async () => {
    if (!byPath.has(TERMS_PATH)) return;
    try {
      const text = await source.readText(TERMS_PATH, { maxBytes: MAX_TERMS_BYTES });
      if (text !== undefined) release.terms = await readTerms(text);
    } catch (error) {
      if (!failed("terms", TERMS_PATH, error)) throw error;
    }
  })();
  const textTask = pool(
    release.files.filter((f) => !f.path.includes("/") && TEXT_FILE.test(f.path)),
    concurrency,
    async (file) => {
      const name = TEXT_FILE.exec(file.path)![1]!.toUpperCase();
      const kind: ReleaseTextFile["kind"] = name === "NOTICE" ? "notice" : name.startsWith("LICEN") || name === "COPYING" ? "license" : "use-policy";
      const entry: ReleaseTextFile = { path: file.path, kind, size: file.size };
      release.textFiles.push(entry);
      if (file.size > maxTextFileBytes) {
        entry.tooLarge = true;
        return;
      }
      try {
        entry.text = await source.readText(file.path, { maxBytes: maxTextFileBytes });
      } catch (error) {
        if (!failed("license-file", file.path, error)) throw error;
      }
    },
  );

  // Weights and indexes: headers only.
  const artifactFiles = release.files.filter((f) => formatOf(f.path) !== undefined);
  const headerTask = pool(artifactFiles, concurrency, async (file) => {
    const artifact = await readArtifact(source, file, failed);
    if (artifact) release.artifacts.push(artifact);
  });

  await Promise.all([cardTask, termsTask, textTask, headerTask]);
  // Code-unit order, as for the artifacts: the same on every ICU build, and the first
  // `localeCompare` of a process builds ICU's collator (7-18 ms of a CLI run, issue #14).
  release.textFiles.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await detectLicenseFiles(release.textFiles);
  release.artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Digests, after the terms are known (`listed` needs them).
  if (digests !== "none") {
    const listed = new Set((release.terms?.terms?.model.artifacts ?? []).map((a) => a.path));
    const wanted = release.files.filter((f) => listed.has(f.path) || (digests === "all" && isWeightFile(f.path)));
    const toCompute = wanted.filter((f) => f.sha256 === undefined);
    const computed = new Map<string, string>();
    if (toCompute.length > 0 && !source.sha256) {
      for (const f of toCompute) unreadable.push({ what: "digest", path: f.path, reason: "unsupported", message: `this source cannot compute sha256 digests` });
    } else if (toCompute.length > 0) {
      const total = toCompute.reduce((sum, f) => sum + f.size, 0);
      let done = 0;
      // bytes hashed so far of files still streaming, so a single large file shows progress too
      const streaming = new Map<string, number>();
      const report = () => parameters.onDigestProgress?.(done + [...streaming.values()].reduce((a, b) => a + b, 0), total);
      parameters.onDigestProgress?.(0, total);
      await Promise.all(
        toCompute.map(async (file) => {
          try {
            const onProgress = parameters.onDigestProgress && ((bytes: number) => (streaming.set(file.path, bytes), report()));
            computed.set(file.path, await source.sha256!(file.path, { onProgress }));
          } catch (error) {
            if (!failed("digest", file.path, error)) unreadable.push({ what: "digest", path: file.path, reason: "unexpected", message: messageOf(error) });
          } finally {
            streaming.delete(file.path);
            done += file.size;
            report();
          }
        }),
      );
    }
    release.files = release.files.map((f) => (computed.has(f.path) ? { ...f, sha256: computed.get(f.path) } : f));
    const digestOf = new Map(release.files.map((f) => [f.path, f.sha256]));
    for (const artifact of release.artifacts) artifact.sha256 = digestOf.get(artifact.path);
  } else {
    for (const artifact of release.artifacts) artifact.sha256 = byPath.get(artifact.path)?.sha256;
  }
  return release;
}

/** Which licence each licence file holds, and the copyright lines of licence and notice files. */
async function detectLicenseFiles(files: ReleaseTextFile[]): Promise<void> {
  const licenses = files.filter((f) => f.kind === "license" && f.text !== undefined);
  // detections remembered in the result cache (if one is installed) need no corpus
  const remembered = new Map(licenses.map((f) => [f, rememberedLicenseDetection(f.text!)]));
  const corpus = licenses.some((f) => remembered.get(f) === undefined) ? await loadLicenseCorpus() : undefined;
  for (const file of files) {
    if (file.text === undefined || file.kind === "use-policy") continue;
    if (file.kind === "license") {
      const found = remembered.get(file) ?? detectLicenseText(file.text, { corpus: corpus! });
      file.detected = found.match;
      file.candidates = found.candidates;
      file.copyright = found.copyright;
    } else file.copyright = extractCopyrightLines(file.text);
  }
}

async function readTerms(text: string): Promise<ReleaseTerms> {
  const terms: ReleaseTerms = { path: TERMS_PATH, text, issues: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    terms.issues.push({ pointer: "", code: "syntax/json", message: `is not valid JSON: ${messageOf(error)}` });
    return terms;
  }
  const schemaIssues = checkTermsSchema(value);
  if (schemaIssues.length > 0) {
    terms.issues.push(...schemaIssues);
    return terms;
  }
  // Schema-valid terms are usable by the other rules even with semantic issues (a wrong split
  // sum must not hide an artifact mismatch).
  const parsed = value as OmrlTerms;
  terms.terms = parsed;
  terms.issues.push(...checkTermsSemantics(parsed));
  terms.signature = await verifyTermsSignature(parsed);
  terms.termsHash = terms.signature.termsHash; // hashTerms(parsed), as verification computed it
  terms.termsCoreHash = hashTermsCore(parsed);
  return terms;
}

async function readArtifact(
  source: ModelSource,
  file: SourceFile,
  failed: (what: string, path: string | undefined, error: unknown) => boolean,
): Promise<ReleaseArtifact | undefined> {
  const format = formatOf(file.path)!;
  const artifact: ReleaseArtifact = { path: file.path, format, size: file.size };
  const broken = (error: unknown) => {
    const cause = error instanceof ArtifactParseError ? (error as { cause?: unknown }).cause : undefined;
    if (cause !== undefined && sourceReason(cause) !== undefined) {
      // the GGUF reader wraps what the source failed to read: that is unverifiable, not a broken file
      failed("header", file.path, cause);
    } else if (error instanceof ArtifactParseError) {
      artifact.error = { reason: error.reason, message: error.shortMessage, offset: error.offset === undefined ? undefined : String(error.offset) };
    } else if (!failed(format === "safetensors-index" ? "index" : "header", file.path, error)) {
      artifact.error = { reason: "unexpected", message: messageOf(error) };
    }
  };
  try {
    if (format === "safetensors") {
      const header = await parseSafetensorsHeader(source, file.path, { fileSize: file.size });
      artifact.safetensors = {
        headerLength: header.headerLength,
        tensorCount: header.tensors.length,
        metadata: header.metadata,
        licenseFields: header.licenseFields,
      };
    } else if (format === "gguf") {
      const meta = await readGgufMetadata(source, file.path, { fileSize: file.size });
      const general: Record<string, string> = {};
      for (const [key, value] of Object.entries(meta.kv))
        if ((key.startsWith("general.") || key.startsWith("omrl.")) && typeof value === "string") general[key] = value.slice(0, 4096);
      const fields = meta.licenseFields;
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      artifact.gguf = {
        version: meta.version,
        tensorCount: meta.tensorCount,
        general,
        license: fields.license,
        licenseName: fields.licenseName,
        licenseLink: fields.licenseLink,
        termsCoreHash: fields.termsCoreHash,
        baseModels: fields.baseModels.map((m) => ({ name: text(m.name), repoUrl: text(m.repo_url), organization: text(m.organization) })),
      };
    } else if (format === "safetensors-index") {
      const text = await source.readText(file.path, { maxBytes: 64 * 1024 * 1024 });
      if (text === undefined) return undefined;
      const index = parseSafetensorsIndex(text, { path: file.path });
      const folder = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/") + 1) : "";
      artifact.index = { shards: index.shards.map((s) => folder + s), totalSize: index.totalSize, tensorCount: Object.keys(index.weightMap).length };
    }
  } catch (error) {
    broken(error);
  }
  return artifact;
}
