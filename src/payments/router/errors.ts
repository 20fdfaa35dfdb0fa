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
