import { cardLicenseToSpdx } from "../app/index.js";
import type { ModelRelease } from "../inspect/index.js";
import type { VerificationResult } from "../rules/index.js";
import { OMRL_SPDX_ID, renderLicense } from "../terms/index.js";
import { cardFields } from "./card-fields.js";
import type { BomModel, BomSubject } from "./types.js";

/** Relations a card or terms may name; anything else is reported as written. */
const RELATIONS = new Set(["finetune", "adapter", "quantized", "merge"]);

/**
 * The BOM subject of one release as `omrl verify` read it: the model (card, terms, weights with
 * their digests, licence text) and the bases it declares. Bases are listed as declared — `omrl
 * verify` reads the release only — each marked unverifiable with reason `not-resolved`; `omrl check`
 * resolves them.
 *
 * @example
 * const release = await inspect(source);
 * const text = toCycloneDx(bomSubjectFromRelease(release, verifyRelease(release)));
 */
export function bomSubjectFromRelease(release: ModelRelease, result?: VerificationResult): BomSubject {
  const terms = release.terms?.terms;
  const fm = release.card?.frontMatter;
  const card = fm ? cardFields(fm) : undefined;
  const hubRepo = release.source.kind === "hub" ? release.source.id.replace(/^hf:/, "").split("@")[0] : undefined;
  const repo = terms?.model.repo ?? hubRepo;
  const folderName = release.source.id.replace(/[\\/]+$/, "").split(/[\\/]/).pop() || release.source.id;
  const name = terms?.model.name ?? (repo ? (repo.split("/")[1] ?? repo) : folderName);
  const revision = release.source.revision ?? null;

  let license: string | null = null;
  let licenseDeclared: string | undefined;
  if (terms) license = OMRL_SPDX_ID;
  else if (fm?.license !== undefined) {
    const first = Array.isArray(fm.license) ? fm.license[0] : fm.license;
    const spdx = cardLicenseToSpdx(first, fm.licenseName);
    if (spdx === undefined || spdx.startsWith("LicenseRef-other") || spdx === "LicenseRef-unknown") licenseDeclared = card?.license;
    else license = spdx;
  }
  // the licence text: for OMRL terms, the file the card links or the one that says it is the OMRL
  // text (a release may also ship an upstream licence), else rendered from the terms; otherwise the first licence file
  const licenseFiles = release.textFiles.filter((f) => f.kind === "license" && f.text !== undefined);
  const link = card?.licenseLink?.replace(/^\.?\//, "");
  const licenseFile = terms
    ? (licenseFiles.find((f) => f.path === link && f.text!.includes(OMRL_SPDX_ID)) ?? licenseFiles.find((f) => f.text!.includes(`SPDX-License-Identifier: ${OMRL_SPDX_ID}`)))
    : licenseFiles[0];
  const licenseText = licenseFile?.text ?? (terms ? renderLicense(terms) : undefined);

  const unverifiable = release.unreadable.map((u) => ({ reason: u.reason, message: `${u.what}${u.path ? ` ${u.path}` : ""}: ${u.message}` }));
  if (release.terms && !terms) unverifiable.push({ reason: "invalid-terms", message: `${release.terms.path} does not pass the terms schema` });
  if (license === null && unverifiable.length === 0)
    unverifiable.push({ reason: "no-license", message: licenseDeclared ? `the card's licence "${licenseDeclared}" is not an SPDX licence` : "no omrl.json and no licence in the model card" });

  const ref = repo ? `hf:${repo}` : `model:${name}`;
  const ancestors: BomModel[] = [];
  const bases: BomModel["bases"] = [];
  const seen = new Set([ref]);
  const cardRelation = typeof fm?.baseModelRelation === "string" && RELATIONS.has(fm.baseModelRelation) ? fm.baseModelRelation : undefined;
  const declared: { repo: string; revision?: string | undefined; license?: string | undefined; relation?: string | undefined; termsHash?: string | undefined }[] = [
    ...(terms?.upstream ?? []),
    ...(fm?.baseModel === undefined ? [] : Array.isArray(fm.baseModel) ? fm.baseModel : [fm.baseModel]).map((r) => ({ repo: r, relation: cardRelation })),
  ];
  for (const up of declared) {
    const upRef = `hf:${up.repo}`;
    if (seen.has(upRef)) continue;
    seen.add(upRef);
    const relation = up.relation ?? cardRelation ?? "finetune";
    bases.push({ ref: upRef, relation });
    ancestors.push({
      ref: upRef,
      kind: "ancestor",
      name: up.repo.split("/")[1] ?? up.repo,
      repo: up.repo,
      revision: up.revision ?? null,
      license: up.license ?? null,
      termsHash: up.termsHash,
      artifacts: [],
      bases: [],
      unverifiable: [{ reason: "not-resolved", message: "declared by the release; omrl verify does not read upstream models (omrl check does)" }],
    });
  }

  const model: BomModel = {
    ref,
    kind: "model",
    name,
    repo,
    revision,
    version: terms?.model.version,
    license,
    licenseDeclared,
    licenseText,
    artifacts: release.artifacts
      .map((a) => ({ path: a.path, size: a.size, sha256: a.sha256 ?? null }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    terms,
    termsHash: release.terms?.termsHash,
    signature: release.terms?.signature ? { valid: release.terms.signature.valid, byLicensor: release.terms.signature.byLicensor, signer: release.terms.signature.signer } : undefined,
    card,
    status: result?.status,
    bases,
    unverifiable,
  };
  return { kind: "model", name, models: [model, ...ancestors], roots: [ref] };
}
