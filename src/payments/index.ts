/**
 * Payments: from a statement to the calls that pay it (ERC-20 transfers or the OMRL router), as a
 * Safe Transaction Builder batch, an EIP-5792 `wallet_sendCalls` request, or sent directly from a
 * viem wallet client with a resumable ledger; and reconciliation of a statement against the chain.
 * Runtime-neutral: the file ledger is in `omrl/node`.
 */
export {
  InvalidStatementError,
  PayeeSumMismatchError,
  InsufficientBalanceError,
  InsufficientAllowanceError,
  SafeBatchChecksumError,
  InvalidSafeBatchError,
  PaymentLedgerError,
  PaymentRevertedError,
  PaymentSetupError,
  PaymentInterruptedError,
  TokenNotContractError,
  TokenRejectsReferenceError,
} from "./errors.js";
export {
  PAYMENT_REFERENCE_MAGIC,
  PAYMENT_REFERENCE_BYTES,
  paymentLineHash,
  encodePaymentReference,
  appendPaymentReference,
  decodePaymentReference,
  findReferencedCalls,
  findReferencedTransfers,
  type PaymentReference,
  type ReferencedCall,
  type ReferencedTransfer,
} from "./reference.js";
export { findBlockByTime, type FindBlockByTimeParameters } from "./find-block-by-time.js";
export { planUnpaid, withAmount, type PlanUnpaidParameters, type PlanUnpaidReturnType } from "./plan-unpaid.js";
export {
  parseStatementForPayment,
  isParsedStatement,
  type ParsedStatement,
  type ParsedObligation,
  type ParseStatementOptions,
} from "./statement.js";
export {
  planPayments,
  paymentLineKey,
  type PaymentMethod,
  type PaymentLine,
  type PaymentBatch,
  type PaymentPlan,
  type PlanPaymentsParameters,
} from "./plan.js";
export { computeSafeBatchChecksum, serializeForSafeChecksum } from "./safe-checksum.js";
export {
  toSafeBatch,
  validateSafeBatch,
  SAFE_TX_BUILDER_VERSION,
  type SafeBatchFile,
  type SafeBatchTransaction,
  type SafeContractMethod,
  type SafeContractInput,
  type ToSafeBatchParameters,
  type ValidateSafeBatchOptions,
} from "./safe-batch.js";
export { toWalletSendCalls, type WalletSendCallsRequest, type ToWalletSendCallsParameters } from "./wallet-send-calls.js";
export { createMemoryLedger, latestByKey, type PaymentLedger, type PaymentLedgerEntry } from "./ledger.js";
export { sendPayments, type SendPaymentsParameters, type SendPaymentsReturnType } from "./send.js";
export { getLogsChunked, isRangeTooLargeError, type GetLogsChunkedParameters } from "./get-logs-chunked.js";
export {
  reconcileStatement,
  type ReconcileStatementParameters,
  type ReconcileStatementReturnType,
  type ReconciledLine,
  type ReconcileStatus,
  type ObservedPayment,
  type PaymentMatch,
} from "./reconcile.js";
export { formatReconciliation, formatUnitsExact, type ReconciliationFormat } from "./format-reconciliation.js";
export * from "./router/index.js";
