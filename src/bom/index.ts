export type { BomArtifact, BomCard, BomModel, BomOptions, BomSubject, BomUnverifiable } from "./types.js";
export { bomSubjectFromApp } from "./bom-from-app.js";
export { bomSubjectFromRelease } from "./bom-from-release.js";
export { cardFields } from "./card-fields.js";
export { omrlProperties } from "./omrl-properties.js";
export { contentSerialNumber } from "./serial-number.js";
export { hubLinks, huggingFacePurl, type HubLinks } from "./hub-links.js";
export { toCycloneDx, type ToCycloneDxParameters } from "./to-cyclonedx.js";
export { toSpdx3, type ToSpdx3Parameters } from "./to-spdx3.js";
