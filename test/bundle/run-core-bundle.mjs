// Runs a browser bundle of the core (built by browser-bundle.test.ts) the way a page or an edge
// worker would: no Node built-ins, an in-memory ModelSource, WebCrypto for digests. Started with
// --disallow-code-generation-from-strings. argv: bundle path, JSON file of { path: base64 }.
import { readFileSync } from "node:fs";

const [bundlePath, filesPath, entry] = process.argv.slice(2);
const files = new Map(Object.entries(JSON.parse(readFileSync(filesPath, "utf8"))).map(([path, b64]) => [path, Buffer.from(b64, "base64")]));
const core = await import(bundlePath);
const out = {};

// code generation really is disallowed in this process
try {
  new Function("return 1");
  out.codeGeneration = "allowed";
} catch (error) {
  out.codeGeneration = error.constructor.name;
}

if (entry === "licenses") {
  out.license = core.lookupLicense("apache-2.0")?.spdx ?? null;
  out.expression = core.parseLicenseExpression("MIT OR Apache-2.0") ? "parsed" : "failed";
} else {
  const terms = core.parseTerms(files.get("omrl.json").toString("utf8"));
  const signature = await core.verifyTermsSignature(terms);
  out.signature = { valid: signature.valid, byLicensor: signature.byLicensor, signer: signature.signer };
  out.termsHash = core.hashTerms(terms);
  try {
    core.parseTerms('{"omrl":"1.0"}');
  } catch (error) {
    out.invalid = error.name;
  }
}
if (entry === "index") {
  const source = {
    kind: "memory",
    id: "memory:model-release",
    async listFiles() {
      return [...files].map(([path, bytes]) => ({ path, size: bytes.length }));
    },
    async readText(path) {
      return files.get(path)?.toString("utf8");
    },
    async readRange(path, start, end) {
      return new Uint8Array(files.get(path).subarray(start, end));
    },
    async sha256(path) {
      const digest = await crypto.subtle.digest("SHA-256", files.get(path));
      return Buffer.from(digest).toString("hex");
    },
  };
  const result = await core.verifyModel(source, { ruleSet: "publisher" });
  out.status = result.status;
  out.diagnostics = result.diagnostics.map((d) => d.ruleId ?? d.rule ?? d.code);
}
process.stdout.write(JSON.stringify(out));
