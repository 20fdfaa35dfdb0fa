import { readFile } from "node:fs/promises";
import { InvalidConfigError, parseConfig } from "./parse-config.js";
import type { OmrlConfig } from "./types.js";

/**
 * Reads and validates a config file from disk. A missing file is an `InvalidConfigError` (the
 * caller asked for it by name).
 *
 * @example
 * const config = await readConfigFile("omrl.config.json");
 */
export async function readConfigFile(path: string): Promise<OmrlConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidConfigError(code === "ENOENT" ? "config file not found" : `cannot read the config file (${code ?? "error"})`, path);
  }
  return parseConfig(text, { location: path });
}
