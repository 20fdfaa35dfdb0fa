import { appendFile, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { privateKeyToAccount } from "viem/accounts";
import { rules, ruleSets, type Diagnostic, type VerificationResult } from "../../src/rules/index.js";
import { tagRelease } from "../../src/tag/index.js";
import { renderLicense, signTerms } from "../../src/terms/index.js";
import { OTHER_KEY } from "../fixtures/terms.js";
import { ggufHeader } from "../helpers/hub-server/index.js";
import {
  buildRelease,
  CARDS,
  omrlCard,
  readTermsFile,
  REAL_SAFETENSORS,
  ruleIds,
  safetensorsBytes,
  signRelease,
  verifyPath,
  writeTermsFile,
} from "../verify/fixtures.js";

let clean: string;
const temps: string[] = [];

/** A copy of the clean, signed, stamped release to break in one way. */
async function copyOfClean(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "omrl-rule-"));
  temps.push(dir);
  await cp(clean, dir, { recursive: true });
  return dir;
}

/** A non-OMRL release: a folder holding exactly these files. */
async function plainRelease(files: Record<string, string | Uint8Array | { copy: string }>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "omrl-plain-"));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) {
    if (!(content instanceof Uint8Array) && typeof content === "object") await writeFile(join(dir, name), await readFile(content.copy));
    else await writeFile(join(dir, name), content);
  }
  return dir;
}

/** After editing the terms: render LICENSE.md again and sign, as a publisher would. */
async function rerenderAndSign(dir: string): Promise<void> {
  await writeFile(join(dir, "LICENSE.md"), renderLicense(await readTermsFile(dir)));
  await signRelease(dir);
}

const findings = (result: VerificationResult, id: string): Diagnostic[] => result.diagnostics.filter((d) => d.ruleId === id);

beforeAll(async () => {
  clean = await buildRelease();
  temps.push(clean);
});
afterAll(async () => {
  await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
});

describe("the rule registry", () => {
  it("has unique, stable ids, each with a description, a default severity and a docs anchor in docs/rules.md", async () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const docs = await readFile(new URL("../../docs/rules.md", import.meta.url), "utf8");
    for (const rule of rules) {
      expect(rule.meta.id).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(rule.meta.description.length).toBeGreaterThan(10);
      expect(["error", "warning", "info"]).toContain(rule.meta.defaultSeverity);
      const anchor = rule.meta.docs.split("#")[1]!;
      expect(rule.meta.docs).toBe(`docs/rules.md#${anchor}`);
      expect(docs).toContain(`<a id="${anchor}"></a>`);
    }
    for (const set of Object.values(ruleSets)) expect(Object.keys(set).sort()).toEqual([...ids].sort());
  });
});

describe("a clean release", () => {
  it("is compliant with no findings under every rule set", async () => {
    for (const ruleSet of ["publisher", "hub", "app"] as const) {
      const { result } = await verifyPath(clean, { ruleSet });
      expect(result.diagnostics).toEqual([]);
      expect(result.status).toBe("compliant");
    }
  });
});

describe("terms rules", () => {
  it("omrl/terms-missing fires when the card declares omrl-1.0 without omrl.json, not for a non-OMRL release", async () => {
    const dir = await copyOfClean();
    await rm(join(dir, "omrl.json"));
    const { result } = await verifyPath(dir);
    expect(findings(result, "omrl/terms-missing")).toHaveLength(1);
    expect(result.status).toBe("violations");
    const plain = await plainRelease({ "README.md": { copy: `${CARDS}/unsloth-qwen2.5-ner.README.md` } });
    expect(findings((await verifyPath(plain)).result, "omrl/terms-missing")).toEqual([]);
  });

  it("omrl/terms-schema reports each schema issue with its pointer and line, and invalid JSON", async () => {
    const dir = await copyOfClean();
    const terms = await readTermsFile(dir);
    (terms.revenueShare as { rate: unknown }).rate = 5;
    await writeTermsFile(dir, terms);
    const { result } = await verifyPath(dir);
    const [issue] = findings(result, "omrl/terms-schema");
    expect(issue).toMatchObject({ file: "omrl.json", pointer: "/revenueShare/rate", severity: "error" });
    const text = await readFile(join(dir, "omrl.json"), "utf8");
    expect(text.split("\n")[issue!.line! - 1]).toContain('"rate": 5');
    await writeFile(join(dir, "omrl.json"), "{ not json");
    expect(findings((await verifyPath(dir)).result, "omrl/terms-schema")[0]!.message).toMatch(/not valid JSON/);
    expect(findings((await verifyPath(clean)).result, "omrl/terms-schema")).toEqual([]);
  });

  it("omrl/terms-semantics reports semantic issues (a non-checksummed address) while other rules still run", async () => {
    const dir = await copyOfClean();
    const terms = await readTermsFile(dir);
    terms.payment.payees[0]!.account = terms.payment.payees[0]!.account.toLowerCase();
    await writeTermsFile(dir, terms);
    const { result } = await verifyPath(dir);
    expect(findings(result, "omrl/terms-semantics")[0]).toMatchObject({ pointer: "/payment/payees/0/account" });
    expect(findings(result, "omrl/terms-semantics")[0]!.message).toMatch(/semantic\/address-checksum/);
    // the terms are still usable: the signature check ran and saw the change
    expect(ruleIds(result)).toContain("omrl/signature-invalid");
  });

  it("omrl/payee-split-sum fires when the shares do not add up to 100%", async () => {
    const dir = await copyOfClean();
    const terms = await readTermsFile(dir);
    terms.payment.payees[1]!.share = "20%";
    await writeTermsFile(dir, terms);
    await rerenderAndSign(dir);
    const { result } = await verifyPath(dir);
    // the terms core changed, so the stamp in the weights is outdated too
    expect(ruleIds(result)).toEqual(["artifacts/stamp-outdated", "omrl/payee-split-sum"]);
    expect(findings(result, "omrl/payee-split-sum")[0]).toMatchObject({ pointer: "/payment/payees", file: "omrl.json" });
  });

  it("omrl/terms-unsigned fires for unsigned terms, and after `omrl tag` changed the artifacts it says to sign again", async () => {
    const unsigned = await buildRelease({ sign: false });
    temps.push(unsigned);
    expect(ruleIds((await verifyPath(unsigned)).result)).toEqual(["omrl/terms-unsigned"]);
    const dir = await copyOfClean();
    await writeFile(join(dir, "extra.safetensors"), safetensorsBytes({}));
    const tagged = await tagRelease({ dir, stamp: false, cache: false });
    expect(tagged.signatureRemoved).toBe(true);
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["omrl/terms-unsigned"]);
    expect(result.diagnostics[0]!.message).toMatch(/omrl tag.*run `omrl sign` again/);
  });

  it("omrl/signature-invalid fires when the terms changed after signing, and says to run omrl sign again", async () => {
    const dir = await copyOfClean();
    const terms = await readTermsFile(dir);
    terms.revenueShare.rate = "6%";
    await writeTermsFile(dir, terms);
    const { result } = await verifyPath(dir);
    const found = findings(result, "omrl/signature-invalid");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("the terms changed after signing (for example by `omrl tag`): run `omrl sign` again");
    expect(found[0]!.pointer).toBe("/signature");
  });

  it("omrl/signature-not-licensor fires for a valid signature by another account", async () => {
    const dir = await copyOfClean();
    const { signature: _s, ...terms } = await readTermsFile(dir);
    await writeTermsFile(dir, await signTerms({ terms, account: privateKeyToAccount(OTHER_KEY) }));
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["omrl/signature-not-licensor"]);
    expect(result.diagnostics[0]!.message).toContain(privateKeyToAccount(OTHER_KEY).address);
  });

  it("omrl/license-text-mismatch fires when LICENSE.md differs from the rendered licence (line of the first difference), not for CRLF line ends", async () => {
    const dir = await copyOfClean();
    const original = await readFile(join(dir, "LICENSE.md"), "utf8");
    await writeFile(join(dir, "LICENSE.md"), original.replace(/\n/g, "\r\n"));
    expect(findings((await verifyPath(dir)).result, "omrl/license-text-mismatch")).toEqual([]);
    const lines = original.split("\n");
    lines[4] = "We changed this line.";
    await writeFile(join(dir, "LICENSE.md"), lines.join("\n"));
    const found = findings((await verifyPath(dir)).result, "omrl/license-text-mismatch");
    expect(found).toMatchObject([{ file: "LICENSE.md", line: 5 }]);
    await rm(join(dir, "LICENSE.md"));
    expect(findings((await verifyPath(dir)).result, "omrl/license-text-mismatch")[0]!.message).toMatch(/LICENSE.md is missing/);
  });
});

describe("card and Hub rules", () => {
  it("hub/license-mismatch fires when an OMRL release's card does not say other / omrl-1.0 / an existing license_link", async () => {
    const dir = await copyOfClean();
    await writeFile(join(dir, "README.md"), "---\nlicense: apache-2.0\nlicense_link: TERMS.md\nbase_model: meta-llama/Llama-3.2-1B\n---\n# x\nBuilt with Llama\n");
    const found = findings((await verifyPath(dir)).result, "hub/license-mismatch");
    expect(found.map((d) => d.line)).toEqual([2, 2, 3]);
    const messages = found.map((d) => d.message);
    expect(messages).toEqual([
      expect.stringContaining("license: apache-2.0"),
      expect.stringContaining("license_name: (none)"),
      expect.stringContaining("license_link: TERMS.md points to a file that is not in the release"),
    ]);
  });

  it("hub/license-mismatch checks a non-OMRL card too: the real FLUX.1-dev card links a LICENSE.md that must exist", async () => {
    const flux = { "README.md": { copy: `${CARDS}/flux-1-dev.README.md` } };
    const missing = await plainRelease(flux);
    expect(findings((await verifyPath(missing)).result, "hub/license-mismatch")).toMatchObject([{ file: "README.md" }]);
    const present = await plainRelease({ ...flux, "LICENSE.md": "FLUX.1 [dev] Non-Commercial License\n" });
    expect(findings((await verifyPath(present)).result, "hub/license-mismatch")).toEqual([]);
  });

  it("card/invalid fires for broken YAML with its line", async () => {
    const dir = await plainRelease({ "README.md": "---\nlicense: mit\nbase_model: [unclosed\n---\n# x\n" });
    const [found] = findings((await verifyPath(dir)).result, "card/invalid");
    expect(found).toMatchObject({ file: "README.md", severity: "error" });
    expect(found!.line).toBeGreaterThanOrEqual(3);
  });

  it("card/lfs-pointer fires for a card committed as a Git LFS pointer (a real one)", async () => {
    const dir = await plainRelease({ "README.md": { copy: `${CARDS}/meta-llama-3.1-8b-instruct.LFS-POINTER.README.md` } });
    const { result } = await verifyPath(dir);
    expect(findings(result, "card/lfs-pointer")).toHaveLength(1);
    expect(findings(result, "card/license-missing")).toEqual([]);
  });

  it("card/missing warns for a folder without README.md, not for a single weights file", async () => {
    const dir = await plainRelease({ "model.safetensors": { copy: REAL_SAFETENSORS } });
    expect(findings((await verifyPath(dir)).result, "card/missing")).toMatchObject([{ severity: "warning" }]);
    expect(findings((await verifyPath(join(dir, "model.safetensors"))).result, "card/missing")).toEqual([]);
  });

  it("card/license-missing fires for the real PEFT card that names its licence only in the text", async () => {
    const dir = await plainRelease({ "README.md": { copy: `${CARDS}/peft-llama3-lora-no-license-key.README.md` } });
    const found = findings((await verifyPath(dir)).result, "card/license-missing");
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("named only in the text");
    const ok = await plainRelease({ "README.md": { copy: `${CARDS}/unsloth-qwen2.5-ner.README.md` } });
    expect(findings((await verifyPath(ok)).result, "card/license-missing")).toEqual([]);
  });
});

describe("artifact rules", () => {
  it("omrl/artifact-missing fires when a listed artifact is gone", async () => {
    const dir = await copyOfClean();
    await rm(join(dir, "model.safetensors"));
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["omrl/artifact-missing"]);
    expect(result.diagnostics[0]).toMatchObject({ pointer: "/model/artifacts/0/path" });
  });

  it("omrl/artifact-size-mismatch fires when the recorded size differs", async () => {
    const dir = await copyOfClean();
    const terms = await readTermsFile(dir);
    terms.model.artifacts![0]!.size += 1;
    await writeTermsFile(dir, terms);
    await signRelease(dir);
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["omrl/artifact-size-mismatch"]);
  });

  it("omrl/artifact-digest-mismatch fires when a byte of the weights changed (same size); --no-digests skips it", async () => {
    const dir = await copyOfClean();
    const bytes = await readFile(join(dir, "model.safetensors"));
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(join(dir, "model.safetensors"), bytes);
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["omrl/artifact-digest-mismatch"]);
    expect(result.diagnostics[0]!.message).toMatch(/has sha256 [0-9a-f]{64}; omrl.json records/);
    const skipped = await verifyPath(dir, { digests: "none" });
    expect(ruleIds(skipped.result)).toEqual([]);
    expect(skipped.result.summary.digests).toBe("none");
  });

  it("omrl/weights-uncovered fires for a weights file the terms do not list (each weights extension)", async () => {
    const dir = await copyOfClean();
    for (const name of ["pytorch_model.bin", "extra.pt", "model.onnx", "sub/other.gguf"]) {
      await cp(REAL_SAFETENSORS, join(dir, name));
    }
    const found = findings((await verifyPath(dir, { digests: "none" })).result, "omrl/weights-uncovered").map((d) => d.file);
    expect(found).toEqual(["extra.pt", "model.onnx", "pytorch_model.bin", "sub/other.gguf"]);
  });

  it("artifacts/index-shard-missing fires for a shard the index names but the release lacks; the real sharded set is clean", async () => {
    const sharded = "/work/shared/data/artifacts/safetensors-fluxml/sharded";
    const { readdir } = await import("node:fs/promises");
    const files: Record<string, { copy: string }> = {};
    for (const name of await readdir(sharded)) files[name] = { copy: join(sharded, name) };
    const dir = await plainRelease(files);
    const { release, result } = await verifyPath(dir);
    const index = release.artifacts.find((a) => a.format === "safetensors-index")!;
    expect(index.index!.shards.length).toBeGreaterThan(1);
    expect(findings(result, "artifacts/index-shard-missing")).toEqual([]);
    await rm(join(dir, index.index!.shards[1]!));
    expect(findings((await verifyPath(dir)).result, "artifacts/index-shard-missing")).toMatchObject([{ file: index.path }]);
  });

  it("artifacts/embedded-license-mismatch fires when safetensors metadata disagrees with the card", async () => {
    const card = "---\nlicense: apache-2.0\n---\n# m\n";
    const bad = await plainRelease({ "README.md": card, "model.safetensors": safetensorsBytes({ metadata: { license: "MIT" } }) });
    const [found] = findings((await verifyPath(bad)).result, "artifacts/embedded-license-mismatch");
    expect(found!.message).toContain('__metadata__.license = "MIT"');
    expect(found!.message).toContain("apache-2.0");
    const good = await plainRelease({ "README.md": card, "model.safetensors": safetensorsBytes({ metadata: { license: "Apache-2.0" } }) });
    expect(findings((await verifyPath(good)).result, "artifacts/embedded-license-mismatch")).toEqual([]);
  });

  it("artifacts/embedded-license-mismatch fires when an OMRL release's weights say another licence", async () => {
    const dir = await copyOfClean();
    await writeFile(join(dir, "model.safetensors"), safetensorsBytes({ metadata: { license: "Apache-2.0" } }));
    expect(findings((await verifyPath(dir, { digests: "none" })).result, "artifacts/embedded-license-mismatch")[0]!.message).toContain("LicenseRef-OMRL-1.0");
  });

  it("artifacts/license-not-spdx warns for general.license = llama3.1 in GGUF and names the SPDX form", async () => {
    const dir = await plainRelease({ "README.md": "---\nlicense: llama3.1\n---\n# m\n", "model.gguf": ggufHeader({ "general.license": "llama3.1", "general.name": "tiny" }) });
    const { result } = await verifyPath(dir);
    expect(findings(result, "artifacts/license-not-spdx")).toMatchObject([{ severity: "warning", file: "model.gguf" }]);
    expect(findings(result, "artifacts/license-not-spdx")[0]!.message).toContain("LicenseRef-Llama-3.1-Community");
    expect(findings(result, "artifacts/embedded-license-mismatch")).toEqual([]);
    const spdx = await plainRelease({ "README.md": "---\nlicense: llama3.1\n---\n", "model.gguf": ggufHeader({ "general.license": "LicenseRef-Llama-3.1-Community" }) });
    expect(findings((await verifyPath(spdx)).result, "artifacts/license-not-spdx")).toEqual([]);
  });

  it("artifacts/stamp-outdated fires when the terms core changed after stamping (even re-signed)", async () => {
    const dir = await copyOfClean();
    const terms = await readTermsFile(dir);
    terms.revenueShare.dueDays = 45;
    await writeTermsFile(dir, terms);
    await rerenderAndSign(dir);
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["artifacts/stamp-outdated"]);
    expect(result.diagnostics[0]!.file).toBe("model.safetensors");
  });
});

describe("lineage rules", () => {
  it("lineage/base-model-mismatch fires both ways when the card's base_model and the terms' upstream differ", async () => {
    const dir = await copyOfClean();
    await writeFile(join(dir, "README.md"), omrlCard("base_model: google/gemma-2b"));
    const found = findings((await verifyPath(dir)).result, "lineage/base-model-mismatch");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("google/gemma-2b"), expect.stringContaining("meta-llama/Llama-3.2-1B")]);
  });

  it("lineage/upstream-noncommercial: a cc-by-nc-4.0 base under a commercial revenue licence is an error", async () => {
    const terms = (await import("../verify/fixtures.js")).cleanTerms();
    terms.upstream = [{ repo: "acme/nc-base", license: "cc-by-nc-4.0", relation: "finetune" }];
    const dir = await buildRelease({ terms, card: omrlCard("base_model: acme/nc-base"), agreement: null });
    temps.push(dir);
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toEqual(["lineage/upstream-noncommercial"]);
    expect(result.diagnostics[0]).toMatchObject({ pointer: "/upstream/0/license", severity: "error" });
  });

  it("lineage/upstream-obligations: a Llama base needs the Llama name prefix, Built with Llama and the notice in NOTICE", async () => {
    const terms = (await import("../verify/fixtures.js")).cleanTerms();
    terms.model.name = "Acme Tiny 1B";
    delete terms.attribution;
    const dir = await buildRelease({ terms, notice: null, card: "---\nlicense: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\nbase_model: meta-llama/Llama-3.2-1B\n---\n# Acme\n" });
    temps.push(dir);
    const found = findings((await verifyPath(dir)).result, "lineage/upstream-obligations");
    expect(found.map((d) => d.message)).toEqual([
      expect.stringContaining('must begin with "Llama"'),
      expect.stringContaining('show "Built with Llama"'),
      expect.stringContaining("ship this notice in a NOTICE file"),
    ]);
    expect(found.every((d) => d.severity === "warning")).toBe(true);
  });

  it("lineage/upstream-use-restrictions: Gemma and OpenRAIL bases need their use restrictions in the terms", async () => {
    const terms = (await import("../verify/fixtures.js")).cleanTerms();
    terms.upstream = [
      { repo: "google/gemma-2b", license: "gemma", relation: "finetune" },
      { repo: "stabilityai/sd-2-1", license: "openrail++", relation: "merge" },
    ];
    terms.model.name = "Acme Merge";
    const card = omrlCard("base_model:\n- google/gemma-2b\n- stabilityai/sd-2-1");
    const dir = await buildRelease({ terms, card, notice: "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms" });
    temps.push(dir);
    const found = findings((await verifyPath(dir)).result, "lineage/upstream-use-restrictions");
    expect(found.map((d) => d.message)).toEqual([expect.stringContaining("Gemma Prohibited Use Policy"), expect.stringContaining("stabilityai/sd-2-1 (LicenseRef-OpenRAIL-PlusPlus-M)")]);
    terms.useRestrictions = [
      "The Gemma Prohibited Use Policy (https://ai.google.dev/gemma/prohibited_use_policy) applies.",
      ...found.slice(1).map((d) => `Attachment: ${/name "([^"]+)"/.exec(d.message)![1]}`),
    ];
    const fixed = await buildRelease({ terms, card, notice: "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms" });
    temps.push(fixed);
    expect(findings((await verifyPath(fixed)).result, "lineage/upstream-use-restrictions")).toEqual([]);
  });
});

describe("non-OMRL releases", () => {
  it("license/obligations reports a Llama 3.2 card's obligations from the knowledge base (info, compliant)", async () => {
    const dir = await plainRelease({ "README.md": { copy: `${CARDS}/llama-3.2-1b-instruct.README.md` }, "model.safetensors": { copy: REAL_SAFETENSORS } });
    const { result } = await verifyPath(dir);
    const messages = findings(result, "license/obligations").map((d) => d.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining('names must begin with "Llama"'),
        expect.stringContaining('display "Built with Llama"'),
        expect.stringContaining("Llama 3.2 Acceptable Use Policy"),
      ]),
    );
    expect(result.counts.error).toBe(0);
    expect(result.status).toBe("compliant");
  });

  it("license/obligations says an unknown licence (FLUX.1-dev non-commercial) must be read by a person", async () => {
    const dir = await plainRelease({ "README.md": { copy: `${CARDS}/flux-1-dev.README.md` }, "LICENSE.md": "x" });
    expect(findings((await verifyPath(dir)).result, "license/obligations")[0]!.message).toMatch(/flux-1-dev-non-commercial-license is not in the knowledge base/);
    expect(findings((await verifyPath(clean)).result, "license/obligations")).toEqual([]);
  });

  it("a non-OMRL release is still checked for consistency: card vs embedded metadata vs files", async () => {
    const dir = await plainRelease({
      "README.md": { copy: `${CARDS}/qwen2.5-0.5b-instruct-gguf.README.md` },
      "qwen.gguf": ggufHeader({ "general.license": "MIT" }),
    });
    const { result } = await verifyPath(dir);
    expect(ruleIds(result)).toContain("artifacts/embedded-license-mismatch");
    expect(result.status).toBe("violations");
  });
});

describe("appending to a release", () => {
  it("a file appended after the signed artifacts list is not silently accepted", async () => {
    const dir = await copyOfClean();
    await appendFile(join(dir, "model.safetensors"), "x");
    const { result } = await verifyPath(dir);
    // the data section no longer matches the header, and the recorded size differs
    expect(ruleIds(result)).toEqual(["artifacts/unreadable", "omrl/artifact-size-mismatch"]);
  });
});
