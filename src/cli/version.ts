/** The package version, set by the build (tsup `define`); "0.0.0-dev" when run from source. */
declare const __OMRL_VERSION__: string | undefined;
export const VERSION = typeof __OMRL_VERSION__ === "string" ? __OMRL_VERSION__ : "0.0.0-dev";
