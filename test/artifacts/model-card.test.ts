import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactParseError, parseModelCard, writeCardFrontMatter } from "../../src/artifacts/index.js";
import { SHARED_CARDS } from "./bytes-source.js";

const sources = readFileSync(join(SHARED_CARDS, "SOURCES.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split("\t")[0]!);
const card = (name: string) => readFileSync(join(SHARED_CARDS, name), "utf8");
const OMRL = { license: "other", license_name: "omrl-1.0", license_link: "LICENSE.md" };

describe("parseModelCard on the 12 real cards", () => {
  it("SOURCES.tsv lists 12 cards", () => expect(sources).toHaveLength(12));

  const expected: Record<string, (parsed: ReturnType<typeof parseModelCard>) => void> = {
    "gemma_cpp-gemma-2b-sfp-cpp.README.md": (p) => {
      expect(p.frontMatter).toMatchObject({ license: "gemma", tags: [] });
      expect(Object.keys(p.frontMatter!.extraGated).sort()).toEqual(["extra_gated_button_content", "extra_gated_heading", "extra_gated_prompt"]);
    },
    "llama-3.2-1b-instruct.README.md": (p) => {
      expect(p.frontMatter?.license).toBe("llama3.2");
      expect(Object.keys(p.frontMatter!.extraGated).sort()).toEqual(["extra_gated_button_content", "extra_gated_description", "extra_gated_fields", "extra_gated_prompt"]);
      expect(String(p.frontMatter!.extraGated.extra_gated_prompt)).toContain("LLAMA 3.2 COMMUNITY LICENSE AGREEMENT");
    },
    "flux-1-dev.README.md": (p) =>
      expect(p.frontMatter).toMatchObject({ license: "other", licenseName: "flux-1-dev-non-commercial-license", licenseLink: "LICENSE.md" }),
    "stable-diffusion-2-1.README.md": (p) => expect(p.frontMatter?.license).toBe("openrail++"),
    "meta-llama-3.1-8b-instruct.LFS-POINTER.README.md": (p) => {
      expect(p.lfsPointer).toEqual({ oid: "320f01f7e1bada6351f919f3ad5d4c5fa1af75b222db1f285c89a21b85fc536e", size: 41438 });
      expect(p.frontMatter).toBeUndefined();
    },
    "trl-gemma-reasoning-lora.README.md": (p) => {
      expect(p.frontMatter?.license).toBeUndefined(); // only the misspelled `licence:` key
      expect(p.frontMatter?.raw.licence).toBe("license");
      expect(typeof p.frontMatter?.baseModel).toBe("string");
    },
    "mergekit-dare-ties.README.md": (p) => {
      expect(p.frontMatter?.baseModel).toEqual(["Nos-PT/Llama-Carvalho-PT", "unsloth/Meta-Llama-3.1-8B-Instruct"]);
      expect(p.frontMatter?.license).toBeUndefined();
    },
    "diffusers-lora-sd15.README.md": (p) =>
      expect(p.frontMatter).toMatchObject({ license: "creativeml-openrail-m", baseModel: "runwayml/stable-diffusion-v1-5" }),
    "diffusers-lora-leading-blankline.README.md": (p) => {
      expect(p.frontMatter).toMatchObject({ license: "creativeml-openrail-m", baseModel: "runwayml/stable-diffusion-v1-5" });
      expect(p.body.trimStart().startsWith("# LoRA text2image")).toBe(true);
    },
    "qwen2.5-0.5b-instruct-gguf.README.md": (p) => {
      expect(p.frontMatter?.license).toBe("apache-2.0");
      expect(p.frontMatter?.licenseLink).toMatch(/^https:\/\//);
      expect(typeof p.frontMatter?.baseModel).toBe("string");
    },
    "unsloth-qwen2.5-ner.README.md": (p) => expect(p.frontMatter).toMatchObject({ license: "apache-2.0" }),
    "peft-llama3-lora-no-license-key.README.md": (p) => {
      expect(p.frontMatter).toMatchObject({ baseModel: "meta-llama/Meta-Llama-3-8B-Instruct" });
      expect(p.frontMatter?.license).toBeUndefined();
      expect(p.body).toContain("MIT");
    },
  };

  it.each(sources)("%s", (name) => {
    const parsed = parseModelCard(card(name));
    expect(parsed.error).toBeUndefined();
    expect(parsed.issues).toEqual([]);
    expected[name]!(parsed);
  });
});

describe("parseModelCard edge cases", () => {
  it("no front matter: the whole text is the body", () => {
    expect(parseModelCard("# Title\n\nSome text.\n")).toEqual({ body: "# Title\n\nSome text.\n", issues: [], keyLines: {} });
    expect(parseModelCard("")).toEqual({ body: "", issues: [], keyLines: {} });
  });
  it("CRLF line endings and a BOM", () => {
    const parsed = parseModelCard("\uFEFF---\r\nlicense:\r\n  - mit\r\n  - apache-2.0\r\nbase_model: a/b\r\n---\r\n# Body\r\n");
    expect(parsed.frontMatter).toMatchObject({ license: ["mit", "apache-2.0"], baseModel: "a/b" });
    expect(parsed.body).toBe("# Body\r\n");
  });
  it("broken YAML is an error with line and column in the card file, not a throw", () => {
    const parsed = parseModelCard("\n---\nlicense: mit\ntags: [a, b\nfoo: bar\n---\nbody\n");
    expect(parsed.error?.code).toBe("yaml-invalid");
    expect(parsed.error?.line).toBeGreaterThanOrEqual(4);
    expect(parsed.error?.col).toBeGreaterThanOrEqual(1);
    expect(parsed.frontMatter).toBeUndefined();
    expect(parsed.body).toBe("body\n");
    expect(parseModelCard("---\nlicense: mit\nlicense: apache-2.0\n---\n").error?.code).toBe("yaml-invalid"); // duplicate key
  });
  it("unclosed front matter, a list instead of a mapping, wrong-typed keys", () => {
    expect(parseModelCard("---\nlicense: mit\n").error?.code).toBe("unclosed");
    expect(parseModelCard("---\n- a\n- b\n---\n").error?.code).toBe("not-a-mapping");
    const parsed = parseModelCard("---\nlicense: 3\nlicense_name: [x]\ntags: a\n---\n");
    expect(parsed.issues.map((issue) => issue.key)).toEqual(["license", "license_name"]);
    expect(parsed.frontMatter?.tags).toEqual(["a"]);
  });
  it("an empty front matter block", () => {
    expect(parseModelCard("---\n---\nbody").frontMatter).toMatchObject({ raw: {}, tags: [] });
  });
  it("YAML alias bombs are refused", () => {
    const bomb = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n";
    expect(parseModelCard(bomb).error?.code).toBe("yaml-invalid");
  });
});

describe("writeCardFrontMatter", () => {
  it.each(sources.filter((name) => !name.includes("LFS-POINTER")))("%s: sets the OMRL keys, keeps the rest", (name) => {
    const text = card(name);
    const before = parseModelCard(text);
    const written = writeCardFrontMatter(text, OMRL);
    const after = parseModelCard(written);
    expect(after.error).toBeUndefined();
    expect(after.body).toBe(before.body);
    expect(after.frontMatter!.raw).toEqual({ ...before.frontMatter!.raw, ...OMRL });
    expect(after.frontMatter).toMatchObject({ license: "other", licenseName: "omrl-1.0", licenseLink: "LICENSE.md" });
    // existing keys keep their order; new ones go after them
    const keys = Object.keys(after.frontMatter!.raw);
    const original = Object.keys(before.frontMatter!.raw);
    expect(keys.slice(0, original.length)).toEqual(original);
    // what came before the front matter is kept (the leading blank line)
    expect(written.slice(0, text.indexOf("---"))).toBe(text.slice(0, text.indexOf("---")));
  });

  it("keeps comments, and an empty update is a no-op on the meaning", () => {
    const text = "---\n# licence chosen by legal\nlicense: mit # was apache\ntags:\n- a\n---\nbody\n";
    const written = writeCardFrontMatter(text, { license: "other", license_name: "omrl-1.0" });
    expect(written).toContain("# licence chosen by legal");
    expect(written).toContain("# was apache");
    expect(written.endsWith("---\nbody\n")).toBe(true);
    expect(parseModelCard(writeCardFrontMatter(text, {})).frontMatter?.raw).toEqual(parseModelCard(text).frontMatter?.raw);
  });
  it("deletes keys given as undefined", () => {
    const written = writeCardFrontMatter("---\nlicense: mit\nlicense_link: x\n---\n", { license_link: undefined });
    expect(parseModelCard(written).frontMatter?.raw).toEqual({ license: "mit" });
  });
  it("adds front matter to a card without one, and keeps CRLF", () => {
    const written = writeCardFrontMatter("# Title\n", OMRL);
    expect(written).toBe("---\nlicense: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\n---\n\n# Title\n");
    const crlf = writeCardFrontMatter("---\r\nlicense: mit\r\n---\r\nbody\r\n", { license: "other" });
    expect(crlf).toBe("---\r\nlicense: other\r\n---\r\nbody\r\n");
    expect(writeCardFrontMatter("---\n---\nbody", { license: "other" })).toBe("---\nlicense: other\n---\nbody");
  });
  it("refuses broken YAML and LFS pointers with typed errors", () => {
    expect(() => writeCardFrontMatter("---\na: [\n---\n", OMRL)).toThrow(ArtifactParseError);
    try {
      writeCardFrontMatter(card("meta-llama-3.1-8b-instruct.LFS-POINTER.README.md"), OMRL);
      expect.unreachable();
    } catch (error) {
      expect((error as ArtifactParseError).reason).toBe("lfs-pointer");
    }
  });
});
