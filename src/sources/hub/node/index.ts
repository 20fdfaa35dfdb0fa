export { createFileHubCache, defaultHubCacheDir } from "./file-hub-cache.js";
export { hubOptionsFromEnv } from "./hub-options-from-env.js";
