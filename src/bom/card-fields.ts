import type { CardFrontMatter } from "../artifacts/index.js";
import type { BomCard } from "./types.js";

const MAX_LIST = 100;

function strings(value: unknown): string[] {
  const list = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
  return list.filter((v): v is string => typeof v === "string" && v.trim() !== "").slice(0, MAX_LIST).map((v) => v.trim().slice(0, 200));
}

/**
 * The parts of a model card's front matter a BOM carries: task, datasets, languages, library,
 * tags, licence as written. Anything of the wrong type is left out.
 *
 * @example
 * cardFields(release.card.frontMatter) // { task: "text-generation", datasets: ["acme/corpus"], … }
 */
export function cardFields(frontMatter: CardFrontMatter): BomCard {
  const raw = frontMatter.raw;
  const license = frontMatter.license === undefined ? undefined : Array.isArray(frontMatter.license) ? frontMatter.license.join(", ") : frontMatter.license;
  return {
    task: typeof raw.pipeline_tag === "string" ? raw.pipeline_tag.slice(0, 100) : undefined,
    datasets: strings(raw.datasets),
    languages: strings(raw.language),
    libraryName: typeof raw.library_name === "string" ? raw.library_name.slice(0, 100) : undefined,
    tags: frontMatter.tags.slice(0, MAX_LIST),
    license: license === "other" && frontMatter.licenseName ? `other (${frontMatter.licenseName})` : license,
    licenseLink: frontMatter.licenseLink,
  };
}
