import type { OpenHubSourceParameters } from "../open-hub-source.js";
import { createFileHubCache, defaultHubCacheDir } from "./file-hub-cache.js";

/**
 * Hub options from the environment, following the Hugging Face conventions: `HF_ENDPOINT` (base
 * URL), `HF_TOKEN` (token), `HF_HUB_OFFLINE=1` (no network); plus the on-disk cache in
 * `defaultHubCacheDir(env)` unless `OMRL_NO_CACHE=1`. The core never reads the environment itself.
 *
 * @example
 * const source = await openHubSource("hf:acme/llm", hubOptionsFromEnv(process.env));
 */
export function hubOptionsFromEnv(env: Record<string, string | undefined> = process.env): OpenHubSourceParameters {
  const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v);
  return {
    hubUrl: env.HF_ENDPOINT || undefined,
    accessToken: env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN || undefined,
    offline: truthy(env.HF_HUB_OFFLINE),
    cache: truthy(env.OMRL_NO_CACHE) ? undefined : createFileHubCache({ dir: defaultHubCacheDir(env) }),
  };
}
