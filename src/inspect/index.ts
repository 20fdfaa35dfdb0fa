export { inspect, isWeightFile, WEIGHT_EXTENSIONS, CARD_PATH, TERMS_PATH, type InspectParameters, type InspectReturnType } from "./inspect.js";
export type { DigestMode, ModelRelease, ReleaseArtifact, ReleaseCard, ReleaseTerms, ReleaseTextFile, UnreadableEntry } from "./types.js";
export { unreadableRelease, UNVERIFIABLE_OPEN_REASONS } from "./unreadable-release.js";
