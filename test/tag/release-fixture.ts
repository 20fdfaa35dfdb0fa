import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { privateKeyToAccount } from "viem/accounts";
import { signTerms, type OmrlTerms } from "../../src/terms/index.js";
import { DEV_LICENSOR_KEY, exampleTerms } from "../fixtures/terms.js";

/** The real artifacts (read-only): tests copy from here and never write into it. */
export const SHARED_ARTIFACTS = "/work/shared/data/artifacts";

/** Release path → file under `SHARED_ARTIFACTS`: real safetensors (single and sharded, with an index) and a real GGUF. */
export const RELEASE_FILES: Record<string, string> = {
  "model.safetensors": "safetensors-fluxml/non_sharded/model.safetensors",
  "model.gguf": "gguf-ollama/llama-2-tiny-random.gguf",
  "codes/jfk-codes.safetensors": "safetensors-candle/jfk-codes.safetensors",
  ...Object.fromEntries(
    [1, 2, 3, 4, 5, 6].map((n) => [`sharded/model-0000${n}-of-00006.safetensors`, `safetensors-fluxml/sharded/model-0000${n}-of-00006.safetensors`]),
  ),
  "sharded/model.safetensors.index.json": "safetensors-fluxml/sharded/model.safetensors.index.json",
};

/** The terms the fixture release starts with: the shared example terms, a stale artifact list, unsigned. */
export function releaseTerms(): OmrlTerms {
  const { signature: _signature, ...terms } = exampleTerms();
  return terms;
}

/**
 * A temporary release folder: writable copies of real weight files, a config file that is not an
 * artifact, and `omrl.json` (signed by the dev licensor when `signed`).
 */
export async function makeRelease(options: { signed?: boolean; terms?: OmrlTerms } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "omrl-tag-"));
  for (const [path, from] of Object.entries(RELEASE_FILES)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    copyFileSync(join(SHARED_ARTIFACTS, from), join(dir, path));
    writeFileSync(join(dir, path), readFileSync(join(dir, path)), { mode: 0o644 });
  }
  writeFileSync(join(dir, "config.json"), '{"hidden_size": 8}\n');
  let terms = options.terms ?? releaseTerms();
  if (options.signed) terms = await signTerms({ terms, account: privateKeyToAccount(DEV_LICENSOR_KEY), signedAt: "2026-01-01T00:00:00Z" });
  writeFileSync(join(dir, "omrl.json"), `${JSON.stringify(terms, null, 2)}\n`);
  return dir;
}

export type FileSnapshot = Map<string, { sha256: string; mtimeMs: number; ino: number }>;

/** Every file under `dir` (recursively) with its sha256, mtime and inode. */
export function snapshot(dir: string): FileSnapshot {
  const out: FileSnapshot = new Map();
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else {
        const info = statSync(join(dir, rel));
        out.set(rel, { sha256: sha256File(join(dir, rel)), mtimeMs: info.mtimeMs, ino: info.ino });
      }
    }
  };
  walk("");
  return out;
}

export function sha256File(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
