import fc from "fast-check";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import {
  hashTerms,
  hashTermsCore,
  signTerms,
  termsTypedData,
  verifyTermsSignature,
  type OmrlTerms,
} from "../../src/terms/index.js";
import { devLicensor, exampleTerms, OTHER_KEY } from "../fixtures/terms.js";

/** Reorders object keys recursively (reversed), keeping values. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
  return value;
}

/** Every leaf of a JSON value as a path of keys/indices. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [path];
}

function setAt(root: any, path: (string | number)[], mutate: (old: unknown) => unknown) {
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  const last = path[path.length - 1]!;
  node[last] = mutate(node[last]);
}

describe("terms hash", () => {
  it("does not depend on key order or white space", () => {
    const terms = exampleTerms();
    const reordered = JSON.parse(JSON.stringify(reorder(terms), null, 7)) as OmrlTerms;
    expect(hashTerms(reordered)).toBe(hashTerms(terms));
    expect(hashTerms(terms)).toMatch(/^0x[0-9a-f]{64}$/);
  });
  it("changes with any term and ignores the signature and $schema", async () => {
    const terms = exampleTerms();
    const signed = await signTerms({ terms, account: devLicensor, signedAt: "2026-11-26T00:00:00Z" });
    expect(hashTerms(signed)).toBe(hashTerms(terms));
    expect(hashTerms({ ...terms, $schema: "x" })).toBe(hashTerms(terms));
    expect(hashTerms({ ...terms, issued: "2026-11-02" })).not.toBe(hashTerms(terms));
  });
  it("core hash leaves out the artifact list, and only that", () => {
    const terms = exampleTerms();
    const restamped: OmrlTerms = { ...terms, model: { ...terms.model, artifacts: [{ path: "x.gguf", size: 1, sha256: "b".repeat(64) }] } };
    expect(hashTermsCore(restamped)).toBe(hashTermsCore(terms));
    expect(hashTerms(restamped)).not.toBe(hashTerms(terms));
    expect(hashTermsCore({ ...terms, revenueShare: { ...terms.revenueShare, dueDays: 31 } })).not.toBe(hashTermsCore(terms));
  });
});

describe("EIP-712 signing", () => {
  it("shows the fields that move money in the typed message", () => {
    const typed = termsTypedData(exampleTerms());
    expect(typed.domain).toEqual({ name: "Open Model Revenue License", version: "1", chainId: 8453 });
    expect(typed.message).toMatchObject({
      rate: "5%",
      chain: "eip155:8453",
      token: "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913",
      tokenDecimals: 6,
      payees: [
        { account: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", share: "70%" },
        { account: "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", share: "30%" },
      ],
      termsHash: hashTerms(exampleTerms()),
    });
  });

  it("verifies a licensor's signature and names the signer", async () => {
    const signed = await signTerms({ terms: exampleTerms(), account: devLicensor });
    await expect(verifyTermsSignature(signed)).resolves.toMatchObject({ valid: true, byLicensor: true, signer: devLicensor.address });
  });

  it("tells a valid signature by someone else from the licensor's", async () => {
    const other = privateKeyToAccount(OTHER_KEY);
    const signed = await signTerms({ terms: exampleTerms(), account: other });
    await expect(verifyTermsSignature(signed)).resolves.toMatchObject({ valid: true, byLicensor: false, signer: other.address, reason: "not-licensor" });
  });

  it("reports unsigned terms", async () => {
    await expect(verifyTermsSignature(exampleTerms())).resolves.toMatchObject({ valid: false, reason: "unsigned" });
  });

  it("fails verification when any leaf of signed terms changes", async () => {
    const signed = await signTerms({ terms: exampleTerms(), account: devLicensor, signedAt: "2026-11-26T10:00:00Z" });
    const paths = leaves(signed);
    expect(paths.length).toBeGreaterThan(40);
    for (const path of paths) {
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 1000 }), async (suffix, delta) => {
          const mutated = structuredClone(signed) as any;
          setAt(mutated, path, (old) => {
            if (typeof old === "boolean") return !old;
            if (typeof old === "number") return old + delta;
            const text = String(old);
            // Hex values keep their form so the mutation tests the signature, not the parser.
            if (/^0x[0-9a-fA-F]+$/.test(text)) {
              const i = 2 + (delta % (text.length - 2));
              const c = text[i]!.toLowerCase() === "a" ? "b" : "a";
              return text.slice(0, i) + c + text.slice(i + 1);
            }
            return text + suffix;
          });
          const result = await verifyTermsSignature(mutated);
          return !(result.valid && result.byLicensor);
        }),
        { numRuns: 3 },
      );
    }
  });
});
