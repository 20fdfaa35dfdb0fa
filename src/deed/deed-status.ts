import { InvalidTermsError, MAX_TERMS_BYTES, parseTerms, validateTerms, verifyTermsSignature, type OmrlTerms, type TermsIssue } from "../terms/index.js";

/** What the deed says about the terms it shows. */
export type DeedStatus =
  /** Well-formed terms with a valid EIP-712 signature by the licensor. */
  | { state: "valid"; headline: string; problems: []; termsHash: string; signer: string }
  /** Well-formed terms that are unsigned, signed by someone else, or changed after signing. */
  | { state: "invalid"; headline: string; problems: string[]; termsHash: string; signer?: string | undefined }
  /** Not OMRL terms at all: bad JSON, too large, or failing the schema or the semantic checks. */
  | { state: "error"; headline: string; problems: string[]; issues: TermsIssue[] };

export type CheckDeedTermsReturnType = { terms?: OmrlTerms | undefined; status: DeedStatus };

const issueText = (i: TermsIssue) => `${i.pointer || "/"}: ${i.message}`;
/** Most problems listed (a hostile file can produce thousands). */
const MAX_PROBLEMS = 20;

function errorStatus(issues: TermsIssue[]): CheckDeedTermsReturnType {
  const problems = issues.slice(0, MAX_PROBLEMS).map(issueText);
  if (issues.length > MAX_PROBLEMS) problems.push(`… and ${issues.length - MAX_PROBLEMS} more`);
  return {
    status: {
      state: "error",
      headline: `These are not valid OMRL 1.0 terms (${issues.length} problem${issues.length === 1 ? "" : "s"}); nothing below them can be relied on.`,
      problems,
      issues,
    },
  };
}

/**
 * Checks terms the way the deed does, in the browser: parses (bounded), validates against the
 * schema and the semantic checks, hashes, and verifies the licensor's EIP-712 signature. Never
 * throws for bad input: it says exactly what is wrong.
 *
 * @example
 * const { terms, status } = await checkDeedTerms(text);
 * status.state // "valid" | "invalid" | "error"
 */
export async function checkDeedTerms(input: string | unknown): Promise<CheckDeedTermsReturnType> {
  let terms: OmrlTerms;
  try {
    if (typeof input === "string") terms = parseTerms(input);
    else {
      const result = validateTerms(input);
      if (!result.valid) return errorStatus(result.issues);
      terms = result.terms;
    }
  } catch (error) {
    if (error instanceof InvalidTermsError) return errorStatus(error.issues);
    return errorStatus([{ pointer: "", code: "syntax/unreadable", message: `cannot be read: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  const check = await verifyTermsSignature(terms);
  const base = { termsHash: check.termsHash, signer: check.signer };
  if (check.valid && check.byLicensor)
    return { terms, status: { state: "valid", headline: `Signature valid: signed by the licensor, ${terms.licensor.name} (${check.signer}).`, problems: [], termsHash: check.termsHash, signer: check.signer! } };
  const problems: string[] = [];
  switch (check.reason) {
    case "unsigned":
      problems.push("The terms carry no signature, so nothing shows that the licensor issued them.");
      break;
    case "malformed":
      problems.push(`The signature cannot be read (${terms.signature?.scheme === "eip712" ? "not a 65-byte secp256k1 signature, or the licensor account is not an EVM address" : `unknown scheme "${terms.signature?.scheme}"`}).`);
      break;
    case "signer-mismatch":
      problems.push(
        `The signature does not match these terms: it recovers to ${check.signer}, not to the signer ${terms.signature?.signer} it names. The terms were changed after they were signed (or the signature belongs to other terms).`,
      );
      break;
    case "not-licensor":
      problems.push(`The signature is valid but by ${check.signer}, not by the licensor's account ${check.licensor}.`);
      break;
  }
  return { terms, status: { state: "invalid", headline: `Not verified: ${problems[0] ?? "the signature does not check out."}`, problems, ...base } };
}

export { MAX_TERMS_BYTES };
