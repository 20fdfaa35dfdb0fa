// Writes dist/cli-commands.json: the static description of every CLI command (options,
// arguments, help text), so `omrl --help`, `omrl <command> --help` and `omrl --version` answer
// without loading any command module. tsup runs it after building the CLI (onSuccess); the
// describer entry is removed afterwards.
import { rm, writeFile } from "node:fs/promises";

const dist = new URL("../dist/", import.meta.url);
const entry = new URL("cli-describe.js", dist);
const { describeCli } = await import(`${entry.href}?${Date.now()}`);
const description = await describeCli();
await writeFile(new URL("cli-commands.json", dist), `${JSON.stringify(description)}\n`);
await rm(entry, { force: true });
await rm(new URL("cli-describe.js.map", dist), { force: true });
