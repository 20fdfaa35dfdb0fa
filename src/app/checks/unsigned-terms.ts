import type { AppCheck, AppDiagnostic } from "../types.js";
import type { VerifyTermsSignatureReturnType } from "../../terms/index.js";

function problem(signature: VerifyTermsSignatureReturnType | undefined, required: boolean): string | undefined {
  if (!signature) return undefined;
  if (signature.reason === "unsigned") return required ? "are not signed, and the policy requires signed terms" : undefined;
  if (!signature.valid) return `carry a signature that does not verify (${signature.reason}): the terms were changed after signing`;
  if (!signature.byLicensor) return `are signed by ${signature.signer}, not by the licensor ${signature.licensor}`;
  return undefined;
}

/** OMRL terms carry a valid licensor signature: always when a signature is present, and for every model with policy.requireSignedTerms. */
export const unsignedTerms: AppCheck = {
  meta: {
    id: "app/unsigned-terms",
    description: "OMRL terms (of models and ancestors) are signed by their licensor: a bad signature always fails; unsigned fails with policy.requireSignedTerms",
    defaultSeverity: "error",
    docs: "docs/app.md#app-unsigned-terms",
  },
  check({ manifest, models }) {
    const required = manifest.policy?.requireSignedTerms === true;
    const out: AppDiagnostic[] = [];
    for (const model of models) {
      const own = problem(model.signature, required);
      if (own) out.push({ ruleId: this.meta.id, severity: this.meta.defaultSeverity, model: model.id, message: `${model.id}: its terms ${own}`, docs: this.meta.docs });
      for (const ancestor of model.lineage) {
        const up = problem(ancestor.signature, required);
        if (up)
          out.push({
            ruleId: this.meta.id,
            severity: this.meta.defaultSeverity,
            model: model.id,
            ancestor: ancestor.repo,
            message: `${model.id}: the terms of upstream ${ancestor.repo} ${up}`,
            docs: this.meta.docs,
          });
      }
    }
    return out;
  },
};
