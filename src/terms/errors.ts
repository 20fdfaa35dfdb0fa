import { InvalidInputError } from "../errors.js";
import type { TermsIssue } from "./types.js";

/** The terms do not parse or are not valid; `issues` lists every problem with its JSON pointer. */
export class InvalidTermsError extends InvalidInputError {
  override name = "InvalidTermsError";
  readonly issues: TermsIssue[];
  constructor(issues: TermsIssue[], location?: string) {
    const first = issues[0];
    const summary = first ? `${first.pointer || "/"}: ${first.message}` : "invalid terms";
    super(`invalid OMRL terms (${issues.length} problem${issues.length === 1 ? "" : "s"}): ${summary}`, {
      location,
      details: issues.map((i) => `${i.pointer || "/"}: ${i.message} [${i.code}]`).join("\n"),
      docsPath: "/docs/terms.md",
    });
    this.issues = issues;
  }
}
