/**
 * The OMRLRouter contract from TypeScript (viem): deploy it, register and update terms, pay a
 * statement through it, and read registrations, first registrants of weights and payments back.
 * Runtime-neutral: no `node:` imports.
 */
export { omrlRouterAbi, omrlRouterBytecode, omrlRouterDeployedBytecode } from "./abi.js";
export { deployRouter, type DeployRouterParameters, type DeployRouterReturnType } from "./deploy-router.js";
export { registerTerms, type RegisterTermsParameters, type RegisterTermsReturnType } from "./register-terms.js";
export { updateTerms, type UpdateTermsParameters, type UpdateTermsReturnType } from "./update-terms.js";
export { payViaRouter, type PayViaRouterParameters, type PayViaRouterReturnType } from "./pay-via-router.js";
export {
  readRegistration,
  type ReadRegistrationParameters,
  type ReadRegistrationReturnType,
} from "./read-registration.js";
export {
  readRouterPayments,
  type ReadRouterPaymentsParameters,
  type ReadRouterPaymentsReturnType,
  type RouterPayment,
} from "./read-router-payments.js";
export { firstRegistrant, type FirstRegistrantParameters, type FirstRegistrantReturnType } from "./first-registrant.js";
export {
  readArtifactRegistrations,
  type ArtifactRegistration,
  type ReadArtifactRegistrationsParameters,
  type ReadArtifactRegistrationsReturnType,
} from "./read-artifact-registrations.js";
export { MissingAccountError, RouterRegistrationMismatchError, RouterTransactionRevertedError } from "./errors.js";
export {
  checkRouterRegistration,
  registrationDifferences,
  type CheckRouterRegistrationParameters,
  type ExpectedRegistration,
} from "./check-registration.js";
export { ROUTER_MAX_ARTIFACTS, ROUTER_MAX_PAYEES } from "./validate.js";
export type { Bytes32, MinedBlock, RouterPayee, RouterRegistration, RouterTransactionResult, RouterWriteClients } from "./types.js";
