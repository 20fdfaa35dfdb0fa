export { createAppSourceOpener, type CreateAppSourceOpenerParameters } from "./create-app-source-opener.js";
export { loadSpdxLicenseTexts } from "./spdx-license-texts.js";
