import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/errors.js";
import { checkRedisUrl, countJob, createRateLimiter, emptyCounters, formatPrometheus, jobKey, parseRateLimit, parseRepoList, renderBadge } from "../../src/service/index.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("jobKey", () => {
  it("is org/name@sha, lowercased", () => {
    expect(jobKey("acme/llm", SHA)).toBe(`acme/llm@${SHA}`);
  });
  it("rejects what is not a model repo id and a commit sha (also keeps keys safe as file names)", () => {
    for (const [repo, sha] of [["acme", SHA], ["acme/llm/x", SHA], ["../etc", SHA], ["acme/..", SHA], ["acme/.hidden", SHA], ["acme/llm", "main"], ["acme/llm", SHA.slice(1)], ["acme/llm", `${SHA}:x`]] as const) {
      expect(() => jobKey(repo, sha), `${repo}@${sha}`).toThrow(InvalidInputError);
    }
  });
});

describe("parseRateLimit", () => {
  it("reads N/period", () => {
    expect(parseRateLimit("50/1s")).toEqual({ max: 50, durationMs: 1000 });
    expect(parseRateLimit("1000/5m")).toEqual({ max: 1000, durationMs: 300_000 });
    expect(parseRateLimit("20/500ms")).toEqual({ max: 20, durationMs: 500 });
  });
  it("rejects anything else with the expected shape in the message", () => {
    for (const bad of ["", "50", "50/s", "0/1s", "50/0s", "-1/1s", "1.5/1s", "50/1h"]) expect(() => parseRateLimit(bad), bad).toThrow(/rate limit must look like 50\/1s/);
  });
});

describe("createRateLimiter", () => {
  it("lets max jobs through per window and holds the next one for the following window", async () => {
    const limiter = createRateLimiter({ max: 3, durationMs: 60_000 });
    let passed = 0;
    for (let i = 0; i < 4; i++) void limiter.take().then(() => passed++);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(passed).toBe(3);
  });
});

describe("checkRedisUrl", () => {
  it("accepts redis:// and rediss:// with a host only", () => {
    expect(() => checkRedisUrl("redis://127.0.0.1:6379")).not.toThrow();
    expect(() => checkRedisUrl("rediss://user:pw@cache.example:6380/2")).not.toThrow();
    for (const bad of ["127.0.0.1:6379", "http://x", "redis://", "nonsense"]) expect(() => checkRedisUrl(bad), bad).toThrow(/not a Redis URL/);
  });
});

describe("parseRepoList", () => {
  it("reads one repo a line, with optional sha, skipping blanks and comments", () => {
    expect(parseRepoList(`# list\nacme/a\n\n  acme/b@${SHA}  # pinned\r\n`)).toEqual(["acme/a", `acme/b@${SHA}`]);
  });
  it("names the line of a bad entry", () => {
    expect(() => parseRepoList("acme/a\nnot a repo\n", "repos.txt")).toThrow(/^repos\.txt:2: not an org\/name model repo id/);
  });
});

describe("renderBadge", () => {
  it("is a small SVG naming the status, coloured by it, with escaped text", () => {
    const ok = renderBadge("compliant");
    expect(ok).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="20"/);
    expect(ok).toContain(">compliant</text>");
    expect(ok).toContain("#2e7d32");
    expect(renderBadge("violations")).toContain("#c62828");
    expect(renderBadge("pending", "<x>")).toContain("&#60;x&#62;");
    expect(ok.length).toBeLessThan(1000);
  });
});

describe("formatPrometheus", () => {
  it("writes gauges, counters and cumulative histograms in the text format", () => {
    const counters = emptyCounters();
    countJob(counters, "compliant", 0.03);
    countJob(counters, "compliant", 2);
    countJob(counters, "dead");
    counters.hubRequests = 7;
    counters.hubBytes = 1234;
    const text = formatPrometheus({ driver: "redis", depth: { waiting: 4, active: 1, delayed: 0, dead: 1, done: 2 }, counters, webhook: { byStatus: { "202": 3 }, duration: emptyCounters().duration } });
    expect(text).toContain('omrl_queue_jobs{state="waiting",driver="redis"} 4');
    expect(text).toContain('omrl_jobs_total{outcome="compliant"} 2');
    expect(text).toContain('omrl_jobs_total{outcome="dead"} 1');
    expect(text).toContain("omrl_hub_requests_total 7");
    expect(text).toContain("omrl_hub_bytes_total 1234");
    expect(text).toContain('omrl_job_duration_seconds_bucket{le="0.025"} 0');
    expect(text).toContain('omrl_job_duration_seconds_bucket{le="0.05"} 1');
    expect(text).toContain('omrl_job_duration_seconds_bucket{le="2.5"} 2');
    expect(text).toContain('omrl_job_duration_seconds_bucket{le="+Inf"} 2');
    expect(text).toContain("omrl_job_duration_seconds_sum 2.03");
    expect(text).toContain('omrl_webhook_deliveries_total{status="202"} 3');
    for (const line of text.trim().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+-]+)$/);
  });
});
