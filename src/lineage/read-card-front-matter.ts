import { parse } from "yaml";

export type CardLineageFields = {
  license?: string | undefined;
  licenseName?: string | undefined;
  /** `base_model` as written: a string or a list, normalised to a list of non-empty strings. */
  baseModels: string[];
  /** `base_model_relation` as written (not yet validated). */
  baseModelRelation?: string | undefined;
  /** Problems in the front matter that the walk reports but survives. */
  warnings: string[];
};

const MAX_FRONT_MATTER = 256 * 1024;

/**
 * The lineage fields of a model card's YAML front matter (`license`, `license_name`, `base_model`,
 * `base_model_relation`). A card without front matter has none of them; broken YAML is a warning.
 *
 * @example
 * readCardLineageFields("---\nbase_model: acme/base\n---\n# Model").baseModels // ["acme/base"]
 */
export function readCardLineageFields(card: string | undefined): CardLineageFields {
  const out: CardLineageFields = { baseModels: [], warnings: [] };
  if (card === undefined) return out;
  const text = card.replace(/^\uFEFF/, "");
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (!match) return out;
  const yamlText = match[1]!;
  if (yamlText.length > MAX_FRONT_MATTER) {
    out.warnings.push(`model card front matter is larger than ${MAX_FRONT_MATTER} bytes; ignored`);
    return out;
  }
  let data: unknown;
  try {
    data = parse(yamlText, { maxAliasCount: 100, uniqueKeys: false });
  } catch (error) {
    out.warnings.push(`model card front matter is not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    return out;
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) return out;
  const record = data as Record<string, unknown>;
  if (typeof record.license === "string") out.license = record.license;
  else if (Array.isArray(record.license) && typeof record.license[0] === "string") out.license = record.license[0];
  if (typeof record.license_name === "string") out.licenseName = record.license_name;
  const base = record.base_model;
  const list = typeof base === "string" ? [base] : Array.isArray(base) ? base : base === undefined || base === null ? [] : [base];
  for (const entry of list.slice(0, 100)) {
    if (typeof entry === "string" && entry.trim() !== "") out.baseModels.push(entry.trim());
    else out.warnings.push(`base_model entry is not a repo id: ${JSON.stringify(entry)?.slice(0, 80)}`);
  }
  if (typeof record.base_model_relation === "string") out.baseModelRelation = record.base_model_relation;
  return out;
}
