/**
 * Identifies the built-in corpus in result-cache keys without loading it: the first 16 hex digits
 * of the SHA-256 of `corpus.generated.ts`. `test/licenses/corpus-tag.test.ts` fails when the
 * corpus is regenerated and this is not updated, so a cached detection never outlives its corpus.
 */
export const LICENSE_CORPUS_TAG = "e5b6f805064b3336";
