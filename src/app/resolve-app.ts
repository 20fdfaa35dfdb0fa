import { OmrlError } from "../errors.js";
import { licenseToSpdx, lookupLicense, parseLicenseExpression, type LicenseExpression } from "../licenses/index.js";
import { inferBaseModelRelation, readCardLineageFields, BASE_MODEL_RELATIONS, type BaseModelRelation } from "../lineage/index.js";
import type { ParsedModelCard } from "../artifacts/index.js";
import type { AppManifest } from "../obligations/index.js";
import { inspect, type ModelRelease } from "../inspect/index.js";
import { verifyRelease } from "../rules/index.js";
import { memoizeSource, SourceReadError, type ModelSource } from "../sources/index.js";
import { isHubRepoId, parseHubSpec, repoIdFromHubUrl } from "../sources/hub/index.js";
import { OMRL_SPDX_ID, parseTerms, verifyTermsSignature, type OmrlTerms } from "../terms/index.js";
import type { AppContext, ResolvedAncestor, ResolvedAppModel, ResolvedArtifact, ResolvedLicenseFile, UnverifiableReason } from "./types.js";

/** A source opened for the app: where it was read, and the revision it is pinned to. */
export type OpenedAppSource = {
  source: ModelSource;
  origin: "hub" | "local" | "stand-in";
  /** The commit sha (Hub), the revision the spec pins (stand-in), or null. */
  revision: string | null;
};

export type ResolveAppParameters = {
  /**
   * Opens a model as the manifest writes it (`hf:org/name@rev` or a local path) and every upstream
   * model as `hf:org/name[@rev]`. The Node layer's `createAppSourceOpener` maps Hub ids through the
   * manifest's `sources`, reads local paths, and opens the rest on the Hub.
   */
  openSource: (spec: string) => Promise<OpenedAppSource>;
  /** Generations of upstream models followed (default 16). */
  maxDepth?: number | undefined;
  /**
   * Also verify each model's release under the `app` rule set (`verifyModel`), so the gate sees
   * what `omrl verify` would: a tampered LICENSE.md, an artifact whose digest changed, a bad stamp.
   * Default true.
   */
  verifyReleases?: boolean | undefined;
  /** Called while local weights are hashed (release verification and artifact digests): bytes done / bytes of the file set being hashed. */
  onDigestProgress?: ((done: number, total: number) => void) | undefined;
};

export type ResolveAppReturnType = AppContext;

/** Most generations of upstream models followed by default. */
export const DEFAULT_APP_LINEAGE_DEPTH = 16;

/** Files that carry weights (or say where weights are): these get digests in the lockfile. */
const WEIGHT_FILE = /\.(safetensors|gguf|ggml|bin|pt|pth|onnx|ckpt|h5|msgpack|npz|tflite|mlmodel)$|(^|\/)model\.safetensors\.index\.json$/i;

/**
 * Resolves every model of an app manifest: opens its source, reads and verifies its terms
 * (`omrl.json`: parse, hash, signature), its card licence, its weight files' digests, and walks its
 * lineage through the terms' `upstream` and the card's `base_model`, opening each ancestor. What
 * cannot be read makes the model (or the ancestor) unverifiable with the reason; nothing here throws
 * for an unreadable model.
 *
 * Within one call each spec is opened once, and each release (the same source id and revision,
 * whether a model, a stand-in or an ancestor several models name) is listed and read once: its
 * listing, text files and what was read from them are shared by every model that names it.
 *
 * @example
 * const context = await resolveApp(manifest, { openSource: createAppSourceOpener({ manifest, manifestDir }) });
 * context.models.map((m) => [m.id, m.license, m.lineage.map((a) => a.repo)]);
 */
export async function resolveApp(manifest: AppManifest, parameters: ResolveAppParameters): Promise<ResolveAppReturnType> {
  const run = createRunCache(parameters.openSource);
  const models: ResolvedAppModel[] = [];
  for (const model of manifest.models) models.push(await resolveModel(model, parameters, run));
  return { manifest, models };
}

/** What one `resolveApp` call has opened and read, shared by all its models and their lineages. */
type RunCache = {
  /** `openSource`, once per spec; the source is shared by every spec that opens the same release. */
  open(spec: string): Promise<OpenedAppSource>;
  /** `readNode`, once per source; `card`: its README.md as `inspect` already parsed it. */
  read(source: ModelSource, card?: ParsedModelCard): Promise<NodeRead>;
};

function createRunCache(openSource: ResolveAppParameters["openSource"]): RunCache {
  const opened = new Map<string, Promise<OpenedAppSource>>();
  const sources = new Map<string, ModelSource>();
  const reads = new Map<ModelSource, Promise<NodeRead>>();
  return {
    open(spec) {
      let result = opened.get(spec);
      if (result === undefined) {
        result = openSource(spec).then((o) => {
          const key = `${o.source.kind}\0${o.source.id}\0${o.source.revision ?? ""}`;
          let source = sources.get(key);
          if (source === undefined) sources.set(key, (source = memoizeSource(o.source)));
          return { ...o, source };
        });
        opened.set(spec, result);
      }
      return result;
    },
    read(source, card) {
      let result = reads.get(source);
      if (result === undefined) reads.set(source, (result = readNode(source, card)));
      return result;
    },
  };
}

type NodeRead = {
  terms?: OmrlTerms | undefined;
  termsHash?: `0x${string}` | undefined;
  signature?: ResolvedAppModel["signature"];
  cardLicense?: string | undefined;
  cardLicenseSpdx?: string | undefined;
  baseModels: string[];
  baseRelation?: BaseModelRelation | undefined;
  paths: string[];
  problems: UnverifiableReason[];
  warnings: string[];
};

function reasonOf(error: unknown): UnverifiableReason {
  if (error instanceof SourceReadError) return { reason: error.reason, message: error.shortMessage };
  if (error instanceof OmrlError) return { reason: "invalid", message: error.shortMessage };
  return { reason: "unexpected", message: error instanceof Error ? error.message : String(error) };
}

/** A card's `license` (+ `license_name` under `other`) as an SPDX id, or undefined when it names none. */
export function cardLicenseToSpdx(license: string | undefined, licenseName: string | undefined): string | undefined {
  if (license === undefined) return undefined;
  if (license.toLowerCase() === "other" && licenseName) return lookupLicense(licenseName)?.spdx ?? "LicenseRef-other";
  return normalizeLicense(license) ?? "LicenseRef-unknown";
}

/** A Hub id, SPDX id or SPDX expression (Hub ids allowed inside) → an SPDX expression; undefined if it does not parse. */
export function normalizeLicense(text: string): string | undefined {
  try {
    return licenseToSpdx(text);
  } catch {
    try {
      return expressionToString(parseLicenseExpression(text, { hubIds: true }));
    } catch {
      return undefined;
    }
  }
}

function expressionToString(node: LicenseExpression, parent?: "and" | "or"): string {
  if ("license" in node) return `${node.license}${node.plus ? "+" : ""}${node.exception ? ` WITH ${node.exception}` : ""}`;
  const text = `${expressionToString(node.left, node.conjunction)} ${node.conjunction.toUpperCase()} ${expressionToString(node.right, node.conjunction)}`;
  return parent !== undefined && parent !== node.conjunction ? `(${text})` : text;
}

/**
 * Reads what the checks need from one release: terms (verified), card licence and bases, file paths.
 * `parsedCard`: its README.md as `parseModelCard` gave it, when that was already done.
 */
async function readNode(source: ModelSource, parsedCard?: ParsedModelCard): Promise<NodeRead> {
  const out: NodeRead = { baseModels: [], paths: [], problems: [], warnings: [] };
  try {
    out.paths = (await source.listFiles()).map((f) => f.path);
  } catch (error) {
    out.problems.push(reasonOf(error));
  }
  try {
    const text = await source.readText("omrl.json");
    if (text !== undefined) {
      const terms = parseTerms(text, { location: `${source.id}/omrl.json` });
      out.terms = terms;
      out.signature = await verifyTermsSignature(terms);
      out.termsHash = out.signature.termsHash; // hashTerms(terms), as verification computed it
    }
  } catch (error) {
    const reason = reasonOf(error);
    out.problems.push(error instanceof SourceReadError ? reason : { reason: "invalid-terms", message: reason.message });
  }
  try {
    const card = readCardLineageFields(parsedCard ?? (await source.readText("README.md")));
    out.cardLicense = card.licenseName && card.license === "other" ? `other (${card.licenseName})` : card.license;
    out.cardLicenseSpdx = cardLicenseToSpdx(card.license, card.licenseName);
    for (const base of card.baseModels) {
      const repo = isHubRepoId(base) ? base : repoIdFromHubUrl(base);
      if (repo === undefined) out.warnings.push(`base_model "${base.slice(0, 80)}" is not a Hub repo id; not followed`);
      else out.baseModels.push(repo);
    }
    if (card.baseModelRelation !== undefined) {
      if ((BASE_MODEL_RELATIONS as readonly string[]).includes(card.baseModelRelation)) out.baseRelation = card.baseModelRelation as BaseModelRelation;
      else out.warnings.push(`base_model_relation "${card.baseModelRelation.slice(0, 40)}" is not one of ${BASE_MODEL_RELATIONS.join(", ")}`);
    }
    out.warnings.push(...card.warnings);
  } catch (error) {
    out.problems.push(reasonOf(error));
  }
  return out;
}

/** The licence of a release: OMRL when it has terms, else its card's. */
function licenseOf(read: NodeRead): { license: string | null; from: "terms" | "card" | "none" } {
  if (read.terms) return { license: OMRL_SPDX_ID, from: "terms" };
  if (read.cardLicenseSpdx !== undefined) return { license: read.cardLicenseSpdx, from: "card" };
  return { license: null, from: "none" };
}

type Parent = { repo: string; revision?: string | undefined; license?: string | undefined; relation: BaseModelRelation; termsHash?: string | undefined };

/** A release's direct bases: its terms' `upstream` first (they carry revision, licence and terms hash), then the card's `base_model`. */
function parentsOf(read: NodeRead): Parent[] {
  const parents = new Map<string, Parent>();
  const inferred = read.baseRelation ?? inferBaseModelRelation({ paths: read.paths, baseModelCount: read.baseModels.length });
  for (const up of read.terms?.upstream ?? [])
    parents.set(up.repo, { repo: up.repo, revision: up.revision, license: up.license, relation: up.relation ?? inferred, termsHash: up.termsHash });
  for (const repo of read.baseModels) if (!parents.has(repo)) parents.set(repo, { repo, relation: inferred });
  return [...parents.values()];
}

async function resolveModel(model: AppManifest["models"][number], parameters: ResolveAppParameters, run: RunCache): Promise<ResolvedAppModel> {
  const maxDepth = parameters.maxDepth ?? DEFAULT_APP_LINEAGE_DEPTH;
  const resolved: ResolvedAppModel = {
    id: model.id,
    source: model.source,
    use: model.use,
    origin: model.source.startsWith("hf:") ? "hub" : "local",
    resolvedRevision: null,
    license: null,
    licenseFrom: "none",
    name: model.id,
    artifacts: [],
    lineage: [],
    unverifiable: [],
    warnings: [],
  };
  if (model.source.startsWith("hf:")) {
    try {
      resolved.repo = parseHubSpec(model.source).repo;
      resolved.name = resolved.repo.split("/")[1] ?? resolved.repo;
    } catch (error) {
      resolved.unverifiable.push(reasonOf(error));
      return resolved;
    }
  } else resolved.name = model.source.replace(/[\\/]+$/, "").split(/[\\/]/).pop() || model.id;

  let opened: OpenedAppSource;
  let parsedCard: ParsedModelCard | undefined;
  try {
    opened = await run.open(model.source);
  } catch (error) {
    resolved.unverifiable.push(reasonOf(error));
    return resolved;
  }
  resolved.origin = opened.origin;
  resolved.resolvedRevision = opened.revision;
  if (parameters.verifyReleases !== false) {
    const release = await inspect(opened.source, { digests: "listed", onDigestProgress: parameters.onDigestProgress });
    resolved.release = verifyRelease(release, { ruleSet: "app" });
    resolved.licenseFiles = licenseFilesOf(release);
    resolved.card = release.card?.frontMatter;
    // the README.md readNode reads is the one inspect parsed (the same read, through the shared source)
    if (release.card?.path === "README.md") parsedCard = release.card.parsed;
  }
  const read = await run.read(opened.source, parsedCard);
  resolved.unverifiable.push(...read.problems);
  resolved.warnings.push(...read.warnings);
  resolved.terms = read.terms;
  resolved.termsHash = read.termsHash;
  resolved.signature = read.signature;
  resolved.cardLicense = read.cardLicense;
  if (read.terms) resolved.name = read.terms.model.name;
  const { license, from } = licenseOf(read);
  resolved.license = license;
  resolved.licenseFrom = from;
  if (license === null && read.problems.length === 0)
    resolved.unverifiable.push({ reason: "no-license", message: "no omrl.json and no licence in the model card" });
  resolved.artifacts = await readArtifacts(opened.source, read, resolved.unverifiable, parameters.onDigestProgress);
  // The model's own repo ids close cycles (a base naming the model as its base).
  const self = [resolved.repo, read.terms?.model.repo].filter((r): r is string => r !== undefined);
  resolved.lineage = await walkLineage(model.id, self, read, run, maxDepth, resolved.warnings);
  return resolved;
}

/** Weight files with their digests; checks them against the digests the terms declare. */
async function readArtifacts(source: ModelSource, read: NodeRead, problems: UnverifiableReason[], onProgress?: (done: number, total: number) => void): Promise<ResolvedArtifact[]> {
  let files;
  try {
    files = await source.listFiles();
  } catch {
    return []; // already recorded by readNode
  }
  const declared = new Map((read.terms?.model.artifacts ?? []).map((a) => [a.path, a]));
  const artifacts: ResolvedArtifact[] = [];
  const wanted = files.filter((file) => WEIGHT_FILE.test(file.path) || declared.has(file.path));
  const total = wanted.filter((file) => file.sha256 === undefined).reduce((sum, file) => sum + file.size, 0);
  let before = 0;
  for (const file of wanted) {
    let sha256: string | null = file.sha256 ?? null;
    if (sha256 === null && source.sha256) {
      try {
        const base = before;
        sha256 = await source.sha256(file.path, { onProgress: onProgress && ((bytes) => onProgress(base + bytes, total)) });
        before += file.size;
      } catch (error) {
        problems.push({ ...reasonOf(error), message: `${file.path}: digest unavailable: ${reasonOf(error).message}` });
      }
    }
    artifacts.push({ path: file.path, size: file.size, sha256 });
  }
  const present = new Map(artifacts.map((a) => [a.path, a]));
  for (const [path, want] of declared) {
    const have = present.get(path);
    if (!have) problems.push({ reason: "artifact-missing", message: `omrl.json lists ${path}, which the release does not have` });
    else if (have.sha256 !== null && (have.sha256 !== want.sha256 || have.size !== want.size))
      problems.push({ reason: "artifact-mismatch", message: `${path} does not match the sha256/size omrl.json declares` });
  }
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Breadth-first over terms `upstream` and card `base_model`, each repo once, up to `maxDepth` generations. */
async function walkLineage(
  rootId: string,
  rootRepos: string[],
  rootRead: NodeRead,
  run: RunCache,
  maxDepth: number,
  warnings: string[],
): Promise<ResolvedAncestor[]> {
  const lineage: ResolvedAncestor[] = [];
  const seen = new Set<string>(rootRepos);
  let level: { child: string; read: NodeRead; depth: number }[] = [{ child: rootId, read: rootRead, depth: 0 }];
  while (level.length > 0) {
    const next: typeof level = [];
    for (const node of level)
      for (const parent of parentsOf(node.read)) {
        if (seen.has(parent.repo)) {
          if (rootRepos.includes(parent.repo)) warnings.push(`lineage cycle: ${node.child} names ${parent.repo} as its base`);
          continue; // a shared ancestor is listed once; a cycle back to the model is not followed
        }
        seen.add(parent.repo);
        const depth = node.depth + 1;
        const declaredLicense = parent.license === undefined ? undefined : normalizeLicense(parent.license);
        const ancestor: ResolvedAncestor = {
          repo: parent.repo,
          revision: parent.revision ?? null,
          license: declaredLicense ?? null,
          relation: parent.relation,
          child: node.child,
          depth,
          declaredTermsHash: parent.termsHash,
        };
        lineage.push(ancestor);
        if (depth > maxDepth) {
          warnings.push(`lineage cut at depth ${maxDepth}: ${parent.repo} was not read`);
          ancestor.unverifiable = { reason: "depth", message: `past the lineage depth limit ${maxDepth}` };
          continue;
        }
        let opened: OpenedAppSource;
        try {
          opened = await run.open(`hf:${parent.repo}${parent.revision ? `@${parent.revision}` : ""}`);
        } catch (error) {
          ancestor.unverifiable = reasonOf(error);
          continue;
        }
        const read = await run.read(opened.source);
        ancestor.revision = opened.revision ?? ancestor.revision;
        ancestor.terms = read.terms;
        ancestor.termsHash = read.termsHash;
        ancestor.signature = read.signature;
        const own = licenseOf(read);
        if (own.license !== null) ancestor.license = own.license;
        if (read.problems.length > 0) ancestor.unverifiable = read.problems[0];
        else if (ancestor.license === null) ancestor.unverifiable = { reason: "no-license", message: "no omrl.json, no licence in its card, none declared by its child" };
        for (const w of read.warnings) warnings.push(`${parent.repo}: ${w}`);
        next.push({ child: parent.repo, read, depth });
      }
    level = next;
  }
  return lineage;
}

/** Largest NOTICE text carried into the lockfile and NOTICE. */
const MAX_NOTICE_CHARS = 64 * 1024;

/** The licence and NOTICE files of a release, as the NOTICE needs them. */
function licenseFilesOf(release: ModelRelease): ResolvedLicenseFile[] {
  const out: ResolvedLicenseFile[] = [];
  for (const file of release.textFiles) {
    if (file.kind === "use-policy") continue;
    const entry: ResolvedLicenseFile = { path: file.path, kind: file.kind, copyright: file.copyright ?? [] };
    if (file.detected) {
      entry.license = file.detected.spdx;
      if (file.detected.confidence !== undefined) entry.confidence = file.detected.confidence;
    }
    if (file.kind === "notice" && file.text !== undefined) entry.text = file.text.slice(0, MAX_NOTICE_CHARS);
    out.push(entry);
  }
  return out;
}
