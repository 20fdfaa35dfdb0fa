/** The CLI's exit codes, the same for every command. */
export const EXIT_OK = 0;
/** The command ran and found violations (or something unpaid, or a lockfile that changed). */
export const EXIT_VIOLATIONS = 1;
/** Usage or input error: a bad flag, a file that does not parse. */
export const EXIT_USAGE = 2;

export type OutputFormat = "text" | "json";
