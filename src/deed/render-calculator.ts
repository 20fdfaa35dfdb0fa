import type { Obligation } from "../obligations/index.js";
import type { OmrlTerms } from "../terms/index.js";
import { groupDigits } from "./describe-terms.js";
import { escapeHtml } from "./escape-html.js";

/** Base units as a token amount, exactly: ("2714000000", 6) → "2714". */
export function formatBaseUnits(amount: string, decimals: number): string {
  if (decimals === 0) return amount;
  const padded = amount.padStart(decimals + 1, "0");
  const whole = padded.slice(0, -decimals);
  const fraction = padded.slice(-decimals).replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole;
}

/**
 * The "What would I owe?" form as HTML: one period's revenue, refunds and MAU (and an attribution
 * weight when the basis is attributable), the token-per-currency rate, or a pasted CSV report.
 *
 * @example
 * root.innerHTML += renderCalculatorForm(terms);
 */
export function renderCalculatorForm(terms: OmrlTerms, options: { headingLevel?: number | undefined } = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const currency = escapeHtml(terms.revenueShare.currency);
  const symbol = escapeHtml(terms.payment.token.symbol);
  const input = (id: string, label: string, hint: string, attrs: string) =>
    `<div class="field"><label for="omrl-${id}">${label}</label><input id="omrl-${id}" name="${id}" ${attrs} aria-describedby="omrl-${id}-hint" autocomplete="off" spellcheck="false"><span class="hint" id="omrl-${id}-hint">${hint}</span></div>`;
  const weight =
    terms.revenueShare.basis === "attributable"
      ? input("weight", "Attribution weight", "the share of your net revenue this model earns, from 0 to 1 (e.g. 0.4)", `inputmode="decimal" required`)
      : "";
  return (
    `<section class="card calc" part="calculator" aria-labelledby="omrl-calc"><h${level} id="omrl-calc">What would I owe?</h${level}>` +
    `<p>Enter your revenue for a period. The amount is computed here in your browser with the same engine as <code>omrl owed</code>: exact decimal arithmetic and token base units, never floating point. It covers this model only; an OMRL upstream model is owed in addition under its own terms.</p>` +
    `<form novalidate>` +
    `<div class="fields">` +
    input("period", "Period", `a month (2026-07), quarter (2026-Q3) or year (2026); the terms settle per ${escapeHtml(terms.revenueShare.period)}`, `inputmode="text" required`) +
    input("gross", `Gross revenue (${currency})`, "everything you billed in the period, e.g. 12500.50", `inputmode="decimal" required`) +
    input("refunds", `Refunds (${currency})`, "refunds and returns in the period; empty means 0", `inputmode="decimal"`) +
    input("mau", "Monthly active users", "the most in any month of the period; empty means not reported", `inputmode="numeric"`) +
    weight +
    input("rate", `${symbol} per ${currency}`, `the conversion rate to the payment token (e.g. 1 for a dollar stablecoin)`, `inputmode="decimal" required value="1"`) +
    `</div>` +
    `<details><summary>Or paste a revenue report (CSV, as <code>omrl owed</code> reads it)</summary>` +
    `<div class="field"><label for="omrl-report">Revenue report (CSV)</label><textarea id="omrl-report" name="report" rows="6" spellcheck="false" aria-describedby="omrl-report-hint"></textarea>` +
    `<span class="hint" id="omrl-report-hint">header <code>period,currency,gross,refunds,mau</code>, one line per month or period; when given, it replaces the fields above. Earlier periods you leave out count as 0 for the annual revenue threshold.</span></div></details>` +
    `<button type="submit">Compute what I owe</button></form>` +
    `<div class="result" aria-live="polite"></div></section>`
  );
}

/**
 * The calculator's answer as HTML: per period, exempt or the amount owed in the currency, the
 * token amount and its base units, the payee split (sums exactly) and the full trace.
 */
export function renderOwedResult(obligations: Obligation[], terms: OmrlTerms): string {
  if (obligations.length === 0) return `<p class="note">No settlement period is covered by this revenue.</p>`;
  const decimals = terms.payment.token.decimals;
  const names = new Map(terms.payment.payees.map((p) => [p.account, p.name ?? p.account]));
  return obligations
    .map((o) => {
      const headline = o.exempt
        ? `<p class="owed" data-amount="0"><strong>${escapeHtml(o.period)}: nothing is owed.</strong> ${escapeHtml(o.exemptReason ?? "")}</p>`
        : `<p class="owed" data-amount="${escapeHtml(o.amount)}"><strong>${escapeHtml(o.period)}: ${escapeHtml(groupDigits(o.owed))} ${escapeHtml(terms.revenueShare.currency)}</strong> = <strong>${escapeHtml(groupDigits(formatBaseUnits(o.amount, decimals)))} ${escapeHtml(o.token.symbol)}</strong> (<span class="base-units">${escapeHtml(o.amount)}</span> base units), due ${escapeHtml(o.dueDate)}</p>`;
      const split =
        `<div class="scroll"><table class="split"><caption>Payee split</caption><thead><tr><th scope="col">Payee</th><th scope="col">Share</th><th scope="col">${escapeHtml(o.token.symbol)}</th><th scope="col">Base units</th></tr></thead><tbody>` +
        o.payees
          .map((p) => `<tr data-account="${escapeHtml(p.account)}" data-amount="${escapeHtml(p.amount)}"><td>${escapeHtml(names.get(p.account) ?? p.account)}</td><td class="num">${escapeHtml(p.share)}</td><td class="num">${escapeHtml(groupDigits(formatBaseUnits(p.amount, decimals)))}</td><td class="num">${escapeHtml(p.amount)}</td></tr>`)
          .join("") +
        `</tbody></table></div>`;
      const trace = `<details class="trace"><summary>How this was computed</summary><ol>${o.trace.map((t) => `<li><strong>${escapeHtml(t.step)}</strong>: ${escapeHtml(t.detail)}</li>`).join("")}</ol></details>`;
      return `<article class="obligation" data-period="${escapeHtml(o.period)}">${headline}${o.exempt ? "" : split}${trace}</article>`;
    })
    .join("");
}
