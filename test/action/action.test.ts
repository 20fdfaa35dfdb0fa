import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Spec, Validation } from "@cyclonedx/cyclonedx-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CLI_PATH, runProcess } from "../helpers/cli.js";

/*
 * The GitHub Action (action.yml, composite) runs scripts/action/run.mjs; this test runs that
 * script locally against a copy of examples/app-ci with the built CLI, as a runner would (the
 * GITHUB_* files and variables pointed at temporary files), and a GitHub-API-compatible HTTP
 * server on 127.0.0.1 for the pull-request comment. No GitHub needed.
 */

const root = fileURLToPath(new URL("../../", import.meta.url));
const script = join(root, "scripts/action/run.mjs");
let dir: string;
let server: Server;
let api: string;
const requests: { method: string; url: string; body: string; auth: string | undefined }[] = [];
const comments: { id: number; body: string }[] = [];

async function body(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "omrl-action-"));
  await cp(join(root, "examples/app-ci"), join(dir, "app"), { recursive: true, filter: (src) => !src.endsWith(".test.ts") });
  server = createServer(async (req, res) => {
    const text = await body(req);
    requests.push({ method: req.method!, url: req.url!, body: text, auth: req.headers.authorization });
    res.setHeader("content-type", "application/json");
    if (req.method === "GET" && /^\/repos\/acme\/app\/issues\/7\/comments\?/.test(req.url!)) return res.end(JSON.stringify(comments));
    if (req.method === "POST" && req.url === "/repos/acme/app/issues/7/comments") {
      const comment = { id: 100 + comments.length, body: JSON.parse(text).body };
      comments.push(comment);
      res.statusCode = 201;
      return res.end(JSON.stringify(comment));
    }
    const patch = /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/.exec(req.url!);
    if (req.method === "PATCH" && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]))!;
      comment.body = JSON.parse(text).body;
      return res.end(JSON.stringify(comment));
    }
    res.statusCode = 404;
    res.end("{}");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runAction(name: string, inputs: Record<string, string>, extraEnv: Record<string, string | undefined> = {}) {
  const run = join(dir, name);
  const files = { summary: join(dir, `${name}.summary.md`), output: join(dir, `${name}.output`), event: join(dir, `${name}.event.json`) };
  await writeFile(files.summary, "");
  await writeFile(files.output, "");
  await writeFile(files.event, JSON.stringify({ pull_request: { number: 7 } }));
  const result = await runProcess(process.execPath, [script], {
    cwd: dir,
    env: {
      OMRL_COMMAND: `${process.execPath} ${CLI_PATH}`,
      HF_HUB_OFFLINE: "1",
      RUNNER_TEMP: run,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_OUTPUT: files.output,
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: files.event,
      GITHUB_REPOSITORY: "acme/app",
      GITHUB_API_URL: api,
      INPUT_WORKING_DIRECTORY: join(dir, "app"),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k}`, v])),
      ...extraEnv,
    },
  });
  const outputs = Object.fromEntries(
    (await readFile(files.output, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { result, outputs, summary: await readFile(files.summary, "utf8") };
}

describe("action.yml", () => {
  it("is a composite action on Node 20 that runs the script, uploads SARIF and the BOM, and fails last", async () => {
    const action = parse(await readFile(join(root, "action.yml"), "utf8"));
    expect(action.runs.using).toBe("composite");
    const steps = action.runs.steps as { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string; id?: string }[];
    expect(steps[0]).toMatchObject({ uses: "actions/setup-node@v4", with: { "node-version": 20 } });
    expect(steps.find((s) => s.id === "check")?.run).toBe('node "${{ github.action_path }}/scripts/action/run.mjs"');
    expect(steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"))?.with?.sarif_file).toBe("${{ steps.check.outputs.sarif-file }}");
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))?.with?.path).toBe("${{ steps.check.outputs.output-dir }}");
    expect(steps.at(-1)?.if).toBe("${{ steps.check.outputs.exit-code != '0' }}");
    for (const input of ["manifest", "max-warnings", "formats", "pr-comment", "frozen"]) expect(action.inputs[input], input).toBeDefined();
    // every INPUT_ the script reads is passed by the check step
    const text = await readFile(script, "utf8");
    const read = [...new Set([...text.matchAll(/input\("([A-Z_]+)"/g)].map((m) => m[1]!))];
    const passed = Object.keys(steps.find((s) => s.id === "check")!.env as object);
    for (const name of read) expect(passed, name).toContain(`INPUT_${name}`);
  });
});

describe("scripts/action/run.mjs against examples/app-ci", () => {
  it("writes the Markdown report, SARIF and a valid CycloneDX BOM, the job summary with the lineage picture, outputs, and one PR comment", async () => {
    const { result, outputs, summary } = await runAction("pass", { MANIFEST: "omrl.app.json", MAX_WARNINGS: "0", FORMATS: "sarif,cyclonedx", PR_COMMENT: "true", GITHUB_TOKEN: "t0ken" });
    expect(result.code, result.stderr).toBe(0);
    expect(outputs["exit-code"]).toBe("0");
    expect(outputs["output-dir"]).toBe(join(dir, "pass", "omrl"));
    const markdown = await readFile(outputs["markdown-file"]!, "utf8");
    expect(markdown).toContain("**0 error(s), 0 warning(s)");
    expect(markdown).toContain("```mermaid\nflowchart TD");
    const sarif = JSON.parse(await readFile(outputs["sarif-file"]!, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver.name).toBe("omrl");
    const bom = await readFile(outputs["bom-file"]!, "utf8");
    expect(outputs["bom-file"]).toBe(outputs["cyclonedx-file"]);
    expect(await new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(bom)).toBeNull();
    expect(summary).toContain("## ✅ omrl check passed");
    expect(summary).toContain(markdown.trim().split("\n")[0]);
    expect(outputs.comment).toBe("created");
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("<!-- omrl-check -->");
    expect(requests.filter((r) => r.method === "POST").map((r) => r.auth)).toEqual(["Bearer t0ken"]);
  });

  it("a changed weight file: exit-code 1 in the outputs (the action's last step fails), the same PR comment is updated", async () => {
    const weights = join(dir, "app/models/acme-tiny-1b/model.safetensors");
    const original = await readFile(weights);
    const changed = Buffer.from(original);
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 0xff;
    await writeFile(weights, changed);
    try {
      const { result, outputs, summary } = await runAction("fail", { PR_COMMENT: "true", GITHUB_TOKEN: "t0ken", FORMATS: "sarif" });
      expect(result.code, result.stderr).toBe(0); // the script reports; the action's "Fail on findings" step fails the job
      expect(outputs["exit-code"]).toBe("1");
      expect(outputs["bom-file"]).toBe("");
      expect(summary).toContain("## ❌ omrl check failed");
      expect(summary).toContain("model.safetensors");
      expect(outputs.comment).toBe("updated");
      expect(comments).toHaveLength(1);
      expect(comments[0]!.body).toContain("omrl check failed");
      expect(requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
    } finally {
      await writeFile(weights, original);
    }
  });

  it("without OMRL_COMMAND it runs the CLI the project installed (node_modules/.bin/omrl), never the registry", async () => {
    const bin = join(dir, "app/node_modules/.bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "omrl"), `#!/bin/sh\necho installed >> "${join(dir, "installed.log")}"\nexec "${process.execPath}" "${CLI_PATH}" "$@"\n`, { mode: 0o755 });
    try {
      const { result, outputs } = await runAction("installed", { FORMATS: "sarif" }, { OMRL_COMMAND: undefined });
      expect(result.code, result.stderr).toBe(0);
      expect(outputs["exit-code"]).toBe("0");
      expect(await readFile(join(dir, "installed.log"), "utf8")).toBe("installed\n");
    } finally {
      await rm(join(dir, "app/node_modules"), { recursive: true, force: true });
    }
  });

  it("bad inputs stop the step with an error annotation (exit 2)", async () => {
    const formats = await runAction("bad-format", { FORMATS: "sarif,pdf" });
    expect(formats.result.code).toBe(2);
    expect(formats.result.stderr).toContain('::error title=omrl::formats: unknown format "pdf"');
    const missing = await runAction("no-manifest", { MANIFEST: "nope.json" });
    expect(missing.result.code).toBe(2);
    expect(missing.result.stderr).toContain("no app manifest at nope.json");
  });
});
