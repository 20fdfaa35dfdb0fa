import type { AppContext, AppManifest, OmrlTerms, ResolvedAncestor, ResolvedAppModel } from "../../src/index.js";
import { exampleTerms } from "../fixtures/terms.js";

/** Terms with a rate, stacking and no tiers/thresholds unless given. */
export function terms(name: string, rate: string, extra: Partial<OmrlTerms> = {}, stacking: "absolute" | "relative" = "absolute"): OmrlTerms {
  const base = exampleTerms();
  return {
    ...base,
    model: { name, repo: `acme/${name.replace(/[^A-Za-z0-9._-]+/g, "-")}` },
    revenueShare: { rate, basis: "gross", period: "quarter", currency: "USD", dueDays: 30 },
    derivatives: { allowed: true, reciprocal: false, stacking },
    upstream: undefined,
    attribution: undefined,
    useRestrictions: undefined,
    ...extra,
  };
}

export function model(id: string, overrides: Partial<ResolvedAppModel> = {}): ResolvedAppModel {
  return {
    id,
    source: `./models/${id}`,
    use: "hosted-inference",
    origin: "local",
    resolvedRevision: null,
    license: "Apache-2.0",
    licenseFrom: "card",
    name: id,
    artifacts: [{ path: "model.safetensors", size: 10, sha256: "a".repeat(64) }],
    lineage: [],
    unverifiable: [],
    warnings: [],
    ...overrides,
  };
}

export function ancestor(repo: string, license: string | null, overrides: Partial<ResolvedAncestor> = {}): ResolvedAncestor {
  return { repo, revision: "b".repeat(40), license, relation: "finetune", child: "app-model", depth: 1, ...overrides };
}

export function context(models: ResolvedAppModel[], policy?: AppManifest["policy"]): AppContext {
  return {
    manifest: {
      omrlApp: "1.0",
      licensee: { name: "Acme Apps", account: "eip155:8453:0x70997970C51812dc3A010C7d01b50e0d17dc79C8" },
      models: models.map((m) => ({ id: m.id, source: m.source, use: m.use })),
      ...(policy ? { policy } : {}),
    },
    models,
  };
}
