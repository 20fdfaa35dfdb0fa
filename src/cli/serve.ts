import type { Command } from "commander";
import { createServer } from "node:http";
import { resolve } from "node:path";
import { InvalidInputError } from "../errors.js";
import { createEmbeddedQueue, createHubService, createRedisQueue, createRedisWorker, type ServiceQueue } from "../service/index.js";
import { EXIT_OK } from "./exit.js";
import type { CliIO, CommandModule } from "./program.js";
import { intOption, processorFromOptions, rateLimitOption, untilStopped, type ServiceCliOptions } from "./shared/service-options.js";

type ServeOptions = ServiceCliOptions & { port?: string; host: string; dataDir: string; secretEnv: string };

async function run(options: ServeOptions, io: CliIO): Promise<void> {
  const secret = io.env[options.secretEnv];
  if (!secret) throw new InvalidInputError(`set the webhook secret in the ${options.secretEnv} environment variable (the same one as in the Hub's webhook settings)`, { docsPath: "docs/hub-service.md#serve" });
  const port = intOption(options.port, "--port", 0, 65535, 8080);
  const attempts = intOption(options.attempts, "--attempts", 1, 100, 5);
  const backoffMs = intOption(options.backoffMs, "--backoff-ms", 1, 3_600_000, 2000);
  const rateLimit = rateLimitOption(options.rateLimit);
  const { process: processJob, counters } = processorFromOptions(options, io.env);
  let queue: ServiceQueue;
  let stopWorker: (() => Promise<void>) | undefined;
  if (options.redis) {
    queue = await createRedisQueue({ url: options.redis, prefix: options.prefix, attempts, backoffMs });
    // with Redis, `omrl worker` processes run the jobs; `--concurrency N` also runs N here
    const concurrency = intOption(options.concurrency, "--concurrency", 0, 1000, 0);
    if (concurrency > 0) {
      const worker = await createRedisWorker({ url: options.redis, prefix: options.prefix, process: processJob, counters, concurrency, rateLimit });
      stopWorker = () => worker.close();
    }
  } else {
    const concurrency = intOption(options.concurrency, "--concurrency", 1, 1000, 2);
    queue = await createEmbeddedQueue({ dir: resolve(io.cwd, options.dataDir), process: processJob, counters, concurrency, attempts, backoffMs, rateLimit });
  }
  const server = createServer(createHubService({ queue, secret, onError: (error) => io.stderr(`omrl serve: ${error instanceof Error ? error.message : String(error)}\n`) }));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(port, options.host, () => ready());
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  io.stderr(`omrl serve: listening on http://${options.host}:${bound} (${queue.driver} queue${options.redis ? "" : ` in ${resolve(io.cwd, options.dataDir)}`})\n`);
  const signal = await untilStopped();
  io.stderr(`omrl serve: ${signal}, stopping\n`);
  server.closeIdleConnections();
  await new Promise<void>((done) => server.close(() => done()));
  await stopWorker?.();
  await queue.close();
  io.setExitCode(EXIT_OK);
}

export const serveCommand: CommandModule = {
  register(program: Command, io: CliIO) {
    program
      .command("serve")
      .summary("run the hub validation service: webhook, status API, badge, metrics")
      .description(
        "Run the hub validation service: POST /webhook (Hub webhook, queued durably), GET /v1/models/{org}/{name}[/revisions/{sha}], GET /badge/{org}/{name}.svg, GET /healthz, GET /metrics. " +
          "Without --redis, jobs run in this process with results in --data-dir; with --redis, `omrl worker` processes run them. The secret is read from $WEBHOOK_SECRET (see --secret-env).",
      )
      .option("--port <port>", "port to listen on (0 = any free port)", "8080")
      .option("--host <host>", "address to bind", "127.0.0.1")
      .option("--redis <url>", "BullMQ on Redis (redis://host:port) instead of the embedded queue")
      .option("--prefix <prefix>", "Redis key prefix", "omrl")
      .option("--data-dir <dir>", "embedded queue: where jobs and results are stored", ".omrl-service")
      .option("--secret-env <name>", "environment variable holding the webhook secret", "WEBHOOK_SECRET")
      .option("--concurrency <n>", "jobs run at once in this process (embedded default 2; with --redis default 0)")
      .option("--attempts <n>", "tries before a job is dead-lettered", "5")
      .option("--backoff-ms <ms>", "first retry delay, doubling after each try", "2000")
      .option("--rate-limit <n/period>", "jobs started toward the Hub, e.g. 50/1s (none: no limit)", "20/1s")
      .option("--hub-url <url>", "Hub base URL (default $HF_ENDPOINT or https://huggingface.co)")
      .option("--hub-retries <n>", "HTTP retries inside one try", "2")
      .option("--hub-concurrency <n>", "HTTP requests toward the Hub at once in this process (default 4 × --concurrency, at least 4)")
      .action((options: ServeOptions) => run(options, io));
  },
};
