import type { DeedStatus } from "./deed-status.js";
import { escapeHtml } from "./escape-html.js";

const ICON = { valid: "✔", invalid: "✖", error: "⚠", pending: "…" } as const;

/**
 * The status line as HTML: valid and by the licensor, or exactly what is wrong, with the terms
 * hash. `undefined` renders the line while the signature is being checked.
 *
 * @example
 * root.querySelector(".status").outerHTML = renderStatus(status);
 */
export function renderStatus(status: DeedStatus | undefined): string {
  if (!status) return `<div class="status pending" part="status" role="status" data-state="pending"><span aria-hidden="true">${ICON.pending}</span> Checking the licensor's signature…</div>`;
  const label = status.state === "valid" ? "Valid" : status.state === "invalid" ? "Invalid" : "Error";
  const problems = status.problems.length > 1 || status.state === "error" ? `<ul>${status.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join("")}</ul>` : "";
  const hash = "termsHash" in status ? `<p class="hash-line">Terms hash <code class="hash">${escapeHtml(status.termsHash)}</code></p>` : "";
  return (
    `<div class="status ${status.state}" part="status" role="${status.state === "valid" ? "status" : "alert"}" data-state="${status.state}">` +
    `<p><span aria-hidden="true">${ICON[status.state]}</span> <strong>${label}.</strong> ${escapeHtml(status.headline)}</p>${problems}${hash}</div>`
  );
}
