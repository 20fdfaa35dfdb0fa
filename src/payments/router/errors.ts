import { OmrlError, type OmrlErrorParameters } from "../../errors.js";

/** A router transaction was mined but reverted (the simulation passed, the chain disagreed). */
export class RouterTransactionRevertedError extends OmrlError {
  override name = "RouterTransactionRevertedError";
  readonly transactionHash: `0x${string}`;
  constructor(action: string, transactionHash: `0x${string}`, parameters: OmrlErrorParameters = {}) {
    super(`router ${action} reverted in transaction ${transactionHash}`, {
      docsPath: "/docs/contracts.md#errors",
      ...parameters,
    });
    this.transactionHash = transactionHash;
  }
}

/** The wallet client has no account to sign with. */
export class MissingAccountError extends OmrlError {
  override name = "MissingAccountError";
  constructor() {
    super("the wallet client has no account: create it with `account` (a local or JSON-RPC account)", {
      docsPath: "/docs/contracts.md#sdk",
    });
  }
}

/**
 * A router registration differs from the signed terms a payment is for (another licensor, token
 * or split), or does not exist: nothing was sent.
 */
export class RouterRegistrationMismatchError extends OmrlError {
  override name = "RouterRegistrationMismatchError";
  /** What differs, one entry per field (`licensor`, `token`, `payees`, `registration`). */
  readonly differences: string[];
  constructor(parameters: { router: `0x${string}`; termsHash: `0x${string}`; differences: string[] }) {
    super(`the registration of terms ${parameters.termsHash} on router ${parameters.router} does not match the signed terms: ${parameters.differences.join("; ")}`, {
      details: "Nothing was sent. Pay by direct transfers, or ask the licensor to register (or update) these terms.",
      docsPath: "/docs/contracts.md#registrations",
    });
    this.differences = parameters.differences;
  }
}
