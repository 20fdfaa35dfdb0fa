import { licenseToSpdx } from "../../licenses/index.js";
import { defineRule } from "../types.js";
import { embeddedLicense, isSpdxExpression } from "../shared/release.js";

/** Embedded licence values are SPDX expressions (`LicenseRef-Llama-3.1-Community`, not `llama3.1`). */
export const licenseNotSpdx = defineRule({
  meta: { id: "artifacts/license-not-spdx", description: "embedded licence values are SPDX ids or expressions, not Hub ids", defaultSeverity: "warning", type: "suggestion" },
  check(release) {
    return release.artifacts.flatMap((artifact) => {
      const embedded = embeddedLicense(artifact);
      const value = embedded?.license;
      if (value === undefined || isSpdxExpression(value)) return [];
      let spdx: string | undefined;
      try {
        spdx = licenseToSpdx(value);
      } catch {
        spdx = undefined;
      }
      const advice = spdx ? `write its SPDX form ${JSON.stringify(spdx)}` : "it is not a licence id the knowledge base knows either; write an SPDX id or a LicenseRef-…";
      return [{ message: `${artifact.path}: ${embedded!.key} = ${JSON.stringify(value)} is not an SPDX expression; ${advice}`, file: artifact.path }];
    });
  },
});
