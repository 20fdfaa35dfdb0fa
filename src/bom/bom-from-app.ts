import type { AppContext, ResolvedAncestor } from "../app/index.js";
import { parseHubSpec } from "../sources/hub/index.js";
import { OMRL_SPDX_ID, renderLicense, type OmrlTerms } from "../terms/index.js";
import { cardFields } from "./card-fields.js";
import type { BomModel, BomSubject } from "./types.js";

function ancestorRef(repo: string): string {
  return `hf:${repo}`;
}

/** The revision a `hf:org/name@rev` spec pins, for a model that could not be opened. */
function pinnedRevision(source: string): string | null {
  if (!source.startsWith("hf:")) return null;
  try {
    return parseHubSpec(source).revision ?? null;
  } catch {
    return null;
  }
}

/** Rendered licence texts by terms object: models of one app often share the same terms. */
const rendered = new WeakMap<OmrlTerms, string>();

function licenseTextOf(license: string | null, terms: OmrlTerms | undefined): string | undefined {
  if (!terms || license === null || !license.includes(OMRL_SPDX_ID)) return undefined;
  let text = rendered.get(terms);
  if (text === undefined) rendered.set(terms, (text = renderLicense(terms)));
  return text;
}

/**
 * The BOM subject of an app as `omrl check` resolved it: every model of the manifest, then every
 * ancestor of their lineages (each repo once, breadth-first). A model or ancestor that could not
 * be read, or whose licence is unknown, is kept with what is known and the reasons.
 *
 * @example
 * const context = await resolveApp(manifest, { openSource });
 * const text = toCycloneDx(bomSubjectFromApp(context));
 */
export function bomSubjectFromApp(context: AppContext): BomSubject {
  const models: BomModel[] = [];
  const ancestors = new Map<string, BomModel>();
  const roots: string[] = [];
  for (const model of context.models) {
    const ref = `model:${model.id}`;
    roots.push(ref);
    const unverifiable = [...model.unverifiable];
    if (model.lineage.length > 0 && model.warnings.length > 0)
      for (const w of model.warnings) if (/^lineage (cycle|cut)/.test(w)) unverifiable.push({ reason: "lineage", message: w });
    models.push({
      ref,
      kind: "model",
      name: model.name,
      repo: model.repo ?? model.terms?.model.repo,
      revision: model.resolvedRevision ?? pinnedRevision(model.source),
      version: model.terms?.model.version,
      license: model.license,
      licenseDeclared: model.license === null ? model.cardLicense : undefined,
      licenseText: licenseTextOf(model.license, model.terms),
      card: model.card ? cardFields(model.card) : undefined,
      artifacts: model.artifacts.map((a) => ({ path: a.path, size: a.size, sha256: a.sha256 })),
      terms: model.terms,
      termsHash: model.termsHash,
      signature: model.signature ? { valid: model.signature.valid, byLicensor: model.signature.byLicensor, signer: model.signature.signer } : undefined,
      use: model.use,
      status: model.release?.status,
      bases: model.lineage.filter((a) => a.child === model.id).map((a) => ({ ref: ancestorRef(a.repo), relation: a.relation })),
      unverifiable,
    });
    for (const ancestor of model.lineage) {
      const known = ancestors.get(ancestor.repo);
      const bases = model.lineage.filter((a) => a.child === ancestor.repo).map((a) => ({ ref: ancestorRef(a.repo), relation: a.relation }));
      if (known) {
        for (const b of bases) if (!known.bases.some((k) => k.ref === b.ref)) known.bases.push(b);
        continue;
      }
      ancestors.set(ancestor.repo, fromAncestor(ancestor, bases));
    }
  }
  return { kind: "application", name: context.manifest.licensee.name, models: [...models, ...ancestors.values()], roots };
}

function fromAncestor(ancestor: ResolvedAncestor, bases: BomModel["bases"]): BomModel {
  const unverifiable = ancestor.unverifiable ? [ancestor.unverifiable] : [];
  if (ancestor.declaredTermsHash !== undefined && ancestor.termsHash !== undefined && ancestor.declaredTermsHash.toLowerCase() !== ancestor.termsHash.toLowerCase())
    unverifiable.push({ reason: "terms-hash-mismatch", message: `its child names terms hash ${ancestor.declaredTermsHash}, its omrl.json hashes to ${ancestor.termsHash}` });
  return {
    ref: ancestorRef(ancestor.repo),
    kind: "ancestor",
    name: ancestor.terms?.model.name ?? ancestor.repo.split("/")[1] ?? ancestor.repo,
    repo: ancestor.repo,
    revision: ancestor.revision,
    version: ancestor.terms?.model.version,
    license: ancestor.license,
    licenseText: licenseTextOf(ancestor.license, ancestor.terms),
    artifacts: [],
    terms: ancestor.terms,
    termsHash: ancestor.termsHash ?? ancestor.declaredTermsHash,
    signature: ancestor.signature ? { valid: ancestor.signature.valid, byLicensor: ancestor.signature.byLicensor, signer: ancestor.signature.signer } : undefined,
    bases,
    unverifiable,
  };
}
