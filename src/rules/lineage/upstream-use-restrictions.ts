import { OMRL_SPDX_ID } from "../../terms/index.js";
import { defineRule, type Finding } from "../types.js";
import { termsLocation } from "../shared/release.js";
import { normaliseText, upstreamObligations } from "../shared/upstream.js";

/** Use restrictions that flow down from an upstream licence (OpenRAIL, Gemma, Llama's AUP) appear in the terms. */
export const upstreamUseRestrictions = defineRule({
  meta: { id: "lineage/upstream-use-restrictions", description: "use restrictions that upstream licences pass down appear in omrl.json's useRestrictions", defaultSeverity: "error", type: "obligation" },
  check(release) {
    const terms = release.terms?.terms;
    if (!terms) return [];
    const stated = (terms.useRestrictions ?? []).map(normaliseText);
    const findings: Finding[] = [];
    for (const u of upstreamObligations(release)) {
      const o = u.obligations;
      if (!o || o.useRestrictions.flowDown !== true) continue;
      for (const source of o.useRestrictions.sources) {
        // an OMRL upstream's restrictions live in its own omrl.json, which this release cannot see
        if (source.license === OMRL_SPDX_ID) continue;
        const names = [source.source, source.url].filter((s): s is string => !!s).map(normaliseText);
        const strip = (s: string) => s.replace(/^https?:\/\/(www\.)?/, "");
        if (names.length === 0 || stated.some((s) => names.some((n) => s.includes(n) || s.includes(strip(n))))) continue;
        findings.push({
          message: `upstream ${u.repo} (${source.license}) passes its use restrictions down to every recipient: add them to useRestrictions in omrl.json (name "${source.source ?? source.url}"${source.url ? `, ${source.url}` : ""})`,
          ...termsLocation(release, terms.useRestrictions ? "/useRestrictions" : `/upstream/${u.index}`),
        });
      }
    }
    return findings;
  },
});
