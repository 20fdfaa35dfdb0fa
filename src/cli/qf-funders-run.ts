/** `omrl qf funders`: the work, loaded only when it runs (see qf.ts). */
import { InvalidInputError } from "../errors.js";
import { formatTokenAmount, funderPayback, parseCsv, type FunderPaybackReturnType } from "../funding/index.js";
import { formatPercent, parsePercent } from "../money/index.js";
import { EXIT_OK } from "./exit.js";
import type { CliIO } from "./program.js";
import { decimalsOf, emit, readContributions, readText, type FundersOptions } from "./qf-run.js";

/** contributor,address rows (a header row first) → Map. */
function parseAddressMap(text: string, source: string): Map<string, string> {
  const map = new Map<string, string>();
  let columns: [number, number] | undefined;
  parseCsv(
    text,
    (fields, line) => {
      if (!columns) {
        const names = fields.map((f) => f.trim().toLowerCase());
        const c = names.indexOf("contributor");
        const a = names.indexOf("address");
        if (c < 0 || a < 0)
          throw new InvalidInputError("the address map needs columns contributor and address", {
            location: `${source}:1`,
          });
        columns = [c, a];
        return;
      }
      const contributor = fields[columns[0]];
      const address = fields[columns[1]];
      if (!contributor || !address)
        throw new InvalidInputError("a row needs a contributor and an address", { location: `${source}:${line}` });
      map.set(contributor, address.trim());
    },
    { source },
  );
  return map;
}

function formatFunders(payback: FunderPaybackReturnType, decimals: number, format: "text" | "json"): string {
  if (format === "json")
    return `${JSON.stringify(
      {
        project: payback.project,
        weighting: payback.weighting,
        slice: formatPercent(payback.slicePpm),
        payees: payback.payees,
        split: payback.split,
        funders: payback.funders.map((f) => ({
          account: f.account,
          contributors: f.contributors,
          contributed: formatTokenAmount(f.contributed, decimals),
          contributedUnits: f.contributed.toString(),
          share: formatPercent(f.sharePpm),
          splitAllocation: Number(f.allocation),
        })),
        belowResolution: payback.belowResolution,
      },
      null,
      2,
    )}\n`;
  const lines = [
    `project: ${payback.project}`,
    `funders: ${payback.funders.length}; weighting ${payback.weighting}; their slice ${formatPercent(payback.slicePpm)} of the revenue split`,
    "",
    "account                                     contributed          share  split (1e6)",
    ...payback.funders.map(
      (f) =>
        `${f.account}  ${formatTokenAmount(f.contributed, decimals).padStart(18)}  ${formatPercent(f.sharePpm).padStart(9)}  ${String(f.allocation).padStart(11)}`,
    ),
  ];
  if (payback.belowResolution.length)
    lines.push(
      "",
      `${payback.belowResolution.length} funder(s) round to 0 ppm of the revenue split and are left out of payees`,
    );
  lines.push("", "payees for omrl.json (payment.payees):", JSON.stringify(payback.payees, null, 2));
  return `${lines.join("\n")}\n`;
}

export async function runFunders(options: FundersOptions, io: CliIO): Promise<void> {
  const decimals = decimalsOf(options.tokenDecimals);
  const { contributions } = await readContributions(options, decimals, io);
  const addresses = options.addresses
    ? parseAddressMap(await readText(options.addresses, io, "--addresses"), options.addresses)
    : undefined;
  const payback = funderPayback({
    contributions,
    project: options.project,
    weighting: options.weighting,
    slicePpm: parsePercent(options.slice, "--slice"),
    addresses,
  });
  await emit(formatFunders(payback, decimals, options.format), options.output, io);
  io.setExitCode(EXIT_OK);
}
