import type { Diagnostic, VerificationResult } from "../rules/index.js";

/** One verification to run: a model repo pinned to a commit, and the refs that point to it. */
export type ServiceJob = {
  /** `org/name`. */
  repo: string;
  /** The 40-hex commit sha. */
  revision: string;
  /** Refs that pointed to the commit when it was queued (`refs/heads/main`, `refs/tags/v1`). */
  refs: string[];
  /** What queued it. */
  origin: "webhook" | "sweep" | "api";
  /** When it was queued (ISO 8601). */
  queuedAt: string;
};

/** Which rules and licence knowledge judged a result (a change in either is a reason to sweep). */
export type JudgedBy = {
  ruleSet: string;
  /** The omrl version that ran the job. */
  omrl: string;
  /** sha256 (first 16 hex) of the rule ids and severities that ran. */
  rules: string;
  /** sha256 (first 16 hex) of the licence knowledge base. */
  knowledgeBase: string;
};

/** A finished verification, as stored and served by the status API. */
export type StoredResult = {
  repo: string;
  revision: string;
  refs: string[];
  status: "compliant" | "violations" | "unverifiable";
  counts: { error: number; warning: number; info: number; suppressed: number };
  diagnostics: Diagnostic[];
  /** The terms hash of the release's `omrl.json`, when it has one. */
  termsHash?: string | undefined;
  license?: string | undefined;
  /** What was looked at: files, artifacts, digests, terms hash, signer, licence. */
  summary: VerificationResult["summary"];
  /** Why the repo could not be read at all (`gated`, `missing`, `unauthorized`…). */
  error?: { reason: string; message: string } | undefined;
  /** When the verification finished (ISO 8601). */
  verifiedAt: string;
  durationMs: number;
  /** Tries it took (1 when nothing failed). */
  attempts: number;
  judgedBy: JudgedBy;
};

/** A job that failed on every try: the last reason is kept; it is never stored as a result. */
export type DeadLetter = { repo: string; revision: string; refs: string[]; reason: string; attempts: number; failedAt: string };

export type JobState = "queued" | "running" | "retrying" | "done" | "dead";

/** Where a `repo@sha` stands. */
export type JobStatus = { key: string; state: JobState; attempts: number; reason?: string | undefined };

/** What `enqueue` did with one job: a `repo@sha` already queued, running or done is a duplicate. */
export type EnqueueOutcome = { jobId: string; duplicate: boolean };

/** Queue depth, as `/metrics` and `/healthz` report it. */
export type QueueDepth = { waiting: number; active: number; delayed: number; dead: number; done: number };

/** Counters kept by whoever runs jobs (summed over every worker with the Redis driver). */
export type ServiceCounters = {
  /** Jobs finished, by outcome: `compliant`, `violations`, `unverifiable`, `retried`, `dead`. */
  jobs: Record<string, number>;
  hubRequests: number;
  hubBytes: number;
  /** Job durations: count, sum (seconds) and cumulative buckets (`le` seconds → count). */
  duration: { count: number; sum: number; buckets: Record<string, number> };
};

/** The queue behind `omrl serve`: the embedded driver and the BullMQ driver implement it. */
export type ServiceQueue = {
  readonly driver: "embedded" | "redis";
  /**
   * Queues jobs durably (on return they survive a crash of this process). Jobs are keyed by
   * `repo@sha`: one already waiting, running or done is not queued again unless `force`
   * (re-validation) is set, and then only when it is not waiting or running.
   */
  enqueue(jobs: readonly ServiceJob[], options?: { force?: boolean | undefined }): Promise<EnqueueOutcome[]>;
  /** The stored result of `repo@revision`, or of the repo's latest revision when `revision` is omitted. */
  result(repo: string, revision?: string): Promise<StoredResult | undefined>;
  /** Refs of a repo as the last deliveries set them (`refs/heads/main` → sha). */
  refs(repo: string): Promise<Record<string, string>>;
  status(repo: string, revision: string): Promise<JobStatus | undefined>;
  deadLetter(repo: string, revision: string): Promise<DeadLetter | undefined>;
  depth(): Promise<QueueDepth>;
  counters(): Promise<ServiceCounters>;
  /** Resolves when nothing is waiting, delayed or running (embedded driver; tests). */
  idle?(): Promise<void>;
  close(): Promise<void>;
};

/** Runs one job: a result, or a thrown error that the queue retries (transient Hub failures). */
export type ServiceProcessor = (job: ServiceJob, context: { attempt: number }) => Promise<StoredResult>;
