import type { ResolvedAppModel } from "../types.js";

/** A model or one of its ancestors, with a known licence, and how to name it in a message. */
export type LicensedSubject = { license: string; ancestor: string | undefined; label: string };

/** The model itself and every ancestor whose licence is known, nearest first. */
export function licensedSubjects(model: ResolvedAppModel): LicensedSubject[] {
  const subjects = [{ ancestor: undefined as string | undefined, license: model.license }, ...model.lineage.map((a) => ({ ancestor: a.repo, license: a.license }))];
  return subjects
    .filter((s): s is { ancestor: string | undefined; license: string } => s.license !== null)
    .map((s) => ({ ...s, label: s.ancestor === undefined ? model.id : `${model.id}'s upstream ${s.ancestor}` }));
}
