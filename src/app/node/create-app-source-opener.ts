import { isAbsolute, resolve } from "node:path";
import type { AppManifest } from "../../obligations/index.js";
import { createHubSourceOpener, parseHubSpec, type OpenHubSourceParameters } from "../../sources/hub/index.js";
import { openLocalSource } from "../../sources/node.js";
import type { OpenedAppSource } from "../resolve-app.js";

export type CreateAppSourceOpenerParameters = {
  /** Its `sources` map sends Hub ids to local stand-in folders. */
  manifest: Pick<AppManifest, "sources">;
  /** Folder the manifest is in: local paths are relative to it. */
  manifestDir: string;
  /** Hub options for everything not mapped to a local folder (`hubOptionsFromEnv(env)` plus flags). */
  hub?: OpenHubSourceParameters | undefined;
};

/**
 * The opener `resolveApp` uses in Node: a local path (relative to the manifest) is opened as a
 * folder or file; `hf:org/name[@rev]` goes to the local folder the manifest's `sources` maps it to
 * (`hf:org/name@rev`, then `hf:org/name`, then `org/name`), else to the Hub (one shared opener, so
 * one retry budget, concurrency bound and cache for the whole app).
 *
 * @example
 * const openSource = createAppSourceOpener({ manifest, manifestDir: dirname(manifestPath), hub: hubOptionsFromEnv(process.env) });
 * const context = await resolveApp(manifest, { openSource });
 */
export function createAppSourceOpener(parameters: CreateAppSourceOpenerParameters): (spec: string) => Promise<OpenedAppSource> {
  const local = (path: string) => (isAbsolute(path) ? path : resolve(parameters.manifestDir, path));
  let hubOpener: ((spec: string) => Promise<OpenedAppSource["source"] & { revision: string }>) | undefined;
  return async (spec) => {
    if (!spec.startsWith("hf:")) return { source: await openLocalSource(local(spec)), origin: "local", revision: null };
    const { repo, revision } = parseHubSpec(spec);
    const keys = [spec, `hf:${repo}`, repo];
    const standIn = keys.map((key) => parameters.manifest.sources?.[key]).find((path) => path !== undefined);
    if (standIn !== undefined) return { source: await openLocalSource(local(standIn)), origin: "stand-in", revision: revision ?? null };
    hubOpener ??= createHubSourceOpener(parameters.hub ?? {});
    const source = await hubOpener(spec);
    return { source, origin: "hub", revision: source.revision };
  };
}
