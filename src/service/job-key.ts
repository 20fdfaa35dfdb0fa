import { InvalidInputError } from "../errors.js";
import { isCommitSha, isHubRepoId } from "../sources/hub/index.js";

/**
 * The job key of a model repo at a commit: `org/name@sha`. It is the BullMQ job id and the name
 * results are stored under, so duplicate deliveries of one push are one job. Throws
 * `InvalidInputError` for anything that is not an `org/name` repo id and a 40-hex sha (which also
 * keeps keys safe as file names).
 *
 * @example
 * jobKey("acme/llm", "0123…") // "acme/llm@0123…"
 */
export function jobKey(repo: string, revision: string): string {
  checkRepo(repo);
  if (!isCommitSha(revision)) throw new InvalidInputError(`not a 40-hex commit sha: "${String(revision).slice(0, 80)}"`, { docsPath: "docs/hub-service.md#jobs" });
  return `${repo}@${revision.toLowerCase()}`;
}

/** Throws unless `repo` is an `org/name` Hub repo id whose parts do not start with a dot. */
export function checkRepo(repo: string): void {
  const parts = repo.split("/");
  if (parts.length !== 2 || !isHubRepoId(repo) || parts.some((p) => p.startsWith(".") || p === ""))
    throw new InvalidInputError(`not an org/name model repo id: "${repo.slice(0, 200)}"`, { docsPath: "docs/hub-service.md#jobs" });
}
