import type { BomModel } from "./types.js";

/** The default Hub, for links when the caller names none. */
const DEFAULT_HUB = "https://huggingface.co";

export type HubLinks = {
  /** The repo at its commit (`…/tree/<sha>`), or the repo when no revision is known. */
  repo: string;
  card: string;
  /** The licence file at that commit (the card's `license_link` when it is a path, else LICENSE.md), or its URL. */
  license: string;
};

/**
 * Links to a Hub model at the commit it was read at; undefined for a model that is not on the Hub.
 *
 * @example
 * hubLinks({ repo: "acme/m", revision: "ab…", … }) // { repo: "https://huggingface.co/acme/m/tree/ab…", … }
 */
export function hubLinks(model: Pick<BomModel, "repo" | "revision" | "card">, hubUrl = DEFAULT_HUB): HubLinks | undefined {
  if (!model.repo) return undefined;
  const base = `${hubUrl.replace(/\/+$/, "")}/${model.repo.split("/").map(encodeURIComponent).join("/")}`;
  const rev = model.revision === null ? "main" : encodeURIComponent(model.revision);
  const link = model.card?.licenseLink;
  const license = link && /^https?:\/\//i.test(link) ? link : `${base}/blob/${rev}/${(link ?? "LICENSE.md").replace(/^\.?\//, "").split("/").map(encodeURIComponent).join("/")}`;
  return { repo: model.revision === null ? base : `${base}/tree/${rev}`, card: `${base}/blob/${rev}/README.md`, license };
}

/**
 * The package URL of a Hub model pinned to a commit (`pkg:huggingface/org/name@sha`), per the purl
 * spec's `huggingface` type; undefined without a repo or a 40-hex commit.
 *
 * @example
 * huggingFacePurl("acme/m", "0123…cdef") // "pkg:huggingface/acme/m@0123…cdef"
 */
export function huggingFacePurl(repo: string | undefined, revision: string | null): string | undefined {
  if (!repo || revision === null || !/^[0-9a-f]{40}$/i.test(revision)) return undefined;
  const [org, name] = repo.split("/");
  if (!org || !name) return undefined;
  return `pkg:huggingface/${encodeURIComponent(org)}/${encodeURIComponent(name)}@${revision.toLowerCase()}`;
}
