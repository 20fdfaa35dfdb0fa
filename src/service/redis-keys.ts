/** The Redis names the BullMQ driver uses, under one prefix (default `omrl`). */
export function redisKeys(prefix: string) {
  return {
    /** BullMQ queue name (its keys are `{prefix}:{queue}:…`). */
    queue: "verify",
    result: (key: string) => `${prefix}:result:${key}`,
    refs: (repo: string) => `${prefix}:refs:${repo}`,
    /** Hash: job key → how many times a result was stored (1 unless a job ran twice). */
    stores: `${prefix}:stores`,
    /** Hash of counters summed over every worker. */
    metrics: `${prefix}:metrics`,
  };
}
