import type { OmrlTerms } from "./types.generated.js";

export type { OmrlTerms, Artifact } from "./types.generated.js";

/** One payee of the terms' split. */
export type TermsPayee = OmrlTerms["payment"]["payees"][number];
/** One upstream (base) model the terms name. */
export type TermsUpstream = NonNullable<OmrlTerms["upstream"]>[number];
/** The EIP-712 signature block of signed terms. */
export type TermsSignature = NonNullable<OmrlTerms["signature"]>;

/** A problem found in terms: where (JSON pointer), what (a sentence a person understands), a stable code. */
export type TermsIssue = {
  /** JSON pointer into omrl.json, `""` for the whole document. */
  pointer: string;
  message: string;
  /** `schema/<keyword>` for schema errors, `semantic/<check>` for the rest. */
  code: string;
};

/** The terms' SPDX identity. */
export const OMRL_SPDX_ID = "LicenseRef-OMRL-1.0";
/** `license_name` on the Hugging Face Hub (with `license: other`). */
export const OMRL_HUB_LICENSE_NAME = "omrl-1.0";
