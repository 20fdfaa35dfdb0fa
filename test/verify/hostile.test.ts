import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRelease, safetensorsBytes, verifyPath } from "./fixtures.js";

const MALFORMED = "/work/shared/data/artifacts/malformed";

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}
const ggufString = (s: string) => Buffer.concat([u64(BigInt(Buffer.byteLength(s))), Buffer.from(s)]);

/** Hostile files generated here, each broken in one way. */
const generated: Record<string, Uint8Array> = {
  // header length 2^63: must be refused before anything is allocated
  "len-2p63.safetensors": Buffer.concat([u64(1n << 63n), Buffer.from("{}")]),
  // header length beyond the end of the file
  "len-past-end.safetensors": Buffer.concat([u64(4096n), Buffer.from('{"__metadata__":{}}')]),
  "bad-json.safetensors": safetensorsBytes({ headerLength: 20n }).subarray(0, 8 + 20),
  "not-json.safetensors": Buffer.concat([u64(8n), Buffer.from("{nope!!}")]),
  "overlap.safetensors": safetensorsBytes({
    tensors: { a: { dtype: "F32", shape: [2], data_offsets: [0, 8] }, b: { dtype: "F32", shape: [2], data_offsets: [4, 12] } },
    dataBytes: 12,
  }),
  "tiny.safetensors": Buffer.from([1, 2, 3]),
  // a GGUF declaring 2^40 key/values in a few bytes: must not allocate for them
  "kv-count.gguf": Buffer.concat([Buffer.from("GGUF"), u32(3), u64(0n), u64(1n << 40n)]),
  // 2^31 tensors
  "tensor-count.gguf": Buffer.concat([Buffer.from("GGUF"), u32(3), u64(1n << 31n), u64(0n)]),
  // one key/value whose string claims 2^60 bytes
  "string-length.gguf": Buffer.concat([Buffer.from("GGUF"), u32(3), u64(0n), u64(1n), ggufString("general.name"), u32(8), u64(1n << 60n), Buffer.from("x")]),
  "bad-magic.gguf": Buffer.from("GGUX\x03\x00\x00\x00"),
  "model.safetensors.index.json": Buffer.from('{"weight_map": ["not", "an", "object"]}'),
};

let dir: string;
beforeAll(async () => {
  dir = await buildRelease();
  await cp(MALFORMED, join(dir, "malformed"), { recursive: true });
  for (const [name, bytes] of Object.entries(generated)) await writeFile(join(dir, name), bytes);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("hostile and unreadable files", () => {
  it("each gives exactly one artifacts/unreadable error on that file, and verification of everything else continues", async () => {
    const { result } = await verifyPath(dir);
    const unreadable = result.diagnostics.filter((d) => d.ruleId === "artifacts/unreadable");
    const expected = [...Object.keys(generated), "malformed/ggml-vocab-llama-spm.utf8-mangled.gguf", "malformed/ollama-api-test.truncated.gguf", "malformed/safetensors-cpp_abuse_attempt_1.header-len-exceeds-file.safetensors"].sort();
    expect(unreadable.map((d) => d.file).sort()).toEqual(expected);
    expect(unreadable.every((d) => d.severity === "error")).toBe(true);
    // reason codes come through
    const message = (file: string) => unreadable.find((d) => d.file === file)!.message;
    expect(message("len-2p63.safetensors")).toContain("(header-too-large)");
    expect(message("len-past-end.safetensors")).toContain("(header-length-exceeds-file)");
    expect(message("overlap.safetensors")).toContain("(invalid-offsets)");
    expect(message("kv-count.gguf")).toContain("(count-too-large)");
    expect(message("tensor-count.gguf")).toMatch(/\((count-too-large|truncated)\)/);
    expect(message("malformed/ollama-api-test.truncated.gguf")).toContain("(truncated)");
    // the other rules still ran: every hostile weights file is also uncovered by the terms,
    expect(result.diagnostics.filter((d) => d.ruleId === "omrl/weights-uncovered")).toHaveLength(expected.length - 1);
    // the clean artifact was still checked, and nothing else was reported
    const others = result.diagnostics.filter((d) => d.ruleId !== "artifacts/unreadable" && d.ruleId !== "omrl/weights-uncovered");
    expect(others).toEqual([]);
    expect(result.status).toBe("violations");
  });

  it("a finding on the clean artifact still appears next to the hostile ones", async () => {
    const copy = await mkdtemp(join(tmpdir(), "omrl-hostile-"));
    try {
      await cp(dir, copy, { recursive: true });
      const bytes = await readFile(join(copy, "model.safetensors"));
      bytes[bytes.length - 1]! ^= 1;
      await writeFile(join(copy, "model.safetensors"), bytes);
      const { result } = await verifyPath(copy);
      expect(result.diagnostics.filter((d) => d.ruleId === "omrl/artifact-digest-mismatch").map((d) => d.pointer)).toEqual(["/model/artifacts/0/sha256"]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});
