import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import { signTerms, verifyTermsSignature, type OmrlTerms } from "../../src/terms/index.js";
import { checksumAddress } from "../../src/terms/address.js";
import { devLicensor, exampleTerms } from "../fixtures/terms.js";

// verifyTermsSignature and checksumAddress remember their results within the process: what they
// answer must not depend on what they were asked before.
describe("remembered verification results", () => {
  it("answers the same terms the same way again, and still fails every change after a success", async () => {
    const signed = await signTerms({ terms: exampleTerms(), account: devLicensor, signedAt: "2026-06-01T00:00:00Z" });
    const first = await verifyTermsSignature(signed);
    expect(first).toMatchObject({ valid: true, byLicensor: true, signer: devLicensor.address });
    // a caller changing its result does not change the next answer
    first.valid = false;
    expect(await verifyTermsSignature(structuredClone(signed))).toMatchObject({ valid: true, byLicensor: true });

    const rate: OmrlTerms = { ...signed, revenueShare: { ...signed.revenueShare, rate: "6%" } };
    expect(await verifyTermsSignature(rate)).toMatchObject({ valid: false, reason: "signer-mismatch" });
    const signedAt: OmrlTerms = { ...signed, signature: { ...signed.signature!, signedAt: "2026-06-02T00:00:00Z" } };
    expect(await verifyTermsSignature(signedAt)).toMatchObject({ valid: false, reason: "signer-mismatch" });
    const v = signed.signature!.value;
    const value: OmrlTerms = { ...signed, signature: { ...signed.signature!, value: `${v.slice(0, 40)}${v[40] === "1" ? "2" : "1"}${v.slice(41)}` } };
    expect(await verifyTermsSignature(value)).toMatchObject({ valid: false, byLicensor: false });
    const signer: OmrlTerms = { ...signed, signature: { ...signed.signature!, signer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" } };
    expect(await verifyTermsSignature(signer)).toMatchObject({ valid: false, reason: "signer-mismatch" });
    // and the original again, after all the failures
    expect(await verifyTermsSignature(signed)).toEqual({ ...first, valid: true });
    const { signature: _, ...unsigned } = signed;
    expect(await verifyTermsSignature(unsigned)).toMatchObject({ valid: false, reason: "unsigned" });
  });

  it("checksums an address the same way in any letter case, every time, and still refuses a bad one", () => {
    const address = "0x8ba1f109551bd432803012645ac136ddd64dba72";
    for (let i = 0; i < 3; i++) {
      expect(checksumAddress(address)).toBe(getAddress(address));
      expect(checksumAddress(address.toUpperCase().replace("0X", "0x"))).toBe(getAddress(address));
    }
    expect(() => checksumAddress(`${address}0`)).toThrow(/invalid/);
    expect(() => checksumAddress(`${address}0`)).toThrow(/invalid/);
  });
});
