import { add, max, mul, parsePercent, ppmToFraction, toExactString, ZERO, ONE, fraction, type Fraction } from "../money/index.js";
import type { OmrlTerms } from "../terms/index.js";
import { isCommercialUse } from "./license-policy.js";
import type { AppContext, ResolvedAppModel } from "./types.js";

/** The highest rate terms can charge: the headline `rate`, or a higher marginal tier. */
export function headlineRate(terms: OmrlTerms): Fraction {
  let rate = ppmToFraction(parsePercent(terms.revenueShare.rate));
  for (const tier of terms.revenueShare.tiers ?? []) rate = max(rate, ppmToFraction(parsePercent(tier.rate)));
  return rate;
}

export type StackedShareReturnType = {
  /** Share of the model's basis owed in all, as an exact fraction of one. */
  total: Fraction;
  /** Each OMRL model of the chain and its part, the model itself first. */
  parts: { repo: string; share: Fraction; stacking: "self" | "absolute" | "relative" }[];
};

/**
 * The share of a model's revenue basis that the model and its OMRL ancestors take together, as the
 * statement engine stacks them: the model's own headline rate; an `absolute` ancestor its rate of
 * the same basis; a `relative` ancestor its rate of what its child receives (the model itself
 * "receives" the whole basis, so a relative parent takes its rate of it; a grandparent takes its
 * rate of the parent's part). Non-OMRL ancestors take no share, and nothing passes through them.
 * Exact: fractions of ppm rates, no rounding.
 *
 * @example
 * stackedShare(model).total // { num: 3n, den: 25n } for a 10% model whose 2% parent is absolute
 */
export function stackedShare(model: ResolvedAppModel): StackedShareReturnType {
  if (!model.terms) return { total: ZERO, parts: [] };
  const own = headlineRate(model.terms);
  const received = new Map<string, Fraction>([[model.id, ONE]]);
  const parts: StackedShareReturnType["parts"] = [{ repo: model.repo ?? model.id, share: own, stacking: "self" }];
  let total = own;
  for (const ancestor of model.lineage) {
    if (!ancestor.terms) {
      received.set(ancestor.repo, ZERO);
      continue;
    }
    const rate = headlineRate(ancestor.terms);
    const stacking = ancestor.terms.derivatives.stacking;
    const share = stacking === "absolute" ? rate : mul(rate, received.get(ancestor.child) ?? ZERO);
    received.set(ancestor.repo, share);
    parts.push({ repo: ancestor.repo, share, stacking });
    total = add(total, share);
  }
  return { total, parts };
}

/**
 * The app's total stacked revenue share: the sum over every commercially used OMRL model of
 * `stackedShare`. Each model's basis is counted as the whole revenue (a safe upper bound; an
 * `attributable` basis is a part of it).
 */
export function totalStackedShare(context: AppContext): Fraction {
  let total = ZERO;
  for (const model of context.models) if (isCommercialUse(model.use)) total = add(total, stackedShare(model).total);
  return total;
}

/** `{ num: 3n, den: 25n }` → `"12%"`; a share below 1 ppm of a percent is written exactly (`"0.000025%"`). */
export function formatShare(share: Fraction): string {
  return `${toExactString(mul(share, fraction(100n)))}%`;
}
