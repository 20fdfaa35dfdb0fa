import { lstat, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import picomatch from "picomatch";
import {
  OMRL_DEFAULT_LICENSE_LINK,
  parseLfsPointer,
  parseSafetensorsHeader,
  readGgufMetadata,
  scanGgufLayout,
  stampGgufHeader,
  stampSafetensorsHeader,
  type StampValues,
} from "../artifacts/index.js";
import { stampArtifactFile } from "../artifacts/node/index.js";
import { OmrlError } from "../errors.js";
import { writeFileAtomic } from "../node/index.js";
import { createLocalFolderSource, digestFiles, type DigestCache, type DigestStats, type LocalFolderSource } from "../sources/node.js";
import { MAX_TERMS_BYTES, hashTerms, hashTermsCore, parseTerms, renderLicense, type Artifact, type OmrlTerms } from "../terms/index.js";
import { TagError } from "./errors.js";
import { DEFAULT_WEIGHT_GLOBS, stampableFormat } from "./weight-files.js";

export type TagProgress =
  | {
      phase: "stamp";
      filesDone: number;
      filesTotal: number;
      path?: string | undefined;
      /** Bytes of the files to stamp copied so far (each stamp writes a full temporary copy) / their total size. */
      bytesDone: number;
      bytesTotal: number;
    }
  | { phase: "digest"; bytesDone: number; bytesTotal: number; filesDone: number; filesTotal: number };

export type TagReleaseParameters = {
  /** The release folder (holding `omrl.json`). */
  dir: string;
  /** Write the licence and the terms core hash into every safetensors / GGUF file first. */
  stamp: boolean;
  /** Globs (picomatch, `/` paths inside the release) choosing the artifacts. Default `DEFAULT_WEIGHT_GLOBS`. */
  include?: readonly string[] | undefined;
  /** What `license_link` / `general.license.link` says. Default `LICENSE.md`. */
  licenseLink?: string | undefined;
  /** Digest cache, or `false` for none. Default: the user cache. */
  cache?: DigestCache | false | undefined;
  /** Files hashed at once. Default: the number of cores. */
  concurrency?: number | undefined;
  onProgress?: ((progress: TagProgress) => void) | undefined;
};

export type TaggedFile = {
  /** `/` path inside the release. */
  path: string;
  format: "safetensors" | "gguf";
  /** The file already carried the licence and this terms core hash. */
  current: boolean;
  /** The file was rewritten by this run (only with `stamp`). */
  stamped: boolean;
};

export type TagReleaseReturnType = {
  /** The release folder, absolute. */
  dir: string;
  termsPath: string;
  licensePath: string;
  /** What was (or would be) stamped into the files. */
  termsCoreHash: `0x${string}`;
  /** The terms hash after tagging: what `omrl sign` will sign. */
  termsHash: `0x${string}`;
  /** Every safetensors / GGUF artifact and whether it carries the current stamp. */
  files: TaggedFile[];
  /** `model.artifacts` as now recorded, sorted by path. */
  artifacts: Artifact[];
  /** The artifact list differed from the one recorded before (so `omrl.json` was rewritten). */
  artifactsChanged: boolean;
  /** A signature was removed because the terms it covered changed. */
  signatureRemoved: boolean;
  /** The terms carry a signature after tagging (still valid: tagging did not change them). */
  signed: boolean;
  licenseWritten: boolean;
  /** Release paths whose bytes this run changed, sorted. Empty on an idempotent re-run. */
  changedFiles: string[];
  digestStats: DigestStats;
};

/**
 * Tags a model release: optionally stamps the licence and the terms core hash into every
 * safetensors / GGUF file (temp file + rename, weights digest proven unchanged), then records
 * each artifact's path, size and whole-file sha256 in `omrl.json` (removing a signature that no
 * longer matches) and re-renders `LICENSE.md` when its text changed.
 *
 * The order is fixed — stamp, digest, sign: stamping changes a file's sha256, and the stamp holds
 * the terms *core* hash, which leaves the artifact list out, so nothing is circular.
 *
 * Every weight file is parsed before anything is written: a hostile or unparseable file is a
 * `TagError` naming it, and the release is left as it was. Re-running on a tagged, unchanged
 * release writes nothing.
 *
 * @example
 * const result = await tagRelease({ dir: "./my-model", stamp: true })
 * result.changedFiles // ["LICENSE.md", "model.safetensors", "omrl.json"]
 * if (!result.signed) console.log("run omrl sign --key-env VAR")
 */
export async function tagRelease(parameters: TagReleaseParameters): Promise<TagReleaseReturnType> {
  const dir = resolve(parameters.dir);
  const termsPath = join(dir, "omrl.json");
  const licensePath = join(dir, "LICENSE.md");
  const terms = await readTerms(termsPath);
  const termsCoreHash = hashTermsCore(terms) as `0x${string}`;
  const values: StampValues = { termsCoreHash, licenseLink: parameters.licenseLink ?? OMRL_DEFAULT_LICENSE_LINK };

  const source = createLocalFolderSource(dir, { cache: parameters.cache });
  const globs = parameters.include && parameters.include.length > 0 ? [...parameters.include] : [...DEFAULT_WEIGHT_GLOBS];
  const matches = picomatch(globs);
  const listed = await wrapFileErrors(() => source.listFiles(), ".");
  const sizes = new Map(listed.map((file) => [file.path, file.size]));
  const paths = listed.map((file) => file.path).filter((path) => matches(path));
  if (paths.length === 0)
    throw new TagError(`no artifacts in ${dir} match ${globs.join(", ")}`, { details: "put the weight files in the release folder, or choose them with --include" });

  // A clone without `git lfs pull` holds pointers, not weights: their digests would be meaningless.
  for (const path of paths)
    if (sizes.get(path)! <= 1024) {
      const pointer = parseLfsPointer(new TextDecoder().decode(await source.readRange(path, 0, 1024)));
      if (pointer)
        throw new TagError(`${path} is a Git LFS pointer, not the file itself`, {
          path,
          details: `it points to sha256 ${pointer.oid} (${pointer.size} bytes): run \`git lfs pull\` before tagging`,
        });
    }

  // Parse every stampable file before touching any: a bad file stops the run with nothing written.
  const files: TaggedFile[] = [];
  for (const path of paths) {
    const format = stampableFormat(path);
    if (!format) continue;
    const current = await wrapFileErrors(() => carriesStamp(source, path, sizes.get(path)!, format, values), path);
    files.push({ path, format, current, stamped: false });
  }

  const changedFiles: string[] = [];
  if (parameters.stamp) {
    const toStamp = files.filter((file) => !file.current);
    for (const file of toStamp)
      if ((await lstat(join(dir, file.path))).isSymbolicLink())
        throw new TagError(`${file.path} is a symlink; stamping would replace the link with a copy`, {
          path: file.path,
          details: "copy the file into the release (or stamp the link's target) before tagging",
        });
    let done = 0;
    const sizes = await Promise.all(toStamp.map(async (file) => (await lstat(join(dir, file.path))).size));
    const bytesTotal = sizes.reduce((a, b) => a + b, 0);
    let bytesBefore = 0;
    parameters.onProgress?.({ phase: "stamp", filesDone: 0, filesTotal: toStamp.length, bytesDone: 0, bytesTotal });
    for (const [i, file] of toStamp.entries()) {
      const onProgress = parameters.onProgress && ((copied: number) => parameters.onProgress!({ phase: "stamp", filesDone: done, filesTotal: toStamp.length, path: file.path, bytesDone: bytesBefore + copied, bytesTotal }));
      const result = await wrapFileErrors(() => stampArtifactFile(join(dir, file.path), { ...values, format: file.format, onProgress }), file.path);
      file.stamped = result.changed;
      if (result.changed) changedFiles.push(file.path);
      bytesBefore += sizes[i]!;
      parameters.onProgress?.({ phase: "stamp", filesDone: ++done, filesTotal: toStamp.length, path: file.path, bytesDone: bytesBefore, bytesTotal });
    }
  }

  const { files: digests, stats } = await digestFiles(
    paths.map((path) => join(dir, path)),
    {
      cache: parameters.cache,
      concurrency: parameters.concurrency,
      onProgress: parameters.onProgress && ((progress) => parameters.onProgress!({ phase: "digest", ...progress })),
    },
  );
  const artifacts: Artifact[] = paths.map((path, i) => ({ path, size: digests[i]!.size, sha256: digests[i]!.sha256 }));

  const before = normaliseArtifacts(terms.model.artifacts);
  const artifactsChanged = JSON.stringify(before) !== JSON.stringify(artifacts);
  let tagged: OmrlTerms = terms;
  let signatureRemoved = false;
  if (artifactsChanged) {
    const { signature, ...unsigned } = terms;
    signatureRemoved = signature !== undefined;
    tagged = { ...unsigned, model: { ...terms.model, artifacts } };
    await writeFileAtomic(termsPath, `${JSON.stringify(tagged, null, 2)}\n`);
    changedFiles.push("omrl.json");
  }

  const license = renderLicense(tagged);
  const existingLicense = await readFile(licensePath, "utf8").catch(() => undefined);
  const licenseWritten = existingLicense !== license;
  if (licenseWritten) {
    await writeFileAtomic(licensePath, license);
    changedFiles.push("LICENSE.md");
  }

  return {
    dir,
    termsPath,
    licensePath,
    termsCoreHash,
    termsHash: hashTerms(tagged) as `0x${string}`,
    files,
    artifacts,
    artifactsChanged,
    signatureRemoved,
    signed: tagged.signature !== undefined,
    licenseWritten,
    changedFiles: changedFiles.sort(),
    digestStats: stats,
  };
}

async function readTerms(termsPath: string): Promise<OmrlTerms> {
  const info = await stat(termsPath).catch(() => undefined);
  if (!info?.isFile()) throw new TagError(`${termsPath} does not exist: run \`omrl init\` first`, { path: "omrl.json" });
  if (info.size > MAX_TERMS_BYTES) throw new TagError(`${termsPath} is larger than ${MAX_TERMS_BYTES} bytes`, { path: "omrl.json" });
  return parseTerms(await readFile(termsPath, "utf8"), { location: termsPath });
}

/**
 * Whether a file already carries exactly this stamp. Parses the whole header with the same
 * readers the stamper uses (and, for GGUF, the full key/value decoder `readGgufMetadata`), so a
 * file that would fail half-way through stamping fails here, before anything is written.
 */
async function carriesStamp(
  source: LocalFolderSource,
  path: string,
  fileSize: number,
  format: "safetensors" | "gguf",
  values: StampValues,
): Promise<boolean> {
  if (format === "safetensors") {
    const header = await parseSafetensorsHeader(source, path, { fileSize });
    const headerBytes = await source.readRange(path, 8, header.dataOffset);
    return !stampSafetensorsHeader({ headerBytes, fileSize, values, path }).changed;
  }
  const layout = await scanGgufLayout(source, path, { fileSize });
  await readGgufMetadata(source, path, { fileSize });
  const headerBytes = await source.readRange(path, 0, layout.tensorInfoEnd);
  return !stampGgufHeader({ layout, headerBytes, values, path }).changed;
}

/** Artifacts as `{path, size, sha256}` in path order, whatever key order the file had. */
function normaliseArtifacts(artifacts: readonly Artifact[] | undefined): Artifact[] {
  return (artifacts ?? [])
    .map(({ path, size, sha256 }) => ({ path, size, sha256 }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Runs `work`, turning an SDK error about a file into a `TagError` that names it. */
async function wrapFileErrors<T>(work: () => Promise<T>, path: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TagError || !(error instanceof OmrlError)) throw error;
    throw new TagError(`${path}: ${error.shortMessage}`, { path, details: error.details, cause: error });
  }
}
