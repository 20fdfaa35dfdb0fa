import { commitSha, modelCard, type FixtureRepo } from "../helpers/hub-server/index.js";

/** `n` small model repos (`{org}/model-0000`…): a card with an Apache-2.0 licence and a config, no weights. */
export function smallRepos(n: number, org = "fleet"): FixtureRepo[] {
  return Array.from({ length: n }, (_, i) => {
    const id = `${org}/model-${String(i).padStart(4, "0")}`;
    return {
      id,
      commits: [
        {
          sha: commitSha(id),
          refs: ["main"],
          files: [
            { path: "README.md", content: modelCard("license: apache-2.0", `# ${id}\n`) },
            { path: "config.json", content: '{"model_type":"llama"}' },
          ],
        },
      ],
    };
  });
}
