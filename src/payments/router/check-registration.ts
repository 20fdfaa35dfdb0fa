import { getAddress, type Address } from "viem";
import { RouterRegistrationMismatchError } from "./errors.js";
import { readRegistration } from "./read-registration.js";
import type { Bytes32, RouterPayee, RouterRegistration } from "./types.js";

/** What the signed terms say a registration must hold. */
export type ExpectedRegistration = {
  termsHash: Bytes32;
  /** The terms' `licensor.account`. */
  licensor: Address;
  /** The terms' payment token. */
  token: Address;
  /** The terms' payees in order, shares in ppm. */
  payees: readonly RouterPayee[];
};

export type CheckRouterRegistrationParameters = {
  publicClient: Parameters<typeof readRegistration>[0]["publicClient"];
  router: Address;
  expected: ExpectedRegistration;
};

/** The differences between a registration and what the terms say (empty when they agree). */
export function registrationDifferences(registration: RouterRegistration | null, expected: ExpectedRegistration): string[] {
  if (!registration) return [`licensor ${getAddress(expected.licensor)} has not registered these terms`];
  const out: string[] = [];
  if (getAddress(registration.licensor) !== getAddress(expected.licensor))
    out.push(`licensor is ${registration.licensor}, the terms name ${getAddress(expected.licensor)}`);
  if (getAddress(registration.token) !== getAddress(expected.token))
    out.push(`token is ${registration.token}, the terms name ${getAddress(expected.token)}`);
  const show = (payees: readonly RouterPayee[]) => payees.map((p) => `${getAddress(p.account)} ${p.sharePpm} ppm`).join(", ");
  const same =
    registration.payees.length === expected.payees.length &&
    registration.payees.every(
      (p, i) => getAddress(p.account) === getAddress(expected.payees[i]!.account) && p.sharePpm === expected.payees[i]!.sharePpm,
    );
  if (!same) out.push(`payees are [${show(registration.payees)}], the terms name [${show(expected.payees)}]`);
  return out;
}

/**
 * Reads the licensor's registration of the terms and checks that its licensor, token and payees
 * (with shares) equal the signed terms'. Throws `RouterRegistrationMismatchError` naming every
 * difference; returns the registration when they agree. Run it before any router payment.
 *
 * @example
 * await checkRouterRegistration({ publicClient, router, expected: { termsHash, licensor, token, payees } });
 */
export async function checkRouterRegistration(parameters: CheckRouterRegistrationParameters): Promise<RouterRegistration> {
  const { publicClient, router, expected } = parameters;
  const registration = await readRegistration({ publicClient, router, termsHash: expected.termsHash, licensor: expected.licensor });
  const differences = registrationDifferences(registration, expected);
  if (differences.length > 0 || !registration)
    throw new RouterRegistrationMismatchError({ router: getAddress(router), termsHash: expected.termsHash, differences });
  return registration;
}
