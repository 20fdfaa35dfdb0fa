import { defineRule } from "../types.js";

/** The model card is the card itself, not a Git LFS pointer (the Hub cannot read its metadata). */
export const cardLfsPointer = defineRule({
  meta: { id: "card/lfs-pointer", description: "README.md is committed as text, not as a Git LFS pointer", defaultSeverity: "error", type: "problem" },
  check(release) {
    const pointer = release.card?.parsed.lfsPointer;
    if (!pointer) return [];
    return [{ message: `${release.card!.path} is a Git LFS pointer (oid ${pointer.oid.slice(0, 12)}…, ${pointer.size} bytes): its licence metadata cannot be read; commit it as plain text`, file: release.card!.path, line: 1 }];
  },
});
