import type { ValidateFunction } from "ajv/dist/2020.js";
import lockSchemaJson from "../../license-templates/omrl-lock-1.0.schema.json" with { type: "json" };
import type { JsonSchemaDocument } from "../json-schema.js";
import { InvalidInputError } from "../errors.js";
import type { ModelUse } from "../obligations/index.js";
import type { OmrlTerms } from "../terms/index.js";
import type { AppContext, ResolvedAncestor } from "./types.js";
// Ajv standalone code (scripts/generate.mjs): no schema compiled, no code generated at run time
import { validate as lockValidator } from "./lockfile-validator.generated.js";

/** The JSON Schema of `omrl.lock.json`, `license-templates/omrl-lock-1.0.schema.json`. */
export const lockSchema: JsonSchemaDocument = lockSchemaJson;

/** Largest omrl.lock.json accepted, in characters. */
export const MAX_LOCKFILE_LENGTH = 64 * 1024 * 1024;

/** What the NOTICE needs from OMRL terms; the terms hash next to it covers it. */
export type LockTermsSummary = { model: string; licensor: string; attribution?: string; useRestrictions?: string[] };

export type LockArtifact = { path: string; size: number; sha256: string | null };

/** A root licence or NOTICE file of a model: what the NOTICE takes from it. */
export type LockText = { path: string; kind: "license" | "notice"; license?: string; confidence?: number; copyright?: string[]; text?: string };

export type LockAncestor = {
  repo: string;
  revision: string | null;
  license: string | null;
  relation: "finetune" | "adapter" | "quantized" | "merge";
  child?: string;
  termsHash?: string;
  omrl?: LockTermsSummary;
  unverifiable?: string;
};

export type LockModel = {
  id: string;
  source: string;
  use: ModelUse;
  resolvedRevision: string | null;
  termsHash: string | null;
  license: string | null;
  artifacts: LockArtifact[];
  lineage: LockAncestor[];
  omrl?: LockTermsSummary;
  unverifiable?: string[];
  /** Licence and NOTICE files (recognised licence, copyright lines, NOTICE text), sorted by path. */
  texts?: LockText[];
};

/** `omrl.lock.json`. */
export type Lockfile = { $schema?: string; omrlLock: "1.0"; models: LockModel[] };

/** An omrl.lock.json that does not parse or does not match its schema. */
export class InvalidLockfileError extends InvalidInputError {
  override name = "InvalidLockfileError";
  constructor(message: string, location?: string, details?: string) {
    super(`invalid lockfile: ${message}`, { location, details, docsPath: "/docs/app.md#lockfile" });
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function summary(terms: OmrlTerms | undefined): LockTermsSummary | undefined {
  if (!terms) return undefined;
  const out: LockTermsSummary = { model: terms.model.name, licensor: terms.licensor.name };
  if (terms.attribution?.text !== undefined) out.attribution = terms.attribution.text;
  if (terms.useRestrictions && terms.useRestrictions.length > 0) out.useRestrictions = [...terms.useRestrictions];
  return out;
}

function lockAncestor(a: ResolvedAncestor): LockAncestor {
  const out: LockAncestor = { repo: a.repo, revision: a.revision, license: a.license, relation: a.relation, child: a.child };
  if (a.termsHash !== undefined) out.termsHash = a.termsHash;
  const omrl = summary(a.terms);
  if (omrl) out.omrl = omrl;
  if (a.unverifiable) out.unverifiable = `${a.unverifiable.reason}: ${a.unverifiable.message}`;
  return out;
}

/**
 * The lockfile of a resolved app: per model its revision, terms hash, licence, weight digests and
 * lineage. Deterministic: models sorted by id, artifacts by path, ancestors by generation then repo,
 * keys in a fixed order — the same resolution always serialises to the same bytes.
 *
 * @example
 * const lock = buildLockfile(await resolveApp(manifest, { openSource }));
 * await writeFileAtomic("omrl.lock.json", serializeLockfile(lock));
 */
export function buildLockfile(context: AppContext): Lockfile {
  const models = context.models.map((m): LockModel => {
    const out: LockModel = {
      id: m.id,
      source: m.source,
      use: m.use,
      resolvedRevision: m.resolvedRevision,
      termsHash: m.termsHash ?? null,
      license: m.license,
      artifacts: m.artifacts.map((a) => ({ path: a.path, size: a.size, sha256: a.sha256 })).sort((a, b) => byString(a.path, b.path)),
      lineage: [...m.lineage].sort((a, b) => a.depth - b.depth || byString(a.repo, b.repo)).map(lockAncestor),
    };
    const omrl = summary(m.terms);
    if (omrl) out.omrl = omrl;
    if (m.unverifiable.length > 0) out.unverifiable = m.unverifiable.map((r) => `${r.reason}: ${r.message}`);
    const texts = (m.licenseFiles ?? []).map((f): LockText => {
      const text: LockText = { path: f.path, kind: f.kind };
      if (f.license !== undefined) text.license = f.license;
      if (f.confidence !== undefined) text.confidence = f.confidence;
      if (f.copyright.length > 0) text.copyright = [...f.copyright];
      if (f.text !== undefined) text.text = f.text;
      return text;
    });
    if (texts.length > 0) out.texts = texts.sort((a, b) => byString(a.path, b.path));
    return out;
  });
  return { omrlLock: "1.0", models: models.sort((a, b) => byString(a.id, b.id)) };
}

/** The lockfile as written to disk: two-space JSON and a final newline. */
export function serializeLockfile(lock: Lockfile): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}

const compiled = lockValidator as unknown as ValidateFunction<Lockfile>;

/**
 * Parses and validates `omrl.lock.json` text against its schema.
 *
 * @throws {InvalidLockfileError} with the JSON pointer of the first problem.
 * @example
 * const lock = parseLockfile(await readFile("omrl.lock.json", "utf8"), { location: "omrl.lock.json" });
 */
export function parseLockfile(text: string, options: { location?: string } = {}): Lockfile {
  if (text.length > MAX_LOCKFILE_LENGTH) throw new InvalidLockfileError(`larger than ${MAX_LOCKFILE_LENGTH} characters`, options.location);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidLockfileError(`not JSON (${error instanceof Error ? error.message : String(error)})`, options.location);
  }
  if (!compiled(value)) {
    const errors = compiled.errors ?? [];
    const first = errors[0];
    throw new InvalidLockfileError(
      `${first?.instancePath || "/"} ${first?.message ?? "does not match the schema"}`,
      options.location,
      errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("\n"),
    );
  }
  return value;
}

/** One difference between a lockfile and a fresh resolution. */
export type LockChange = {
  /** The model id. */
  model: string;
  kind:
    | "model-added"
    | "model-removed"
    | "source"
    | "use"
    | "revision"
    | "terms-hash"
    | "license"
    | "artifact-added"
    | "artifact-removed"
    | "artifact-changed"
    | "ancestor-added"
    | "ancestor-removed"
    | "ancestor-revision"
    | "ancestor-terms-hash"
    | "ancestor-license";
  /** The artifact path or ancestor repo, when the change is about one. */
  subject?: string;
  before?: string | null;
  after?: string | null;
  /** One line a person can act on: `acme/llm: revision 3f2c…→9a1b…`. */
  message: string;
};

const show = (v: string | null | undefined) => (v === null || v === undefined ? "none" : v);

/**
 * What changed between a lockfile and a fresh one, per model: added or removed models, source,
 * use, revision, terms hash, licence, each artifact's digest (changed, added, removed), and each
 * ancestor's revision, terms hash and licence. Empty when nothing changed.
 *
 * @example
 * const changes = diffLockfiles(parseLockfile(text), buildLockfile(context));
 * if (changes.length > 0) console.error(changes.map((c) => c.message).join("\n"));
 */
export function diffLockfiles(locked: Lockfile, fresh: Lockfile): LockChange[] {
  const changes: LockChange[] = [];
  const before = new Map(locked.models.map((m) => [m.id, m]));
  const after = new Map(fresh.models.map((m) => [m.id, m]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort(byString);
  for (const id of ids) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a) {
      changes.push({ model: id, kind: "model-added", message: `${id}: model added (${b!.source}) — not in the lockfile` });
      continue;
    }
    if (!b) {
      changes.push({ model: id, kind: "model-removed", message: `${id}: model removed — in the lockfile, not in the manifest` });
      continue;
    }
    const field = (kind: LockChange["kind"], label: string, x: string | null, y: string | null) => {
      if (x !== y) changes.push({ model: id, kind, before: x, after: y, message: `${id}: ${label} ${show(x)} → ${show(y)}` });
    };
    field("source", "source", a.source, b.source);
    field("use", "use", a.use, b.use);
    field("revision", "revision", a.resolvedRevision, b.resolvedRevision);
    field("terms-hash", "terms hash", a.termsHash, b.termsHash);
    field("license", "licence", a.license, b.license);

    const artifactsA = new Map(a.artifacts.map((x) => [x.path, x]));
    const artifactsB = new Map(b.artifacts.map((x) => [x.path, x]));
    for (const path of [...new Set([...artifactsA.keys(), ...artifactsB.keys()])].sort(byString)) {
      const x = artifactsA.get(path);
      const y = artifactsB.get(path);
      if (!x) changes.push({ model: id, kind: "artifact-added", subject: path, after: y!.sha256, message: `${id}: artifact ${path} added (sha256 ${show(y!.sha256)})` });
      else if (!y) changes.push({ model: id, kind: "artifact-removed", subject: path, before: x.sha256, message: `${id}: artifact ${path} removed` });
      else if (x.sha256 !== y.sha256 || x.size !== y.size)
        changes.push({
          model: id,
          kind: "artifact-changed",
          subject: path,
          before: x.sha256,
          after: y.sha256,
          message: `${id}: artifact ${path} changed: sha256 ${show(x.sha256)} → ${show(y.sha256)}${x.size !== y.size ? `, size ${x.size} → ${y.size}` : ""}`,
        });
    }

    const lineageA = new Map(a.lineage.map((x) => [x.repo, x]));
    const lineageB = new Map(b.lineage.map((x) => [x.repo, x]));
    for (const repo of [...new Set([...lineageA.keys(), ...lineageB.keys()])].sort(byString)) {
      const x = lineageA.get(repo);
      const y = lineageB.get(repo);
      if (!x) {
        changes.push({ model: id, kind: "ancestor-added", subject: repo, message: `${id}: upstream ${repo} added (${show(y!.license)})` });
        continue;
      }
      if (!y) {
        changes.push({ model: id, kind: "ancestor-removed", subject: repo, message: `${id}: upstream ${repo} removed` });
        continue;
      }
      const up = (kind: LockChange["kind"], label: string, p: string | null | undefined, q: string | null | undefined) => {
        if ((p ?? null) !== (q ?? null))
          changes.push({ model: id, kind, subject: repo, before: p ?? null, after: q ?? null, message: `${id}: upstream ${repo} ${label} ${show(p)} → ${show(q)}` });
      };
      up("ancestor-revision", "revision", x.revision, y.revision);
      up("ancestor-terms-hash", "terms hash", x.termsHash, y.termsHash);
      up("ancestor-license", "licence", x.license, y.license);
    }
  }
  return changes;
}
