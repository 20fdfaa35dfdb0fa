import { createHash } from "node:crypto";
import { GGUFValueType, serializeGgufMetadata, type GGUFTypedMetadata } from "@huggingface/gguf";

/**
 * A file of a fixture repo. Either `content` (served as is) or a sparse large file: `size` bytes
 * whose first bytes are `head` and the rest zeros — served on demand, never allocated.
 */
export type FixtureFile = {
  path: string;
  content?: Uint8Array | string;
  /** Sparse file: total size in bytes (may be many GB). */
  size?: number;
  /** Sparse file: the bytes at offset 0 (a safetensors or GGUF header). */
  head?: Uint8Array;
  /** Store through LFS (the Hub does for binaries and anything > 10 MB). Default: true for sparse or binary-named files. */
  lfs?: boolean;
  /** Claimed LFS sha256 for sparse files (hashing GBs of zeros in a test is pointless). */
  sha256?: string;
};

export type FixtureCommit = {
  sha: string;
  files: FixtureFile[];
  /** Branch and tag names that point to this commit (`main`, `v1.0`, `refs/pr/1`). */
  refs?: string[];
};

export type FixtureRepo = {
  /** `org/name`. */
  id: string;
  /** The newest commit first; `HEAD` resolves to the commit that carries `main`, else the first. */
  commits: FixtureCommit[];
  gated?: false | "auto" | "manual";
  private?: boolean;
  /** Tokens that were granted access (gated) or are members (private). */
  grantedTokens?: string[];
};

/** A resolved file as the server serves it. */
export type ServedFile = {
  path: string;
  size: number;
  /** Git blob oid (sha1 hex), as the tree API reports it. */
  oid: string;
  lfs?: { oid: string; size: number; pointerSize: number };
  /** Bytes [start, end) of the file. */
  read(start: number, end: number): Buffer;
};

const LFS_EXTENSIONS = /\.(safetensors|gguf|bin|pt|pth|onnx|h5|msgpack|ckpt|zip|tar|npy)$/;

export function serveFile(file: FixtureFile): ServedFile {
  const content =
    file.content === undefined ? undefined : typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
  const head = file.head ? Buffer.from(file.head) : Buffer.alloc(0);
  const size = content ? content.length : (file.size ?? head.length);
  const read = (start: number, end: number): Buffer => {
    const s = Math.max(0, Math.min(start, size));
    const e = Math.max(s, Math.min(end, size));
    if (content) return content.subarray(s, e);
    const out = Buffer.alloc(e - s);
    if (s < head.length) head.copy(out, 0, s, Math.min(e, head.length));
    return out;
  };
  const isLfs = file.lfs ?? (content === undefined || LFS_EXTENSIONS.test(file.path));
  const sha256 = file.sha256 ?? (content ? createHash("sha256").update(content).digest("hex") : createHash("sha256").update(`sparse:${file.path}:${size}:`).update(head).digest("hex"));
  if (isLfs) {
    const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`;
    return { path: file.path, size, oid: gitBlobOid(Buffer.from(pointer)), lfs: { oid: sha256, size, pointerSize: pointer.length }, read };
  }
  return { path: file.path, size, oid: gitBlobOid(content ?? read(0, size)), read };
}

function gitBlobOid(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** A deterministic 40-hex commit sha from a label. */
export function commitSha(label: string): string {
  return createHash("sha1").update(`commit:${label}`).digest("hex");
}

/**
 * A real safetensors header (8-byte little-endian length + JSON, padded with spaces to 8 bytes) for
 * tensors whose data would fill `dataBytes`; the data itself is not produced.
 */
export function safetensorsHeader(parameters: { metadata?: Record<string, string>; dataBytes: number; tensors?: number }): Uint8Array {
  const tensors = parameters.tensors ?? 4;
  const header: Record<string, unknown> = {};
  if (parameters.metadata) header.__metadata__ = parameters.metadata;
  const per = Math.floor(parameters.dataBytes / tensors / 2) * 2;
  for (let i = 0; i < tensors; i++) {
    const begin = i * per;
    const end = i === tensors - 1 ? parameters.dataBytes : begin + per;
    header[`model.layers.${i}.weight`] = { dtype: "BF16", shape: [(end - begin) / 2], data_offsets: [begin, end] };
  }
  let json = JSON.stringify(header);
  while ((8 + Buffer.byteLength(json)) % 8 !== 0) json += " ";
  const jsonBytes = Buffer.from(json, "utf8");
  const out = Buffer.alloc(8 + jsonBytes.length);
  out.writeBigUInt64LE(BigInt(jsonBytes.length), 0);
  jsonBytes.copy(out, 8);
  return out;
}

/** A sparse safetensors file of `size` bytes: a real header, zeros after. */
export function sparseSafetensors(path: string, size: number, metadata?: Record<string, string>): FixtureFile {
  // the header length depends on the numbers in it; two passes settle it
  let head = safetensorsHeader({ metadata, dataBytes: size - 1024 });
  head = safetensorsHeader({ metadata, dataBytes: size - head.length });
  return { path, size: head.length + (size - head.length), head, lfs: true };
}

/** A GGUF v3 header with the given string / uint32 key-values and no tensors. */
export function ggufHeader(kv: Record<string, string | number>): Uint8Array {
  const typed: Record<string, unknown> = {
    version: { value: 3, type: GGUFValueType.UINT32 },
    tensor_count: { value: 0n, type: GGUFValueType.UINT64 },
    kv_count: { value: BigInt(Object.keys(kv).length), type: GGUFValueType.UINT64 },
  };
  for (const [key, value] of Object.entries(kv)) {
    typed[key] = typeof value === "string" ? { value, type: GGUFValueType.STRING } : { value, type: GGUFValueType.UINT32 };
  }
  return serializeGgufMetadata(typed as GGUFTypedMetadata);
}

/** A model card with YAML front matter. */
export function modelCard(frontMatter: string, body = "# Model\n"): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}`;
}
