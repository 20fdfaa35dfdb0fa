/**
 * `omrl` — the runtime-neutral core: no `node:` imports, `fetch` injectable. Node-only parts
 * (local folders, digest cache, file writing) are in `omrl/node`.
 */
export { OmrlError, InvalidInputError, type OmrlErrorParameters } from "./errors.js";
export type { JsonSchemaDocument } from "./json-schema.js";
export * from "./money/index.js";
export * from "./terms/index.js";
export * from "./artifacts/index.js";
export * from "./sources/index.js";
export * from "./sources/hub/index.js";
export * from "./obligations/index.js";
export * from "./licenses/index.js";
export * from "./pure-cache/index.js";
export * from "./payments/index.js";
export * from "./lineage/index.js";
export * from "./funding/index.js";
export * from "./csv/index.js";
export * from "./webhook/index.js";
export * from "./app/index.js";
export * from "./inspect/index.js";
export * from "./rules/index.js";
export * from "./report/index.js";
export * from "./config/index.js";
