import { InvalidInputError, OmrlError, type OmrlErrorParameters } from "../errors.js";

/** A statement that cannot be paid as written: a bad field, payees that do not sum to the amount. */
export class InvalidStatementError extends InvalidInputError {
  override name = "InvalidStatementError";
  /** The obligation the problem is in, when it is in one. */
  readonly obligationId: string | undefined;
  constructor(
    shortMessage: string,
    parameters: OmrlErrorParameters & { location?: string; obligationId?: string } = {},
  ) {
    super(parameters.obligationId ? `obligation "${parameters.obligationId}": ${shortMessage}` : shortMessage, {
      docsPath: "/docs/payments.md#statements",
      ...parameters,
    });
    this.obligationId = parameters.obligationId;
  }
}

/** The payees of an obligation do not sum exactly to its amount: refuse rather than guess. */
export class PayeeSumMismatchError extends InvalidStatementError {
  override name = "PayeeSumMismatchError";
  readonly amount: bigint;
  readonly payeesSum: bigint;
  constructor(parameters: { obligationId: string; amount: bigint; payeesSum: bigint; location?: string }) {
    super(`payee amounts sum to ${parameters.payeesSum}, not the obligation amount ${parameters.amount}`, {
      obligationId: parameters.obligationId,
      location: parameters.location,
      details: "A payment plan pays exactly what the statement says; regenerate the statement with `omrl owed`.",
      docsPath: "/docs/payments.md#statements",
    });
    this.amount = parameters.amount;
    this.payeesSum = parameters.payeesSum;
  }
}

/** The payer holds fewer tokens than the unpaid part of the plan needs; nothing was sent. */
export class InsufficientBalanceError extends OmrlError {
  override name = "InsufficientBalanceError";
  readonly token: `0x${string}`;
  readonly payer: `0x${string}`;
  readonly required: bigint;
  readonly balance: bigint;
  constructor(parameters: { token: `0x${string}`; payer: `0x${string}`; required: bigint; balance: bigint; symbol?: string }) {
    const token = parameters.symbol ? `${parameters.symbol} (${parameters.token})` : parameters.token;
    super(
      `insufficient balance: ${parameters.payer} holds ${parameters.balance} base units of ${token}, the unpaid lines need ${parameters.required}`,
      { details: "Nothing was sent. Fund the payer and run again.", docsPath: "/docs/payments.md#pre-flight" },
    );
    this.token = parameters.token;
    this.payer = parameters.payer;
    this.required = parameters.required;
    this.balance = parameters.balance;
  }
}

/** The router may pull fewer tokens than the router lines need, and approving was not allowed. */
export class InsufficientAllowanceError extends OmrlError {
  override name = "InsufficientAllowanceError";
  readonly token: `0x${string}`;
  readonly spender: `0x${string}`;
  readonly required: bigint;
  readonly allowance: bigint;
  constructor(parameters: { token: `0x${string}`; owner: `0x${string}`; spender: `0x${string}`; required: bigint; allowance: bigint }) {
    super(
      `insufficient allowance: ${parameters.owner} allows the router ${parameters.spender} ${parameters.allowance} base units of ${parameters.token}, the unpaid router lines need ${parameters.required}`,
      { details: "Nothing was sent. Approve the router, or let the run approve it.", docsPath: "/docs/payments.md#pre-flight" },
    );
    this.token = parameters.token;
    this.spender = parameters.spender;
    this.required = parameters.required;
    this.allowance = parameters.allowance;
  }
}

/** A Safe Transaction Builder batch whose checksum does not match its content. */
export class SafeBatchChecksumError extends InvalidInputError {
  override name = "SafeBatchChecksumError";
  readonly expected: string | undefined;
  readonly actual: string;
  constructor(parameters: { expected: string | undefined; actual: string; location?: string }) {
    super(
      parameters.expected === undefined
        ? "the Safe batch has no meta.checksum"
        : `the Safe batch checksum ${parameters.expected} does not match its content (${parameters.actual})`,
      {
        location: parameters.location,
        details: "The file was changed after it was exported; do not sign it.",
        docsPath: "/docs/payments.md#safe-batch",
      },
    );
    this.expected = parameters.expected;
    this.actual = parameters.actual;
  }
}

/** A Safe batch that is not shaped like a Transaction Builder file, or whose calldata disagrees with its decoded method. */
export class InvalidSafeBatchError extends InvalidInputError {
  override name = "InvalidSafeBatchError";
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { location?: string } = {}) {
    super(shortMessage, { docsPath: "/docs/payments.md#safe-batch", ...parameters });
  }
}

/** The payment ledger file cannot be read (a corrupt line other than a torn last one). */
export class PaymentLedgerError extends InvalidInputError {
  override name = "PaymentLedgerError";
  constructor(shortMessage: string, parameters: OmrlErrorParameters & { location?: string } = {}) {
    super(shortMessage, { docsPath: "/docs/payments.md#ledger", ...parameters });
  }
}

/** A payment transaction was mined but reverted. */
export class PaymentRevertedError extends OmrlError {
  override name = "PaymentRevertedError";
  readonly transactionHash: `0x${string}`;
  constructor(parameters: { transactionHash: `0x${string}`; obligationId: string | null; payee: `0x${string}` }) {
    super(
      `payment transaction ${parameters.transactionHash} reverted (${parameters.obligationId ?? "approve"} → ${parameters.payee})`,
      { details: "The ledger marks the line failed; the next run sends it again.", docsPath: "/docs/payments.md#sending" },
    );
    this.transactionHash = parameters.transactionHash;
  }
}

/** The wallet or RPC is on another chain than the plan, or the signer is not the payer. */
export class PaymentSetupError extends OmrlError {
  override name = "PaymentSetupError";
  constructor(shortMessage: string, parameters: OmrlErrorParameters = {}) {
    super(shortMessage, { docsPath: "/docs/payments.md#sending", ...parameters });
  }
}

/** The token address holds no contract on the RPC's chain: nothing was sent. */
export class TokenNotContractError extends OmrlError {
  override name = "TokenNotContractError";
  readonly token: `0x${string}`;
  constructor(parameters: { token: `0x${string}`; chainId: number }) {
    super(`the token ${parameters.token} is not a contract on chain ${parameters.chainId}`, {
      details: "Nothing was sent. Check the statement's token address and the RPC's chain.",
      docsPath: "/docs/payments.md#pre-flight",
    });
    this.token = parameters.token;
  }
}

/** The token refuses a transfer that carries the OMRL payment reference (it accepts the plain one). */
export class TokenRejectsReferenceError extends OmrlError {
  override name = "TokenRejectsReferenceError";
  readonly token: `0x${string}`;
  constructor(parameters: { token: `0x${string}`; cause?: unknown }) {
    super(`the token ${parameters.token} rejects transfers with the OMRL payment reference appended; pay with --no-reference (reconcile then matches by amount)`, {
      details:
        "Nothing was sent. Pay with --no-reference (SDK: planPayments(…, { reference: false })); reconciliation then matches these payments by amount.",
      docsPath: "/docs/payments.md#reference",
      cause: parameters.cause,
    });
    this.token = parameters.token;
  }
}

/**
 * The RPC failed during a payment run. What was sent before is on chain and in the ledger; a rerun
 * reconciles the chain first and completes the run, paying each line once.
 */
export class PaymentInterruptedError extends OmrlError {
  override name = "PaymentInterruptedError";
  /** Lines this run sent before the failure. */
  readonly sent: number;
  readonly remaining: number;
  constructor(parameters: { sent: number; remaining: number; cause: unknown }) {
    const reason = parameters.cause instanceof Error ? parameters.cause.message.split("\n")[0] : String(parameters.cause);
    super(`the payment run stopped after ${parameters.sent} payment(s), ${parameters.remaining} left: ${reason}. Run the same command again: it pays only what the chain does not show paid`, {
      details: "What was sent is on chain and in the ledger. Run the same command again: it reads the chain first and pays only what is missing.",
      docsPath: "/docs/payments.md#sending",
      cause: parameters.cause,
    });
    this.sent = parameters.sent;
    this.remaining = parameters.remaining;
  }
}
