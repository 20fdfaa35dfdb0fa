import { InvalidInputError } from "../errors.js";
import { OMRL_SPDX_ID } from "../terms/index.js";
import { hubLinks, huggingFacePurl } from "./hub-links.js";
import { omrlProperties } from "./omrl-properties.js";
import { contentSerialNumber } from "./serial-number.js";
import type { BomModel, BomOptions, BomSubject } from "./types.js";

export type ToSpdx3Parameters = BomOptions;

type Node = Record<string, unknown>;

/** Stands for the document's namespace until the content (and so its UUID) is known. */
const NS = "urn:omrl:spdx:NAMESPACE";
const NO_ASSERTION = "spdx:ExpandedLicensing/NoAssertionLicense";
/** `created` is required; without a timestamp the epoch says "not recorded" and keeps the output reproducible. */
const NOT_RECORDED = "1970-01-01T00:00:00Z";

const idPart = (text: string) => encodeURIComponent(text).replace(/%2F/gi, "/").replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * An SPDX 3.0.1 JSON-LD document with the AI profile: one `ai_AIPackage` per model and ancestor
 * (name, version, purl, download location at the commit, SHA-256 of each weights file as
 * `software_File`s it `contains`), exactly one `hasDeclaredLicense` and one `hasConcludedLicense`
 * relationship per package (as the AI profile requires), `descendantOf`/`ancestorOf` for the lineage
 * (the `base_model_relation` in the relationship's comment), the OMRL terms as an
 * `expandedlicensing_CustomLicense` with the licence text, and the `omrl:` facts in a CycloneDX
 * properties extension. A model whose licence is unknown gets `NoAssertionLicense`; one that could
 * not be verified gets a `NoAssertionLicense` conclusion and an annotation with the reason.
 *
 * Reproducible: element ids derive from the content; `created` is `1970-01-01T00:00:00Z` unless
 * `timestamp` is given.
 *
 * @example
 * const text = toSpdx3(bomSubjectFromApp(context));
 */
export function toSpdx3(subject: BomSubject, parameters: ToSpdx3Parameters = {}): string {
  let created = NOT_RECORDED;
  if (parameters.timestamp !== undefined) {
    const time = new Date(parameters.timestamp);
    if (Number.isNaN(time.getTime())) throw new InvalidInputError(`timestamp "${parameters.timestamp}" is not an ISO 8601 date-time`);
    created = time.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  const graph: Node[] = [];
  const ci = "_:creationinfo";
  const agent = `${NS}/agent/omrl`;
  const tool = `${NS}/tool/omrl`;
  graph.push({
    type: "CreationInfo",
    "@id": ci,
    specVersion: "3.0.1",
    created,
    createdBy: [agent],
    createdUsing: [tool],
    ...(parameters.timestamp === undefined ? { comment: "created: not recorded (the epoch), so the document is reproducible" } : {}),
  });
  graph.push({ type: "SoftwareAgent", spdxId: agent, creationInfo: ci, name: "omrl" });
  graph.push({ type: "Tool", spdxId: tool, creationInfo: ci, name: `omrl ${parameters.toolVersion ?? "0.1.0"}` });

  const pkgId = (model: BomModel) => `${NS}/package/${idPart(model.ref)}`;
  const byRef = new Map(subject.models.map((m) => [m.ref, m]));
  let relationships = 0;
  const relate = (from: string, type: string, to: string[], comment?: string) =>
    graph.push({ type: "Relationship", spdxId: `${NS}/relationship/${++relationships}`, creationInfo: ci, from, relationshipType: type, to, ...(comment ? { comment } : {}) });
  const licenses = new Map<string, string>();

  /** The licence element for an expression (one per distinct expression; OMRL text per model). */
  const licenseFor = (model: BomModel): string => {
    const license = model.license!;
    if (license.includes(OMRL_SPDX_ID)) {
      const customId = `${NS}/license/${idPart(model.ref)}/${OMRL_SPDX_ID}`;
      const links = hubLinks(model, parameters.hubUrl);
      graph.push({
        type: "expandedlicensing_CustomLicense",
        spdxId: customId,
        creationInfo: ci,
        name: "Open Model Revenue License 1.0",
        simplelicensing_licenseText: model.licenseText ?? `The Open Model Revenue License 1.0 with the terms of ${model.repo ?? model.name} (omrl.json${model.termsHash ? `, terms hash ${model.termsHash}` : ""})${links ? `: ${links.license}` : ""}.`,
        ...(links ? { expandedlicensing_seeAlso: [links.license] } : {}),
      });
      if (license === OMRL_SPDX_ID) return customId;
      const id = `${NS}/license/${idPart(model.ref)}/expression`;
      graph.push({
        type: "simplelicensing_LicenseExpression",
        spdxId: id,
        creationInfo: ci,
        simplelicensing_licenseExpression: license,
        simplelicensing_customIdToUri: [{ type: "DictionaryEntry", key: OMRL_SPDX_ID, value: customId }],
      });
      return id;
    }
    const known = licenses.get(license);
    if (known) return known;
    const id = `${NS}/license/expression/${idPart(license)}`;
    licenses.set(license, id);
    graph.push({ type: "simplelicensing_LicenseExpression", spdxId: id, creationInfo: ci, simplelicensing_licenseExpression: license });
    return id;
  };

  const packages: Node[] = [];
  for (const model of subject.models) {
    const id = pkgId(model);
    const links = hubLinks(model, parameters.hubUrl);
    const purl = huggingFacePurl(model.repo, model.revision);
    const digests = model.artifacts.filter((a) => a.sha256 !== null);
    const pkg: Node = {
      type: "ai_AIPackage",
      spdxId: id,
      creationInfo: ci,
      name: model.repo ?? model.name,
      software_primaryPurpose: "model",
      ...(model.version ?? model.revision ? { software_packageVersion: model.version ?? model.revision } : {}),
      ...(purl ? { software_packageUrl: purl } : {}),
      ...(links ? { software_downloadLocation: links.repo, software_homePage: links.card } : {}),
      ...(model.artifacts.length === 1 && digests.length === 1 ? { verifiedUsing: [{ type: "Hash", algorithm: "sha256", hashValue: digests[0]!.sha256 }] } : {}),
      ...(model.card?.task ? { ai_domain: [model.card.task] } : {}),
      ...(model.terms?.useRestrictions?.length ? { ai_limitation: `Use restrictions (OMRL, flow down to every recipient): ${model.terms.useRestrictions.join(" ")}` } : {}),
      ...(model.terms?.attribution?.text ? { software_attributionText: [model.terms.attribution.text] } : {}),
      ...(links ? { externalRef: [{ type: "ExternalRef", externalRefType: "license", locator: [links.license] }] } : {}),
    };
    const properties = omrlProperties(model);
    if (properties.length > 0)
      pkg.extension = [{ type: "extension_CdxPropertiesExtension", extension_cdxProperty: properties.map(([name, value]) => ({ type: "extension_CdxPropertyEntry", extension_cdxPropName: name, extension_cdxPropValue: value })) }];
    graph.push(pkg);
    packages.push(pkg);

    // weights files, each with its digest
    const files = model.artifacts.map((artifact, i) => {
      const fileId = `${id}/file/${i + 1}`;
      graph.push({
        type: "software_File",
        spdxId: fileId,
        creationInfo: ci,
        name: artifact.path,
        software_fileKind: "file",
        software_primaryPurpose: "model",
        ...(artifact.sha256 !== null ? { verifiedUsing: [{ type: "Hash", algorithm: "sha256", hashValue: artifact.sha256 }] } : { comment: "sha256: NOASSERTION (the source gave no digest)" }),
      });
      return fileId;
    });
    if (files.length > 0) relate(id, "contains", files);

    // exactly one declared and one concluded licence (the AI profile's conformance rule)
    const declared = model.license === null ? NO_ASSERTION : licenseFor(model);
    const verified = model.unverifiable.length === 0;
    relate(id, "hasDeclaredLicense", [declared], model.license === null ? (model.licenseDeclared ? `declared as "${model.licenseDeclared}", not an SPDX licence` : "no licence found") : undefined);
    relate(id, "hasConcludedLicense", [verified ? declared : NO_ASSERTION], verified ? undefined : "not concluded: the model could not be verified");
    if (!verified)
      graph.push({
        type: "Annotation",
        spdxId: `${id}/annotation/unverifiable`,
        creationInfo: ci,
        annotationType: "other",
        subject: id,
        statement: `omrl: unverifiable — ${model.unverifiable.map((u) => `${u.reason}: ${u.message}`).join("; ")}`,
      });
  }

  // lineage: each model descends from its bases; each base is an ancestor of its children
  for (const model of subject.models) {
    const bases = model.bases.filter((b) => byRef.has(b.ref));
    for (const base of bases) relate(pkgId(model), "descendantOf", [pkgId(byRef.get(base.ref)!)], `base_model_relation: ${base.relation}`);
  }
  const children = new Map<string, { ref: string; relation: string }[]>();
  for (const model of subject.models) for (const base of model.bases) if (byRef.has(base.ref)) children.set(base.ref, [...(children.get(base.ref) ?? []), { ref: model.ref, relation: base.relation }]);
  for (const [ref, list] of children) relate(pkgId(byRef.get(ref)!), "ancestorOf", list.map((c) => pkgId(byRef.get(c.ref)!)), `base_model_relation: ${[...new Set(list.map((c) => c.relation))].join(", ")}`);

  // the subject: the app (depending on its models) or the release itself
  let root: string;
  if (subject.kind === "application") {
    root = `${NS}/package/app`;
    graph.push({ type: "software_Package", spdxId: root, creationInfo: ci, name: subject.name, software_primaryPurpose: "application" });
    relate(root, "dependsOn", subject.roots.map((ref) => pkgId(byRef.get(ref)!)));
  } else root = pkgId(byRef.get(subject.roots[0]!)!);
  const sbom = `${NS}/sbom`;
  graph.push({ type: "software_Sbom", spdxId: sbom, creationInfo: ci, name: `AI BOM of ${subject.name}`, software_sbomType: ["analyzed"], rootElement: [root], element: graph.filter((n) => typeof n.spdxId === "string" && n.spdxId !== sbom).map((n) => n.spdxId as string) });
  graph.push({ type: "SpdxDocument", spdxId: `${NS}/document`, creationInfo: ci, name: `AI BOM of ${subject.name}`, profileConformance: ["core", "software", "ai", "simpleLicensing", "expandedLicensing", "extension"], rootElement: [sbom] });

  const draft = JSON.stringify({ "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph }, null, 2);
  const namespace = `urn:omrl:spdx:${contentSerialNumber(draft).slice("urn:uuid:".length)}`;
  return `${draft.split(NS).join(namespace)}\n`;
}
