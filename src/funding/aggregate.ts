import type { Contribution, ExcludedContributions } from "./types.js";

export type AggregateContributionsParameters = {
  /** Rows below this many base units are left out (default 0: none). */
  minimumContribution?: bigint;
  /** Leave out rows whose contributor is the project's recipient (default true). */
  excludeSelfContributions?: boolean;
};

/**
 * A round in sparse form: each contributor–project pair once, its amounts summed. Entries are
 * held project-major (`projectStart[p]..projectStart[p+1]`, contributors ascending within a
 * project), with a contributor-major index beside them (`contributorStart`, `contributorEntry`),
 * so that every algorithm works over each project's own contributors and never over a dense
 * contributors × projects matrix.
 */
export type AggregatedRound = {
  contributors: string[];
  projects: string[];
  projectStart: Int32Array;
  entryContributor: Int32Array;
  /** The matching amount (after weights), base units as float64: the input of the QF maths. */
  entryAmount: Float64Array;
  /** The same amounts exactly. */
  entryUnits: bigint[];
  /** Raw (unweighted) amounts summed per pair. */
  entryRaw: bigint[];
  contributorStart: Int32Array;
  /** Entry indices (into the project-major arrays), by contributor, projects ascending. */
  contributorEntry: Int32Array;
  /** Σ raw amounts per project, and its count of distinct contributors. */
  projectContributions: bigint[];
  excluded: ExcludedContributions;
  contributionCount: number;
};

const sameAccount = (a: string, b: string) => a === b || (a.startsWith("0x") && a.toLowerCase() === b.toLowerCase());

/**
 * Sums each contributor's rows per project and builds the sparse round. Filters, in order:
 * zero amounts, self-contributions, amounts below the minimum (per row, as Gitcoin does).
 * Projects and contributors keep the order in which they first appear.
 *
 * @example
 * const round = aggregateContributions([{ contributor: "a", project: "P", amount: 4n }])
 * round.projects // ["P"]
 */
export function aggregateContributions(
  contributions: readonly Contribution[],
  parameters: AggregateContributionsParameters = {},
): AggregatedRound {
  const builder = createRoundBuilder(parameters);
  for (const c of contributions) builder.add(c);
  return builder.finish();
}

/** Adds contributions one at a time (e.g. straight from a parser), then builds the round. */
export type RoundBuilder = { add: (contribution: Contribution) => void; finish: () => AggregatedRound };

/**
 * The incremental form of `aggregateContributions`: `add` each contribution as it is read (no
 * array of rows is kept), then `finish`. Same filters, same result.
 *
 * @example
 * const builder = createRoundBuilder();
 * parseContributionsCsv(text, { decimals: 6, onContribution: builder.add });
 * const round = builder.finish();
 */
export function createRoundBuilder(parameters: AggregateContributionsParameters = {}): RoundBuilder {
  const { minimumContribution = 0n, excludeSelfContributions = true } = parameters;
  const excluded: ExcludedContributions = { zeroAmount: 0, belowMinimum: 0, selfContributions: 0 };
  const contributorIndex = new Map<string, number>();
  const projectIndex = new Map<string, number>();
  const contributors: string[] = [];
  const projects: string[] = [];
  // columns of typed arrays: no elements-kind change (and deoptimisation) when the first large amount arrives
  const rowContributorColumn = new Column(Int32Array);
  const rowProjectColumn = new Column(Int32Array);
  // Amounts are kept as float64 integers while Σ|amount| stays ≤ 2^53 − 1 (then every amount and
  // every partial sum of them is an exact integer in float64: cheaper than bigint, and nothing to
  // collect), and as bigint from the first row that would break that.
  let exactInFloat = true;
  let unitsMagnitude = 0;
  let rawMagnitude = 0;
  let rowUnitsFloat = new Column(Float64Array);
  let rowRawFloat = new Column(Float64Array);
  const rowUnits: bigint[] = [];
  const rowRaw: bigint[] = [];
  const add = (c: Contribution) => {
    if (c.amount === 0n) {
      excluded.zeroAmount++;
      return;
    }
    if (excludeSelfContributions && c.recipient && sameAccount(c.contributor, c.recipient)) {
      excluded.selfContributions++;
      return;
    }
    if (c.amount < minimumContribution) {
      excluded.belowMinimum++;
      return;
    }
    let ci = contributorIndex.get(c.contributor);
    if (ci === undefined) {
      ci = contributors.length;
      contributorIndex.set(c.contributor, ci);
      contributors.push(c.contributor);
    }
    let pi = projectIndex.get(c.project);
    if (pi === undefined) {
      pi = projects.length;
      projectIndex.set(c.project, pi);
      projects.push(c.project);
    }
    rowContributorColumn.push(ci);
    rowProjectColumn.push(pi);
    const units = c.weight ? (c.amount * c.weight.num) / c.weight.den : c.amount;
    if (exactInFloat) {
      const u = Number(units);
      const r = Number(c.amount);
      unitsMagnitude += Math.abs(u);
      rawMagnitude += Math.abs(r);
      if (unitsMagnitude <= Number.MAX_SAFE_INTEGER && rawMagnitude <= Number.MAX_SAFE_INTEGER) {
        rowUnitsFloat.push(u);
        rowRawFloat.push(r);
        return;
      }
      // from now on in bigint
      exactInFloat = false;
      for (const u of rowUnitsFloat.values()) rowUnits.push(BigInt(u));
      for (const r of rowRawFloat.values()) rowRaw.push(BigInt(r));
      rowUnitsFloat = new Column(Float64Array);
      rowRawFloat = new Column(Float64Array);
    }
    rowUnits.push(units);
    rowRaw.push(c.amount);
  };
  return { add, finish: () => buildRound() };

  function buildRound(): AggregatedRound {
    const contributionCount = rowContributorColumn.length;
    const rowProject = rowProjectColumn.values();
    const rowContributor = rowContributorColumn.values();
    const P = projects.length;
    const N = contributors.length;
    // rows in (project, contributor) order by two stable counting sorts, then equal pairs summed
    const order = countingSort(rowProject, P, countingSort(rowContributor, N, identityOrder(contributionCount)));
    if (exactInFloat) return buildRoundInFloat(order);
    const projectStart = new Int32Array(P + 1);
    const pairContributor: number[] = [];
    const entryUnits: bigint[] = [];
    const entryRaw: bigint[] = [];
    let lastProject = -1;
    let lastContributor = -1;
    for (let k = 0; k < contributionCount; k++) {
      const r = order[k]!;
      const pi = rowProject[r]!;
      const ci = rowContributor[r]!;
      if (pi === lastProject && ci === lastContributor) {
        entryUnits[entryUnits.length - 1]! += rowUnits[r]!;
        entryRaw[entryRaw.length - 1]! += rowRaw[r]!;
        continue;
      }
      lastProject = pi;
      lastContributor = ci;
      projectStart[pi + 1]!++;
      pairContributor.push(ci);
      entryUnits.push(rowUnits[r]!);
      entryRaw.push(rowRaw[r]!);
    }
    for (let p = 0; p < P; p++) projectStart[p + 1]! += projectStart[p]!;
    const E = pairContributor.length;
    const entryContributor = Int32Array.from(pairContributor);
    const entryAmount = new Float64Array(E);
    const projectContributions: bigint[] = new Array(P).fill(0n);
    for (let p = 0; p < P; p++)
      for (let e = projectStart[p]!; e < projectStart[p + 1]!; e++) {
        entryAmount[e] = Number(entryUnits[e]!);
        projectContributions[p]! += entryRaw[e]!;
      }
    // contributor-major index over the project-major entries
    const entryOrder = countingSort(entryContributor, N, identityOrder(E));
    const contributorStart = new Int32Array(N + 1);
    for (let e = 0; e < E; e++) contributorStart[entryContributor[e]! + 1]!++;
    for (let i = 0; i < N; i++) contributorStart[i + 1]! += contributorStart[i]!;
    return {
      contributors,
      projects,
      projectStart,
      entryContributor,
      entryAmount,
      entryUnits,
      entryRaw,
      contributorStart,
      contributorEntry: entryOrder,
      projectContributions,
      excluded,
      contributionCount,
    };
  }

  /** `buildRound` when every amount is held in float64 (exact integers, see above). */
  function buildRoundInFloat(order: Int32Array): AggregatedRound {
    const contributionCount = rowContributorColumn.length;
    const rowProject = rowProjectColumn.values();
    const rowContributor = rowContributorColumn.values();
    const rowUnits = rowUnitsFloat.values();
    const rowRaw = rowRawFloat.values();
    const P = projects.length;
    const N = contributors.length;
    const projectStart = new Int32Array(P + 1);
    const pairContributor = new Int32Array(contributionCount);
    const units = new Float64Array(contributionCount);
    const raw = new Float64Array(contributionCount);
    let E = 0;
    let lastProject = -1;
    let lastContributor = -1;
    for (let k = 0; k < contributionCount; k++) {
      const r = order[k]!;
      const pi = rowProject[r]!;
      const ci = rowContributor[r]!;
      if (pi === lastProject && ci === lastContributor) {
        units[E - 1]! += rowUnits[r]!;
        raw[E - 1]! += rowRaw[r]!;
        continue;
      }
      lastProject = pi;
      lastContributor = ci;
      projectStart[pi + 1]!++;
      pairContributor[E] = ci;
      units[E] = rowUnits[r]!;
      raw[E] = rowRaw[r]!;
      E++;
    }
    for (let p = 0; p < P; p++) projectStart[p + 1]! += projectStart[p]!;
    const entryContributor = pairContributor.slice(0, E);
    const entryAmount = units.slice(0, E);
    const projectContributions: bigint[] = new Array(P);
    for (let p = 0; p < P; p++) {
      let total = 0;
      for (let e = projectStart[p]!; e < projectStart[p + 1]!; e++) total += raw[e]!;
      projectContributions[p] = BigInt(total);
    }
    const entryOrder = countingSort(entryContributor, N, identityOrder(E));
    const contributorStart = new Int32Array(N + 1);
    for (let e = 0; e < E; e++) contributorStart[entryContributor[e]! + 1]!++;
    for (let i = 0; i < N; i++) contributorStart[i + 1]! += contributorStart[i]!;
    // the exact amounts as bigint only if someone asks (clr.fund's tally does)
    let entryUnits: bigint[] | undefined;
    let entryRaw: bigint[] | undefined;
    return {
      contributors,
      projects,
      projectStart,
      entryContributor,
      entryAmount,
      get entryUnits() {
        return (entryUnits ??= Array.from(entryAmount, BigInt));
      },
      get entryRaw() {
        return (entryRaw ??= Array.from(raw.subarray(0, E), BigInt));
      },
      contributorStart,
      contributorEntry: entryOrder,
      projectContributions,
      excluded,
      contributionCount,
    };
  }
}

/** A growable column of a typed array. */
class Column<T extends Int32Array | Float64Array> {
  length = 0;
  private data: T;
  constructor(private readonly Type: { new (length: number): T }) {
    this.data = new Type(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new this.Type(2 * this.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** The values pushed (a view, not a copy). */
  values(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  return order;
}

/** Stable counting sort of `order` by `keys[order[k]]` ∈ [0, range). */
function countingSort(keys: ArrayLike<number>, range: number, order: Int32Array): Int32Array {
  const count = new Int32Array(range + 1);
  for (let k = 0; k < order.length; k++) count[keys[order[k]!]! + 1]!++;
  for (let r = 0; r < range; r++) count[r + 1]! += count[r]!;
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) {
    const key = keys[order[k]!]!;
    out[count[key]!++] = order[k]!;
  }
  return out;
}
