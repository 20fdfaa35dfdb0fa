// Independent, naive evaluations of the QF formulas straight from their definitions (dense,
// string-keyed, O(contributors²)), for checking the sparse implementations on small rounds.
export type Row = { contributor: string; project: string; amount: number };

function matrix(rows: Row[]) {
  const donors = [...new Set(rows.map((r) => r.contributor))];
  const projects = [...new Set(rows.map((r) => r.project))];
  const c = donors.map(() => projects.map(() => 0));
  for (const r of rows) c[donors.indexOf(r.contributor)]![projects.indexOf(r.project)]! += r.amount;
  return { donors, projects, c };
}

/** (Σ√c)² − Σc per project. */
export function referenceStandard(rows: Row[]): Map<string, number> {
  const { projects, c } = matrix(rows);
  return new Map(
    projects.map((p, g) => {
      let s = 0;
      let t = 0;
      for (const row of c) {
        s += Math.sqrt(row[g]!);
        t += row[g]!;
      }
      return [p, s * s - t];
    }),
  );
}

/** Σ over pairs of √(cᵢcⱼ)·M/(M + Σ_q √(cᵢq cⱼq)). */
export function referencePairwise(rows: Row[], M: number): Map<string, number> {
  const { donors, projects, c } = matrix(rows);
  const out = new Map(projects.map((p) => [p, 0]));
  for (let i = 0; i < donors.length; i++)
    for (let j = i + 1; j < donors.length; j++) {
      let pairTotal = 0;
      for (let g = 0; g < projects.length; g++) pairTotal += Math.sqrt(c[i]![g]! * c[j]![g]!);
      if (pairTotal === 0) continue;
      const k = M / (M + pairTotal);
      for (let g = 0; g < projects.length; g++) {
        const term = Math.sqrt(c[i]![g]! * c[j]![g]!);
        if (term > 0) out.set(projects[g]!, out.get(projects[g]!)! + term * k);
      }
    }
  return out;
}

/** Gitcoin's COCM (markov, harsh), with dense matrices as the qf-calculator's pandas code builds them. */
export function referenceCocm(rows: Row[]): Map<string, number> {
  const { donors, projects, c } = matrix(rows);
  const N = donors.length;
  const G = projects.length;
  const rowSum = c.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = projects.map((_, g) => c.reduce((a, r) => a + r[g]!, 0));
  const normalizedClusters = c.map((r, i) => r.map((v) => v / rowSum[i]!)); // N × G
  const normalizedUsers = projects.map((_, g) => c.map((r) => r[g]! / colSum[g]!)); // G × N
  const pjp = normalizedUsers.map((ug) => projects.map((_, h) => ug.reduce((a, u, i) => a + u * normalizedClusters[i]![h]!, 0)));
  const k = normalizedClusters.map((wi, i) =>
    projects.map((_, h) => Math.max(c[i]![h]! > 0 ? 1 : 0, wi.reduce((a, w, g) => a + w * pjp[g]![h]!, 0))),
  );
  return new Map(
    projects.map((p, q) => {
      // P'[h][g] = Σ_i (1 − k[i][h])·c[i][q]·w[i][g]
      const pp = projects.map((_, h) =>
        projects.map((_, g) => {
          let s = 0;
          for (let i = 0; i < N; i++) s += (1 - k[i]![h]!) * c[i]![q]! * normalizedClusters[i]![g]!;
          return s;
        }),
      );
      let total = 0;
      for (let g = 0; g < G; g++)
        for (let h = 0; h < G; h++) if (g !== h) total += Math.sqrt(Math.max(0, pp[g]![h]! * pp[h]![g]!));
      return [p, total];
    }),
  );
}
