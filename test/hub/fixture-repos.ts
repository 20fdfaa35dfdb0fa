import { commitSha, ggufHeader, modelCard, sparseSafetensors, type FixtureRepo } from "../helpers/hub-server/index.js";

export const GB = 1_000_000_000;

export const SHA = {
  llmV1: commitSha("acme/llm v1"),
  llmV2: commitSha("acme/llm v2"),
  llmPr: commitSha("acme/llm pr1"),
  gated: commitSha("acme/gated"),
  priv: commitSha("acme/private"),
  base: commitSha("acme/base"),
  mid: commitSha("acme/mid"),
  leaf: commitSha("acme/leaf"),
  quant: commitSha("acme/quant"),
  cycleA: commitSha("acme/cycle-a"),
  cycleB: commitSha("acme/cycle-b"),
};

export const OMRL_JSON = JSON.stringify({ omrl: "1.0", model: { name: "llm", repo: "acme/llm" } }, null, 2);

/** `acme/llm`: two commits (v1 tagged, v2 on main), a PR ref, sparse 2.5 GB weights, small text files. */
export const llmRepo: FixtureRepo = {
  id: "acme/llm",
  commits: [
    {
      sha: SHA.llmV2,
      refs: ["main"],
      files: [
        { path: "README.md", content: modelCard("license: other\nlicense_name: omrl-1.0\nlicense_link: LICENSE.md\nbase_model: acme/base") },
        { path: "omrl.json", content: OMRL_JSON },
        { path: "LICENSE.md", content: "OMRL 1.0\n" },
        { path: "config.json", content: '{"model_type":"llama"}' },
        { path: "model.safetensors.index.json", content: '{"metadata":{"total_size":5000000000},"weight_map":{}}' },
        sparseSafetensors("model-00001-of-00002.safetensors", 2.5 * GB, { omrl_terms_core_hash: "0xabc" }),
        sparseSafetensors("model-00002-of-00002.safetensors", 2.5 * GB),
        { path: "tokenizer/tokenizer.json", content: '{"version":"1.0"}' },
      ],
    },
    { sha: SHA.llmV1, refs: ["v1.0"], files: [{ path: "README.md", content: modelCard("license: apache-2.0") }] },
    { sha: SHA.llmPr, refs: ["refs/pr/1"], files: [{ path: "README.md", content: modelCard("license: mit") }] },
  ],
};

export const gatedRepo: FixtureRepo = {
  id: "acme/gated",
  gated: "manual",
  grantedTokens: ["hf_granted"],
  commits: [{ sha: SHA.gated, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: llama3.1") }, sparseSafetensors("model.safetensors", 1 * GB)] }],
};

export const privateRepo: FixtureRepo = {
  id: "acme/private",
  private: true,
  grantedTokens: ["hf_granted"],
  commits: [{ sha: SHA.priv, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: mit") }] }],
};

/** base ← mid (finetune) ← leaf (adapter, inferred) ; quant (GGUF, base via GGUF metadata only) ; a ⇄ b cycle. */
export const lineageRepos: FixtureRepo[] = [
  {
    id: "acme/base",
    commits: [{ sha: SHA.base, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: apache-2.0") }] }],
  },
  {
    id: "acme/mid",
    commits: [
      {
        sha: SHA.mid,
        refs: ["main"],
        files: [{ path: "README.md", content: modelCard("license: other\nlicense_name: omrl-1.0\nbase_model:\n  - acme/base") }, sparseSafetensors("model.safetensors", 3 * GB)],
      },
    ],
  },
  {
    id: "acme/leaf",
    commits: [
      {
        sha: SHA.leaf,
        refs: ["main"],
        files: [
          { path: "README.md", content: modelCard("license: other\nlicense_name: omrl-1.0\nbase_model: acme/mid") },
          { path: "adapter_config.json", content: '{"peft_type":"LORA"}' },
          { path: "adapter_model.safetensors", content: new Uint8Array(16) },
        ],
      },
    ],
  },
  {
    id: "acme/quant",
    commits: [
      {
        sha: SHA.quant,
        refs: ["main"],
        files: [
          { path: "README.md", content: "# A quantized model with no front matter\n" },
          {
            path: "quant-Q4_K_M.gguf",
            head: ggufHeader({
              "general.architecture": "llama",
              "general.base_model.count": 1,
              "general.base_model.0.name": "Leaf",
              "general.base_model.0.repo_url": "https://huggingface.co/acme/leaf",
            }),
            size: 4 * GB,
            lfs: true,
          },
        ],
      },
    ],
  },
  {
    id: "acme/cycle-a",
    commits: [{ sha: SHA.cycleA, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: mit\nbase_model: acme/cycle-b") }] }],
  },
  {
    id: "acme/cycle-b",
    commits: [{ sha: SHA.cycleB, refs: ["main"], files: [{ path: "README.md", content: modelCard("license: mit\nbase_model: acme/cycle-a") }] }],
  },
  {
    id: "acme/merge",
    commits: [
      {
        sha: commitSha("acme/merge"),
        refs: ["main"],
        files: [{ path: "README.md", content: modelCard("license: other\nbase_model:\n  - acme/base\n  - acme/gated\n  - acme/nope") }],
      },
    ],
  },
];

/** A chain c0 ← c1 ← … ← c11 for depth limits. */
export const chainRepos: FixtureRepo[] = Array.from({ length: 12 }, (_, i) => ({
  id: `chain/c${i}`,
  commits: [{ sha: commitSha(`chain/c${i}`), refs: ["main"], files: [{ path: "README.md", content: modelCard(`license: mit${i > 0 ? `\nbase_model: chain/c${i - 1}` : ""}`) }] }],
}));

export const allRepos: FixtureRepo[] = [llmRepo, gatedRepo, privateRepo, ...lineageRepos, ...chainRepos];
