import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands.js";
import { buildProgram, createRootProgram, type CliIO } from "../../src/cli/program.js";
import { describeCli } from "../../src/cli/startup/describe-cli.js";
import { isHelpRequest } from "../../src/cli/startup/is-help-request.js";
import { programFromDescription } from "../../src/cli/startup/program-from-description.js";
import { runOmrl } from "../helpers/cli.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

function silentIO(): CliIO {
  return { stdout: () => {}, stderr: () => {}, env: {}, cwd: ".", isTTY: false, setExitCode: () => {} };
}

/** Every command's full help (`outputHelp`, with `addHelpText`), by path, at a help width. */
function helpTexts(program: Command, width: number): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (command: Command, path: string) => {
    let text = "";
    command.configureOutput({ writeOut: (chunk) => (text += chunk), getOutHelpWidth: () => width });
    command.outputHelp();
    texts.set(path, text);
    for (const sub of command.commands) walk(sub, `${path} ${sub.name()}`.trim());
  };
  walk(program, "");
  return texts;
}

describe("static help and version (answered without loading command modules)", () => {
  it("the rebuilt program prints every command's help exactly as the real one, at any width", async () => {
    const description = JSON.parse(JSON.stringify(await describeCli()));
    for (const width of [50, 80, 132]) {
      const real = helpTexts(await buildProgram(silentIO()), width);
      const rebuilt = helpTexts(programFromDescription(createRootProgram(silentIO()), description), width);
      expect([...rebuilt.keys()]).toEqual([...real.keys()]);
      for (const [path, text] of real) expect(rebuilt.get(path), `omrl ${path} --help at ${width} columns`).toBe(text);
    }
    // every registered command is described, subcommands included
    expect(description.commands.map((c: { settings: { _name: string } }) => c.settings._name)).toEqual(commands.map((c) => c.name));
  });

  it("tells help and version requests from commands", () => {
    for (const argv of [[], ["--help"], ["-h"], ["--version"], ["-V"], ["verify", "--help"], ["qf", "funders", "-h"], ["help", "check"]])
      expect(isHelpRequest(argv), argv.join(" ")).toBe(true);
    for (const argv of [["verify", "."], ["check", "--", "--help"], ["owed", "--revenue", "r.csv"], ["verify", "--version"]])
      expect(isHelpRequest(argv), argv.join(" ")).toBe(false);
  });

  it("the built CLI answers help from dist/cli-commands.json with the real program's text and exit codes", async () => {
    const description = JSON.parse(await readFile(`${root}dist/cli-commands.json`, "utf8"));
    expect(description.commands.length).toBe(commands.length);
    const real = helpTexts(await buildProgram(silentIO()), 80);
    for (const [args, path] of [[["--help"], ""], [["verify", "--help"], "verify"], [["help", "check"], "check"], [["qf", "funders", "-h"], "qf funders"]] as const) {
      const result = await runOmrl([...args]);
      expect(result.code, args.join(" ")).toBe(0);
      expect(result.stdout, args.join(" ")).toBe(real.get(path));
    }
    // no arguments: help on stderr, usage exit code; an unknown option still wins over --help's absence
    const bare = await runOmrl([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(real.get(""));
    const unknown = await runOmrl(["verify", "--no-such-flag"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--no-such-flag'/);
  });

  describe("modules loaded", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "omrl-loads-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    async function loadedBy(args: string[]): Promise<string[]> {
      const record = join(dir, `${args.join("_") || "none"}.txt`);
      const hook = fileURLToPath(new URL("./record-loads.mjs", import.meta.url));
      const { runProcess } = await import("../helpers/cli.js");
      const result = await runProcess(process.execPath, ["--import", hook, `${root}dist/cli.js`, ...args], {
        env: { OMRL_RECORD_LOADS: record },
      });
      expect(result.code, result.stderr).toBe(0);
      return (await readFile(record, "utf8")).trim().split("\n");
    }

    const commandFile = new RegExp(`/dist/(${commands.map((c) => c.name).join("|")})(-[A-Z0-9]+)?\\.js$`);

    it("--version loads no dependency; help loads no command module and nothing from node_modules", async () => {
      for (const args of [["--version"], ["--help"], ["verify", "--help"], ["check", "--help"], ["owed", "--help"]]) {
        const loaded = (await loadedBy(args)).filter((url) => url.startsWith("file:"));
        expect(loaded.filter((url) => commandFile.test(url)), args.join(" ")).toEqual([]);
        const packages = new Set(loaded.filter((url) => url.includes("/node_modules/")).map((url) => url.split("/node_modules/")[1]!.split("/")[0]));
        // --version answers before commander loads; help needs commander to format, and the CLI
        // build bundles it (tsup.config.ts), so no package is resolved from node_modules
        expect([...packages], args.join(" ")).toEqual([]);
      }
    });

    it("a command that runs loads its module (so the check above can see one)", async () => {
      const loaded = await loadedBy(["licenses", "mit"]);
      expect(loaded.some((url) => /\/dist\/licenses(-[A-Z0-9]+)?\.js$/.test(url))).toBe(true);
    });
  });
});
