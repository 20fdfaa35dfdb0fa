// Splitting 100,000 amounts among 10 payees: the exact cumulative split vs a naive floor split
// (which strands dust). A sanity case for the harness; the figures are not a goal.
import { splitCumulative } from "../../dist/index.js";

const shares = Array.from({ length: 10 }, () => 100_000n);
const amounts = Array.from({ length: 100_000 }, (_, i) => BigInt(i) * 1_000_003n + 7n);

export default {
  name: "money-split",
  description: "cumulative payee split of 100k amounts among 10 payees",
  iterations: 5,
  run() {
    let sum = 0n;
    for (const a of amounts) for (const p of splitCumulative(a, shares)) sum += p;
    return { conserved: sum === amounts.reduce((x, y) => x + y, 0n) };
  },
  anchor: {
    name: "naive floor split",
    run() {
      let sum = 0n;
      for (const a of amounts) for (const s of shares) sum += (a * s) / 1_000_000n;
      return {};
    },
  },
};
