import type { Command } from "commander";
import { InvalidInputError } from "../errors.js";
import { createRedisWorker } from "../service/index.js";
import { EXIT_OK } from "./exit.js";
import type { CliIO, CommandModule } from "./program.js";
import { intOption, processorFromOptions, rateLimitOption, untilStopped, type ServiceCliOptions } from "./shared/service-options.js";

type WorkerOptions = ServiceCliOptions & { lockMs?: string; name?: string };

async function run(options: WorkerOptions, io: CliIO): Promise<void> {
  if (!options.redis) throw new InvalidInputError("omrl worker needs --redis redis://host:port (the queue `omrl serve --redis` fills)", { docsPath: "docs/hub-service.md#worker" });
  const concurrency = intOption(options.concurrency, "--concurrency", 1, 1000, 4);
  const lockDurationMs = intOption(options.lockMs, "--lock-ms", 200, 3_600_000, 30_000);
  const { process: processJob, counters } = processorFromOptions(options, io.env, concurrency);
  let done = 0;
  const worker = await createRedisWorker({
    url: options.redis,
    prefix: options.prefix,
    name: options.name,
    process: processJob,
    counters,
    concurrency,
    lockDurationMs,
    rateLimit: rateLimitOption(options.rateLimit),
    onResult: () => void done++,
    onError: (error) => io.stderr(`omrl worker: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  io.stderr(`omrl worker: running up to ${concurrency} jobs from ${options.redis.replace(/\/\/[^@/]*@/, "//***@")}\n`);
  const signal = await untilStopped();
  io.stderr(`omrl worker: ${signal}, finishing running jobs (${done} done)\n`);
  await worker.close();
  io.setExitCode(EXIT_OK);
}

export const workerCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("worker")
      .summary("run hub validation jobs from a Redis queue")
      .description("Run verification jobs queued by `omrl serve --redis` and `omrl sweep` and store the results in Redis. Start as many as you like, on as many machines; they share one Hub rate limit.")
      .option("--redis <url>", "the queue's Redis (redis://host:port)")
      .option("--prefix <prefix>", "Redis key prefix", "omrl")
      .option("--concurrency <n>", "jobs run at once in this process", "4")
      .option("--rate-limit <n/period>", "jobs started toward the Hub by all workers together, e.g. 50/1s (none: no limit)", "20/1s")
      .option("--name <name>", "this worker's name, kept on every job it runs (default hostname:pid)")
      .option("--lock-ms <ms>", "a job whose worker stops answering for this long goes to another worker", "30000")
      .option("--hub-url <url>", "Hub base URL (default $HF_ENDPOINT or https://huggingface.co)")
      .option("--hub-retries <n>", "HTTP retries inside one try", "2")
      .option("--hub-concurrency <n>", "HTTP requests toward the Hub at once in this process (default 4 × --concurrency)")
      .action((options: WorkerOptions) => run(options, io));
  },
};
