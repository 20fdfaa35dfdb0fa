import { SourceReadError } from "../errors.js";

/**
 * Turns a Hub error response into a `SourceReadError` with a reason the rules can act on:
 * `gated` (`X-Error-Code: GatedRepo`, 401 or 403: the repo exists, access must be requested),
 * `unauthorized` (other 401/403: no token, a bad token, or a private repo the Hub will not confirm),
 * `missing` (404: repo, revision or file), `network` (what is left after retries: 429, 5xx).
 */
export async function hubResponseError(response: Response, repo: string): Promise<SourceReadError> {
  const code = response.headers.get("x-error-code") ?? undefined;
  let message: string | undefined;
  try {
    const text = await response.text();
    const json = JSON.parse(text) as { error?: unknown };
    if (typeof json.error === "string") message = json.error.slice(0, 500);
  } catch {
    // not JSON: the status says enough
  }
  const path = /\/resolve\/[^/]+\/(.+)$/.exec(new URL(response.url || "http://x/").pathname)?.[1];
  const where = path ? `${repo}/${decodeURIComponent(path)}` : repo;
  const details = [`HTTP ${response.status}${code ? ` ${code}` : ""}`, message, response.url && `URL: ${response.url}`].filter(Boolean).join("; ");
  const make = (shortMessage: string, reason: string) => new SourceReadError(shortMessage, { reason, details, ...(path ? { path: decodeURIComponent(path) } : {}), docsPath: "/docs/hub.md#errors" });
  if (code === "GatedRepo") return make(`gated, access required: ${where}`, "gated");
  if (response.status === 401) {
    return make(
      code === "RepoNotFound" ? `repository not found, or private and no valid token: ${repo}` : `unauthorized: ${where} (check HF_TOKEN)`,
      "unauthorized",
    );
  }
  if (response.status === 403) return make(`access denied: ${where}`, "unauthorized");
  if (response.status === 404) {
    if (code === "RevisionNotFound") return make(`revision not found in ${repo}`, "missing");
    if (code === "EntryNotFound") return make(`file not found: ${where}`, "missing");
    return make(`repository not found: ${repo}`, "missing");
  }
  return make(`Hub answered HTTP ${response.status} for ${where}`, "network");
}
