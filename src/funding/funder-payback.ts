import { InvalidInputError } from "../errors.js";
import { PPM, formatPercent, splitByWeights } from "../money/index.js";
import { checksumAddress } from "./checksum-address.js";
import { quantizeWeights } from "./distribute.js";
import type { Contribution } from "./types.js";

/** How the funders' slice is shared: by amount given, or by its square root (quadratic voice). */
export type FunderWeighting = "pro-rata" | "sqrt";

export type FunderPaybackParameters = {
  /** Contributions; only those to `project` count. */
  contributions: readonly Contribution[];
  project: string;
  /** Default `pro-rata`. */
  weighting?: FunderWeighting;
  /** The funders' slice of the model's revenue split, ppm (default 100%). */
  slicePpm?: bigint;
  /** Contributor id → 0x address, for ids that are not addresses themselves (hashes, handles). */
  addresses?: ReadonlyMap<string, string>;
  /** Payee `name` for each account (optional). */
  names?: ReadonlyMap<string, string>;
};

/** A payee entry as `omrl.json`'s `payment.payees` holds it. */
export type FunderPayee = { account: `0x${string}`; share: string; name?: string; role: "funders" };

export type FunderShare = {
  account: `0x${string}`;
  /** The contributor ids merged into this account. */
  contributors: string[];
  contributed: bigint;
  /** Share of the whole revenue split (within the slice), ppm. */
  sharePpm: bigint;
  /** Share of the funders' own split (the 0xSplits contract), in the 1e6 scale. */
  allocation: bigint;
};

/**
 * A 0xSplits split for the funders. `recipients` / `distributorFeePercent` are the SDK's
 * `createSplit` arguments (percentages with up to 4 decimals, summing to 100); `splitMain` are
 * the v1 SplitMain `createSplit(accounts, percentAllocations, distributorFee, controller)`
 * arguments, in its 1e6 scale (PERCENTAGE_SCALE). Recipients are sorted by address, as the
 * contract requires, and each allocation is positive.
 */
export type FunderSplitConfig = {
  recipients: { address: `0x${string}`; percentAllocation: number }[];
  distributorFeePercent: 0;
  splitMain: { accounts: `0x${string}`[]; percentAllocations: number[]; distributorFee: 0 };
};

export type FunderPaybackReturnType = {
  project: string;
  weighting: FunderWeighting;
  slicePpm: bigint;
  funders: FunderShare[];
  /** Payee entries whose shares sum to exactly the slice (funders whose share rounds to 0 ppm are left out). */
  payees: FunderPayee[];
  split: FunderSplitConfig;
  /** Accounts left out of `payees` / the split because their share rounds to zero at 1 ppm. */
  belowResolution: `0x${string}`[];
};

/**
 * Pays a funded model's funders back: each funder's share of the funders' slice of the model's
 * revenue, pro rata to what they gave or to its square root. Shares are split in integers by
 * cumulative rounding (the licence's rule), so the payees' ppm sum to exactly the slice and the
 * split's allocations to exactly 1e6. Contributor ids that are not 0x addresses must be mapped
 * through `addresses`; any left unmapped is an error that lists them.
 *
 * @example
 * const payback = funderPayback({ contributions, project: "llama-fr", slicePpm: parsePercent("20%") });
 * payback.payees // [{ account: "0x…", share: "12.5%", role: "funders" }, …]
 */
export function funderPayback(parameters: FunderPaybackParameters): FunderPaybackReturnType {
  const { project, weighting = "pro-rata", slicePpm = PPM, addresses, names } = parameters;
  if (slicePpm <= 0n || slicePpm > PPM)
    throw new InvalidInputError(`the funders' slice must be in (0%, 100%] (got ${slicePpm} ppm)`);
  if (weighting !== "pro-rata" && weighting !== "sqrt")
    throw new InvalidInputError(`unknown weighting "${String(weighting)}" (pro-rata, sqrt)`);
  const byAccount = new Map<`0x${string}`, { contributors: Set<string>; contributed: bigint }>();
  const unmapped = new Set<string>();
  for (const c of parameters.contributions) {
    if (c.project !== project || c.amount === 0n) continue;
    const account = checksumAddress(addresses?.get(c.contributor) ?? c.contributor);
    if (!account) {
      unmapped.add(c.contributor);
      continue;
    }
    const entry = byAccount.get(account) ?? { contributors: new Set<string>(), contributed: 0n };
    entry.contributors.add(c.contributor);
    entry.contributed += c.amount;
    byAccount.set(account, entry);
  }
  if (unmapped.size > 0) {
    const ids = [...unmapped];
    throw new InvalidInputError(
      `${ids.length} funder(s) of "${project}" have no valid 0x address: ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}`,
      {
        details:
          "A split pays addresses: map contributor ids to addresses (CLI: --addresses map.csv with columns contributor,address).",
        docsPath: "/docs/funding.md#funders-payback",
      },
    );
  }
  if (byAccount.size === 0) throw new InvalidInputError(`no contributions to "${project}"`);

  // sorted by address: the order of the split, and of the cumulative rounding
  const accounts = [...byAccount.keys()].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const contributed = accounts.map((a) => byAccount.get(a)!.contributed);
  const weights =
    weighting === "pro-rata" ? contributed : quantizeWeights(contributed.map((c) => Math.sqrt(Number(c))));
  const sharePpm = splitByWeights(slicePpm, weights);
  const allocation = splitByWeights(PPM, weights);
  const funders: FunderShare[] = accounts.map((account, k) => ({
    account,
    contributors: [...byAccount.get(account)!.contributors],
    contributed: contributed[k]!,
    sharePpm: sharePpm[k]!,
    allocation: allocation[k]!,
  }));
  const payees: FunderPayee[] = [];
  for (const f of funders) {
    if (f.sharePpm === 0n) continue;
    const payee: FunderPayee = { account: f.account, share: formatPercent(f.sharePpm), role: "funders" };
    const name = names?.get(f.account) ?? names?.get(f.contributors[0]!);
    if (name) payee.name = name;
    payees.push(payee);
  }
  const inSplit = funders.filter((f) => f.allocation > 0n);
  return {
    project,
    weighting,
    slicePpm,
    funders,
    payees,
    split: {
      recipients: inSplit.map((f) => ({ address: f.account, percentAllocation: Number(f.allocation) / 10_000 })),
      distributorFeePercent: 0,
      splitMain: {
        accounts: inSplit.map((f) => f.account),
        percentAllocations: inSplit.map((f) => Number(f.allocation)),
        distributorFee: 0,
      },
    },
    belowResolution: funders.filter((f) => f.sharePpm === 0n).map((f) => f.account),
  };
}

