import { VERSION } from "./version.js";

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  // what commander prints for --version, without loading commander or anything else
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import("./program.js");
  process.exitCode = await runCli(argv, {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: !!process.stdout.isTTY,
    setExitCode: () => {},
  });
}
