import type * as Models from "@cyclonedx/cyclonedx-library/Models";
import { InvalidInputError } from "../errors.js";
import { OMRL_SPDX_ID } from "../terms/index.js";
import { hubLinks, huggingFacePurl } from "./hub-links.js";
import { loadCycloneDx } from "./load-cyclonedx.js";
import { omrlProperties } from "./omrl-properties.js";
import { contentSerialNumber } from "./serial-number.js";
import type { BomModel, BomOptions, BomSubject } from "./types.js";

export type ToCycloneDxParameters = BomOptions;

type Json = Record<string, unknown>;

/** The library, loaded on first use (src/bom/load-cyclonedx.ts). */
const cdx = () => loadCycloneDx().library;

/** The OMRL licence's home, for a model whose text is not at hand. */
const OMRL_LICENSE_URL = "https://omrl.dev/licenses/OMRL-1.0";

function licensesOf(model: BomModel, links: ReturnType<typeof hubLinks>): Models.LicenseRepository {
  const { Models, SPDX } = cdx();
  const repo = new Models.LicenseRepository();
  const license = model.license;
  if (license === null) {
    if (model.licenseDeclared) repo.add(new Models.NamedLicense(model.licenseDeclared));
    return repo;
  }
  if (license === OMRL_SPDX_ID) {
    const text = model.licenseText === undefined ? undefined : new Models.Attachment(model.licenseText, { contentType: "text/markdown" });
    repo.add(new Models.NamedLicense(OMRL_SPDX_ID, { text, url: links?.license ?? OMRL_LICENSE_URL }));
  } else if (/^[A-Za-z0-9.+-]+$/.test(license) && SPDX.isSupportedSpdxId(license)) repo.add(new Models.SpdxLicense(license));
  else if (/^LicenseRef-[A-Za-z0-9.-]+$/.test(license)) repo.add(new Models.NamedLicense(license));
  else repo.add(new Models.LicenseExpression(license));
  return repo;
}

function componentOf(model: BomModel, options: BomOptions): Models.Component {
  const { Enums, Models } = cdx();
  const links = hubLinks(model, options.hubUrl);
  const component = new Models.Component(Enums.ComponentType.MachineLearningModel, model.name, {
    bomRef: model.ref,
    version: model.version ?? model.revision ?? undefined,
    group: model.repo?.split("/")[0],
    description: model.repo ? `Hugging Face model ${model.repo}${model.revision ? ` at ${model.revision}` : ""}` : undefined,
    licenses: licensesOf(model, links),
  });
  const purl = huggingFacePurl(model.repo, model.revision);
  // the library types `purl` as a packageurl-js object; it serialises it with toString()
  if (purl) component.purl = { toString: () => purl } as unknown as Models.Component["purl"];
  const withDigest = model.artifacts.filter((a) => a.sha256 !== null);
  if (model.artifacts.length === 1 && withDigest.length === 1) component.hashes.set(Enums.HashAlgorithm["SHA-256"], withDigest[0]!.sha256!);
  for (const artifact of model.artifacts) {
    const file = new Models.Component(Enums.ComponentType.File, artifact.path, { bomRef: `${model.ref}#${artifact.path}` });
    if (artifact.sha256 !== null) file.hashes.set(Enums.HashAlgorithm["SHA-256"], artifact.sha256);
    file.properties.add(new Models.Property("omrl:artifact:size", String(artifact.size)));
    component.components.add(file);
  }
  if (links) {
    component.externalReferences.add(new Models.ExternalReference(links.repo, Enums.ExternalReferenceType.Distribution, { comment: "Hugging Face Hub repository at the commit read" }));
    component.externalReferences.add(new Models.ExternalReference(links.card, Enums.ExternalReferenceType.ModelCard));
    if (model.license?.includes(OMRL_SPDX_ID) || model.card?.licenseLink) component.externalReferences.add(new Models.ExternalReference(links.license, Enums.ExternalReferenceType.License));
  }
  for (const [name, value] of omrlProperties(model)) component.properties.add(new Models.Property(name, value));
  return component;
}

/** `pedigree.ancestors`: the model's bases, each with its own bases, `base_model_relation` as a property. */
function ancestorsOf(model: BomModel, byRef: Map<string, BomModel>, path: Set<string>): Json[] {
  const out: Json[] = [];
  for (const base of model.bases) {
    const ancestor = byRef.get(base.ref);
    if (!ancestor || path.has(base.ref)) continue;
    const purl = huggingFacePurl(ancestor.repo, ancestor.revision);
    const entry: Json = { type: "machine-learning-model", name: ancestor.name };
    if (ancestor.repo) entry.group = ancestor.repo.split("/")[0];
    const version = ancestor.version ?? ancestor.revision;
    if (version) entry.version = version;
    if (purl) entry.purl = purl;
    entry.properties = [
      { name: "omrl:base_model_relation", value: base.relation },
      { name: "omrl:bom-ref", value: ancestor.ref },
    ];
    const next = new Set(path).add(base.ref);
    const deeper = ancestorsOf(ancestor, byRef, next);
    if (deeper.length > 0) entry.pedigree = { ancestors: deeper };
    out.push(entry);
  }
  return out;
}

/** CycloneDX `modelCard` from what the card gives (task, datasets) and what the terms restrict. */
function modelCardOf(model: BomModel): Json | undefined {
  const card: Json = {};
  const parameters: Json = {};
  if (model.card?.task) parameters.task = model.card.task;
  if (model.card && model.card.datasets.length > 0) parameters.datasets = model.card.datasets.map((name) => ({ type: "dataset", name }));
  if (Object.keys(parameters).length > 0) card.modelParameters = parameters;
  const restrictions = model.terms?.useRestrictions ?? [];
  if (restrictions.length > 0) card.considerations = { ethicalConsiderations: restrictions.map((name) => ({ name, mitigationStrategy: "prohibited by the licence (OMRL use restriction); flows down to every recipient" })) };
  const properties: Json[] = [];
  if (model.card?.libraryName) properties.push({ name: "omrl:card:library_name", value: model.card.libraryName });
  for (const language of model.card?.languages ?? []) properties.push({ name: "omrl:card:language", value: language });
  if (model.card?.license) properties.push({ name: "omrl:card:license", value: model.card.license });
  if (properties.length > 0) card.properties = properties;
  return Object.keys(card).length > 0 ? card : undefined;
}

function visit(components: unknown, each: (component: Json) => void): void {
  if (!Array.isArray(components)) return;
  for (const c of components as Json[]) {
    each(c);
    visit(c.components, each);
  }
}

/**
 * A CycloneDX 1.6 JSON ML-BOM of an app (`bomSubjectFromApp`) or a release
 * (`bomSubjectFromRelease`): one `machine-learning-model` component per model and ancestor with its
 * purl, SHA-256 hashes (one `file` sub-component per weights file), licences (the OMRL licence with
 * its text or URL), `modelCard`, `pedigree.ancestors` (with `omrl:base_model_relation`), Hub links at
 * the commit, and `omrl:` properties for the terms. Built with `@cyclonedx/cyclonedx-library`
 * (which has no `modelCard`/`pedigree` model yet: those two are added to its normalised output).
 *
 * Reproducible: lists are sorted, the serial number is derived from the content, and there is no
 * timestamp unless `timestamp` is given. A model that could not be verified is listed with
 * `omrl:unverifiable` properties; one without a known licence gets `omrl:license:status` NOASSERTION.
 *
 * @example
 * const text = toCycloneDx(bomSubjectFromApp(context), { toolVersion: "0.1.0" });
 */
export function toCycloneDx(subject: BomSubject, parameters: ToCycloneDxParameters = {}): string {
  const { Enums, Models, Serialize, Spec } = cdx();
  const bom = new Models.Bom();
  const tool = new Models.Component(Enums.ComponentType.Application, "omrl", { version: parameters.toolVersion ?? "0.1.0", bomRef: "tool:omrl" });
  bom.metadata.tools.components.add(tool);
  if (parameters.timestamp !== undefined) {
    const time = new Date(parameters.timestamp);
    if (Number.isNaN(time.getTime())) throw new InvalidInputError(`timestamp "${parameters.timestamp}" is not an ISO 8601 date-time`);
    bom.metadata.timestamp = time;
  }
  const byRef = new Map(subject.models.map((m) => [m.ref, m]));
  const components = new Map<string, Models.Component>();
  for (const model of subject.models) components.set(model.ref, componentOf(model, parameters));
  for (const model of subject.models)
    for (const base of model.bases) {
      const target = components.get(base.ref);
      if (target) components.get(model.ref)!.dependencies.add(target.bomRef);
    }
  if (subject.kind === "application") {
    const app = new Models.Component(Enums.ComponentType.Application, subject.name, { bomRef: "app" });
    for (const ref of subject.roots) app.dependencies.add(components.get(ref)!.bomRef);
    bom.metadata.component = app;
    for (const component of components.values()) bom.components.add(component);
  } else {
    bom.metadata.component = components.get(subject.roots[0]!);
    for (const [ref, component] of components) if (ref !== subject.roots[0]) bom.components.add(component);
  }

  const normalizer = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6).makeForBom();
  const normalized = normalizer.normalize(bom, { sortLists: true }) as unknown as Json;
  const patch = (component: Json) => {
    const model = typeof component["bom-ref"] === "string" ? byRef.get(component["bom-ref"]) : undefined;
    if (!model) return;
    const modelCard = modelCardOf(model);
    if (modelCard) component.modelCard = modelCard;
    const ancestors = ancestorsOf(model, byRef, new Set([model.ref]));
    if (ancestors.length > 0) component.pedigree = { ancestors };
  };
  const metadata = normalized.metadata as Json;
  if (metadata.component) patch(metadata.component as Json);
  visit(normalized.components, patch);

  delete normalized.serialNumber;
  const { $schema, bomFormat, specVersion, version, ...rest } = normalized;
  const serialNumber = contentSerialNumber(JSON.stringify(normalized));
  return `${JSON.stringify({ $schema, bomFormat, specVersion, serialNumber, version, ...rest }, null, 2)}\n`;
}
