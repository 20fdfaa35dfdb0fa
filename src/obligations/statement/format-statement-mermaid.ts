import { mermaidLabel } from "../../lineage/index.js";
import { add, fraction, parseDecimal, toExactString, ZERO, type Fraction } from "../../money/index.js";
import type { Obligation, Statement } from "./types.js";

type Flow = { label: string; fiat: Fraction; units: Map<string, bigint>; periods: number; exempt: number };

/** Base units as exact decimal text in whole tokens (`1234500n`, 6 → `1.2345`). */
function tokens(units: bigint, decimals: number): string {
  return toExactString(fraction(units, 10n ** BigInt(decimals)));
}

const shortAccount = (account: string) => (/^0x[0-9a-fA-F]{40}$/.test(account) ? `${account.slice(0, 6)}…${account.slice(-4)}` : account);

/** The model id an obligation is for: `<id>:<period>` or `<ancestor>:<period>:via:<leaf>`. */
function modelIdOf(o: Obligation): string {
  const cut = o.id.indexOf(`:${o.period}`);
  return cut > 0 ? o.id.slice(0, cut) : o.model;
}

/**
 * The statement's money flow as a Mermaid flowchart: the app → each model it owes (fiat owed and
 * tokens, over all periods of the statement) → the upstream models owed through it (dotted,
 * "stacked") → each payee with the tokens it receives. Amounts are the statement's exact
 * numbers, summed exactly; exempt periods are counted on the model's node. Renders in GitHub PR
 * comments and job summaries.
 *
 * @example
 * statementToMermaid(statement)
 * // flowchart LR
 * //   app(["Acme Apps"])
 * //   app -->|"owes 120 USD = 120 USDC"| m0
 */
export function statementToMermaid(statement: Statement): string {
  const ids = new Map<string, string>();
  const idOf = (prefix: string, key: string) => {
    let id = ids.get(`${prefix}\u0000${key}`);
    if (id === undefined) ids.set(`${prefix}\u0000${key}`, (id = `${prefix}${ids.size}`));
    return id;
  };
  const models = new Map<string, Flow & { via: string | null; symbolDecimals: Map<string, number> }>();
  const payees = new Map<string, { account: string; symbol: string; decimals: number; from: Map<string, bigint> }>();
  for (const o of statement.obligations) {
    const modelId = modelIdOf(o);
    const key = o.via === null ? modelId : `${modelId}\u0000${o.via}`;
    let flow = models.get(key);
    if (!flow) models.set(key, (flow = { label: modelId, fiat: ZERO, units: new Map(), periods: 0, exempt: 0, via: o.via, symbolDecimals: new Map() }));
    flow.periods++;
    if (o.exempt) flow.exempt++;
    flow.fiat = add(flow.fiat, parseDecimal(o.owed));
    flow.units.set(o.token.symbol, (flow.units.get(o.token.symbol) ?? 0n) + BigInt(o.amount));
    flow.symbolDecimals.set(o.token.symbol, o.token.decimals);
    for (const p of o.payees) {
      if (p.amount === "0") continue;
      const payeeKey = `${p.account}\u0000${o.token.id}`;
      let payee = payees.get(payeeKey);
      if (!payee) payees.set(payeeKey, (payee = { account: p.account, symbol: o.token.symbol, decimals: o.token.decimals, from: new Map() }));
      payee.from.set(key, (payee.from.get(key) ?? 0n) + BigInt(p.amount));
    }
  }

  const lines = ["flowchart LR", `  app(["${mermaidLabel(`${statement.licensee.name} · ${statement.periods.join(", ")}`)}"])`];
  const money = (flow: { fiat: Fraction; units: Map<string, bigint>; symbolDecimals: Map<string, number> }) =>
    `${toExactString(flow.fiat)} ${statement.currency} = ${[...flow.units].map(([symbol, units]) => `${tokens(units, flow.symbolDecimals.get(symbol)!)} ${symbol}`).join(" + ")}`;
  for (const [key, flow] of models) {
    const note = `${flow.periods} period${flow.periods === 1 ? "" : "s"}${flow.exempt ? `, ${flow.exempt} exempt` : ""}`;
    lines.push(`  ${idOf("m", key)}["${mermaidLabel(flow.label)}<br/>${mermaidLabel(note)}"]`);
  }
  for (const [key, flow] of models) {
    if (flow.via === null) lines.push(`  app -->|"${mermaidLabel(`owes ${money(flow)}`)}"| ${idOf("m", key)}`);
    else {
      const leaf = [...models.entries()].find(([, f]) => f.via === null && f.label === flow.via);
      lines.push(`  ${leaf ? idOf("m", leaf[0]) : "app"} -.->|"${mermaidLabel(`stacked: ${money(flow)}`)}"| ${idOf("m", key)}`);
    }
  }
  for (const [key, payee] of payees) {
    lines.push(`  ${idOf("p", key)}[/"${mermaidLabel(shortAccount(payee.account))}"/]`);
    for (const [modelKey, units] of payee.from) lines.push(`  ${idOf("m", modelKey)} -->|"${mermaidLabel(`${tokens(units, payee.decimals)} ${payee.symbol}`)}"| ${idOf("p", key)}`);
  }
  const exemptOnly = [...models].filter(([, f]) => f.exempt === f.periods).map(([key]) => idOf("m", key));
  lines.push("  classDef exempt stroke-dasharray:5 5,color:#666");
  if (exemptOnly.length > 0) lines.push(`  class ${exemptOnly.join(",")} exempt`);
  return `${lines.join("\n")}\n`;
}
