import { escapeHtml } from "./escape-html.js";

export type MarkdownToHtmlOptions = {
  /** Added to every heading level (`# Title` with 2 → `<h3>`); capped at h6. Default 0. */
  headingOffset?: number | undefined;
  /** Prefix of heading ids, so they do not clash with the page's. Default `"legal-"`. */
  idPrefix?: string | undefined;
};

function inline(text: string): string {
  // code spans first, so that their content is not formatted
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (part.startsWith("`") && part.endsWith("`") && part.length > 1) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      let html = escapeHtml(part);
      html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) =>
        /^(https?:|#|\.{0,2}\/|[\w.-]+(#|$))/i.test(href) && !/^javascript:/i.test(href) ? `<a href="${href}">${label}</a>` : label,
      );
      html = html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/(^|[\s(])[*_]([^*_]+)[*_](?=[\s).,;:]|$)/g, "$1<em>$2</em>");
      return html;
    })
    .join("");
}

/**
 * Renders the Markdown of a licence text (headings, paragraphs, lists, block quotes, code blocks,
 * emphasis, code spans, links) as HTML with every character of the source escaped: the text is
 * someone else's file, so no raw HTML passes through.
 *
 * @example
 * markdownToHtml("## 1. Definitions\n\n- **Licensor** means…", { headingOffset: 1 })
 */
export function markdownToHtml(markdown: string, options: MarkdownToHtmlOptions = {}): string {
  const offset = options.headingOffset ?? 0;
  const prefix = options.idPrefix ?? "legal-";
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  const used = new Set<string>();
  let paragraph: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | undefined;
  let quote: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${inline(paragraph.join(" "))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join("")}</${list.tag}>`);
    list = undefined;
  };
  const flushQuote = () => {
    if (quote.length) out.push(`<blockquote><p>${inline(quote.join(" "))}</p></blockquote>`);
    quote = [];
  };
  const flush = () => {
    flushParagraph();
    flushList();
    flushQuote();
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]!); i++) code.push(lines[i]!);
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(heading[1]!.length + offset, 6);
      let id = prefix + heading[2]!.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
      while (used.has(id)) id += "-";
      used.add(id);
      out.push(`<h${level} id="${escapeHtml(id)}">${inline(heading[2]!)}</h${level}>`);
      continue;
    }
    if (line.trim() === "") {
      flush();
      continue;
    }
    const bullet = /^\s{0,3}([-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
    if (bullet) {
      flushParagraph();
      flushQuote();
      const tag = /\d/.test(bullet[1]!) ? "ol" : "ul";
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(bullet[2]!);
      continue;
    }
    const quoted = /^>\s?(.*)$/.exec(line);
    if (quoted) {
      flushParagraph();
      flushList();
      quote.push(quoted[1]!);
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    flushQuote();
    paragraph.push(line.trim());
  }
  flush();
  return out.join("\n");
}
