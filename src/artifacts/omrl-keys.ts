/** The SPDX identity of the licence, written as the artifact's licence by `omrl tag --stamp`. */
export const OMRL_LICENSE_ID = "LicenseRef-OMRL-1.0";
/** The Hub-style licence name (`license_name:` in a model card). */
export const OMRL_LICENSE_NAME = "omrl-1.0";
/** Where the legal text sits in a release unless the caller says otherwise. */
export const OMRL_DEFAULT_LICENSE_LINK = "LICENSE.md";

/** `__metadata__` keys `omrl tag --stamp` writes into safetensors files (same names as the card's). */
export const SAFETENSORS_STAMP_KEYS = {
  license: "license",
  licenseName: "license_name",
  licenseLink: "license_link",
  termsCoreSha256: "omrl.terms_core_sha256",
} as const;

/** GGUF key/values `omrl tag --stamp` writes (the `general.license*` keys are llama.cpp's own). */
export const GGUF_STAMP_KEYS = {
  license: "general.license",
  licenseName: "general.license.name",
  licenseLink: "general.license.link",
  termsCoreSha256: "omrl.terms_core_sha256",
} as const;

/** What a stamp carries: the licence identity and the terms core hash (`0x` + 64 lower-case hex). */
export type StampValues = {
  termsCoreHash: `0x${string}`;
  /** Default `LicenseRef-OMRL-1.0`. */
  license?: string | undefined;
  /** Default `omrl-1.0`. */
  licenseName?: string | undefined;
  /** Default `LICENSE.md`. */
  licenseLink?: string | undefined;
};

const TERMS_CORE_HASH = /^0x[0-9a-f]{64}$/;

/** Checks and fills in a stamp's defaults. Throws `TypeError` on a malformed terms core hash. */
export function resolveStampValues(values: StampValues): Required<StampValues> {
  if (!TERMS_CORE_HASH.test(values.termsCoreHash))
    throw new TypeError(`termsCoreHash must be 0x followed by 64 lower-case hex digits, got ${JSON.stringify(values.termsCoreHash)}`);
  return {
    termsCoreHash: values.termsCoreHash,
    license: values.license ?? OMRL_LICENSE_ID,
    licenseName: values.licenseName ?? OMRL_LICENSE_NAME,
    licenseLink: values.licenseLink ?? OMRL_DEFAULT_LICENSE_LINK,
  };
}
