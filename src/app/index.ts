export type { AppCheck, AppContext, AppDiagnostic, AppSeverity, ResolvedAncestor, ResolvedAppModel, ResolvedArtifact, ResolvedLicenseFile, UnverifiableReason } from "./types.js";
export { resolveApp, cardLicenseToSpdx, normalizeLicense, DEFAULT_APP_LINEAGE_DEPTH, type OpenedAppSource, type ResolveAppParameters, type ResolveAppReturnType } from "./resolve-app.js";
export { appChecks, modelObligations } from "./checks/index.js";
export { runAppChecks, countSeverities, type RunAppChecksParameters, type RunAppChecksReturnType } from "./run-app-checks.js";
export { COMMERCIAL_USES, isCommercialUse, matchesLicenseRule, licensesDenied, licensesNotAllowed, bestForCommercialUse } from "./license-policy.js";
export { stackedShare, totalStackedShare, headlineRate, formatShare, type StackedShareReturnType } from "./stacked-share.js";
export {
  buildLockfile,
  serializeLockfile,
  parseLockfile,
  diffLockfiles,
  lockSchema,
  InvalidLockfileError,
  MAX_LOCKFILE_LENGTH,
  type Lockfile,
  type LockModel,
  type LockAncestor,
  type LockArtifact,
  type LockChange,
  type LockTermsSummary,
  type LockText,
} from "./lockfile.js";
export { renderNotice, type RenderNoticeParameters } from "./render-notice.js";
export { formatAppReport, type AppReportFormat, type FormatAppReportParameters } from "./format-app-report.js";
