/** Node-only payment parts: the JSON-lines file ledger. */
export { openFileLedger, parseLedgerText, type FileLedger } from "./file-ledger.js";
