import { InvalidInputError } from "../../errors.js";

export type HubSpec = {
  /** `org/name` (or a legacy single-segment name such as `gpt2`). */
  repo: string;
  /** Branch, tag or commit sha as written (`main`, `v1.0`, `refs/pr/1`, 40 hex), or undefined for the default branch. */
  revision: string | undefined;
};

// The Hub's repo name rule: letters, digits, `-`, `_`, `.`; no `--` or `..`; no leading/trailing `-` or `.`; ≤ 96 chars.
const NAME = /^(?![-.])(?!.*(--|\.\.))[A-Za-z0-9_.-]{1,96}(?<![-.])$/;
const REVISION = /^(?!.*\.\.)(?!\/)(?!.*\/\/)[A-Za-z0-9_.\-/]{1,255}(?<!\/)$/;

/** Whether `id` is a valid Hub repo id (`org/name`, or a legacy single name). */
export function isHubRepoId(id: string): boolean {
  const parts = id.split("/");
  return parts.length >= 1 && parts.length <= 2 && parts.every((p) => NAME.test(p));
}

/**
 * Parses `hf:org/name` or `hf:org/name@revision`. The revision may contain `/` (`refs/pr/1`).
 *
 * @example
 * parseHubSpec("hf:acme/llm@refs/pr/1") // { repo: "acme/llm", revision: "refs/pr/1" }
 */
export function parseHubSpec(spec: string): HubSpec {
  const body = spec.startsWith("hf://") ? spec.slice(5) : spec.startsWith("hf:") ? spec.slice(3) : undefined;
  if (body === undefined) {
    throw new InvalidInputError(`not a Hub spec: "${spec}" (expected hf:org/name[@revision])`, { docsPath: "/docs/hub.md#specs" });
  }
  const at = body.indexOf("@");
  const repo = at < 0 ? body : body.slice(0, at);
  const revision = at < 0 ? undefined : body.slice(at + 1);
  if (!isHubRepoId(repo)) {
    throw new InvalidInputError(`invalid Hub repo id "${repo}"`, {
      details: "a repo id is org/name: letters, digits, -, _, . (no -- or .., at most 96 characters each)",
      docsPath: "/docs/hub.md#specs",
    });
  }
  if (revision !== undefined && !REVISION.test(revision)) {
    throw new InvalidInputError(`invalid revision "${revision}" in "${spec}"`, { docsPath: "/docs/hub.md#specs" });
  }
  return { repo, revision };
}

/** Whether a revision is a full commit sha (immutable, so cacheable without asking the Hub). */
export function isCommitSha(revision: string | undefined): revision is string {
  return revision !== undefined && /^[0-9a-f]{40}$/.test(revision);
}

/**
 * The repo id in a Hub model URL (`https://huggingface.co/org/name`, as GGUF `general.base_model.N.repo_url`
 * carries it), or undefined when the URL does not name a model repo.
 */
export function repoIdFromHubUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return isHubRepoId(url) ? url : undefined;
  }
  const parts = parsed.pathname.split("/").filter(Boolean);
  if (parts[0] === "datasets" || parts[0] === "spaces") return undefined;
  const id = parts.slice(0, 2).join("/");
  return parts.length >= 2 && isHubRepoId(id) ? id : undefined;
}
