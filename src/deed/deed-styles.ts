/**
 * The deed's styles, shared by the `<omrl-deed>` shadow root and the deed page. Themable with CSS
 * custom properties (set them on `omrl-deed` or any ancestor):
 * `--omrl-deed-fg`, `--omrl-deed-bg`, `--omrl-deed-muted`, `--omrl-deed-accent`,
 * `--omrl-deed-card`, `--omrl-deed-border`, `--omrl-deed-ok`, `--omrl-deed-bad`, `--omrl-deed-warn`,
 * `--omrl-deed-font`, `--omrl-deed-mono`, `--omrl-deed-radius`. The defaults meet WCAG AA contrast.
 */
export const DEED_CSS = `
:host{display:block;container-type:inline-size}
.deed{--fg:var(--omrl-deed-fg,#1a1a1a);--bg:var(--omrl-deed-bg,#ffffff);--muted:var(--omrl-deed-muted,#4a4a4a);--accent:var(--omrl-deed-accent,#0b57a4);--card:var(--omrl-deed-card,#f7f7f5);--border:var(--omrl-deed-border,#c9c9c4);--ok:var(--omrl-deed-ok,#0f6b2f);--bad:var(--omrl-deed-bad,#a1161b);--warn:var(--omrl-deed-warn,#7a4a00);--radius:var(--omrl-deed-radius,8px);
color:var(--fg);background:var(--bg);font-family:var(--omrl-deed-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:1rem;line-height:1.5;overflow-wrap:anywhere}
.deed *{box-sizing:border-box}
.deed h1,.deed h2,.deed h3,.deed h4{line-height:1.25;margin:0 0 .5rem}
.deed h2{font-size:1.25rem}.deed h3{font-size:1.1rem}
.card{background:var(--card);border:1px solid var(--border);border-radius:var(--radius);padding:1rem;margin:0 0 1rem;break-inside:avoid}
dl{margin:0}.row{display:grid;grid-template-columns:minmax(8rem,12rem) 1fr;gap:.25rem 1rem;padding:.25rem 0;border-top:1px solid var(--border)}.row:first-child{border-top:0}
dt{font-weight:600;color:var(--muted)}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;color:var(--muted);font-size:.9rem;padding-bottom:.25rem}
th,td{border:1px solid var(--border);padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:var(--bg)}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.scroll{overflow-x:auto}.scroll table{min-width:34rem}
code{font-family:var(--omrl-deed-mono,ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace);font-size:.9em}.hash{word-break:break-all}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.status{border:2px solid var(--border);border-radius:var(--radius);padding:.75rem 1rem;margin:0 0 1rem;background:var(--bg)}
.status p{margin:0}.status ul{margin:.5rem 0 0;padding-left:1.25rem}.status .hash-line{margin-top:.35rem;font-size:.9rem;color:var(--muted)}
.status.valid{border-color:var(--ok)}.status.valid strong{color:var(--ok)}
.status.invalid{border-color:var(--bad)}.status.invalid strong{color:var(--bad)}
.status.error{border-color:var(--warn)}.status.error strong{color:var(--warn)}
.lineage{width:100%;height:auto;max-height:32rem;display:block;margin:.25rem 0 .5rem}
.lineage rect{fill:var(--bg);stroke:var(--border);stroke-width:1.5}.lineage .me rect{stroke:var(--accent);stroke-width:2.5}.lineage .omrl rect{stroke:var(--ok)}
.lineage .t{font:600 14px system-ui,sans-serif;fill:var(--fg)}.lineage .s{font:12px system-ui,sans-serif;fill:var(--muted)}
.lineage .edge{fill:none;stroke:var(--muted);stroke-width:1.5}.lineage marker path{fill:var(--muted)}
.upstream{margin:.25rem 0 0;padding-left:1.25rem}
.fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem 1rem;margin:.5rem 0}
.field{display:flex;flex-direction:column;gap:.2rem}label{font-weight:600}.hint{font-size:.85rem;color:var(--muted)}
input,textarea{font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:4px;padding:.4rem .5rem;min-height:2.5rem;width:100%}
textarea{font-family:var(--omrl-deed-mono,ui-monospace,monospace);font-size:.9rem}
details{margin:.5rem 0}summary{cursor:pointer;color:var(--accent);min-height:1.5rem}
button{font:inherit;font-weight:600;color:#fff;background:var(--accent);border:0;border-radius:4px;padding:.6rem 1rem;min-height:2.75rem;cursor:pointer;margin-top:.5rem}
.result{margin-top:.75rem}.owed{font-size:1.1rem}.result .error{color:var(--bad);border-left:4px solid var(--bad);padding-left:.75rem}
.obligation{border-top:1px solid var(--border);padding-top:.5rem;margin-top:.5rem}
.trace ol{padding-left:1.25rem;font-size:.9rem}
@media (max-width:40rem){.row{grid-template-columns:1fr}.card{padding:.75rem}}
@container (max-width:36rem){.row{grid-template-columns:1fr}.card{padding:.75rem}}
@media print{.deed{--bg:#fff;--card:#fff;--fg:#000;--muted:#333}.calc form,.calc>p{display:none}.card{border-color:#999}a{color:#000}details>*{display:block}}
`;
