import parseSpdx from "spdx-expression-parse";
import { InvalidInputError } from "../errors.js";
import { InvalidLicenseExpressionError, UnknownLicenseError } from "./errors.js";
import { lookupLicense } from "./lookup-license.js";
import type {
  LicenseEntry,
  LicenseExpression,
  LicenseFlag,
  LicensePermission,
  ObligationLicense,
  Obligations,
} from "./types.js";

/** Longest expression accepted: real ones are a few dozen characters; this bounds work and memory. */
export const MAX_LICENSE_EXPRESSION_LENGTH = 4096;
/** Deepest parenthesis nesting accepted (the underlying parser recurses once per level). */
export const MAX_LICENSE_EXPRESSION_DEPTH = 32;

type Token = { text: string; offset: number; kind: "(" | ")" | "AND" | "OR" | "WITH" | "word" };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|[()]|[^\s()]+/g;
  let depth = 0;
  for (let match = pattern.exec(expression); match; match = pattern.exec(expression)) {
    const text = match[0];
    if (/^\s/.test(text)) continue;
    const upper = text.toUpperCase();
    const kind: Token["kind"] =
      text === "(" || text === ")" ? text : upper === "AND" || upper === "OR" || upper === "WITH" ? upper : "word";
    if (kind === "(" && ++depth > MAX_LICENSE_EXPRESSION_DEPTH) {
      throw new InvalidLicenseExpressionError(`parentheses nested deeper than ${MAX_LICENSE_EXPRESSION_DEPTH}`, {
        expression,
        position: match.index,
      });
    }
    if (kind === ")") depth--;
    tokens.push({ text, offset: match.index, kind });
  }
  return tokens;
}

/**
 * Finds where a token list breaks the grammar `expr := and (OR and)*; and := atom (AND atom)*;
 * atom := "(" expr ")" | word [WITH word]`. Only used to place an error the parser gave no offset for.
 */
function findSyntaxError(tokens: Token[], end: number): { position: number; reason: string } | undefined {
  let index = 0;
  const fail = (reason: string) => ({ position: tokens[index]?.offset ?? end, reason });
  const atom = (): ReturnType<typeof fail> | undefined => {
    const token = tokens[index];
    if (!token) return fail("expression ends where a licence was expected");
    if (token.kind === "(") {
      index++;
      const inner = expr();
      if (inner) return inner;
      if (tokens[index]?.kind !== ")") return fail('missing ")"');
      index++;
      return undefined;
    }
    if (token.kind !== "word") return fail(`expected a licence, found "${token.text}"`);
    index++;
    if (tokens[index]?.kind === "WITH") {
      index++;
      if (tokens[index]?.kind !== "word") return fail("expected an exception after WITH");
      index++;
    }
    return undefined;
  };
  const sequence = (operator: "AND" | "OR", next: () => ReturnType<typeof fail> | undefined) => () => {
    const first = next();
    if (first) return first;
    while (tokens[index]?.kind === operator) {
      index++;
      const more = next();
      if (more) return more;
    }
    return undefined;
  };
  const and = sequence("AND", atom);
  const expr: () => ReturnType<typeof fail> | undefined = sequence("OR", and);
  const error = expr();
  if (error) return error;
  if (index < tokens.length) return fail(`unexpected "${tokens[index]?.text}"`);
  return undefined;
}

export type ParseLicenseExpressionParameters = {
  /**
   * Also accept Hugging Face Hub licence ids (`llama3.1`, `apache-2.0`, `openrail++`), mapped to
   * their SPDX id / LicenseRef before parsing. SPDX ids themselves are case-sensitive.
   * @default false
   */
  hubIds?: boolean;
};

export type ParseLicenseExpressionReturnType = LicenseExpression;

/**
 * Parses an SPDX licence expression (with spdx-expression-parse): SPDX ids, `LicenseRef-…`,
 * `AND`, `OR`, `WITH`, `+` and parentheses.
 *
 * @throws {InvalidLicenseExpressionError} with `position` (0-based offset) on anything else.
 * @example
 * parseLicenseExpression("Apache-2.0 AND LicenseRef-OMRL-1.0")
 * // { conjunction: "and", left: { license: "Apache-2.0" }, right: { license: "LicenseRef-OMRL-1.0" } }
 * parseLicenseExpression("llama3.1 OR mit", { hubIds: true })
 * // { conjunction: "or", left: { license: "LicenseRef-Llama-3.1-Community" }, right: { license: "MIT" } }
 */
export function parseLicenseExpression(
  expression: string,
  parameters: ParseLicenseExpressionParameters = {},
): ParseLicenseExpressionReturnType {
  if (typeof expression !== "string") {
    throw new InvalidInputError("licence expression must be a string", { details: `Got ${typeof expression}.` });
  }
  if (expression.length > MAX_LICENSE_EXPRESSION_LENGTH) {
    throw new InvalidLicenseExpressionError(`longer than ${MAX_LICENSE_EXPRESSION_LENGTH} characters`, {
      expression,
      position: MAX_LICENSE_EXPRESSION_LENGTH,
    });
  }
  const tokens = tokenize(expression);
  if (tokens.length === 0) throw new InvalidLicenseExpressionError("empty", { expression, position: 0 });

  // Rebuild the expression token by token (Hub ids mapped), remembering where each token came from
  // so that an offset reported by the parser points into what the caller wrote.
  const spans: { start: number; end: number; token: Token; rewritten: boolean }[] = [];
  let rebuilt = "";
  for (const token of tokens) {
    let text = token.text;
    if (parameters.hubIds && token.kind === "word" && !text.startsWith("LicenseRef-")) {
      const entry = lookupLicense(text);
      if (entry && entry.hubId.toLowerCase() === text.toLowerCase()) text = entry.spdx;
    }
    if (rebuilt) rebuilt += " ";
    spans.push({ start: rebuilt.length, end: rebuilt.length + text.length, token, rewritten: text !== token.text });
    rebuilt += text;
  }
  const toOriginal = (offset: number): { position: number; token: Token | undefined } => {
    const span = spans.find((s) => offset >= s.start && offset < s.end) ?? spans.find((s) => s.start >= offset);
    if (!span) return { position: expression.trimEnd().length, token: undefined };
    const inside = span.rewritten ? 0 : Math.max(0, offset - span.start);
    return { position: span.token.offset + inside, token: span.token };
  };

  try {
    return parseSpdx(rebuilt) as LicenseExpression;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at offset (\d+)/.exec(message);
    if (at?.[1] !== undefined) {
      const { position, token } = toOriginal(Number(at[1]));
      const word = token?.text ?? "";
      const known = word ? lookupLicense(word) : undefined;
      const reason = message.startsWith("Expected idstring")
        ? "expected an id after LicenseRef- or DocumentRef-"
        : token?.kind === "word"
          ? `unknown licence id "${word}"` +
            (known ? ` (did you mean "${known.spdx}"?${parameters.hubIds ? "" : " Hub ids need { hubIds: true }"})` : "")
          : `unexpected "${word}"`;
      throw new InvalidLicenseExpressionError(reason, { expression, position, cause: error });
    }
    const located = findSyntaxError(tokens, expression.trimEnd().length);
    if (located) throw new InvalidLicenseExpressionError(located.reason, { expression, ...located, cause: error });
    throw new InvalidLicenseExpressionError(message || "syntax error", { expression, position: 0, cause: error });
  }
}

/**
 * Maps a Hugging Face Hub licence id (or Hub `license_name`, alias, SPDX id) to its SPDX id or
 * `LicenseRef-…`. Any valid SPDX id or `LicenseRef-…` is returned as is, known or not.
 *
 * @throws {UnknownLicenseError} for anything else.
 * @example
 * licenseToSpdx("apache-2.0") // "Apache-2.0"
 * licenseToSpdx("llama3.1")   // "LicenseRef-Llama-3.1-Community"
 * licenseToSpdx("omrl-1.0")   // "LicenseRef-OMRL-1.0"
 * licenseToSpdx("0BSD")       // "0BSD" (SPDX, not in the knowledge base)
 */
export function licenseToSpdx(hubIdOrSpdx: string): string {
  const id = hubIdOrSpdx.trim();
  const entry = lookupLicense(id);
  if (entry) return entry.spdx;
  if (/^LicenseRef-[A-Za-z0-9.-]+$/.test(id)) return id;
  if (/^[A-Za-z0-9.-]+$/.test(id)) {
    try {
      const parsed = parseSpdx(id) as LicenseExpression;
      if ("license" in parsed && parsed.license === id) return id;
    } catch {
      // not an SPDX id: fall through to the error
    }
  }
  throw new UnknownLicenseError(id);
}

const PERMISSION_RANK: Record<LicensePermission, number> = { allowed: 0, restricted: 1, unknown: 2, forbidden: 3 };

function stricterPermission(a: LicensePermission, b: LicensePermission): LicensePermission {
  return PERMISSION_RANK[a] >= PERMISSION_RANK[b] ? a : b;
}

/** `true` binds; an unknown flag might bind; `false` only when every licence says so. */
function eitherFlag(a: LicenseFlag, b: LicenseFlag): LicenseFlag {
  if (a === true || b === true) return true;
  if (a === "unknown" || b === "unknown") return "unknown";
  return false;
}

function uniqueBy<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function obligationsOfTerm(term: { license: string; plus?: true; exception?: string }): Obligations {
  const entry: LicenseEntry | undefined = lookupLicense(term.license);
  const license = term.license;
  const source: ObligationLicense = {
    license,
    ...(entry ? { hubId: entry.hubId } : {}),
    ...(term.plus ? { plus: true } : {}),
    ...(term.exception ? { exception: term.exception } : {}),
    known: entry !== undefined,
  };
  const exceptions = term.exception ? [{ license, exception: term.exception }] : [];
  if (!entry) {
    return {
      licenses: [source],
      commercialUse: "unknown",
      commercialConditions: [],
      derivatives: "unknown",
      derivativeConditions: [],
      shareAlike: "unknown",
      attribution: { required: "unknown", texts: [], notices: [], requirements: [] },
      naming: [],
      userThresholds: [],
      revenueThresholds: [],
      useRestrictions: { flowDown: "unknown", sources: [] },
      revenueShare: false,
      exceptions,
      unknownLicenses: [license],
    };
  }
  const text = (value: string | undefined) => (value === undefined ? [] : [{ license, text: value }]);
  const { flowDown, ...restrictionSource } = entry.useRestrictions;
  return {
    licenses: [source],
    commercialUse: entry.commercialUse,
    commercialConditions: text(entry.commercialConditions),
    derivatives: entry.derivatives,
    derivativeConditions: text(entry.derivativeConditions),
    shareAlike: entry.shareAlike,
    attribution: {
      required: entry.attribution.required,
      texts: text(entry.attribution.text),
      notices: text(entry.attribution.notice),
      requirements: text(entry.attribution.requirement),
    },
    naming: entry.naming ? [{ license, ...entry.naming }] : [],
    userThresholds: entry.userThreshold ? [{ license, ...entry.userThreshold }] : [],
    revenueThresholds: entry.revenueThreshold ? [{ license, ...entry.revenueThreshold }] : [],
    useRestrictions: {
      flowDown,
      sources: flowDown === false ? [] : [{ license, ...restrictionSource }],
    },
    revenueShare: entry.revenueShare === true,
    exceptions,
    unknownLicenses: [],
  };
}

/** The obligations of two licences that both apply (AND). */
function combine(a: Obligations, b: Obligations): Obligations {
  return {
    licenses: uniqueBy([...a.licenses, ...b.licenses]),
    commercialUse: stricterPermission(a.commercialUse, b.commercialUse),
    commercialConditions: uniqueBy([...a.commercialConditions, ...b.commercialConditions]),
    derivatives: stricterPermission(a.derivatives, b.derivatives),
    derivativeConditions: uniqueBy([...a.derivativeConditions, ...b.derivativeConditions]),
    shareAlike: eitherFlag(a.shareAlike, b.shareAlike),
    attribution: {
      required: eitherFlag(a.attribution.required, b.attribution.required),
      texts: uniqueBy([...a.attribution.texts, ...b.attribution.texts]),
      notices: uniqueBy([...a.attribution.notices, ...b.attribution.notices]),
      requirements: uniqueBy([...a.attribution.requirements, ...b.attribution.requirements]),
    },
    naming: uniqueBy([...a.naming, ...b.naming]),
    userThresholds: uniqueBy([...a.userThresholds, ...b.userThresholds]),
    revenueThresholds: uniqueBy([...a.revenueThresholds, ...b.revenueThresholds]),
    useRestrictions: {
      flowDown: eitherFlag(a.useRestrictions.flowDown, b.useRestrictions.flowDown),
      sources: uniqueBy([...a.useRestrictions.sources, ...b.useRestrictions.sources]),
    },
    revenueShare: a.revenueShare || b.revenueShare,
    exceptions: uniqueBy([...a.exceptions, ...b.exceptions]),
    unknownLicenses: [...new Set([...a.unknownLicenses, ...b.unknownLicenses])],
  };
}

export type EvaluateLicenseExpressionParameters = {
  /** Accept Hub licence ids inside the expression (`apache-2.0 AND llama3.1`). @default true */
  hubIds?: boolean;
  /** Most alternatives an expression may expand to (AND distributes over OR). @default 64 */
  maxAlternatives?: number;
};

export type EvaluateLicenseExpressionReturnType = {
  /** The parsed expression (Hub ids mapped to SPDX). */
  parsed: LicenseExpression;
  /**
   * One obligation set per way of satisfying the expression: a single licence or an AND gives
   * one; each OR gives a choice. A policy picks the alternative it can meet.
   */
  alternatives: Obligations[];
};

/**
 * Evaluates an SPDX licence expression (or a single Hub licence id) to the obligations it imposes.
 * AND combines obligations (the most restrictive permission, the union of duties); OR yields the
 * alternatives, each a complete obligation set, so that a policy can choose; `WITH` exceptions are
 * carried along. Licences the knowledge base does not know make every field `"unknown"`.
 *
 * @throws {InvalidLicenseExpressionError} when the expression does not parse.
 * @example
 * const { alternatives } = evaluateLicenseExpression("LicenseRef-OMRL-1.0 OR LicenseRef-Commercial");
 * alternatives[0].revenueShare     // true
 * alternatives[1].unknownLicenses  // ["LicenseRef-Commercial"]
 * evaluateLicenseExpression("apache-2.0 AND llama3.1").alternatives[0].attribution.texts
 * // [{ license: "LicenseRef-Llama-3.1-Community", text: "Built with Llama" }]
 */
export function evaluateLicenseExpression(
  expression: string,
  parameters: EvaluateLicenseExpressionParameters = {},
): EvaluateLicenseExpressionReturnType {
  const maxAlternatives = parameters.maxAlternatives ?? 64;
  const parsed = parseLicenseExpression(expression, { hubIds: parameters.hubIds ?? true });
  const walk = (node: LicenseExpression): Obligations[] => {
    if ("license" in node) return [obligationsOfTerm(node)];
    const left = walk(node.left);
    const right = walk(node.right);
    const size = node.conjunction === "or" ? left.length + right.length : left.length * right.length;
    if (size > maxAlternatives) {
      throw new InvalidInputError(`licence expression expands to more than ${maxAlternatives} alternatives`, {
        details: "AND distributes over OR; simplify the expression or raise maxAlternatives.",
        docsPath: "/docs/licenses.md#evaluation",
      });
    }
    if (node.conjunction === "or") return [...left, ...right];
    return left.flatMap((l) => right.map((r) => combine(l, r)));
  };
  return { parsed, alternatives: walk(parsed) };
}
