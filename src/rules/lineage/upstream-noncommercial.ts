import { defineRule } from "../types.js";
import { termsLocation } from "../shared/release.js";
import { upstreamObligations } from "../shared/upstream.js";

/** A commercial revenue licence cannot sit on a base model whose licence forbids commercial use. */
export const upstreamNoncommercial = defineRule({
  meta: { id: "lineage/upstream-noncommercial", description: "no upstream model's licence forbids the commercial use OMRL licenses", defaultSeverity: "error", type: "problem" },
  check(release) {
    return upstreamObligations(release).flatMap((u) => {
      if (u.alternatives.length === 0 || !u.alternatives.every((a) => a.commercialUse === "forbidden")) return [];
      const conditions = u.obligations?.commercialConditions.map((c) => c.text).join(" ") ?? "";
      return [
        {
          message: `upstream ${u.repo} is under ${u.license}, which forbids commercial use; a revenue-share licence (OMRL) cannot grant commercial use of a derivative${conditions ? ` (${conditions})` : ""}`,
          ...termsLocation(release, `/upstream/${u.index}/license`),
        },
      ];
    });
  },
});
