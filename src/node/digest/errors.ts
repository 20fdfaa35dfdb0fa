import { SourceReadError } from "../../sources/index.js";

/** A file changed (size, mtime, ctime or inode) while it was being hashed; its digest is of neither version. */
export class FileChangedError extends SourceReadError {
  override name = "FileChangedError";
  constructor(path: string) {
    super(`file changed while it was being hashed: ${path}`, {
      reason: "changed",
      path,
      details: "Its size, modification time or inode differ before and after reading. Hash it again once it is written.",
      docsPath: "/docs/digests.md#file-changed",
    });
  }
}

/**
 * Turns a Node file-system error into a `SourceReadError` saying what and where:
 * `ENOENT`/`ENOTDIR` → `missing`, `EACCES`/`EPERM` → `unauthorized`, anything else → `invalid`.
 */
export function fsErrorToSourceReadError(error: unknown, path: string): SourceReadError {
  if (error instanceof SourceReadError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = (error as { message?: unknown } | null)?.message;
  if (code === "ENOENT" || code === "ENOTDIR")
    return new SourceReadError(`no such file: ${path}`, { reason: "missing", path, cause: error });
  if (code === "EACCES" || code === "EPERM")
    return new SourceReadError(`permission denied: ${path}`, { reason: "unauthorized", path, cause: error });
  if (code === "EISDIR")
    return new SourceReadError(`is a directory, not a file: ${path}`, { reason: "invalid", path, cause: error });
  return new SourceReadError(`cannot read ${path}`, {
    reason: "invalid",
    path,
    details: `${typeof code === "string" ? `${code}: ` : ""}${String(message ?? error)}`,
    cause: error,
  });
}
