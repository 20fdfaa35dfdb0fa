import { lookupLicense } from "../../licenses/index.js";
import { OMRL_HUB_LICENSE_NAME } from "../../terms/index.js";
import { defineRule, type Finding } from "../types.js";
import { claimsOmrl, isRelativeLink, linkPath } from "../shared/release.js";

/**
 * The card's licence fields are what the Hub expects: for OMRL `license: other`,
 * `license_name: omrl-1.0` and a `license_link` to a file in the release; for others a licence id
 * the Hub knows, and `license_name` + `license_link` with `other`.
 */
export const hubLicenseMismatch = defineRule({
  meta: { id: "hub/license-mismatch", description: "the card's license / license_name / license_link agree with the terms and exist", defaultSeverity: "error", type: "problem" },
  check(release) {
    const card = release.card;
    const fm = card?.frontMatter;
    if (!card || !fm) return [];
    const findings: Finding[] = [];
    const at = (message: string, key = "license"): Finding => ({ message, file: card.path, line: card.keyLines[key] ?? card.keyLines.license });
    const licenses = fm.license === undefined ? [] : Array.isArray(fm.license) ? fm.license : [fm.license];
    if (release.terms || claimsOmrl(release)) {
      if (licenses.length !== 1 || licenses[0]!.toLowerCase() !== "other") findings.push(at(`the card says license: ${licenses.join(", ") || "(none)"}; an OMRL release says license: other`));
      if (fm.licenseName?.toLowerCase() !== OMRL_HUB_LICENSE_NAME) findings.push(at(`the card says license_name: ${fm.licenseName ?? "(none)"}; an OMRL release says license_name: ${OMRL_HUB_LICENSE_NAME}`, "license_name"));
      if (!fm.licenseLink) findings.push(at("the card has no license_link; an OMRL release links its LICENSE.md (license_link: LICENSE.md)"));
    } else {
      for (const id of licenses) {
        if (id.toLowerCase() === "other") {
          if (!fm.licenseName) findings.push(at("license: other needs a license_name"));
          if (!fm.licenseLink) findings.push(at("license: other needs a license_link to the licence text"));
        } else if (!lookupLicense(id)) findings.push(at(`license: ${id} is not a licence id the Hub accepts (use license: other with license_name and license_link)`));
      }
    }
    if (fm.licenseLink && isRelativeLink(fm.licenseLink) && release.listed) {
      const path = linkPath(fm.licenseLink);
      if (!release.files.some((f) => f.path === path)) findings.push(at(`license_link: ${fm.licenseLink} points to a file that is not in the release`, "license_link"));
    }
    return findings;
  },
});
