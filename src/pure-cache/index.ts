// Results of pure functions remembered across runs (injected by the Node layer; see pure-result-cache.ts).
export { getPureResultCache, setPureResultCache, type PureResultCache } from "./pure-result-cache.js";
export { pureCacheKey } from "./pure-cache-key.js";
