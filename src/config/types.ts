/** Why a finding is accepted (ORT's resolution reasons, plus `FALSE_POSITIVE`). */
export type ResolutionReason =
  | "CANT_FIX_ISSUE"
  | "CANT_FIX_EXCEPTION"
  | "LICENSE_ACQUIRED_EXCEPTION"
  | "NOT_MODIFIED_EXCEPTION"
  | "EXAMPLE_OF_EXCEPTION"
  | "FALSE_POSITIVE";

export type Resolution = {
  /** A rule id, or a glob over rule ids (`lineage/*`). */
  rule: string;
  /** A glob (picomatch) over the finding's file; absent: any file. */
  path?: string | undefined;
  /** A regular expression the message must match. */
  message?: string | undefined;
  reason: ResolutionReason;
  comment: string;
};

/** `omrl.config.json`. */
export type OmrlConfig = {
  $schema?: string | undefined;
  extends?: "publisher" | "hub" | "app" | undefined;
  rules?: Record<string, "off" | "info" | "warning" | "error"> | undefined;
  resolutions?: Resolution[] | undefined;
};
