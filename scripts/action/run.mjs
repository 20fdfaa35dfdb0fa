#!/usr/bin/env node
// The steps of the omrl GitHub Action (action.yml), as one script so they run the same on a
// laptop as on a runner: `omrl check` once, writing the Markdown report (stdout), SARIF and the
// BOM(s) with --output; the report goes to the job summary and, on a pull request, to one comment
// that is updated on each push; step outputs name the files and the check's exit code. The
// action's last step fails the job with that exit code, after SARIF and the BOM were uploaded.
//
// Inputs (environment, as action.yml passes them): INPUT_MANIFEST, INPUT_WORKING_DIRECTORY,
// INPUT_FROZEN, INPUT_MAX_WARNINGS, INPUT_FORMATS (comma list of sarif, cyclonedx, spdx3, json),
// INPUT_OUTPUT_DIR, INPUT_PR_COMMENT, INPUT_GITHUB_TOKEN, INPUT_OFFLINE; OMRL_COMMAND is how to run
// omrl (default: the CLI the project installed, node_modules/.bin/omrl; else this action's own
// checkout, built once with npm ci + npm run build — omrl is not on the npm registry yet, so never a
// bare `npx omrl`). GitHub's own: GITHUB_STEP_SUMMARY,
// GITHUB_OUTPUT, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const env = process.env;
const input = (name, fallback = "") => (env[`INPUT_${name}`] ?? "").trim() || fallback;
const MARKER = "<!-- omrl-check -->";
/** GitHub's job summary and comment bodies are capped (1 MiB and 65,536 characters). */
const SUMMARY_MAX = 1024 * 1024 - 1024;
const COMMENT_MAX = 65_000;
const FORMATS = { sarif: "omrl.sarif", cyclonedx: "omrl.cdx.json", spdx3: "omrl.spdx3.json", json: "omrl.json" };

function fail(message) {
  process.stderr.write(`::error title=omrl::${message.replace(/\r?\n/g, "%0A")}\n`);
  process.exit(2);
}

async function omrlCommand(workdir) {
  if (env.OMRL_COMMAND) return env.OMRL_COMMAND.split(/\s+/).filter(Boolean);
  const installed = join(workdir, "node_modules", ".bin", "omrl");
  if (existsSync(installed)) return [installed];
  // this action's own checkout: build it once (its dist/ is not committed)
  const self = fileURLToPath(new URL("../../", import.meta.url));
  const cli = join(self, "dist", "cli.js");
  if (!existsSync(cli)) {
    process.stderr.write("omrl: building the action's own copy of omrl (npm ci, npm run build)\n");
    for (const argv of [["npm", "ci", "--no-audit", "--no-fund"], ["npm", "run", "build", "--silent"]]) {
      const step = await run(argv, self);
      if (step.code !== 0) fail(`${argv.join(" ")} failed in ${self}: ${step.stderr.trim().slice(-500)}`);
    }
  }
  return [process.execPath, cli];
}

function run(argv, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code: code ?? 2, stdout, stderr }));
  });
}

function truncate(text, max, note) {
  return text.length <= max ? text : `${text.slice(0, max - note.length - 2)}\n\n${note}\n`;
}

/** Creates the pull request's omrl comment, or updates it (found by its marker) so a PR has one. */
async function upsertComment(body) {
  const token = input("GITHUB_TOKEN", env.GITHUB_TOKEN ?? "");
  if (!token) return "skipped: no github-token";
  if (!env.GITHUB_EVENT_PATH || !env.GITHUB_REPOSITORY) return "skipped: not on GitHub";
  const event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8"));
  const number = event.pull_request?.number ?? (event.issue?.pull_request ? event.issue.number : undefined);
  if (!number) return "skipped: not a pull request";
  const api = (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const headers = { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "content-type": "application/json", "user-agent": "omrl-action", "x-github-api-version": "2022-11-28" };
  const base = `${api}/repos/${env.GITHUB_REPOSITORY}/issues`;
  let existing;
  for (let page = 1; page <= 10 && !existing; page++) {
    const response = await fetch(`${base}/${number}/comments?per_page=100&page=${page}`, { headers });
    if (!response.ok) return `failed: listing comments: HTTP ${response.status}`;
    const comments = await response.json();
    existing = comments.find((c) => typeof c.body === "string" && c.body.includes(MARKER));
    if (comments.length < 100) break;
  }
  const payload = JSON.stringify({ body });
  const response = existing
    ? await fetch(`${base}/comments/${existing.id}`, { method: "PATCH", headers, body: payload })
    : await fetch(`${base}/${number}/comments`, { method: "POST", headers, body: payload });
  if (!response.ok) return `failed: HTTP ${response.status}`;
  return existing ? "updated" : "created";
}

const workdir = resolve(input("WORKING_DIRECTORY", "."));
const manifest = input("MANIFEST", "omrl.app.json");
const outDir = resolve(workdir, input("OUTPUT_DIR", env.RUNNER_TEMP ? join(env.RUNNER_TEMP, "omrl") : "omrl-report"));
const formats = input("FORMATS", "sarif,cyclonedx").split(",").map((f) => f.trim()).filter(Boolean);
for (const format of formats) if (!(format in FORMATS)) fail(`formats: unknown format "${format}" (one of ${Object.keys(FORMATS).join(", ")})`);
const maxWarnings = input("MAX_WARNINGS");
if (maxWarnings && !/^\d{1,9}$/.test(maxWarnings)) fail(`max-warnings must be a non-negative integer, got "${maxWarnings}"`);

await mkdir(outDir, { recursive: true });
const argv = [...(await omrlCommand(workdir)), "check", "--manifest", manifest, "--format", "markdown"];
if (input("FROZEN", "true") === "true") argv.push("--frozen");
if (maxWarnings) argv.push("--max-warnings", maxWarnings);
if (input("OFFLINE", "false") === "true") argv.push("--offline");
const files = {};
for (const format of formats) {
  files[format] = join(outDir, FORMATS[format]);
  argv.push("--output", `${format}=${files[format]}`);
}
const result = await run(argv, workdir);
if (result.code === 2 || result.code > 2 || result.stdout === "") fail(`omrl check could not run (exit ${result.code}): ${result.stderr.trim() || "no output"}`);

const markdownPath = join(outDir, "omrl.md");
await writeFile(markdownPath, result.stdout);
const verdict = result.code === 0 ? "✅ omrl check passed" : "❌ omrl check failed";
const report = `${MARKER}\n## ${verdict}\n\n${result.stdout}`;
if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${truncate(report, SUMMARY_MAX, "_(report truncated: see the omrl.md artifact)_")}\n`);
let comment = "off";
if (input("PR_COMMENT", "false") === "true") comment = await upsertComment(truncate(report, COMMENT_MAX, "_(report truncated: see the job summary)_"));
if (comment.startsWith("failed")) process.stderr.write(`::warning title=omrl::pull-request comment ${comment}\n`);

const outputs = {
  "exit-code": String(result.code),
  "markdown-file": markdownPath,
  "sarif-file": files.sarif ?? "",
  "bom-file": files.cyclonedx ?? files.spdx3 ?? "",
  "cyclonedx-file": files.cyclonedx ?? "",
  "spdx3-file": files.spdx3 ?? "",
  "output-dir": outDir,
  comment,
};
if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(""));
process.stdout.write(`omrl check exit ${result.code}; report ${markdownPath}${formats.map((f) => `, ${f} ${files[f]}`).join("")}; comment ${comment}\n`);
