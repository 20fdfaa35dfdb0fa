import { describe, expect, it } from "vitest";
import { cardFields, contentSerialNumber, hubLinks, huggingFacePurl, omrlProperties, type BomModel } from "../../src/node.js";
import { parseModelCard } from "../../src/index.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const base: BomModel = { ref: "model:x", kind: "model", name: "x", revision: null, license: null, artifacts: [], bases: [], unverifiable: [] };

describe("contentSerialNumber", () => {
  it("is a version-5 UUID URN, the same for the same content and different for other content", () => {
    const a = contentSerialNumber('{"a":1}');
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(contentSerialNumber('{"a":1}')).toBe(a);
    expect(contentSerialNumber('{"a":2}')).not.toBe(a);
  });
});

describe("huggingFacePurl and hubLinks", () => {
  it("a purl only for a repo pinned to a commit, with org and name encoded", () => {
    expect(huggingFacePurl("acme/m", SHA.toUpperCase())).toBe(`pkg:huggingface/acme/m@${SHA}`);
    expect(huggingFacePurl("acme/m", "main")).toBeUndefined();
    expect(huggingFacePurl(undefined, SHA)).toBeUndefined();
    expect(huggingFacePurl("a b/c@d", SHA)).toBe(`pkg:huggingface/a%20b/c%40d@${SHA}`);
  });

  it("links at the commit; the card's license_link when it is a path or a URL", () => {
    expect(hubLinks({ ...base, repo: "acme/m", revision: SHA }, "https://hub.example/")).toEqual({
      repo: `https://hub.example/acme/m/tree/${SHA}`,
      card: `https://hub.example/acme/m/blob/${SHA}/README.md`,
      license: `https://hub.example/acme/m/blob/${SHA}/LICENSE.md`,
    });
    const card = { datasets: [], languages: [], tags: [] };
    expect(hubLinks({ ...base, repo: "acme/m", revision: null, card: { ...card, licenseLink: "./docs/LICENSE.txt" } })!.license).toBe("https://huggingface.co/acme/m/blob/main/docs/LICENSE.txt");
    expect(hubLinks({ ...base, repo: "acme/m", revision: null, card: { ...card, licenseLink: "https://x.example/l" } })!.license).toBe("https://x.example/l");
    expect(hubLinks(base)).toBeUndefined();
  });
});

describe("omrlProperties", () => {
  it("numbers the payees in their split order, says NOASSERTION and every unverifiable reason", () => {
    const props = omrlProperties({
      ...base,
      licenseDeclared: "other (my-licence)",
      unverifiable: [
        { reason: "gated", message: "needs access" },
        { reason: "artifact-mismatch", message: "m.safetensors differs" },
      ],
      artifacts: [{ path: "m.safetensors", size: 1, sha256: null }],
    });
    expect(props).toEqual([
      ["omrl:license:status", 'NOASSERTION: "other (my-licence)" is not an SPDX licence'],
      ["omrl:unverifiable", "gated: needs access"],
      ["omrl:unverifiable", "artifact-mismatch: m.safetensors differs"],
      ["omrl:artifact:digest-unavailable", "m.safetensors"],
    ]);
  });
});

describe("cardFields", () => {
  it("takes task, datasets, languages and library from the front matter, leaving wrong types out", () => {
    const card = parseModelCard("---\nlicense: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\npipeline_tag: text-generation\ndatasets: [acme/corpus, 3]\nlanguage: en\nlibrary_name: transformers\ntags: [a]\n---\n# M\n");
    expect(cardFields(card.frontMatter!)).toEqual({
      task: "text-generation",
      datasets: ["acme/corpus"],
      languages: ["en"],
      libraryName: "transformers",
      tags: ["a"],
      license: "other (omrl-1.0)",
      licenseLink: "LICENSE.md",
    });
  });
});
