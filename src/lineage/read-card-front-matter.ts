import { parseModelCard, type ParsedModelCard } from "../artifacts/index.js";

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

/**
 * The lineage fields of a model card's YAML front matter (`license`, `license_name`, `base_model`,
 * `base_model_relation`), read with the one front-matter splitter `parseModelCard` (blank lines
 * before `---`, CRLF, BOM, size bound), so lineage, `verify` and `check` see the same card. A
 * card without front matter has none of them; broken YAML is a warning. A card `parseModelCard`
 * already parsed (as `inspect` does) is taken as it is, not parsed again.
 *
 * @example
 * readCardLineageFields("---\nbase_model: acme/base\n---\n# Model").baseModels // ["acme/base"]
 */
export function readCardLineageFields(card: string | ParsedModelCard | undefined): CardLineageFields {
  const out: CardLineageFields = { baseModels: [], warnings: [] };
  if (card === undefined) return out;
  const parsed = typeof card === "string" ? parseModelCard(card) : card;
  if (parsed.error) {
    out.warnings.push(
      parsed.error.code === "too-large"
        ? `model card front matter: ${parsed.error.message}`
        : `model card front matter is not valid YAML: ${parsed.error.message}`,
    );
    return out;
  }
  const record = parsed.frontMatter?.raw;
  if (!record) return out;
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
