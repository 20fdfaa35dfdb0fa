import type { Rule } from "./types.js";
import { termsMissing } from "./terms/terms-missing.js";
import { termsSchema } from "./terms/terms-schema.js";
import { termsSemantics } from "./terms/terms-semantics.js";
import { payeeSplitSum } from "./terms/payee-split-sum.js";
import { termsUnsigned } from "./terms/terms-unsigned.js";
import { signatureInvalid } from "./terms/signature-invalid.js";
import { signatureNotLicensor } from "./terms/signature-not-licensor.js";
import { licenseTextMismatch } from "./terms/license-text-mismatch.js";
import { hubLicenseMismatch } from "./hub/license-mismatch.js";
import { artifactMissing } from "./artifacts/artifact-missing.js";
import { artifactSizeMismatch } from "./artifacts/artifact-size-mismatch.js";
import { artifactDigestMismatch } from "./artifacts/artifact-digest-mismatch.js";
import { weightsUncovered } from "./artifacts/weights-uncovered.js";
import { artifactUnreadable } from "./artifacts/unreadable.js";
import { indexShardMissing } from "./artifacts/index-shard-missing.js";
import { embeddedLicenseMismatch } from "./artifacts/embedded-license-mismatch.js";
import { licenseNotSpdx } from "./artifacts/license-not-spdx.js";
import { stampOutdated } from "./artifacts/stamp-outdated.js";
import { cardInvalid } from "./card/invalid.js";
import { cardLfsPointer } from "./card/lfs-pointer.js";
import { cardMissing } from "./card/missing.js";
import { cardLicenseMissing } from "./card/license-missing.js";
import { baseModelMismatch } from "./lineage/base-model-mismatch.js";
import { upstreamNoncommercial } from "./lineage/upstream-noncommercial.js";
import { upstreamObligationsRule } from "./lineage/upstream-obligations.js";
import { upstreamUseRestrictions } from "./lineage/upstream-use-restrictions.js";
import { licenseObligations } from "./license/obligations.js";
import { licenseFileMismatch } from "./license/file-mismatch.js";
import { upstreamLicenseTextMissing } from "./lineage/upstream-license-text-missing.js";
import { sourceUnverifiable } from "./source/unverifiable.js";
import { sourceNothingToVerify } from "./source/nothing-to-verify.js";

/** Every rule, in report order. Adding a check is adding its file and one line here. */
export const rules: readonly Rule[] = [
  sourceUnverifiable,
  sourceNothingToVerify,
  termsMissing,
  termsSchema,
  termsSemantics,
  payeeSplitSum,
  termsUnsigned,
  signatureInvalid,
  signatureNotLicensor,
  licenseTextMismatch,
  cardMissing,
  cardInvalid,
  cardLfsPointer,
  cardLicenseMissing,
  hubLicenseMismatch,
  artifactUnreadable,
  indexShardMissing,
  artifactMissing,
  artifactSizeMismatch,
  artifactDigestMismatch,
  weightsUncovered,
  embeddedLicenseMismatch,
  licenseNotSpdx,
  stampOutdated,
  baseModelMismatch,
  upstreamNoncommercial,
  upstreamObligationsRule,
  upstreamUseRestrictions,
  upstreamLicenseTextMissing,
  licenseFileMismatch,
  licenseObligations,
];

const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));

/** The rule with this id, or undefined. */
export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
