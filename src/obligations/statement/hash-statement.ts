import { hashCanonical } from "../../terms/index.js";
import type { Statement } from "./types.js";

/**
 * The statement hash: `0x` + sha256 of the RFC 8785 canonical JSON of the statement without
 * `statementHash`. Payments reference it; `verifyStatementHash` recomputes it.
 *
 * @example
 * hashStatement(statement) === statement.statementHash // true for an untouched statement
 */
export function hashStatement(statement: Omit<Statement, "statementHash"> | Statement): `0x${string}` {
  const { statementHash: _hash, ...rest } = statement as Statement;
  return hashCanonical(rest);
}

/** True when the statement's `statementHash` matches its content. */
export function verifyStatementHash(statement: Statement): boolean {
  return hashStatement(statement) === statement.statementHash;
}
