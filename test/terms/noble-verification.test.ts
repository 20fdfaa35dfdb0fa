import fc from "fast-check";
import { getAddress, hashTypedData, isAddress as viemIsAddress, recoverTypedDataAddress, sha256, stringToBytes, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { checksumAddress, isAddress } from "../../src/terms/address.js";
import { eip712DigestHex } from "../../src/terms/eip712-digest.js";
import { canonicalJson, hashCanonical, signTerms, termsTypedData, verifyTermsSignature } from "../../src/terms/index.js";
import { exampleTerms } from "../fixtures/terms.js";

// The terms module verifies on @noble/hashes and @noble/curves (no viem at run time); these
// properties hold it to viem's answers, which signing (viem accounts) and the rest still use.
const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((b) => b.some((x) => x !== 0) && b[0]! < 0xff);
const toHex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString("hex")}` as Hex;

describe("verification on @noble agrees with viem", () => {
  it("the EIP-712 digest of any terms' typed data is viem's hashTypedData", () => {
    const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => getAddress(toHex(b)));
    fc.assert(
      fc.property(
        fc.record({
          model: fc.string({ unit: "grapheme", maxLength: 40 }),
          licensor: address,
          chainId: fc.integer({ min: 1, max: 2 ** 40 }),
          decimals: fc.integer({ min: 0, max: 255 }),
          payees: fc.array(fc.record({ account: address, share: fc.string({ maxLength: 8 }) }), { maxLength: 5 }),
          termsHash: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(toHex),
          signedAt: fc.string(),
        }),
        (r) => {
          const terms = exampleTerms();
          const typed = termsTypedData(terms, r.signedAt);
          typed.domain.chainId = r.chainId;
          Object.assign(typed.message, { model: r.model, licensor: r.licensor, tokenDecimals: r.decimals, payees: r.payees, termsHash: r.termsHash });
          expect(eip712DigestHex(typed)).toBe(hashTypedData(typed));
        },
      ),
    );
  });

  it("EIP-55: the same checksum and the same notion of an address", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean(), (bytes, upper) => {
        const hex = toHex(bytes);
        const written = upper ? `0x${hex.slice(2).toUpperCase()}` : hex;
        expect(isAddress(written)).toBe(true);
        expect(checksumAddress(written)).toBe(getAddress(written));
      }),
    );
    for (const bad of ["", "0x", "0x123", `0x${"g".repeat(40)}`, `0x${"a".repeat(41)}`, "d8da6bf26964af9d7eed9e03e53415d37aa96045"]) {
      expect(isAddress(bad), bad).toBe(viemIsAddress(bad, { strict: false }));
      expect(() => checksumAddress(bad), bad).toThrow(`Address "${bad}" is invalid.`);
    }
  });

  it("the terms hash is viem's sha256 of the canonical JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(hashCanonical(value)).toBe(sha256(stringToBytes(canonicalJson(value))));
      }),
    );
  });

  it("recovers the signer viem recovers, for any key, and rejects tampering the same way", async () => {
    await fc.assert(
      fc.asyncProperty(key, fc.integer({ min: 0, max: 64 }), async (bytes, flip) => {
        const account = privateKeyToAccount(toHex(bytes));
        const terms = exampleTerms();
        terms.licensor.account = `eip155:8453:${account.address}`;
        const signed = await signTerms({ terms, account, signedAt: "2026-01-01T00:00:00Z" });
        const result = await verifyTermsSignature(signed);
        expect(result).toMatchObject({ valid: true, byLicensor: true, signer: account.address });
        // flip one hex digit of r or s: viem and ox recover the same (wrong) address or both fail
        const value = signed.signature.value;
        const at = 2 + flip;
        const tampered = `${value.slice(0, at)}${value[at] === "0" ? "1" : "0"}${value.slice(at + 1)}` as Hex;
        let viemSigner: string | undefined;
        try {
          viemSigner = await recoverTypedDataAddress({ ...termsTypedData(signed), signature: tampered });
        } catch {
          viemSigner = undefined;
        }
        const ours = await verifyTermsSignature({ ...signed, signature: { ...signed.signature, value: tampered } });
        expect(ours.signer).toBe(viemSigner);
        expect(ours.valid).toBe(false);
      }),
      { numRuns: 25 },
    );
  });
});
