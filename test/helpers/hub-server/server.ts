import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { serveFile, type FixtureCommit, type FixtureRepo, type ServedFile } from "./fixtures.js";

/**
 * A Hugging Face Hub–compatible HTTP server on 127.0.0.1 for tests and benchmarks. It answers the
 * routes `@huggingface/hub` calls, with the Hub's response shapes and error conventions:
 *
 * - `GET /api/models/{repo}/revision/{rev}?expand=…` — model info (only the expanded fields when
 *   `expand` is given, as the Hub does); `HEAD` resolves to the default branch.
 * - `GET /api/models/{repo}/tree/{rev}[/{path}]?recursive=&expand=&cursor=` — tree entries with
 *   `oid`, `size`, `lfs: { oid, size, pointerSize }`, paginated with an absolute `Link: <…>; rel="next"`.
 * - `GET|HEAD /{repo}/resolve/{rev}/{path}` — small files served directly (`ETag`, `X-Repo-Commit`,
 *   `Accept-Ranges`, `Range` → 206); LFS files answer `302` to `/cdn-lfs/{sha256}` with
 *   `X-Linked-Etag` / `X-Linked-Size`, like the Hub's CDN redirect.
 * - Errors: `401` (no or bad token; `X-Error-Code: RepoNotFound` or `GatedRepo`), `403 GatedRepo`
 *   (token without access), `404` `RepoNotFound` / `RevisionNotFound` / `EntryNotFound`, with JSON
 *   `{ "error": "…" }` bodies.
 *
 * - `GET /api/models?author=&search=&limit=&expand=&cursor=` — the model listing `listModels` pages
 *   through (sorted by id, `Link: <…>; rel="next"`), with `sha`, `gated`, `private`.
 * - `POST /api/models/{repo}/discussions` `{ title, description }` — opens a discussion (kept in
 *   `discussions`); `GET` lists them.
 *
 * Fault injection (`inject`) and per-route counters of requests and body bytes (`stats`).
 */
export type HubRoute = "info" | "tree" | "resolve" | "cdn" | "other";

export type HubFault =
  | { kind: "status"; status: number; retryAfter?: string; route?: HubRoute; times?: number }
  | { kind: "latency"; ms: number; route?: HubRoute; times?: number }
  /** Declares the full Content-Length, sends `bytes` of the body, then drops the connection. */
  | { kind: "truncate"; bytes: number; route?: HubRoute; times?: number }
  /** Declares a Content-Length `extra` bytes larger than the body, then ends the connection. */
  | { kind: "wrong-length"; extra: number; route?: HubRoute; times?: number }
  /** Sends the body chunked (no Content-Length) but only its first `bytes`. */
  | { kind: "short-chunked"; bytes: number; route?: HubRoute; times?: number };

export type HubRequestLog = { method: string; url: string; route: HubRoute; status: number; bytes: number; range?: string };

export type HubServerStats = {
  requests: number;
  bytes: number;
  byRoute: Record<HubRoute, { requests: number; bytes: number }>;
  log: HubRequestLog[];
};

export type HubServer = {
  url: string;
  stats: HubServerStats;
  resetStats(): void;
  inject(fault: HubFault): void;
  clearFaults(): void;
  setRepos(repos: FixtureRepo[]): void;
  /** Discussions opened through `POST /api/models/{repo}/discussions`, in order. */
  discussions: HubDiscussion[];
  close(): Promise<void>;
};

export type HubDiscussion = { repo: string; num: number; title: string; description: string; token?: string | undefined };

export type StartHubServerParameters = {
  repos: FixtureRepo[];
  /** Tree entries per page (the Hub uses 1000; tests use a small number to exercise `Link`). */
  pageSize?: number;
  /** Redirect LFS files to the CDN route (default true, as the Hub does). */
  lfsRedirect?: boolean;
  /** Tokens the server knows; any other `hf_…` token is "invalid credentials". Default: accept any. */
  validTokens?: string[];
  /**
   * Delay every response by this many milliseconds (default 0): the real Hub is 20–100 ms away, so
   * a client with a few requests in flight is bound by latency, not by CPU. Faults add to it.
   */
  latencyMs?: number;
};

type PreparedRepo = {
  repo: FixtureRepo;
  commits: Map<string, { commit: FixtureCommit; files: ServedFile[]; byPath: Map<string, ServedFile> }>;
  /** LFS sha256 → file, for the CDN route. */
  lfs: Map<string, ServedFile>;
  refs: Map<string, string>;
  head: string;
};

const emptyStats = (): HubServerStats => ({
  requests: 0,
  bytes: 0,
  byRoute: {
    info: { requests: 0, bytes: 0 },
    tree: { requests: 0, bytes: 0 },
    resolve: { requests: 0, bytes: 0 },
    cdn: { requests: 0, bytes: 0 },
    other: { requests: 0, bytes: 0 },
  },
  log: [],
});

function prepare(repos: FixtureRepo[]): Map<string, PreparedRepo> {
  const out = new Map<string, PreparedRepo>();
  for (const repo of repos) {
    const commits = new Map<string, { commit: FixtureCommit; files: ServedFile[]; byPath: Map<string, ServedFile> }>();
    const refs = new Map<string, string>();
    const lfs = new Map<string, ServedFile>();
    for (const commit of repo.commits) {
      const files = commit.files.map(serveFile).sort((a, b) => (a.path < b.path ? -1 : 1));
      commits.set(commit.sha, { commit, files, byPath: new Map(files.map((f) => [f.path, f])) });
      // the first commit (newest) that carries an LFS object serves it, as the linear search did
      for (const file of files) if (file.lfs && !lfs.has(file.lfs.oid)) lfs.set(file.lfs.oid, file);
      for (const ref of commit.refs ?? []) refs.set(ref, commit.sha);
    }
    const first = repo.commits[0];
    if (!first) throw new Error(`fixture repo ${repo.id} has no commits`);
    out.set(repo.id, { repo, commits, lfs, refs, head: refs.get("main") ?? first.sha });
  }
  return out;
}

export async function startHubServer(parameters: StartHubServerParameters): Promise<HubServer> {
  let repos = prepare(parameters.repos);
  const pageSize = parameters.pageSize ?? 1000;
  const lfsRedirect = parameters.lfsRedirect ?? true;
  const latencyMs = parameters.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error(`latencyMs must be a non-negative number, got ${latencyMs}`);
  // JSON answers rendered once and served as is (the fixture repos do not change until setRepos):
  // the server stands in for the real Hub, which runs elsewhere, so its per-request CPU should be small
  let rendered = new Map<string, { text: string; length: string; headers: Record<string, string> }>();
  let faults: HubFault[] = [];
  const discussions: HubDiscussion[] = [];
  const stats = emptyStats();
  let baseUrl = "";
  const counters = new WeakMap<ServerResponse, (chunk: unknown) => void>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: String(error) });
      else res.destroy();
    });
  });

  function takeFault(route: HubRoute, kind: HubFault["kind"]): HubFault | undefined {
    const index = faults.findIndex((f) => f.kind === kind && (f.route === undefined || f.route === route));
    if (index < 0) return undefined;
    const fault = faults[index]!;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) faults.splice(index, 1);
    else faults[index] = { ...fault, times } as HubFault;
    return fault;
  }

  function routeOf(pathname: string): HubRoute {
    if (/^\/api\/models\/[^/]+\/[^/]+\/revision\//.test(pathname)) return "info";
    if (/^\/api\/models\/[^/]+\/[^/]+\/tree\//.test(pathname)) return "tree";
    if (/^\/cdn-lfs\//.test(pathname)) return "cdn";
    if (/^\/[^/]+\/[^/]+\/resolve\//.test(pathname)) return "resolve";
    return "other";
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const route = routeOf(url.pathname);
    const entry: HubRequestLog = { method: req.method ?? "GET", url: url.pathname + url.search, route, status: 0, bytes: 0 };
    if (typeof req.headers.range === "string") entry.range = req.headers.range;
    stats.requests++;
    stats.byRoute[route].requests++;
    stats.log.push(entry);
    const count = (chunk: unknown): void => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      const n = typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array).length;
      entry.bytes += n;
      stats.bytes += n;
      stats.byRoute[route].bytes += n;
    };
    counters.set(res, count);
    const write = res.write.bind(res);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof res.write;
    const end = res.end.bind(res);
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      count(chunk);
      return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as typeof res.end;
    res.on("finish", () => (entry.status = res.statusCode));

    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const latency = faults.length > 0 ? takeFault(route, "latency") : undefined;
    if (latency?.kind === "latency") await new Promise((r) => setTimeout(r, latency.ms));
    const status = faults.length > 0 ? takeFault(route, "status") : undefined;
    if (status?.kind === "status") {
      const headers: Record<string, string> = {};
      if (status.retryAfter !== undefined) headers["Retry-After"] = status.retryAfter;
      entry.status = status.status;
      return sendJson(res, status.status, { error: status.status === 429 ? "Too Many Requests" : "Internal Error" }, headers);
    }

    const auth = req.headers.authorization;
    const token = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
    if (token !== undefined && parameters.validTokens && !parameters.validTokens.includes(token)) {
      return sendJson(res, 401, { error: "Invalid credentials in Authorization header" });
    }

    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (route === "info") {
      const [, , org, name, , ...revParts] = segments;
      const prepared = visibleRepo(res, `${org}/${name}`, token);
      if (!prepared) return;
      const rev = revParts.join("/");
      const sha = resolveRev(prepared, rev);
      if (!sha) return sendJson(res, 404, { error: `Invalid rev id: ${rev}` }, { "X-Error-Code": "RevisionNotFound" });
      const expand = url.searchParams.getAll("expand");
      return sendRendered(res, `info\0${prepared.repo.id}\0${sha}\0${expand.join("\0")}`, () => ({ body: modelInfoBody(prepared, sha, expand) }));
    }
    if (route === "tree") {
      const [, , org, name, , ...rest] = segments;
      const prepared = visibleRepo(res, `${org}/${name}`, token);
      if (!prepared) return;
      const { sha, remainder } = splitRev(prepared, rest);
      if (!sha) return sendJson(res, 404, { error: `Invalid rev id: ${rest[0]}` }, { "X-Error-Code": "RevisionNotFound" });
      return sendTree(res, url, prepared, sha, remainder.join("/"));
    }
    if (route === "resolve") {
      const [org, name, , ...rest] = segments;
      const prepared = visibleRepo(res, `${org}/${name}`, token);
      if (!prepared) return;
      if (prepared.repo.gated && !(token && prepared.repo.grantedTokens?.includes(token))) {
        const message = `Access to model ${prepared.repo.id} is restricted${token ? " and you are not in the authorized list" : ". You must have access to it and be authenticated to access it"}. Visit ${baseUrl}/${prepared.repo.id} to ask for access.`;
        return sendJson(res, token ? 403 : 401, { error: message }, { "X-Error-Code": "GatedRepo" });
      }
      const { sha, remainder } = splitRev(prepared, rest);
      if (!sha) return sendJson(res, 404, { error: `Invalid rev id: ${rest[0]}` }, { "X-Error-Code": "RevisionNotFound" });
      const path = remainder.join("/");
      const file = prepared.commits.get(sha)!.byPath.get(path);
      if (!file) return sendJson(res, 404, { error: "Entry not found" }, { "X-Error-Code": "EntryNotFound" });
      const common = { "X-Repo-Commit": sha };
      if (file.lfs && lfsRedirect) {
        res.writeHead(302, {
          ...common,
          Location: `${baseUrl}/cdn-lfs/${file.lfs.oid}?repo=${encodeURIComponent(prepared.repo.id)}&X-Amz-Expires=3600`,
          ETag: `"${file.oid}"`,
          "X-Linked-Etag": `"${file.lfs.oid}"`,
          "X-Linked-Size": String(file.size),
          "Content-Length": "0",
        });
        return void res.end();
      }
      return sendBytes(req, res, route, file, {
        ...common,
        ETag: `"${file.lfs ? file.lfs.oid : file.oid}"`,
        ...(file.lfs ? { "X-Linked-Etag": `"${file.lfs.oid}"`, "X-Linked-Size": String(file.size) } : {}),
      });
    }
    if (route === "cdn") {
      const oid = segments[1];
      const repoId = url.searchParams.get("repo") ?? "";
      const prepared = repos.get(repoId);
      const file = oid === undefined ? undefined : prepared?.lfs.get(oid);
      if (!file) return sendText(res, 404, "NoSuchKey");
      return sendBytes(req, res, route, file, { ETag: `"${oid}"` });
    }
    if (url.pathname === "/api/models" && req.method === "GET") return sendModelList(res, url);
    const discussion = /^\/api\/models\/([^/]+)\/([^/]+)\/discussions$/.exec(url.pathname);
    if (discussion) {
      const id = `${decodeURIComponent(discussion[1]!)}/${decodeURIComponent(discussion[2]!)}`;
      if (!visibleRepo(res, id, token)) return;
      if (req.method === "GET") return sendJson(res, 200, { discussions: discussions.filter((d) => d.repo === id).map(({ token: _t, ...d }) => d) });
      if (req.method !== "POST") return sendJson(res, 405, { error: "Method not allowed" });
      if (!token) return sendJson(res, 401, { error: "You must be authenticated to open a discussion" });
      let body: { title?: unknown; description?: unknown };
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        return sendJson(res, 400, { error: "Invalid JSON body" });
      }
      if (typeof body.title !== "string" || body.title.length < 3 || typeof body.description !== "string") return sendJson(res, 400, { error: "title (3+ chars) and description are required" });
      const num = discussions.filter((d) => d.repo === id).length + 1;
      discussions.push({ repo: id, num, title: body.title, description: body.description, token });
      return sendJson(res, 200, { num, url: { web: `${baseUrl}/${id}/discussions/${num}` }, title: body.title, isPullRequest: false, status: "open" });
    }
    return sendJson(res, 404, { error: "Not found" });
  }

  /** Sends a 200 JSON answer rendered on its first request and kept under `key`. */
  function sendRendered(res: ServerResponse, key: string, render: () => { body: unknown; headers?: Record<string, string> }): void {
    let answer = rendered.get(key);
    if (!answer) {
      const { body, headers = {} } = render();
      const text = JSON.stringify(body);
      answer = { text, length: String(Buffer.byteLength(text)), headers };
      if (rendered.size >= 100_000) rendered.clear(); // bounded: a huge fixture re-renders instead of growing without end
      rendered.set(key, answer);
    }
    res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": answer.length, ...answer.headers });
    res.end(answer.text);
  }

  function sendModelList(res: ServerResponse, url: URL): void {
    const author = url.searchParams.get("author");
    const search = url.searchParams.get("search")?.toLowerCase();
    const limit = Math.max(1, Math.min(Number(url.searchParams.get("limit") ?? "1000") || 1000, 1000));
    const listed = [...repos.values()]
      .filter((p) => !p.repo.private && (!author || p.repo.id.split("/")[0] === author) && (!search || p.repo.id.toLowerCase().includes(search)))
      .sort((a, b) => (a.repo.id < b.repo.id ? -1 : 1));
    const cursor = Number(url.searchParams.get("cursor") ?? "0");
    const page = listed.slice(cursor, cursor + Math.min(limit, pageSize));
    const headers: Record<string, string> = {};
    if (cursor + page.length < listed.length) {
      const next = new URL(url.toString());
      next.searchParams.set("cursor", String(cursor + page.length));
      headers.Link = `<${next.toString()}>; rel="next"`;
    }
    sendJson(res, 200, page.map((p) => modelInfoBody(p, p.head, [])), headers);
  }

  function visibleRepo(res: ServerResponse, id: string, token: string | undefined): PreparedRepo | undefined {
    const prepared = repos.get(id);
    const member = prepared && (!prepared.repo.private || (token !== undefined && prepared.repo.grantedTokens?.includes(token)));
    if (prepared && member) return prepared;
    // The Hub does not tell a private repo from a missing one; without a token it answers 401.
    const body = { error: "Repository not found" };
    sendJson(res, token ? 404 : 401, body, { "X-Error-Code": "RepoNotFound" });
    return undefined;
  }

  function resolveRev(prepared: PreparedRepo, rev: string): string | undefined {
    if (rev === "HEAD") return prepared.head;
    if (prepared.refs.has(rev)) return prepared.refs.get(rev);
    if (/^[0-9a-f]{40}$/.test(rev) && prepared.commits.has(rev)) return rev;
    return undefined;
  }

  /** Revisions may contain `/` (`refs/pr/1`): take the longest prefix that names a revision. */
  function splitRev(prepared: PreparedRepo, parts: string[]): { sha: string | undefined; remainder: string[] } {
    for (let n = Math.min(parts.length, 3); n >= 1; n--) {
      const sha = resolveRev(prepared, parts.slice(0, n).join("/"));
      if (sha) return { sha, remainder: parts.slice(n) };
    }
    return { sha: undefined, remainder: [] };
  }

  function modelInfoBody(prepared: PreparedRepo, sha: string, expand: string[]): Record<string, unknown> {
    const { repo } = prepared;
    const files = prepared.commits.get(sha)!.files;
    const full: Record<string, unknown> = {
      _id: `${Buffer.from(repo.id).toString("hex").slice(0, 24).padEnd(24, "0")}`,
      id: repo.id,
      author: repo.id.split("/")[0],
      sha,
      private: !!repo.private,
      gated: repo.gated ?? false,
      disabled: false,
      downloads: 0,
      likes: 0,
      lastModified: "2025-01-01T00:00:00.000Z",
      createdAt: "2025-01-01T00:00:00.000Z",
      tags: [],
      pipeline_tag: "text-generation",
      library_name: "transformers",
      siblings: files.map((f) => ({ rfilename: f.path })),
    };
    if (expand.length === 0) return full;
    const out: Record<string, unknown> = { _id: full._id, id: full.id };
    for (const key of expand) if (key in full) out[key] = full[key];
    return out;
  }

  function sendTree(res: ServerResponse, url: URL, prepared: PreparedRepo, sha: string, dir: string): void {
    // the answer depends on the path and the query (recursive, expand, cursor) only: the Link repeats both
    sendRendered(res, `tree\0${url.pathname}\0${url.search}`, () => renderTree(url, prepared, sha, dir));
  }

  function renderTree(url: URL, prepared: PreparedRepo, sha: string, dir: string): { body: unknown; headers: Record<string, string> } {
    const recursive = url.searchParams.get("recursive") === "true" || url.searchParams.get("recursive") === "1";
    const files = prepared.commits.get(sha)!.files;
    const prefix = dir ? `${dir}/` : "";
    const entries: Record<string, unknown>[] = [];
    const dirs = new Set<string>();
    for (const file of files) {
      if (!file.path.startsWith(prefix)) continue;
      const rel = file.path.slice(prefix.length);
      const parts = rel.split("/");
      for (let i = 1; i < parts.length; i++) {
        const d = prefix + parts.slice(0, i).join("/");
        if ((recursive || i === 1) && !dirs.has(d)) {
          dirs.add(d);
          entries.push({ type: "directory", oid: "0".repeat(40), size: 0, path: d });
        }
      }
      if (!recursive && parts.length > 1) continue;
      const entry: Record<string, unknown> = { type: "file", oid: file.oid, size: file.size, path: file.path };
      if (file.lfs) entry.lfs = file.lfs;
      entries.push(entry);
    }
    const cursor = Number(url.searchParams.get("cursor") ?? "0");
    const page = entries.slice(cursor, cursor + pageSize);
    const headers: Record<string, string> = {};
    if (cursor + pageSize < entries.length) {
      const next = new URL(url.toString());
      next.searchParams.set("cursor", String(cursor + pageSize));
      headers.Link = `<${next.toString()}>; rel="next"`;
    }
    return { body: page, headers };
  }

  function sendBytes(req: IncomingMessage, res: ServerResponse, route: HubRoute, file: ServedFile, headers: Record<string, string>): void {
    let start = 0;
    let end = file.size;
    let status = 200;
    const range = req.headers.range;
    if (typeof range === "string") {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      if (m && (m[1] || m[2])) {
        if (m[1]) {
          start = Number(m[1]);
          end = m[2] ? Math.min(Number(m[2]) + 1, file.size) : file.size;
        } else {
          start = Math.max(0, file.size - Number(m[2]));
        }
        if (start >= file.size || start >= end) {
          res.writeHead(416, { "Content-Range": `bytes */${file.size}` });
          return void res.end();
        }
        status = 206;
        headers["Content-Range"] = `bytes ${start}-${end - 1}/${file.size}`;
      }
    }
    const length = end - start;
    const base = { ...headers, "Accept-Ranges": "bytes", "Content-Type": "application/octet-stream" };
    if (req.method === "HEAD") {
      res.writeHead(status, { ...base, "Content-Length": String(length) });
      return void res.end();
    }
    const truncate = takeFault(route, "truncate");
    if (truncate?.kind === "truncate") {
      res.writeHead(status, { ...base, "Content-Length": String(length) });
      res.write(file.read(start, start + Math.min(truncate.bytes, length)));
      setImmediate(() => res.destroy());
      return;
    }
    const wrong = takeFault(route, "wrong-length");
    if (wrong?.kind === "wrong-length") {
      // write the head by hand: node refuses a body that disagrees with Content-Length
      const socket = res.socket!;
      const lines = [`HTTP/1.1 ${status} OK`, ...Object.entries(base).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${length + wrong.extra}`, "Connection: close", "", ""];
      const body = file.read(start, end);
      counters.get(res)?.(body);
      socket.write(lines.join("\r\n"));
      socket.end(body);
      return;
    }
    const short = takeFault(route, "short-chunked");
    if (short?.kind === "short-chunked") {
      res.writeHead(status, base);
      res.end(file.read(start, start + Math.min(short.bytes, length)));
      return;
    }
    res.writeHead(status, { ...base, "Content-Length": String(length) });
    // stream in 1 MiB pieces so a multi-GB sparse file never sits in memory
    let offset = start;
    const pump = (): void => {
      while (offset < end) {
        const next = Math.min(end, offset + (1 << 20));
        const ok = res.write(file.read(offset, next));
        offset = next;
        if (!ok) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("close", () => (offset = end));
    pump();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    stats,
    resetStats() {
      const fresh = emptyStats();
      stats.requests = 0;
      stats.bytes = 0;
      stats.byRoute = fresh.byRoute;
      stats.log = [];
    },
    inject(fault) {
      faults.push(fault);
    },
    clearFaults() {
      faults = [];
    },
    setRepos(next) {
      repos = prepare(next);
      rendered = new Map();
    },
    discussions,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain", "Content-Length": String(Buffer.byteLength(text)) });
  res.end(text);
}
