import { appChecks } from "./checks/index.js";
import type { AppCheck, AppContext, AppDiagnostic, AppSeverity } from "./types.js";

export type RunAppChecksParameters = {
  /** Severity per check id (`"off"` disables it), like an ESLint config; default: each finding's own severity. */
  severities?: Record<string, AppSeverity | "off"> | undefined;
  /** The checks to run (default: `appChecks`). */
  checks?: readonly AppCheck[] | undefined;
};

export type RunAppChecksReturnType = {
  diagnostics: AppDiagnostic[];
  errors: number;
  warnings: number;
  infos: number;
};

/**
 * Runs the app checks over a resolved context and counts the findings. Pure and synchronous.
 *
 * @example
 * const { diagnostics, errors } = runAppChecks(await resolveApp(manifest, { openSource }), { severities: { "app/obligations": "off" } });
 */
export function runAppChecks(context: AppContext, parameters: RunAppChecksParameters = {}): RunAppChecksReturnType {
  const diagnostics: AppDiagnostic[] = [];
  for (const check of parameters.checks ?? appChecks) {
    const override = parameters.severities?.[check.meta.id];
    if (override === "off") continue;
    for (const d of check.check(context)) diagnostics.push(override === undefined ? d : { ...d, severity: override });
  }
  return { diagnostics, ...countSeverities(diagnostics) };
}

export function countSeverities(diagnostics: readonly AppDiagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
