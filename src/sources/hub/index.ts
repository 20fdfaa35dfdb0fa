export { openHubSource, createHubSourceOpener, DEFAULT_HUB_URL, type HubSource, type OpenHubSourceParameters } from "./open-hub-source.js";
export { parseHubSpec, isHubRepoId, isCommitSha, repoIdFromHubUrl, type HubSpec } from "./parse-hub-spec.js";
export { createRetryingFetch, parseRetryAfter, createSemaphore, type CreateRetryingFetchParameters } from "./create-retrying-fetch.js";
export { createMemoryHubCache, type HubCache } from "./hub-cache.js";
export { hubResponseError } from "./hub-response-error.js";
