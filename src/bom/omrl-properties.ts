import type { BomModel } from "./types.js";

/**
 * The OMRL facts of a model as `omrl:`-namespaced name/value pairs, in a stable order: terms hash
 * and signature, licensor, revenue share (rate, basis, period, tiers, cap), exemption thresholds,
 * payment token and payees (numbered, because the split is cumulative in order), derivatives,
 * funding, how the app uses it, the verification status, and why anything is unknown. Values are
 * the terms' own text (exact decimal strings, never re-computed numbers).
 *
 * @example
 * omrlProperties(model) // [["omrl:terms:hash", "0x…"], ["omrl:revenue_share:rate", "5%"], …]
 */
export function omrlProperties(model: BomModel): [string, string][] {
  const out: [string, string][] = [];
  const t = model.terms;
  if (model.termsHash) out.push(["omrl:terms:hash", model.termsHash]);
  if (model.signature)
    out.push(["omrl:terms:signature", model.signature.valid ? `valid${model.signature.byLicensor ? ", by the licensor" : ", not by the licensor"}${model.signature.signer ? ` (${model.signature.signer})` : ""}` : "invalid or missing"]);
  if (t) {
    out.push(["omrl:licensor", `${t.licensor.name} (${t.licensor.account})`]);
    const rs = t.revenueShare;
    out.push(["omrl:revenue_share:rate", rs.rate], ["omrl:revenue_share:basis", rs.basis], ["omrl:revenue_share:period", rs.period], ["omrl:revenue_share:currency", rs.currency], ["omrl:revenue_share:due_days", String(rs.dueDays)]);
    if (rs.tiers) out.push(["omrl:revenue_share:tiers", rs.tiers.map((tier) => `${tier.rate}${tier.upTo === undefined ? " above" : ` up to ${tier.upTo}`}`).join("; ")]);
    if (rs.cap !== undefined) out.push(["omrl:revenue_share:cap", `${rs.cap} ${rs.currency}`]);
    if (rs.thresholds?.annualRevenue !== undefined)
      out.push(["omrl:threshold:annual_revenue", `${rs.thresholds.annualRevenue} ${rs.currency} (${rs.thresholds.revenueWindow ?? "trailing_12_months"})`]);
    if (rs.thresholds?.monthlyActiveUsers !== undefined) out.push(["omrl:threshold:monthly_active_users", String(rs.thresholds.monthlyActiveUsers)]);
    out.push(["omrl:payment:chain", t.payment.chain], ["omrl:payment:token", `${t.payment.token.symbol} ${t.payment.token.id} (${t.payment.token.decimals} decimals)`]);
    if (t.payment.router) out.push(["omrl:payment:router", t.payment.router]);
    t.payment.payees.forEach((p, i) =>
      out.push([`omrl:payee:${i + 1}`, `${p.account} ${p.share}${p.name || p.role ? ` (${[p.name, p.role].filter(Boolean).join(", ")})` : ""}`]),
    );
    out.push(["omrl:derivatives", `${t.derivatives.allowed ? "allowed" : "not allowed"}, ${t.derivatives.reciprocal ? "reciprocal" : "not reciprocal"}, ${t.derivatives.stacking} stacking`]);
    if (t.funding) out.push(["omrl:funding:round", `${t.funding.round}${t.funding.url ? ` ${t.funding.url}` : ""}`]);
  }
  if (model.use) out.push(["omrl:use", model.use]);
  if (model.status) out.push(["omrl:verification:status", model.status]);
  if (model.license === null) out.push(["omrl:license:status", model.licenseDeclared ? `NOASSERTION: "${model.licenseDeclared}" is not an SPDX licence` : "NOASSERTION: no licence found"]);
  for (const u of model.unverifiable) out.push(["omrl:unverifiable", `${u.reason}: ${u.message}`]);
  for (const a of model.artifacts) if (a.sha256 === null) out.push(["omrl:artifact:digest-unavailable", a.path]);
  return out;
}
