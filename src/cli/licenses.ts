import type { Command } from "commander";
import { InvalidInputError } from "../errors.js";
import { listLicenses, lookupLicense, type LicenseEntry } from "../licenses/index.js";
import { EXIT_OK } from "./exit.js";
import { formatOption, type CliIO, type CommandModule } from "./program.js";

function flag(value: boolean | "unknown"): string {
  return value === "unknown" ? "unknown" : value ? "yes" : "no";
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** One line per licence: the fields a reviewer scans first. */
function formatTable(entries: readonly LicenseEntry[]): string {
  const header = ["HUB ID", "SPDX", "COMMERCIAL", "DERIVATIVES", "SHARE-ALIKE", "FLOW-DOWN", "CATEGORY"];
  const rows = entries.map((entry) => [
    entry.hubId,
    entry.spdx,
    entry.commercialUse,
    entry.derivatives,
    flag(entry.shareAlike),
    flag(entry.useRestrictions.flowDown),
    entry.category.join(","),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + `\n\n${entries.length} licences\n`;
}

/** Every field of one licence, one per line. */
function formatEntry(entry: LicenseEntry): string {
  const lines: [string, string | undefined][] = [
    ["Hub id", entry.hubId],
    [
      "Model card",
      entry.hubCard.licenseName
        ? `license: ${entry.hubCard.license}, license_name: ${entry.hubCard.licenseName}`
        : `license: ${entry.hubCard.license}`,
    ],
    ["On Hub list", entry.onHubList ? "yes" : "no"],
    ["SPDX", entry.spdx],
    ["Name", entry.name],
    ["URL", entry.url],
    ["Aliases", entry.aliases?.join(", ")],
    ["Family", entry.family ? "yes (fields hold only what every member shares)" : undefined],
    ["Category", entry.category.join(", ")],
    ["Commercial use", entry.commercialUse],
    ["  conditions", entry.commercialConditions],
    ["Derivatives", entry.derivatives],
    ["  conditions", entry.derivativeConditions],
    ["Share-alike", flag(entry.shareAlike)],
    ["Attribution", flag(entry.attribution.required)],
    ["  display", entry.attribution.text],
    ["  notice", entry.attribution.notice],
    ["  requirement", entry.attribution.requirement],
    ["Naming", entry.naming ? `prefix "${entry.naming.prefix}": ${entry.naming.rule}` : undefined],
    [
      "User threshold",
      entry.userThreshold
        ? `${entry.userThreshold.monthlyActiveUsers} monthly active users: ${entry.userThreshold.effect}`
        : undefined,
    ],
    [
      "Revenue threshold",
      entry.revenueThreshold
        ? `${entry.revenueThreshold.annualRevenue} ${entry.revenueThreshold.currency} a year: ${entry.revenueThreshold.effect}`
        : undefined,
    ],
    ["Use restrictions flow down", flag(entry.useRestrictions.flowDown)],
    ["  source", entry.useRestrictions.source],
    ["  url", entry.useRestrictions.url],
    ["Revenue share", entry.revenueShare ? "yes" : undefined],
    ["Notes", entry.notes],
  ];
  const shown = lines.filter((pair): pair is [string, string] => pair[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length)) + 2;
  return shown.map(([label, value]) => pad(`${label}:`, width) + value).join("\n") + "\n";
}

function run(id: string | undefined, options: { format: "text" | "json" }, io: CliIO): void {
  if (id === undefined) {
    const entries = listLicenses();
    io.stdout(options.format === "json" ? `${JSON.stringify(entries, null, 2)}\n` : formatTable(entries));
  } else {
    const entry = lookupLicense(id);
    if (!entry) {
      throw new InvalidInputError(`unknown licence id "${id.length > 80 ? `${id.slice(0, 80)}…` : id}"`, {
        details: "Run `omrl licenses` for the known Hub ids, SPDX ids and aliases.",
        docsPath: "/docs/licenses.md#knowledge-base",
      });
    }
    io.stdout(options.format === "json" ? `${JSON.stringify(entry, null, 2)}\n` : formatEntry(entry));
  }
  io.setExitCode(EXIT_OK);
}

/** `omrl licenses [id]`: the licence knowledge base, all of it or one licence. */
export const licensesCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("licenses")
      .description("print the licence knowledge base (every Hugging Face Hub licence id), or one licence")
      .argument("[id]", "Hub licence id, Hub license_name or SPDX id (case-insensitive)")
      .addOption(formatOption())
      .action((id: string | undefined, options: { format: "text" | "json" }) => run(id, options, io));
  },
};
