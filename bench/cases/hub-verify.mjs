// Inspecting a Hub repo whose weights total 10 GB (4 × 2.4 GB safetensors + one 0.4 GB GGUF, sparse
// files served by the Hub-compatible test server on 127.0.0.1) the way `omrl verify hf:…` does:
// resolve the revision, list files (sizes + LFS sha256 — the digests, free), read the card,
// omrl.json, LICENSE.md and the safetensors index, parse every safetensors header and the GGUF
// metadata through HTTP ranges. Counted on the server: requests (a LFS read is 2 HTTP exchanges —
// the resolve 302 and the CDN 206 — as on huggingface.co) and body bytes. Also: the same check
// repeated from the on-disk cache, and the anchor, a snapshot download, measured by downloading
// one whole 100 MB file and extrapolated to 10 GB.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { createFileHubCache, openHubSource, parseSafetensorsHeader, readGgufMetadata } from "../../dist/node.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const GB = 1_000_000_000;
const SAMPLE = 100_000_000;

async function loadServer() {
  // the server is TypeScript under test/; bundle it once for plain Node
  const outfile = join(root, "node_modules/.cache/omrl-bench/hub-server.mjs");
  await build({ entryPoints: [join(root, "test/helpers/hub-server/index.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "silent" });
  return import(pathToFileURL(outfile).href);
}

async function inspect(source) {
  const files = await source.listFiles();
  const small = ["README.md", "omrl.json", "LICENSE.md", "model.safetensors.index.json"];
  for (const path of small) await source.readText(path);
  const headers = [];
  for (const f of files.filter((f) => f.path.endsWith(".safetensors"))) headers.push(await parseSafetensorsHeader(source, f.path, { fileSize: f.size }));
  const gguf = files.find((f) => f.path.endsWith(".gguf"));
  const meta = await readGgufMetadata(source, gguf.path, { fileSize: gguf.size });
  const digests = files.filter((f) => f.sha256).length;
  return { filesInspected: small.length + headers.length + 1, weightBytes: files.filter((f) => /\.(safetensors|gguf)$/.test(f.path)).reduce((a, f) => a + f.size, 0), digests, ggufKeys: Object.keys(meta.kv).length };
}

export default {
  name: "hub-verify",
  description: "inspect a 10 GB Hub repo by ranges vs snapshot download",
  iterations: 3,
  async setup() {
    const { startHubServer, sparseSafetensors, ggufHeader, commitSha, modelCard } = await loadServer();
    const commit = commitSha("bench/llm-10gb");
    const files = [
      { path: "README.md", content: modelCard("license: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\nbase_model: acme/base") },
      { path: "omrl.json", content: JSON.stringify({ omrl: "1.0", model: { name: "llm" } }) },
      { path: "LICENSE.md", content: "OMRL 1.0\n".repeat(200) },
      { path: "model.safetensors.index.json", content: JSON.stringify({ metadata: { total_size: 4 * 2.4 * GB }, weight_map: {} }) },
      ...[1, 2, 3, 4].map((i) => sparseSafetensors(`model-0000${i}-of-00004.safetensors`, 2.4 * GB, { format: "pt" })),
      { path: "model-Q4_K_M.gguf", head: ggufHeader({ "general.architecture": "llama", "general.license": "other", "general.base_model.count": 1, "general.base_model.0.repo_url": "https://huggingface.co/acme/base" }), size: 0.4 * GB, lfs: true },
    ];
    const hub = await startHubServer({
      repos: [
        { id: "bench/llm-10gb", commits: [{ sha: commit, refs: ["main"], files }] },
        { id: "bench/sample", commits: [{ sha: commitSha("bench/sample"), refs: ["main"], files: [{ path: "sample.safetensors", size: SAMPLE, head: new Uint8Array(8), lfs: true }] }] },
      ],
    });
    const cacheDir = await mkdtemp(join(tmpdir(), "omrl-bench-hub-"));
    return { hub, commit, cacheDir, totalWeights: files.reduce((a, f) => a + (f.size ?? 0), 0) };
  },
  async run(ctx) {
    ctx.hub.resetStats();
    // cold: no cache, branch revision
    const source = await openHubSource("hf:bench/llm-10gb@main", { hubUrl: ctx.hub.url });
    const cold = await inspect(source);
    const coldStats = { requests: ctx.hub.stats.requests, bytes: ctx.hub.stats.bytes, cdn: ctx.hub.stats.byRoute.cdn.requests };
    const perFile = ctx.hub.stats.log.map((l) => `${l.route}:${l.bytes}`);
    // the GGUF read beyond the file's head: @huggingface/gguf always asks for a fixed 2 MB first chunk
    const ggufChunk = ctx.hub.stats.log.filter((l) => l.route === "cdn" && l.range && !l.range.startsWith("bytes=0-")).reduce((a, l) => a + l.bytes, 0);
    // warm the disk cache, then repeat pinned to the commit
    const cache = createFileHubCache({ dir: ctx.cacheDir });
    await inspect(await openHubSource(`hf:bench/llm-10gb@${ctx.commit}`, { hubUrl: ctx.hub.url, cache }));
    ctx.hub.resetStats();
    await inspect(await openHubSource(`hf:bench/llm-10gb@${ctx.commit}`, { hubUrl: ctx.hub.url, cache }));
    const cachedRequests = ctx.hub.stats.requests;
    ctx.last = { ...cold, coldStats, cachedRequests, perFile, ggufChunk };
    return { bytes: coldStats.bytes, requests: coldStats.requests, cachedRequests };
  },
  anchor: {
    name: "snapshot download of one 100 MB file (extrapolated to 10 GB)",
    async run(ctx) {
      ctx.hub.resetStats();
      const response = await fetch(`${ctx.hub.url}/bench/sample/resolve/main/sample.safetensors`);
      let bytes = 0;
      for await (const chunk of response.body) bytes += chunk.length;
      if (bytes !== SAMPLE) throw new Error(`downloaded ${bytes} bytes`);
      return { bytes, requests: ctx.hub.stats.requests };
    },
  },
  summarize(result, ctx) {
    const l = ctx.last;
    const anchorMs = result.anchorMedianMs;
    const snapshotMs = (anchorMs * ctx.totalWeights) / SAMPLE;
    const logical = l.coldStats.requests - l.coldStats.cdn; // the CDN hop of a redirect is not a request the client makes
    return {
      "weights in repo": `${(l.weightBytes / GB).toFixed(1)} GB in ${l.filesInspected - 4} files, ${l.digests} LFS sha256 digests from the listing`,
      "files inspected": l.filesInspected,
      "cold check: bytes transferred": `${l.coldStats.bytes} (${(l.coldStats.bytes / 1024 / 1024).toFixed(2)} MiB; budget 2 MB)`,
      "of which the gguf library's fixed-size chunk": `${l.ggufChunk} bytes; everything else: ${l.coldStats.bytes - l.ggufChunk} bytes`,
      "cold check: HTTP exchanges": `${l.coldStats.requests} (${logical} client requests + ${l.coldStats.cdn} CDN redirect hops); budget files+3 = ${l.filesInspected + 3}`,
      "repeat from disk cache: requests": l.cachedRequests,
      "snapshot download (extrapolated)": `${ctx.totalWeights} bytes, ~${(snapshotMs / 1000).toFixed(1)} s on loopback (${anchorMs} ms per 100 MB)`,
      "bytes ratio check/snapshot": (l.coldStats.bytes / ctx.totalWeights).toExponential(2),
      "per exchange (route:bytes)": l.perFile.join(" "),
    };
  },
  async teardown(ctx) {
    await ctx.hub.close();
    await rm(ctx.cacheDir, { recursive: true, force: true });
  },
};
