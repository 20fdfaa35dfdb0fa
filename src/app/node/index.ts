export { createAppSourceOpener, type CreateAppSourceOpenerParameters } from "./create-app-source-opener.js";
