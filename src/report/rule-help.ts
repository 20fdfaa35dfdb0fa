import { RULE_HELP } from "./rule-help.generated.js";
import { docsUrl } from "./shared.js";

export type RuleHelp = {
  /** The rule's full description as plain text (SARIF `fullDescription.text`, `help.text`). */
  text: string;
  /** The same as Markdown, relative docs links made absolute, ending with a link to the docs. */
  markdown: string;
};

/**
 * The full description of a rule or app check, from its section in `docs/rules.md` /
 * `docs/app.md` (generated into the core, so no file is read), falling back to its one-line
 * description. Links point at the one documentation base (the repository's `docs/`).
 *
 * @example
 * ruleHelp("omrl/terms-missing", { description: "…", docs: "docs/rules.md#omrl-terms-missing" }).text
 */
export function ruleHelp(id: string, meta: { description: string; docs: string }, docsBaseUrl?: string): RuleHelp {
  const url = docsUrl(meta.docs, docsBaseUrl);
  const source = RULE_HELP[id];
  if (source === undefined) return { text: `${capitalise(meta.description)}. See ${url}`, markdown: `${capitalise(meta.description)}.\n\n[Documentation](${url})` };
  const markdown = source.replace(/\]\((?!https?:|#)([a-z0-9_-]+\.md)(#[^)]*)?\)/gi, (_, file: string, anchor = "") => `](${docsUrl(`docs/${file}${anchor}`, docsBaseUrl)})`);
  const text = source
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/`([^`]+)`/g, "$1");
  return { text: `${text}\n\nSee ${url}`, markdown: `${markdown}\n\n[Documentation](${url})` };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
