import type { CommandModule } from "./program.js";

/** A CLI command: its name and how to load its module (one file per command under `src/cli/`). */
export type CommandEntry = { name: string; load: () => Promise<CommandModule> };

/**
 * Every CLI command, in the order `omrl --help` lists them (by who uses them: publishers, hubs,
 * apps, funding rounds). Modules are loaded lazily, so `omrl owed` does not pay for loading
 * what `omrl verify` needs. Adding a command is adding a file and one line here.
 */
export const commands: CommandEntry[] = [
  { name: "init", load: async () => (await import("./init.js")).initCommand },
  { name: "tag", load: async () => (await import("./tag.js")).tagCommand },
  { name: "sign", load: async () => (await import("./sign.js")).signCommand },
  { name: "validate", load: async () => (await import("./validate.js")).validateCommand },
  { name: "verify", load: async () => (await import("./verify.js")).verifyCommand },
  { name: "deed", load: async () => (await import("./deed.js")).deedCommand },
  { name: "serve", load: async () => (await import("./serve.js")).serveCommand },
  { name: "worker", load: async () => (await import("./worker.js")).workerCommand },
  { name: "sweep", load: async () => (await import("./sweep.js")).sweepCommand },
  { name: "register", load: async () => (await import("./register.js")).registerCommand },
  { name: "lineage", load: async () => (await import("./lineage.js")).lineageCommand },
  { name: "licenses", load: async () => (await import("./licenses.js")).licensesCommand },
  { name: "check", load: async () => (await import("./check.js")).checkCommand },
  { name: "notice", load: async () => (await import("./notice.js")).noticeCommand },
  { name: "owed", load: async () => (await import("./owed.js")).owedCommand },
  { name: "pay", load: async () => (await import("./pay.js")).payCommand },
  { name: "reconcile", load: async () => (await import("./reconcile.js")).reconcileCommand },
  { name: "qf", load: async () => (await import("./qf.js")).qfCommand },
];
