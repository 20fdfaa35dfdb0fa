import { checksumAddress, isAddress } from "./address.js";
import { parseLicenseExpression } from "../licenses/index.js";
import { compare, formatPercent, parseDecimal, parsePercent, PPM } from "../money/index.js";
import { evmChainId, isChecksummedAddress, parseCaip10, parseCaip19 } from "./caip.js";
import type { OmrlTerms, TermsIssue } from "./types.js";

/** A percentage in ppm, or an issue (over 100%…) and undefined. */
function percent(value: string, pointer: string, out: TermsIssue[]): bigint | undefined {
  try {
    return parsePercent(value);
  } catch (error) {
    out.push(issue(pointer, "rate-range", error instanceof Error ? error.message.replace(/^.*?: /, "") : String(error)));
    return undefined;
  }
}

const issue = (pointer: string, check: string, message: string): TermsIssue => ({ pointer, message, code: `semantic/${check}` });

function checkAddress(value: string, pointer: string, out: TermsIssue[]) {
  if (!isAddress(value)) out.push(issue(pointer, "address", `"${value}" is not an address`));
  else if (!isChecksummedAddress(value))
    out.push(issue(pointer, "address-checksum", `"${value}" is not EIP-55 checksummed; write ${checksumAddress(value)}`));
}

/**
 * Checks what the JSON Schema cannot: sums, checksums, cross-field consistency. Call it on terms
 * that already passed the schema. Returns every problem found.
 */
export function checkTermsSemantics(terms: OmrlTerms): TermsIssue[] {
  const out: TermsIssue[] = [];
  const { revenueShare, payment } = terms;

  // Licensor account: CAIP-10 on an EVM chain, checksummed.
  const licensor = parseCaip10(terms.licensor.account);
  if (!licensor || evmChainId(licensor.chain) === undefined)
    out.push(issue("/licensor/account", "caip10", `"${terms.licensor.account}" is not an eip155 CAIP-10 account`));
  else checkAddress(licensor.address, "/licensor/account", out);

  // Rate: 0 < rate ≤ 100%.
  const rate = percent(revenueShare.rate, "/revenueShare/rate", out);
  if (rate === 0n) out.push(issue("/revenueShare/rate", "rate-zero", "the rate must be more than 0%"));

  // Thresholds: a revenue threshold needs its window.
  const t = revenueShare.thresholds;
  if (t?.annualRevenue !== undefined && t.revenueWindow === undefined)
    out.push(issue("/revenueShare/thresholds", "revenue-window", 'an annualRevenue threshold needs revenueWindow ("trailing_12_months" or "calendar_year")'));

  // Tiers: increasing bands, only the last open-ended, the headline rate is the first band's.
  if (revenueShare.tiers) {
    const tiers = revenueShare.tiers;
    let previous: ReturnType<typeof parseDecimal> | undefined;
    tiers.forEach((tier, i) => {
      const pointer = `/revenueShare/tiers/${i}`;
      const last = i === tiers.length - 1;
      percent(tier.rate, `${pointer}/rate`, out);
      if (last && tier.upTo !== undefined) out.push(issue(`${pointer}/upTo`, "tiers", "the last tier must be open-ended (no upTo)"));
      if (!last && tier.upTo === undefined) out.push(issue(pointer, "tiers", "only the last tier may leave out upTo"));
      if (tier.upTo !== undefined) {
        const upTo = parseDecimal(tier.upTo);
        if (previous && compare(upTo, previous) <= 0) out.push(issue(`${pointer}/upTo`, "tiers", "tier bounds must increase"));
        previous = upTo;
      }
    });
    if (tiers[0] && rate !== undefined && percent(tiers[0].rate, "/revenueShare/tiers/0/rate", []) !== rate)
      out.push(issue("/revenueShare/rate", "tiers", `the headline rate must equal the first tier's rate (${tiers[0].rate})`));
  }

  // Payment: an EVM chain, an ERC-20 token on that chain.
  const chainId = evmChainId(payment.chain);
  if (chainId === undefined) out.push(issue("/payment/chain", "chain", `"${payment.chain}" is not an eip155 chain; OMRL pays in ERC-20 tokens on EVM chains`));
  const token = parseCaip19(payment.token.id);
  if (!token || token.assetNamespace !== "erc20")
    out.push(issue("/payment/token/id", "token", `"${payment.token.id}" is not a CAIP-19 erc20 asset id`));
  else {
    if (token.chain !== payment.chain)
      out.push(issue("/payment/token/id", "token-chain", `the token is on ${token.chain} but payment.chain is ${payment.chain}`));
    checkAddress(token.assetReference, "/payment/token/id", out);
  }
  if (payment.router !== undefined) checkAddress(payment.router, "/payment/router", out);

  // Payees: checksummed, distinct, shares sum to exactly 100%, none zero.
  const seen = new Map<string, number>();
  let sum = 0n;
  payment.payees.forEach((payee, i) => {
    const pointer = `/payment/payees/${i}`;
    checkAddress(payee.account, `${pointer}/account`, out);
    const key = payee.account.toLowerCase();
    if (seen.has(key)) out.push(issue(`${pointer}/account`, "payee-duplicate", `payee ${payee.account} is listed twice (also at /payment/payees/${seen.get(key)})`));
    seen.set(key, i);
    const share = percent(payee.share, `${pointer}/share`, out) ?? 0n;
    if (share === 0n) out.push(issue(`${pointer}/share`, "payee-share", "a payee's share must be more than 0%"));
    sum += share;
  });
  if (sum !== PPM)
    out.push(issue("/payment/payees", "payee-split-sum", `payee shares sum to ${formatPercent(sum)} (${sum} ppm), not exactly 100%`));

  // Derivatives and attribution.
  if (terms.derivatives.reciprocal && !terms.derivatives.allowed)
    out.push(issue("/derivatives/reciprocal", "derivatives", "reciprocal makes no sense when derivatives are not allowed"));
  if (terms.attribution?.required && !terms.attribution.text)
    out.push(issue("/attribution/text", "attribution", "attribution is required but no text is given"));

  // Artifacts: safe relative paths, each once.
  const paths = new Set<string>();
  terms.model.artifacts?.forEach((artifact, i) => {
    const pointer = `/model/artifacts/${i}/path`;
    if (artifact.path.startsWith("/") || artifact.path.split("/").some((part) => part === ".." || part === "." || part === "") || artifact.path.includes("\\"))
      out.push(issue(pointer, "artifact-path", `"${artifact.path}" must be a relative path inside the release with / separators`));
    if (paths.has(artifact.path)) out.push(issue(pointer, "artifact-duplicate", `"${artifact.path}" is listed twice`));
    paths.add(artifact.path);
  });

  // Upstream models: each once, each licence a Hub licence id or an SPDX expression.
  const repos = new Set<string>();
  terms.upstream?.forEach((up, i) => {
    if (repos.has(up.repo.toLowerCase())) out.push(issue(`/upstream/${i}/repo`, "upstream-duplicate", `upstream ${up.repo} is listed twice`));
    repos.add(up.repo.toLowerCase());
    try {
      parseLicenseExpression(up.license, { hubIds: true });
    } catch (error) {
      const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
      out.push(issue(`/upstream/${i}/license`, "upstream-license", `"${up.license}" is neither a Hugging Face Hub licence id nor an SPDX expression (${why})`));
    }
  });

  // The signature block names a checksummed signer.
  if (terms.signature) checkAddress(terms.signature.signer, "/signature/signer", out);
  return out;
}
