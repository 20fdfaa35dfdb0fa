/**
 * Whether the arguments ask only for help or the version (`omrl`, `omrl --help`, `omrl help qf`,
 * `omrl verify -h`, `omrl --version`): such requests are answered from static metadata.
 */
export function isHelpRequest(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  const args = end < 0 ? argv : argv.slice(0, end);
  if (args.length === 0) return true;
  if (args[0] === "--version" || args[0] === "-V") return true;
  if (args.includes("--help") || args.includes("-h")) return true;
  return args.find((arg) => !arg.startsWith("-")) === "help";
}
