import type { QueueDepth, ServiceCounters } from "./types.js";

/** What `/metrics` reports. */
export type ServiceMetrics = {
  driver: string;
  depth: QueueDepth;
  counters: ServiceCounters;
  /** Webhook deliveries answered by this process: by HTTP status, and acknowledgement latency. */
  webhook: { byStatus: Record<string, number>; duration: ServiceCounters["duration"] };
};

const line = (name: string, value: number, labels?: Record<string, string>) =>
  `${name}${labels ? `{${Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, "_")}"`).join(",")}}` : ""} ${Number.isFinite(value) ? value : 0}\n`;

function histogram(name: string, help: string, h: ServiceCounters["duration"]): string {
  let out = `# HELP ${name} ${help}\n# TYPE ${name} histogram\n`;
  for (const [le, n] of Object.entries(h.buckets).sort(([a], [b]) => Number(a) - Number(b))) out += line(`${name}_bucket`, n, { le });
  out += line(`${name}_bucket`, h.count, { le: "+Inf" });
  out += line(`${name}_sum`, Number(h.sum.toFixed(6)));
  out += line(`${name}_count`, h.count);
  return out;
}

/**
 * Prometheus text exposition (format 0.0.4) of the service's queue depth, job outcomes, Hub
 * requests and bytes, job durations and webhook acknowledgement latency.
 *
 * @example
 * res.setHeader("content-type", "text/plain; version=0.0.4");
 * res.end(formatPrometheus(metrics));
 */
export function formatPrometheus(metrics: ServiceMetrics): string {
  let out = "# HELP omrl_queue_jobs Jobs in the queue by state.\n# TYPE omrl_queue_jobs gauge\n";
  for (const [state, n] of Object.entries(metrics.depth)) out += line("omrl_queue_jobs", n, { state, driver: metrics.driver });
  out += "# HELP omrl_jobs_total Jobs finished by outcome (compliant, violations, unverifiable; retried and dead for failed tries).\n# TYPE omrl_jobs_total counter\n";
  for (const outcome of ["compliant", "violations", "unverifiable", "retried", "dead"]) out += line("omrl_jobs_total", metrics.counters.jobs[outcome] ?? 0, { outcome });
  out += "# HELP omrl_hub_requests_total HTTP requests made to the Hub by workers.\n# TYPE omrl_hub_requests_total counter\n";
  out += line("omrl_hub_requests_total", metrics.counters.hubRequests);
  out += "# HELP omrl_hub_bytes_total Response bytes received from the Hub by workers.\n# TYPE omrl_hub_bytes_total counter\n";
  out += line("omrl_hub_bytes_total", metrics.counters.hubBytes);
  out += histogram("omrl_job_duration_seconds", "Time to verify one repo@sha.", metrics.counters.duration);
  out += "# HELP omrl_webhook_deliveries_total Webhook deliveries answered by this process, by HTTP status.\n# TYPE omrl_webhook_deliveries_total counter\n";
  for (const [status, n] of Object.entries(metrics.webhook.byStatus)) out += line("omrl_webhook_deliveries_total", n, { status });
  out += histogram("omrl_webhook_ack_seconds", "Time to answer a webhook delivery.", metrics.webhook.duration);
  return out;
}
