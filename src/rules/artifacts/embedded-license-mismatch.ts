import { OMRL_SPDX_ID } from "../../terms/index.js";
import { defineRule } from "../types.js";
import { cardLicenseSpdx, embeddedLicense, toSpdx } from "../shared/release.js";

/** Licence metadata embedded in safetensors / GGUF agrees with the card (or the terms). */
export const embeddedLicenseMismatch = defineRule({
  meta: { id: "artifacts/embedded-license-mismatch", description: "licence metadata embedded in safetensors / GGUF agrees with the model card and the terms", defaultSeverity: "error", type: "problem" },
  check(release) {
    const card = cardLicenseSpdx(release);
    const expected = release.terms?.terms ? { declared: "omrl.json", spdx: OMRL_SPDX_ID } : card;
    if (!expected?.spdx) return [];
    return release.artifacts.flatMap((artifact) => {
      const embedded = embeddedLicense(artifact);
      if (!embedded?.license) return [];
      const spdx = toSpdx(embedded.license);
      if (spdx && spdx.toLowerCase() === expected.spdx!.toLowerCase()) return [];
      const source = expected.declared === "omrl.json" ? `the terms (${OMRL_SPDX_ID})` : `the model card (${expected.declared} = ${expected.spdx})`;
      return [
        {
          message: `${artifact.path} embeds ${embedded.key} = ${JSON.stringify(embedded.license)}, which disagrees with ${source}`,
          file: artifact.path,
          related: release.card ? [{ file: release.card.path, message: `license: ${card?.declared ?? "none"}` }] : undefined,
        },
      ];
    });
  },
});
