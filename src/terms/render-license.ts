import Mustache from "mustache";
import { OMRL_1_0_TEMPLATE } from "./license-template.generated.js";
import type { OmrlTerms } from "./types.js";
import { pureCacheKey, type PureResultCache } from "../pure-cache/index.js";

const BASIS_NAMES = {
  gross: "Gross Revenue",
  net: "Net Revenue",
  attributable: "Attributable Revenue",
} as const;

const WINDOW_NAMES = {
  trailing_12_months: "the twelve months ending with the last day of the Period",
  calendar_year: "the calendar year up to and including the Period",
} as const;

/** The values the template shows, derived from the terms. Pure and deterministic. */
function licenseView(terms: OmrlTerms) {
  const rs = terms.revenueShare;
  const tiers = rs.tiers ?? [];
  let lower: string | undefined;
  const tierView = tiers.map((tier) => {
    const band =
      tier.upTo === undefined
        ? lower === undefined
          ? "on the whole basis"
          : `on the part of the basis above ${lower} ${rs.currency}`
        : lower === undefined
          ? `on the part of the basis up to ${tier.upTo} ${rs.currency}`
          : `on the part of the basis above ${lower} and up to ${tier.upTo} ${rs.currency}`;
    lower = tier.upTo;
    return { rate: tier.rate, band };
  });
  const thresholds = rs.thresholds ?? {};
  return {
    ...terms,
    hasArtifacts: (terms.model.artifacts?.length ?? 0) > 0,
    hasTiers: tierView.length > 0,
    tiers: tierView,
    cap: rs.cap,
    basisName: BASIS_NAMES[rs.basis],
    needsAttribution: rs.basis === "attributable",
    thresholds,
    hasThresholds: thresholds.annualRevenue !== undefined || thresholds.monthlyActiveUsers !== undefined,
    windowName: WINDOW_NAMES[thresholds.revenueWindow ?? "trailing_12_months"],
    payees: terms.payment.payees,
    isAbsolute: terms.derivatives.stacking === "absolute",
    attributionRequired: terms.attribution?.required === true,
    hasUseRestrictions: (terms.useRestrictions?.length ?? 0) > 0,
    useRestrictions: (terms.useRestrictions ?? []).map((text, i) => ({ index: i + 1, text })),
    hasUpstream: (terms.upstream?.length ?? 0) > 0,
    upstream: terms.upstream ?? [],
    funding: terms.funding ?? {},
  };
}

/** Texts rendered lately, by the terms' content (`renderKey`). Bounded: oldest out first. */
const rendered = new Map<string, string>();
/** Most texts remembered (one per distinct terms; an app with its lineage has tens). */
const MAX_REMEMBERED = 64;

/**
 * The terms' content as a cache key: their JSON, with `undefined` kept apart from absent. Undefined
 * for anything JSON would blur and the template could show differently (a function, a non-finite
 * number, a bigint, a Date or other non-plain object): such terms are rendered every time.
 */
function renderKey(terms: OmrlTerms): string | undefined {
  let plain = true;
  const key = JSON.stringify(terms, function (this: Record<string, unknown>, name: string, value: unknown) {
    const raw = this[name];
    switch (typeof raw) {
      case "boolean":
        return value;
      case "string":
        if (raw.startsWith("\u0000")) plain = false;
        return value;
      case "number":
        if (!Number.isFinite(raw)) plain = false;
        return value;
      case "undefined":
        return "\u0000undefined";
      case "object": {
        if (raw === null) return value;
        const proto = Object.getPrototypeOf(raw) as unknown;
        if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) plain = false;
        return value;
      }
      default:
        plain = false;
        return value;
    }
  });
  return plain ? key : undefined;
}

/**
 * Renders the release's `LICENSE.md` from its terms with the OMRL 1.0 template. Deterministic: the
 * same terms always give the same bytes, so a check can tell whether a release's `LICENSE.md`
 * matches its `omrl.json`.
 *
 * A process often renders the same terms twice (`omrl check` compares each release's `LICENSE.md`
 * with its rendering, and its BOM embeds the text again): the last texts are remembered by the
 * terms' content, so equal terms render once (a changed field is a different key).
 *
 * @example
 * await writeFile("LICENSE.md", renderLicense(terms));
 */
export function renderLicense(terms: OmrlTerms): string {
  const key = renderKey(terms);
  const known = key === undefined ? undefined : rendered.get(key);
  if (known !== undefined) return known;
  const text = Mustache.render(OMRL_1_0_TEMPLATE, licenseView(terms), undefined, {
    escape: (value: unknown) => String(value),
  });
  // Collapse the blank lines that skipped sections leave, and end with one newline.
  const out = `${text.replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
  if (key !== undefined) {
    if (rendered.size >= MAX_REMEMBERED) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, out);
  }
  return out;
}

/** Tag of rendered-licence entries in the result cache (bump when `renderLicense` changes its output). */
const RENDER_TAG = "omrl/render-license/1";
let templateKey: string | undefined;

/**
 * The result-cache key of `renderLicense(terms)`: the render's whole input — a version tag, the
 * template's SHA-256 and the terms' content — or undefined for terms that are rendered every time
 * (see `renderKey`). `omrl/license-text-mismatch` remembers the rendered text's SHA-256 under it,
 * so an unchanged release is compared without rendering.
 *
 * @example
 * const key = licenseRenderCacheKey(terms, getPureResultCache()!);
 */
export function licenseRenderCacheKey(terms: OmrlTerms, cache: Pick<PureResultCache, "sha256Frames">): string | undefined {
  const key = renderKey(terms);
  if (key === undefined) return undefined;
  templateKey ??= pureCacheKey(cache, RENDER_TAG, OMRL_1_0_TEMPLATE); // SHA-256 whichever engine: the same key
  return pureCacheKey(cache, RENDER_TAG, templateKey, key);
}
