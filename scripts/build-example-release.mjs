#!/usr/bin/env node
// Builds the bundled example model release (examples/model-release/) from scratch, deterministically:
// a model card, a tiny safetensors file and a tiny GGUF v3 file (bytes written here, weights from a
// seeded generator), then `omrl init` → `omrl tag --stamp` → `omrl sign` → `omrl validate` with the
// built CLI. Re-running it reproduces the committed files byte for byte.
//
//   npm run build && node scripts/build-example-release.mjs [outDir]
//
// The signing key is Anvil's first public development key: everyone knows it. Demo only.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "dist", "cli.js");
const outDir = resolve(process.argv[2] ?? join(root, "examples", "model-release"));

/** Anvil dev account 0: public, for the demo only. */
export const DEMO_LICENSOR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const DEMO_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
/** Anvil dev account 1, standing in for the funders' split contract. */
const DEMO_FUNDERS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ISSUED = "2026-01-15";
const SIGNED_AT = "2026-01-15T12:00:00Z";
/** The files this script owns in the example folder (the test file beside them is left alone). */
export const GENERATED_FILES = ["README.md", "LICENSE.md", "LICENSE-APACHE-2.0.txt", "omrl.json", "model.safetensors", "model.gguf"];

/** mulberry32: a tiny seeded generator; integer arithmetic only, so every platform gets the same bits. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` float32 weights in [-0.1, 0.1) as little-endian bytes (or all `fill`). */
function f32Tensor(count, seed, fill) {
  const values = new Float32Array(count);
  const next = generator(seed);
  for (let i = 0; i < count; i++) values[i] = fill ?? (next() - 0.5) * 0.2;
  const bytes = new Uint8Array(values.buffer);
  // Float32Array uses the platform's byte order; safetensors and GGUF are little-endian.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  return bytes;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A safetensors file as the reference writer lays it out: u64 LE header length, JSON padded with spaces to 8 bytes, data. */
function buildSafetensors() {
  const tensors = [
    { name: "embed_tokens.weight", shape: [32, 16], data: f32Tensor(32 * 16, 1) },
    { name: "layers.0.mlp.up_proj.weight", shape: [32, 16], data: f32Tensor(32 * 16, 2) },
    { name: "layers.0.self_attn.q_proj.weight", shape: [16, 16], data: f32Tensor(16 * 16, 3) },
    { name: "norm.weight", shape: [16], data: f32Tensor(16, 4, 1) },
  ];
  const header = { __metadata__: { format: "pt" } };
  let offset = 0;
  for (const tensor of tensors) {
    header[tensor.name] = { dtype: "F32", shape: tensor.shape, data_offsets: [offset, offset + tensor.data.length] };
    offset += tensor.data.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = new Uint8Array(Math.ceil(json.length / 8) * 8).fill(0x20);
  padded.set(json);
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(padded.length), true);
  return concat([prefix, padded, ...tensors.map((tensor) => tensor.data)]);
}

const GGUF_UINT32 = 4;
const GGUF_STRING = 8;
const GGML_TYPE_F32 = 0;
const GGUF_ALIGNMENT = 32;

function u32(value) {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}
function u64(value) {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}
function ggufString(text) {
  const bytes = new TextEncoder().encode(text);
  return concat([u64(bytes.length), bytes]);
}
const alignUp = (n) => Math.ceil(n / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;

/**
 * A GGUF v3 file (the layout llama.cpp's gguf writer produces): magic, version, tensor count,
 * key/value count, the key/values, the tensor infos (dims innermost first, offsets relative to the
 * data section), zero padding to the alignment, then each tensor's data padded to the alignment.
 */
function buildGguf() {
  const kv = [
    ["general.architecture", GGUF_STRING, "llama"],
    ["general.name", GGUF_STRING, "OMRL Demo Tiny"],
    ["general.version", GGUF_STRING, "1.0.0"],
    ["general.file_type", GGUF_UINT32, 0],
    ["general.quantization_version", GGUF_UINT32, 2],
    ["general.base_model.count", GGUF_UINT32, 1],
    ["general.base_model.0.name", GGUF_STRING, "SmolLM2 135M"],
    ["general.base_model.0.organization", GGUF_STRING, "HuggingFaceTB"],
    ["general.base_model.0.repo_url", GGUF_STRING, "https://huggingface.co/HuggingFaceTB/SmolLM2-135M"],
    ["llama.context_length", GGUF_UINT32, 64],
    ["llama.embedding_length", GGUF_UINT32, 16],
    ["llama.block_count", GGUF_UINT32, 1],
    ["llama.feed_forward_length", GGUF_UINT32, 32],
    ["llama.attention.head_count", GGUF_UINT32, 2],
  ];
  const tensors = [
    { name: "token_embd.weight", dims: [16, 32], data: f32Tensor(16 * 32, 11) },
    { name: "blk.0.attn_q.weight", dims: [16, 16], data: f32Tensor(16 * 16, 12) },
    { name: "output_norm.weight", dims: [16], data: f32Tensor(16, 13, 1) },
  ];
  const parts = [new TextEncoder().encode("GGUF"), u32(3), u64(tensors.length), u64(kv.length)];
  for (const [key, type, value] of kv) parts.push(ggufString(key), u32(type), type === GGUF_STRING ? ggufString(value) : u32(value));
  let offset = 0;
  for (const tensor of tensors) {
    parts.push(ggufString(tensor.name), u32(tensor.dims.length), ...tensor.dims.map(u64), u32(GGML_TYPE_F32), u64(offset));
    offset = alignUp(offset + tensor.data.length);
  }
  const head = concat(parts);
  const out = new Uint8Array(alignUp(head.length) + offset); // zero padding
  out.set(head);
  let at = alignUp(head.length);
  for (const tensor of tensors) {
    out.set(tensor.data, at);
    at = alignUp(at + tensor.data.length);
  }
  return out;
}

const CARD = `---
language:
- en
tags:
- omrl
- example
pipeline_tag: text-generation
---
# OMRL Demo Tiny

A complete, signed **OMRL 1.0** model release, small enough to read byte by byte. The weights
are seeded random numbers, not a useful model: the point is the release around them.

| File | What it is |
| --- | --- |
| \`omrl.json\` | the machine-readable terms: revenue share, payees, token, upstream model, artifact digests, the licensor's EIP-712 signature |
| \`LICENSE.md\` | the legal text rendered from those terms |
| \`LICENSE-APACHE-2.0.txt\` | the upstream model's licence, which Apache-2.0 requires to go with every derivative |
| \`model.safetensors\` | four float32 tensors; \`__metadata__\` carries \`license: LicenseRef-OMRL-1.0\` and \`omrl.terms_core_sha256\` |
| \`model.gguf\` | a GGUF v3 file with three float32 tensors; \`general.license*\` and \`omrl.terms_core_sha256\` key/values |

Commercial use owes 3% of net revenue per quarter in USDC on Base, split 70% to the
licensor and 30% to the funders, unless the app's trailing-12-month revenue is at or below
USD 1,000,000 or it has at most 100,000 monthly active users. It is a fine-tune of
[HuggingFaceTB/SmolLM2-135M](https://huggingface.co/HuggingFaceTB/SmolLM2-135M) (Apache-2.0).

Check it:

\`\`\`sh
omrl validate examples/model-release     # schema, semantics and the licensor's signature
omrl tag examples/model-release          # "Nothing changed.": the stamps and digests are current
\`\`\`

## How it was made

\`scripts/build-example-release.mjs\` writes this card and the two weight files, then runs:

\`\`\`sh
omrl init . --name "OMRL Demo Tiny" --licensor 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 \\
  --payee 0xf39F…2266=70%:"Example Labs" --payee 0x7099…79C8=30%:"Demo funders" --rate 3% \\
  --annual-revenue 1000000 --mau 100000 --base-model HuggingFaceTB/SmolLM2-135M=apache-2.0:finetune …
omrl tag . --stamp          # stamp → digest: licence + terms core hash into the files, then their sha256 into omrl.json
omrl sign . --key-env OMRL_EXAMPLE_KEY --signed-at ${SIGNED_AT}
\`\`\`

Re-running the script reproduces every file here byte for byte (a fixed issue date and signing
time; EIP-712 signatures with viem are deterministic).

> **The signing key is public. Demo only.** The licensor is Anvil's development account 0,
> \`0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266\`, whose private key
> \`0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\` ships with every
> Foundry install and is known to everyone. Anyone can sign as this account: never send funds
> to it, and never use it for a real release.
`;

function omrl(args, env = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`omrl ${args[0]} failed with exit code ${result.status}`);
  }
  return result.stdout;
}

function main() {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first`);
  mkdirSync(outDir, { recursive: true });
  for (const file of GENERATED_FILES) rmSync(join(outDir, file), { force: true });

  writeFileSync(join(outDir, "README.md"), CARD);
  // the upstream SmolLM2's licence: Apache-2.0 §4(a) requires its text to go with the derivative
  writeFileSync(join(outDir, "LICENSE-APACHE-2.0.txt"), `${createRequire(import.meta.url)("spdx-license-list/full")["Apache-2.0"].licenseText.trimEnd()}\n`);
  writeFileSync(join(outDir, "model.safetensors"), buildSafetensors());
  writeFileSync(join(outDir, "model.gguf"), buildGguf());

  // prettier-ignore
  omrl([
    "init", outDir,
    "--name", "OMRL Demo Tiny",
    "--repo", "omrl-examples/demo-tiny",
    "--model-version", "1.0.0",
    "--licensor", DEMO_LICENSOR,
    "--licensor-name", "Example Labs (demo)",
    "--payee", `${DEMO_LICENSOR}=70%:Example Labs`,
    "--payee", `${DEMO_FUNDERS}=30%:Demo funders`,
    "--rate", "3%",
    "--basis", "net",
    "--period", "quarter",
    "--annual-revenue", "1000000",
    "--mau", "100000",
    "--base-model", "HuggingFaceTB/SmolLM2-135M=apache-2.0:finetune",
    "--attribution", "Built with OMRL Demo Tiny",
    "--restriction", "Do not use the Model to generate spam or unsolicited bulk messages.",
    "--issued", ISSUED,
  ]);
  // The digest cache is skipped so the build neither reads nor writes the user's cache.
  omrl(["tag", outDir, "--stamp", "--no-cache"]);
  omrl(["sign", outDir, "--key-env", "OMRL_EXAMPLE_KEY", "--signed-at", SIGNED_AT], { OMRL_EXAMPLE_KEY: DEMO_KEY });
  process.stdout.write(omrl(["validate", outDir]));
}

main();
