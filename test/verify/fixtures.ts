import { createHash } from "node:crypto";
import { chmod, copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect, type InspectParameters } from "../../src/inspect/index.js";
import { verifyRelease, type VerifyReleaseParameters } from "../../src/rules/index.js";
import { openLocalSource } from "../../src/sources/node.js";
import { tagRelease } from "../../src/tag/index.js";
import { signTerms, type OmrlTerms } from "../../src/terms/index.js";
import { devLicensor, exampleTerms } from "../fixtures/terms.js";

/** Real artifacts (read-only, shared): see /work/shared/data/artifacts/NOTES.md. */
export const DATA = "/work/shared/data";
export const REAL_SAFETENSORS = `${DATA}/artifacts/safetensors-misc/mlverse_hello.safetensors`;
export const REAL_GGUF = `${DATA}/artifacts/gguf-ollama/llama-2-tiny-random.gguf`;
export const CARDS = `${DATA}/cards`;

/** Opens like Meta's agreement, so it is recognised by its title; a real release ships Meta's text unchanged. */
export const LLAMA_AGREEMENT = "LLAMA 3.2 COMMUNITY LICENSE AGREEMENT\nLlama 3.2 Version Release Date: September 25, 2024\n\n(A test stand-in for the agreement's text.)\n";

export const LLAMA_NOTICE = "Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta Platforms, Inc. All Rights Reserved.";

/** Terms for a clean fine-tune of Llama 3.2 that meets every Llama obligation. */
export function cleanTerms(): OmrlTerms {
  const terms = exampleTerms();
  terms.model.name = "Llama Acme Tiny 1B";
  delete terms.model.artifacts;
  terms.attribution = { required: true, text: "Built with Llama" };
  terms.useRestrictions = ["No use to generate spam.", "The Llama 3.2 Acceptable Use Policy (https://www.llama.com/llama3_2/use-policy) applies to every use."];
  terms.upstream = [{ repo: "meta-llama/Llama-3.2-1B", license: "llama3.2", relation: "finetune" }];
  return terms;
}

export function omrlCard(extra = "base_model: meta-llama/Llama-3.2-1B"): string {
  return `---\nlicense: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\n${extra}\n---\n\n# Llama Acme Tiny 1B\n\nBuilt with Llama.\n`;
}

export type BuildReleaseOptions = {
  terms?: OmrlTerms;
  card?: string | null;
  notice?: string | null;
  /** Stamp the licence into the weights (`omrl tag --stamp`). Default true. */
  stamp?: boolean;
  /** Sign after tagging. Default true. */
  sign?: boolean;
  /** Copy the GGUF too (1.7 MB). Default false. */
  gguf?: boolean;
  /** The upstream Llama agreement's copy (`LICENSE-LLAMA-3.2.txt`); null ships none. */
  agreement?: string | null;
};

/**
 * A real OMRL release in a temp folder, made the way a publisher makes one: write omrl.json,
 * the card and NOTICE, copy real weights, `tagRelease` (stamp, digest, LICENSE.md), sign.
 */
export async function buildRelease(options: BuildReleaseOptions = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "omrl-verify-"));
  await copyFile(REAL_SAFETENSORS, join(dir, "model.safetensors"));
  await chmod(join(dir, "model.safetensors"), 0o644);
  if (options.gguf) {
    await copyFile(REAL_GGUF, join(dir, "model.gguf"));
    await chmod(join(dir, "model.gguf"), 0o644);
  }
  await writeFile(join(dir, "omrl.json"), JSON.stringify(options.terms ?? cleanTerms(), null, 2));
  if (options.card !== null) await writeFile(join(dir, "README.md"), options.card ?? omrlCard());
  if (options.notice !== null) await writeFile(join(dir, "NOTICE"), `${options.notice ?? LLAMA_NOTICE}\n`);
  if (options.agreement !== null) await writeFile(join(dir, "LICENSE-LLAMA-3.2.txt"), options.agreement ?? LLAMA_AGREEMENT);
  await tagRelease({ dir, stamp: options.stamp ?? true, cache: false });
  if (options.sign ?? true) await signRelease(dir);
  return dir;
}

export async function readTermsFile(dir: string): Promise<OmrlTerms> {
  return JSON.parse(await readFile(join(dir, "omrl.json"), "utf8")) as OmrlTerms;
}

export async function writeTermsFile(dir: string, terms: OmrlTerms): Promise<void> {
  await writeFile(join(dir, "omrl.json"), `${JSON.stringify(terms, null, 2)}\n`);
}

/** Signs the release's omrl.json with Anvil's public dev key (the licensor of `exampleTerms`). */
export async function signRelease(dir: string): Promise<void> {
  const { signature: _old, ...terms } = await readTermsFile(dir);
  await writeTermsFile(dir, await signTerms({ terms, account: devLicensor }));
}

/** Inspects and verifies a local path in-process (no digest cache). */
export async function verifyPath(path: string, options: VerifyReleaseParameters & InspectParameters = {}) {
  const release = await inspect(await openLocalSource(path, { cache: false }), options);
  return { release, result: verifyRelease(release, options) };
}

/** The rule ids of the unsuppressed findings, sorted. */
export function ruleIds(result: { diagnostics: { ruleId: string; suppressed?: unknown }[] }): string[] {
  return result.diagnostics.filter((d) => !d.suppressed).map((d) => d.ruleId).sort();
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A safetensors file: 8-byte little-endian header length, JSON header, data. */
export function safetensorsBytes(parameters: { metadata?: Record<string, string>; tensors?: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>; dataBytes?: number; headerLength?: bigint }): Uint8Array {
  const header: Record<string, unknown> = {};
  if (parameters.metadata) header.__metadata__ = parameters.metadata;
  const tensors = parameters.tensors ?? { w: { dtype: "F32", shape: [2], data_offsets: [0, 8] } };
  Object.assign(header, tensors);
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const dataBytes = parameters.dataBytes ?? Math.max(0, ...Object.values(tensors).map((t) => t.data_offsets[1]));
  const out = Buffer.alloc(8 + json.length + dataBytes);
  out.writeBigUInt64LE(parameters.headerLength ?? BigInt(json.length), 0);
  json.copy(out, 8);
  return out;
}
