import { evaluateLicenseExpression, type Obligations } from "../../licenses/index.js";
import type { ModelRelease } from "../../inspect/index.js";

export type UpstreamObligations = {
  index: number;
  repo: string;
  license: string;
  /** The first alternative (a single licence or an AND gives exactly one). */
  obligations?: Obligations | undefined;
  /** Every alternative, for OR expressions. */
  alternatives: Obligations[];
  /** Set when the licence does not parse. */
  error?: string | undefined;
};

/** The obligations each upstream model's licence (as omrl.json states it) brings. */
export function upstreamObligations(release: ModelRelease): UpstreamObligations[] {
  const upstream = release.terms?.terms?.upstream ?? [];
  return upstream.map((u, index) => {
    try {
      const { alternatives } = evaluateLicenseExpression(u.license);
      return { index, repo: u.repo, license: u.license, obligations: alternatives[0], alternatives };
    } catch (error) {
      return { index, repo: u.repo, license: u.license, alternatives: [], error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
    }
  });
}

/** Lower-cases and collapses white space, for "does this text contain that notice" checks. */
export function normaliseText(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
}
