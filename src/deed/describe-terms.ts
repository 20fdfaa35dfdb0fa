import { formatPercent, parsePercent } from "../money/index.js";
import { parseCaip10, type OmrlTerms } from "../terms/index.js";

/** One labelled line of the deed's summary, in plain words. */
export type DeedLine = { label: string; text: string };

/** The headline terms of a release in plain words, grouped as the deed shows them. */
export type DeedDescription = {
  title: string;
  model: DeedLine[];
  revenue: DeedLine[];
  payment: DeedLine[];
  payees: { name: string; account: string; share: string; role: string }[];
  derivatives: DeedLine[];
  attribution: DeedLine[];
  useRestrictions: string[];
  upstream: { repo: string; revision?: string | undefined; license: string; relation: string; omrl: boolean }[];
  artifacts: { path: string; size: string; sha256: string }[];
};

const PERIOD_WORDS: Record<string, string> = { month: "calendar month", quarter: "calendar quarter", year: "calendar year" };
const BASIS_WORDS: Record<string, string> = {
  gross: "gross revenue (all revenue, before refunds)",
  net: "net revenue (gross revenue minus refunds, never below zero)",
  attributable: "attributable revenue (net revenue times the share of it the model earns: a fixed weight or its share of usage)",
};
const WINDOW_WORDS: Record<string, string> = { trailing_12_months: "over the trailing 12 months", calendar_year: "over the calendar year so far" };
const RELATION_WORDS: Record<string, string> = { finetune: "fine-tuned from", adapter: "an adapter on", quantized: "quantized from", merge: "merged from" };

/** "1234567.5" → "1,234,567.5" (text only: the value stays exact). */
export function groupDigits(decimal: string): string {
  const [whole, fraction] = decimal.split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A byte count in words: "5,736 bytes (5.6 KiB)". */
export function describeSize(bytes: number): string {
  const exact = `${groupDigits(String(bytes))} byte${bytes === 1 ? "" : "s"}`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = "";
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return unit ? `${exact} (${value.toFixed(1)} ${unit})` : exact;
}

function chainName(caip2: string): string {
  const known: Record<string, string> = {
    "eip155:1": "Ethereum",
    "eip155:10": "OP Mainnet",
    "eip155:137": "Polygon",
    "eip155:8453": "Base",
    "eip155:42161": "Arbitrum One",
    "eip155:11155111": "Sepolia",
    "eip155:84532": "Base Sepolia",
    "eip155:31337": "a local test chain",
  };
  return known[caip2] ? `${known[caip2]} (${caip2})` : caip2;
}

function rateWords(terms: OmrlTerms): string {
  const share = terms.revenueShare;
  if (share.tiers && share.tiers.length > 0) {
    let from = "0";
    const bands = share.tiers.map((tier) => {
      const band = tier.upTo !== undefined ? `${tier.rate} of the part from ${groupDigits(from)} to ${groupDigits(tier.upTo)} ${share.currency}` : `${tier.rate} of the part above ${groupDigits(from)} ${share.currency}`;
      if (tier.upTo !== undefined) from = tier.upTo;
      return band;
    });
    return `tiered, each rate on its band of the period's basis (marginal): ${bands.join("; ")}`;
  }
  return `${share.rate} of the period's basis`;
}

/**
 * Describes terms in plain words for the deed: what is owed, on what, when, to whom, and what
 * else the licence asks. Pure: the page, the element and `omrl deed` share it.
 *
 * @example
 * const d = describeTerms(terms);
 * d.revenue.find((l) => l.label === "Rate")?.text // "3% of the period's basis"
 */
export function describeTerms(terms: OmrlTerms): DeedDescription {
  const share = terms.revenueShare;
  const caip10 = parseCaip10(terms.licensor.account);
  const licensorAccount = caip10?.address ?? terms.licensor.account;
  const model: DeedLine[] = [{ label: "Model", text: `${terms.model.name}${terms.model.version ? ` version ${terms.model.version}` : ""}` }];
  if (terms.model.repo) model.push({ label: "Repository", text: terms.model.repo });
  model.push({ label: "Licensor", text: `${terms.licensor.name} (${licensorAccount}${caip10 ? ` on ${chainName(caip10.chain)}` : ""})` });
  if (terms.licensor.url) model.push({ label: "Licensor's site", text: terms.licensor.url });
  if (terms.issued) model.push({ label: "Issued", text: terms.issued });
  model.push({ label: "Licence", text: `Open Model Revenue License ${terms.omrl} (LicenseRef-OMRL-${terms.omrl})` });

  const revenue: DeedLine[] = [
    { label: "Rate", text: rateWords(terms) },
    { label: "Basis", text: BASIS_WORDS[share.basis] ?? share.basis },
    { label: "Period", text: `each ${PERIOD_WORDS[share.period] ?? share.period}, in ${share.currency}; payment due ${share.dueDays} day${share.dueDays === 1 ? "" : "s"} after the period ends` },
  ];
  const t = share.thresholds;
  if (t && (t.annualRevenue !== undefined || t.monthlyActiveUsers !== undefined)) {
    const parts: string[] = [];
    if (t.annualRevenue !== undefined) parts.push(`your gross revenue ${WINDOW_WORDS[t.revenueWindow ?? "trailing_12_months"]} is at or below ${groupDigits(t.annualRevenue)} ${share.currency}`);
    if (t.monthlyActiveUsers !== undefined) parts.push(`the period's monthly active users are at or below ${groupDigits(String(t.monthlyActiveUsers))}`);
    revenue.push({ label: "Exempt when", text: `${parts.join(", or ")}. Above a threshold the whole period's basis owes, not only the excess.` });
  } else revenue.push({ label: "Exempt when", text: "never: the terms set no exemption threshold" });
  revenue.push({ label: "Cap", text: share.cap !== undefined ? `at most ${groupDigits(share.cap)} ${share.currency} per period (no carry-over)` : "none" });

  const payment: DeedLine[] = [
    { label: "Token", text: `${terms.payment.token.symbol} (${terms.payment.token.decimals} decimals), ${terms.payment.token.id}` },
    { label: "Chain", text: chainName(terms.payment.chain) },
    { label: "Rounding", text: "once per period, half up, to the token's base units; the split among payees sums exactly" },
  ];
  if (terms.payment.router) payment.push({ label: "Router", text: `payments go through the on-chain router ${terms.payment.router}` });
  const payees = terms.payment.payees.map((p) => {
    let shareText = p.share;
    try {
      shareText = formatPercent(parsePercent(p.share));
    } catch {
      shareText = p.share;
    }
    return { name: p.name ?? "(unnamed)", account: p.account, share: shareText, role: p.role ?? "—" };
  });

  const d = terms.derivatives;
  const derivatives: DeedLine[] = [
    { label: "Derivatives", text: d.allowed ? "allowed (fine-tunes, adapters, quantizations, merges, distillations)" : "not allowed" },
    { label: "Reciprocal", text: d.reciprocal ? "yes: a derivative must be released under OMRL terms that keep this model's share" : "no" },
    {
      label: "Stacking",
      text:
        d.stacking === "absolute"
          ? "absolute: a derivative's users owe this model its rate on their own basis, in addition to the derivative's share"
          : "relative: this model is owed its rate on what its direct derivative receives, in addition to the derivative's share",
    },
  ];
  const attribution: DeedLine[] = terms.attribution
    ? [{ label: "Attribution", text: terms.attribution.required ? `required${terms.attribution.text ? `: “${terms.attribution.text}”` : ""}` : `not required${terms.attribution.text ? ` (suggested: “${terms.attribution.text}”)` : ""}` }]
    : [{ label: "Attribution", text: "not required" }];
  if (terms.funding) attribution.push({ label: "Funding round", text: `${terms.funding.round}${terms.funding.url ? ` (${terms.funding.url})` : ""}` });

  return {
    title: terms.model.name,
    model,
    revenue,
    payment,
    payees,
    derivatives,
    attribution,
    useRestrictions: terms.useRestrictions ?? [],
    upstream: (terms.upstream ?? []).map((u) => ({
      repo: u.repo,
      revision: u.revision,
      license: u.license,
      relation: RELATION_WORDS[u.relation ?? ""] ?? "derived from",
      omrl: /omrl/i.test(u.license) || u.termsHash !== undefined,
    })),
    artifacts: (terms.model.artifacts ?? []).map((a) => ({ path: a.path, size: describeSize(a.size), sha256: a.sha256 })),
  };
}
