/**
 * Text for a Mermaid node or edge label: inside double quotes, with the characters Mermaid or its
 * HTML rendering would read as syntax written as entity codes (`#quot;`, `#lt;`…).
 *
 * @example
 * mermaidLabel('acme/"x"') // 'acme/#quot;x#quot;'
 */
export function mermaidLabel(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/\|/g, "#124;")
    .replace(/[`]/g, "#96;")
    .slice(0, 300);
}
