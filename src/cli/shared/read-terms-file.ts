import { readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { InvalidInputError } from "../../errors.js";
import { MAX_TERMS_BYTES } from "../../terms/index.js";

export type TermsFile = { path: string; dir: string; text: string };

/**
 * Locates and reads a release's `omrl.json`: `target` is a release folder or the terms file
 * itself. A missing or oversized file is an input error (exit 2).
 */
export async function readTermsFile(target: string, cwd: string): Promise<TermsFile> {
  const absolute = resolve(cwd, target);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) throw new InvalidInputError(`${target} does not exist`);
  const path = info.isDirectory() ? join(absolute, "omrl.json") : absolute;
  const dir = info.isDirectory() ? absolute : resolve(absolute, "..");
  const fileInfo = await stat(path).catch(() => undefined);
  if (!fileInfo) throw new InvalidInputError(`${path} does not exist: run \`omrl init\` first`);
  if (fileInfo.size > MAX_TERMS_BYTES) throw new InvalidInputError(`${path} is larger than ${MAX_TERMS_BYTES} bytes`);
  return { path, dir, text: await readFile(path, "utf8") };
}

/** Reads a 0x-prefixed 32-byte private key from an environment variable (never from a flag). */
export function readPrivateKeyEnv(env: NodeJS.ProcessEnv, variable: string): `0x${string}` {
  const value = env[variable]?.trim();
  if (!value) throw new InvalidInputError(`environment variable ${variable} is not set`, { details: "Put the private key in an environment variable and pass its name with --key-env." });
  const key = value.startsWith("0x") ? value : `0x${value}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(key)) throw new InvalidInputError(`environment variable ${variable} does not hold a 32-byte hex private key`);
  return key as `0x${string}`;
}
