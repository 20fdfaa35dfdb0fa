export { locateJsonPointer, type LocateJsonPointerParameters, type LocateJsonPointerReturnType } from "./locate-json-pointer.js";
export { escapeMarkdownCell } from "./escape-markdown-cell.js";
export { groupThousands } from "./group-thousands.js";
