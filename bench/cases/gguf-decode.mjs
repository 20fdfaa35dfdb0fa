// Reading a real GGUF header that is mostly vocabulary (llama.cpp's ggml-vocab-falcon.gguf, a 2.3 MB
// header of key/values: 65,024 tokens, 64,784 merges, 65,024 token types) the way `inspect` does —
// `readGgufMetadata` over an in-memory `ModelSource` (the SDK's own decoder, every array decoded) —
// against `@huggingface/gguf` (a devDependency, kept for the decoder's cross-check test) parsing
// the same bytes with typed metadata through `sourceRangeFetch`, alternately in the same process.
// Both results are compared (keys and tensor data offset) so that a faster wrong answer fails.
// Issue #14: the decoder replaced the library on the verify path; it must not be slower.
// Run: npm run bench -- gguf-decode (OMRL_BENCH_GGUF: another GGUF file)
import { readFile } from "node:fs/promises";
import { gguf } from "@huggingface/gguf";
import { readGgufMetadata, sourceRangeFetch } from "../../dist/index.js";

const file = process.env.OMRL_BENCH_GGUF ?? "/work/shared/data/artifacts/gguf-llamacpp-vocab/ggml-vocab-falcon.gguf";

function memorySource(bytes) {
  return {
    kind: "memory",
    id: "memory:",
    async listFiles() {
      return [{ path: "m.gguf", size: bytes.length }];
    },
    async readText() {
      return undefined;
    },
    async readRange(_path, start, end) {
      return bytes.subarray(Math.min(start, bytes.length), Math.min(end, bytes.length));
    },
  };
}

export default {
  name: "gguf-decode: readGgufMetadata (own decoder) on a 2.3 MB vocabulary header",
  description: `${file} from memory vs @huggingface/gguf on the same bytes`,
  iterations: 15,
  async setup() {
    const bytes = new Uint8Array(await readFile(file));
    return { bytes };
  },
  async run(ctx) {
    const meta = await readGgufMetadata(memorySource(ctx.bytes), "m.gguf", { fileSize: ctx.bytes.length });
    ctx.ours = meta;
    return { keys: Object.keys(meta.kv).length };
  },
  anchor: {
    name: "@huggingface/gguf (typedMetadata) on the same bytes",
    async run(ctx) {
      const parsed = await gguf("https://omrl.invalid/m.gguf", {
        fetch: sourceRangeFetch(memorySource(ctx.bytes), "m.gguf", ctx.bytes.length),
        typedMetadata: true,
      });
      ctx.theirs = parsed;
    },
  },
  summarize(_result, ctx) {
    const theirs = Object.keys(ctx.theirs.metadata).filter((key) => !["version", "tensor_count", "kv_count"].includes(key));
    if (JSON.stringify(Object.keys(ctx.ours.kv)) !== JSON.stringify(theirs)) throw new Error("the two readers disagree on the keys");
    if (ctx.ours.tensorDataOffset !== Number(ctx.theirs.tensorDataOffset)) throw new Error("the two readers disagree on the data offset");
    return { agree: `${theirs.length} keys, same data offset` };
  },
};
