import { SourceReadError } from "../errors.js";
import type { ModelSource, SourceFile } from "../types.js";
import { createRetryingFetch, type CreateRetryingFetchParameters } from "./create-retrying-fetch.js";
import type { HubCache } from "./hub-cache.js";
import { hubResponseError } from "./hub-response-error.js";
import { isCommitSha, parseHubSpec } from "./parse-hub-spec.js";

export const DEFAULT_HUB_URL = "https://huggingface.co";

export type OpenHubSourceParameters = {
  /** Base URL of the Hub or a mirror (default `https://huggingface.co`; the CLI reads `HF_ENDPOINT`). */
  hubUrl?: string | undefined;
  /** `hf_…` token (the CLI reads `HF_TOKEN`). */
  accessToken?: string | undefined;
  /** The fetch to use underneath retries (default: global `fetch`). */
  fetch?: typeof fetch | undefined;
  /** Immutable per-commit cache; a commit-sha revision with a warm cache needs no request at all. */
  cache?: HubCache | undefined;
  /** Never touch the network: answer from the cache or fail with reason `offline`. */
  offline?: boolean | undefined;
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
  concurrency?: number | undefined;
  /** Cap on any one response (default 64 MiB). */
  maxResponseBytes?: number | undefined;
  /** Ranges inside the first `readAheadBytes` of a file are served from one read of that head (default 64 KiB). */
  readAheadBytes?: number | undefined;
  /** Most files a listing may hold (default 100 000). */
  maxFiles?: number | undefined;
  /** Other retry settings (backoff, jitter source, `onRetry`). */
  retry?: Omit<CreateRetryingFetchParameters, "fetch"> | undefined;
};

/** A Hub repo pinned to one commit. Every read after `openHubSource` uses that commit. */
export type HubSource = ModelSource & {
  readonly kind: "hub";
  /** `hf:org/name@<commit sha>`. */
  readonly id: string;
  readonly repo: string;
  /** The commit sha every read is pinned to. */
  readonly revision: string;
  /** The revision as asked (`main`, `v1.0`, a sha), or undefined for the default branch. */
  readonly requestedRevision: string | undefined;
  /** `false`, `"auto"` or `"manual"`, as the Hub reports it. Metadata only: reads prove access. */
  readonly gated: false | "auto" | "manual";
  readonly private: boolean;
  readonly hubUrl: string;
  readonly sha256: (path: string) => Promise<string>;
};

type CachedInfo = { sha: string; gated: false | "auto" | "manual"; private: boolean };
type StoredFile = SourceFile & { oid?: string | undefined };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const encodeJson = (value: unknown) => encoder.encode(JSON.stringify(value));

/**
 * Opens `hf:org/name[@revision]` as a `ModelSource`, through `@huggingface/hub`. The revision is
 * resolved to a commit sha with one model-info request (none when it already is a sha and the
 * cache knows it); the listing carries every file's size and LFS sha256, so artifact digests are
 * checked without downloading weights; small files are downloaded, headers read with HTTP ranges.
 *
 * @example
 * const source = await openHubSource("hf:acme/llm@v1.0", { accessToken: process.env.HF_TOKEN });
 * source.id; // "hf:acme/llm@3f2c…"
 * const files = await source.listFiles(); // [{ path, size, sha256 }]
 * const card = await source.readText("README.md");
 */
export async function openHubSource(spec: string, parameters: OpenHubSourceParameters = {}): Promise<HubSource> {
  return createHubSourceOpener(parameters)(spec);
}

/**
 * One retrying fetch, one concurrency bound and one cache shared by every source it opens — for
 * lineage walks and services that open many repos.
 *
 * @example
 * const open = createHubSourceOpener({ hubUrl, cache });
 * const [a, b] = await Promise.all([open("hf:acme/a"), open("hf:acme/b")]);
 */
export function createHubSourceOpener(parameters: OpenHubSourceParameters = {}): (spec: string) => Promise<HubSource> {
  const hubUrl = (parameters.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
  const retrying = createRetryingFetch({
    ...parameters.retry,
    fetch: parameters.fetch,
    maxRetries: parameters.maxRetries ?? parameters.retry?.maxRetries,
    timeoutMs: parameters.timeoutMs ?? parameters.retry?.timeoutMs,
    concurrency: parameters.concurrency ?? parameters.retry?.concurrency,
    maxResponseBytes: parameters.maxResponseBytes ?? parameters.retry?.maxResponseBytes,
  });
  return (spec) => open(spec, parameters, hubUrl, retrying);
}

/**
 * `@huggingface/hub`, loaded on first use: a local check, the terms module or a licence lookup
 * never pays for it (nor for @huggingface/tasks, which it imports).
 */
let hubClient: Promise<typeof import("@huggingface/hub")> | undefined;
function loadHubClient(): Promise<typeof import("@huggingface/hub")> {
  return (hubClient ??= import("@huggingface/hub"));
}

async function open(spec: string, parameters: OpenHubSourceParameters, hubUrl: string, retrying: typeof fetch): Promise<HubSource> {
  const { repo, revision: requestedRevision } = parseHubSpec(spec);
  const accessToken = parameters.accessToken || undefined;
  if (accessToken !== undefined && !accessToken.startsWith("hf_")) {
    throw new SourceReadError("the Hub access token must start with hf_", { reason: "unauthorized" });
  }
  const cache = parameters.cache;
  const offline = parameters.offline ?? false;
  const readAheadBytes = parameters.readAheadBytes ?? 64 * 1024;
  const maxFiles = parameters.maxFiles ?? 100_000;
  const keyBase = `${new URL(hubUrl).host}/models/${repo}`;
  const hubFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    if (offline) throw new SourceReadError(`offline, and ${repo} is not in the cache`, { reason: "offline", docsPath: "/docs/hub.md#cache" });
    const response = await retrying(input, init);
    if (!response.ok) throw await hubResponseError(response, repo);
    return response;
  }) as typeof fetch;
  const credentials = accessToken ? { accessToken } : {};

  const cacheGet = async (key: string): Promise<Uint8Array | undefined> => {
    try {
      return await cache?.get(`${keyBase}/${key}`);
    } catch {
      return undefined; // a broken cache entry is a miss, never a failure
    }
  };
  const cacheSet = async (key: string, value: Uint8Array): Promise<void> => {
    try {
      await cache?.set(`${keyBase}/${key}`, value);
    } catch {
      // the cache is an optimisation: a read-only or full disk must not fail a check
    }
  };
  const cacheGetJson = async <T>(key: string): Promise<T | undefined> => {
    const bytes = await cacheGet(key);
    if (!bytes) return undefined;
    try {
      return JSON.parse(decoder.decode(bytes)) as T;
    } catch {
      return undefined;
    }
  };

  // 1. Resolve the revision to a commit sha. Refs move, so only a sha is answered from the cache
  //    (refs are read from the cache only when offline).
  let info: CachedInfo | undefined;
  if (isCommitSha(requestedRevision)) info = await cacheGetJson<CachedInfo>(`${requestedRevision}/info.json`);
  const refKey = `refs/${encodeURIComponent(requestedRevision ?? "HEAD")}.json`;
  if (!info && offline) {
    const sha = (await cacheGetJson<{ sha: string }>(refKey))?.sha;
    if (sha) info = await cacheGetJson<CachedInfo>(`${sha}/info.json`);
  }
  if (!info) {
    const { modelInfo } = await loadHubClient();
    const entry = await modelInfo({
      name: repo,
      ...(requestedRevision ? { revision: requestedRevision } : {}),
      additionalFields: ["sha"],
      hubUrl,
      fetch: hubFetch,
      ...credentials,
    });
    const sha = (entry as { sha?: unknown }).sha;
    if (typeof sha !== "string" || !isCommitSha(sha)) {
      throw new SourceReadError(`the Hub did not return a commit sha for ${spec}`, { reason: "invalid", details: `sha: ${JSON.stringify(sha)}` });
    }
    if (isCommitSha(requestedRevision) && sha !== requestedRevision) {
      throw new SourceReadError(`the Hub resolved ${requestedRevision} to another commit (${sha})`, { reason: "invalid" });
    }
    info = { sha, gated: entry.gated === "auto" || entry.gated === "manual" ? entry.gated : false, private: !!entry.private };
    await cacheSet(`${sha}/info.json`, encodeJson(info));
    await cacheSet(refKey, encodeJson({ sha }));
  }
  const commit = info.sha;
  const resolveUrl = (path: string) => `${hubUrl}/${repo}/resolve/${commit}/${path.split("/").map(encodeURIComponent).join("/")}`;

  // 2. The listing, once, at the commit.
  let listing: Promise<Map<string, StoredFile>> | undefined;
  let accessProven = !info.gated;
  const loadListing = async (): Promise<Map<string, StoredFile>> => {
    let files = await cacheGetJson<StoredFile[]>(`${commit}/tree.json`);
    if (!files) {
      files = [];
      const { listFiles } = await loadHubClient();
      for await (const entry of listFiles({ repo: { type: "model", name: repo }, revision: commit, recursive: true, hubUrl, fetch: hubFetch, ...credentials })) {
        if (entry.type !== "file") continue;
        if (files.length >= maxFiles) throw new SourceReadError(`${repo} lists more than ${maxFiles} files`, { reason: "too-large" });
        if (typeof entry.path !== "string" || entry.path.split("/").some((s) => s === "" || s === "." || s === "..")) {
          throw new SourceReadError(`the Hub listed an invalid path in ${repo}`, { reason: "invalid", details: JSON.stringify(entry.path) });
        }
        const size = entry.lfs?.size ?? entry.size;
        if (!Number.isSafeInteger(size) || size < 0) throw new SourceReadError(`invalid size for ${entry.path}`, { reason: "invalid" });
        const sha256 = entry.lfs?.oid && /^[0-9a-f]{64}$/.test(entry.lfs.oid) ? entry.lfs.oid : undefined;
        files.push({ path: entry.path, size, sha256, oid: entry.oid });
      }
      await cacheSet(`${commit}/tree.json`, encodeJson(files));
    }
    return new Map(files.map((f) => [f.path, f]));
  };
  const getListing = () => (listing ??= loadListing().catch((error: unknown) => {
    listing = undefined;
    throw error;
  }));
  const fileOf = async (path: string): Promise<StoredFile | undefined> => (await getListing()).get(path);
  const requireFile = async (path: string): Promise<StoredFile> => {
    const file = await fileOf(path);
    if (!file) throw new SourceReadError(`file not found: ${repo}/${path}`, { reason: "missing", path });
    return file;
  };

  const blobOf = async (file: StoredFile) => {
    const { downloadFile } = await loadHubClient();
    const blob = await downloadFile({
      repo: { type: "model", name: repo },
      path: file.path,
      revision: commit,
      hubUrl,
      fetch: hubFetch,
      xet: false,
      // what fileDownloadInfo would ask the Hub for, we already have from the listing: one request saved per file
      downloadInfo: { size: file.size, etag: file.sha256 ?? file.oid ?? "", url: resolveUrl(file.path) },
      ...credentials,
    });
    if (!blob) throw new SourceReadError(`file not found: ${repo}/${file.path}`, { reason: "missing", path: file.path });
    return blob;
  };
  const fetchBytes = async (file: StoredFile, start: number, end: number): Promise<Uint8Array> => {
    const blob = await blobOf(file);
    const bytes = new Uint8Array(await (start === 0 && end === file.size ? blob : blob.slice(start, end)).arrayBuffer());
    if (bytes.length !== end - start) {
      throw new SourceReadError(`short read of ${repo}/${file.path}: got ${bytes.length} of ${end - start} bytes`, { reason: "network", path: file.path });
    }
    return bytes;
  };

  const memory = new Map<string, Promise<Uint8Array>>();
  const memo = (key: string, load: () => Promise<Uint8Array>): Promise<Uint8Array> => {
    let p = memory.get(key);
    if (!p) {
      p = (async () => {
        const hit = await cacheGet(key);
        if (hit) return hit;
        const bytes = await load();
        await cacheSet(key, bytes);
        return bytes;
      })();
      p.catch(() => memory.delete(key));
      memory.set(key, p);
    }
    return p;
  };

  const wholeFile = (file: StoredFile) => memo(`${commit}/files/${file.path}`, () => fetchBytes(file, 0, file.size));

  const readRange = async (path: string, start: number, end: number): Promise<Uint8Array> => {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new SourceReadError(`invalid byte range [${start}, ${end}) for ${path}`, { reason: "invalid", path });
    }
    const file = await requireFile(path);
    const stop = Math.min(end, file.size);
    if (start >= stop) return new Uint8Array(0);
    const head = Math.min(file.size, readAheadBytes);
    if (stop <= head) {
      const bytes = await memo(`${commit}/head/${path}`, () => fetchBytes(file, 0, head));
      accessProven = true;
      return bytes.slice(start, stop);
    }
    const maxRange = parameters.maxResponseBytes ?? 64 * 1024 * 1024;
    if (stop - start > maxRange) {
      throw new SourceReadError(`range of ${stop - start} bytes is larger than the ${maxRange}-byte cap`, { reason: "too-large", path });
    }
    const headKey = `${commit}/head/${path}`;
    const held = start < head ? memory.get(headKey) : undefined;
    const bytes = await memo(`${commit}/range/${path}@${start}-${stop}`, async () => {
      if (!held) return fetchBytes(file, start, stop);
      // the file's head is already here (a parser read the magic first): fetch only the rest
      const [prefix, rest] = await Promise.all([held, fetchBytes(file, head, stop)]);
      const out = new Uint8Array(stop - start);
      out.set(prefix.subarray(start, head), 0);
      out.set(rest, head - start);
      return out;
    });
    accessProven = true;
    return bytes;
  };

  // Metadata the Hub serves for a gated repo (info, listing) is no proof of access: before the
  // listing is handed out, one real read (the card, or a file head) must succeed.
  const proveAccess = async (files: Map<string, StoredFile>) => {
    if (accessProven) return;
    const probe = files.get("README.md") ?? [...files.values()].find((f) => f.size > 0);
    if (probe) await readRange(probe.path, 0, 1);
    accessProven = true;
  };

  const provenListing = async () => {
    const files = await getListing();
    await proveAccess(files);
    return files;
  };

  const source: HubSource = {
    kind: "hub",
    id: `hf:${repo}@${commit}`,
    repo,
    revision: commit,
    requestedRevision,
    gated: info.gated,
    private: info.private,
    hubUrl,
    async listFiles() {
      const files = await provenListing();
      return [...files.values()].map(({ path, size, sha256 }) => ({ path, size, sha256 }));
    },
    async readText(path, options = {}) {
      const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
      // "absent" from an unproven gated listing would be a claim about files we cannot see
      const file = (await provenListing()).get(path);
      if (!file) return undefined;
      if (file.size > maxBytes) {
        throw new SourceReadError(`${path} is ${file.size} bytes, more than the ${maxBytes}-byte limit`, { reason: "too-large", path });
      }
      const bytes = file.size <= readAheadBytes ? await readRange(path, 0, file.size) : await wholeFile(file);
      accessProven = true;
      return decoder.decode(bytes);
    },
    readRange,
    async sha256(path) {
      await provenListing();
      const file = await requireFile(path);
      if (file.sha256) return file.sha256;
      const limit = 16 * 1024 * 1024;
      if (file.size > limit) throw new SourceReadError(`no published sha256 for ${path} and it is too large to hash here`, { reason: "too-large", path });
      const bytes = file.size <= readAheadBytes ? await readRange(path, 0, file.size) : await wholeFile(file);
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
      return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
    },
  };
  return source;
}
