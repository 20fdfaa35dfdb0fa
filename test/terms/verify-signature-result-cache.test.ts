import fc from "fast-check";
import { privateKeyToAccount } from "viem/accounts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { setPureResultCache, type PureResultCache } from "../../src/pure-cache/index.js";
import { nodeSha256Frames } from "../pure-cache/map-result-cache.js";
import { signTerms, verifyTermsSignature, type OmrlTerms } from "../../src/terms/index.js";
import { devLicensor, exampleTerms, OTHER_KEY } from "../fixtures/terms.js";

/** A result cache in a Map, counting what is asked of it. */
function mapCache() {
  const entries = new Map<string, string>();
  const cache: PureResultCache & { entries: Map<string, string>; gets: number } = {
    entries,
    gets: 0,
    get(key) {
      cache.gets++;
      return entries.get(key);
    },
    set(key, value) {
      entries.set(key, value);
    },
    sha256Frames: nodeSha256Frames,
  };
  return cache;
}

const other = privateKeyToAccount(OTHER_KEY);
let run = 0;
/** Terms signed at a time no other case uses, so the in-process memo never answers for the cache. */
async function freshlySigned(): Promise<OmrlTerms> {
  const second = String(run++ % 60).padStart(2, "0");
  const minute = String(Math.floor(run / 60) % 60).padStart(2, "0");
  return signTerms({ terms: exampleTerms(), account: devLicensor, signedAt: `2026-07-0${1 + (Math.floor(run / 3600) % 9)}T00:${minute}:${second}Z` });
}

describe("verifyTermsSignature with a result cache", () => {
  afterEach(() => setPureResultCache(undefined));

  it("remembers the recovered signer by digest and signature, and answers a warm run from it", async () => {
    const cache = mapCache();
    setPureResultCache(cache);
    const signed = await freshlySigned();
    expect(await verifyTermsSignature(signed)).toMatchObject({ valid: true, byLicensor: true, signer: devLicensor.address });
    expect([...cache.entries.values()]).toEqual([devLicensor.address]);
    // a malformed signature is not remembered
    await verifyTermsSignature({ ...signed, signature: { ...signed.signature!, value: "0x1234" } });
    expect(cache.entries.size).toBe(1);
  });

  it("a tampered entry (any other address, any case, garbage) never makes a wrong signature verify nor a genuine one fail", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(other.address), fc.constant(devLicensor.address.toLowerCase()), fc.stringMatching(/^0x[0-9a-fA-F]{40}$/), fc.string()), async (tampered) => {
        fc.pre(tampered !== devLicensor.address);
        const cache = mapCache();
        setPureResultCache(cache);
        const signed = await freshlySigned();
        await verifyTermsSignature(signed); // fills the cache
        for (const key of cache.entries.keys()) cache.entries.set(key, tampered);
        // wrong signatures: changed terms, changed signature, another signer's signature, another named signer
        const byOther = await signTerms({ terms: exampleTerms(), account: other, signedAt: signed.signature!.signedAt });
        const v = signed.signature!.value;
        const wrong: OmrlTerms[] = [
          { ...signed, revenueShare: { ...signed.revenueShare, rate: "6%" } },
          { ...signed, signature: { ...signed.signature!, value: `${v.slice(0, 40)}${v[40] === "1" ? "2" : "1"}${v.slice(41)}` } },
          { ...signed, signature: { ...byOther.signature!, signer: devLicensor.address } },
          { ...signed, signature: { ...signed.signature!, signer: "0x000000000000000000000000000000000000dEaD" } },
        ];
        for (const terms of wrong) expect(await verifyTermsSignature(terms)).toMatchObject({ valid: false });
        // the genuine signature in a fresh process (no in-process memo) still verifies: an entry that is
        // not the named signer is a miss, and the signer is recovered again
        vi.resetModules();
        const fresh = await import("../../src/terms/index.js");
        const freshCache = await import("../../src/pure-cache/index.js");
        freshCache.setPureResultCache(cache);
        expect(await fresh.verifyTermsSignature(signed)).toMatchObject({ valid: true, byLicensor: true, signer: devLicensor.address });
        freshCache.setPureResultCache(undefined);
      }),
      { numRuns: 12 },
    );
  });

  it("trust model: only an entry that names exactly the forged signer, written into the cache, passes a forgery (as a poisoned digest cache passes changed weights)", async () => {
    const cache = mapCache();
    setPureResultCache(cache);
    const signed = await freshlySigned();
    await verifyTermsSignature(signed);
    const [key] = [...cache.entries.keys()];
    cache.entries.set(key!, other.address);
    const claim: OmrlTerms = { ...signed, signature: { ...signed.signature!, signer: other.address } };
    expect(await verifyTermsSignature(claim)).toMatchObject({ valid: true, byLicensor: false, signer: other.address });
    setPureResultCache(undefined); // OMRL_NO_CACHE=1 in the CLI
    vi.resetModules();
    const fresh = await import("../../src/terms/index.js");
    expect(await fresh.verifyTermsSignature(claim)).toMatchObject({ valid: false, reason: "signer-mismatch" });
  });
});
