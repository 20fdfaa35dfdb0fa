import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fsErrorToSourceReadError } from "../node/index.js";
import { SourceReadError } from "./errors.js";
import { LocalFolderSource, type LocalFolderSourceOptions } from "./local-folder.js";
import { SingleFileSource } from "./single-file.js";

export type OpenLocalSourceOptions = LocalFolderSourceOptions;
export type OpenLocalSourceReturnType = LocalFolderSource | SingleFileSource;

/**
 * A `ModelSource` for a local path: a `LocalFolderSource` for a folder, a `SingleFileSource` for a
 * file. A path that does not exist is a `SourceReadError` with reason `missing`.
 *
 * @example
 * const source = await openLocalSource(process.argv[2] ?? ".")
 * source.kind // "local" or "file"
 */
export async function openLocalSource(pathOrFile: string, options: OpenLocalSourceOptions = {}): Promise<OpenLocalSourceReturnType> {
  let info;
  try {
    info = await stat(pathOrFile);
  } catch (error) {
    const mapped = fsErrorToSourceReadError(error, pathOrFile);
    if (mapped.reason === "missing")
      throw new SourceReadError(`no such file or folder: ${pathOrFile}`, { reason: "missing", path: resolve(pathOrFile), cause: error });
    throw mapped;
  }
  if (info.isDirectory()) return new LocalFolderSource(pathOrFile, options);
  if (info.isFile()) return new SingleFileSource(pathOrFile, { cache: options.cache });
  throw new SourceReadError(`not a file or folder: ${pathOrFile}`, { reason: "invalid", path: resolve(pathOrFile) });
}
