export type { OmrlConfig, Resolution, ResolutionReason } from "./types.js";
export { parseConfig, validateConfig, configSchema, InvalidConfigError, CONFIG_FILE_NAME } from "./parse-config.js";
