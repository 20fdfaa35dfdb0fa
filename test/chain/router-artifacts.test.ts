import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { omrlRouterAbi, omrlRouterBytecode } from "../../src/payments/router/index.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "omrl-contracts-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe("committed contract artifacts", () => {
  it("are byte-identical to a fresh compile with the pinned solc and settings", () => {
    const result = spawnSync(process.execPath, [join(root, "scripts/compile-contracts.mjs"), "--out", out], {
      encoding: "utf8",
    });
    expect(result.stderr).toBe(""); // no compiler warnings either
    expect(result.status).toBe(0);
    const produced = listFiles(out).sort();
    expect(produced).toEqual([
      "contracts/artifacts/FeeOnTransferToken.json",
      "contracts/artifacts/NoReturnToken.json",
      "contracts/artifacts/OMRLRouter.json",
      "contracts/artifacts/ReentrantToken.json",
      "contracts/artifacts/TestToken.json",
      "src/payments/router/abi.ts",
    ]);
    // No stale artifact of a removed contract is left in the repository either.
    expect(listFiles(join(root, "contracts/artifacts")).map((f) => `contracts/artifacts/${f}`).sort()).toEqual(
      produced.filter((f) => f.startsWith("contracts/artifacts/")),
    );
    for (const file of produced) {
      expect(readFileSync(join(root, file), "utf8"), `${file} is stale: run npm run compile:contracts`).toBe(
        readFileSync(join(out, file), "utf8"),
      );
    }
  });

  it("record the compiler, and the typed ABI module matches the JSON artifact", () => {
    const artifact = JSON.parse(readFileSync(join(root, "contracts/artifacts/OMRLRouter.json"), "utf8")) as {
      abi: unknown;
      bytecode: string;
      solcVersion: string;
      settingsHash: string;
    };
    const solcPackage = createRequire(import.meta.url)("solc/package.json") as { version: string };
    expect(artifact.solcVersion.startsWith(`${solcPackage.version}+commit.`)).toBe(true);
    expect(artifact.settingsHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(artifact.abi).toEqual(omrlRouterAbi);
    expect(artifact.bytecode).toBe(omrlRouterBytecode);
    const names = omrlRouterAbi.filter((item) => item.type === "event").map((item) => item.name).sort();
    expect(names).toEqual([
      "ArtifactFirstRegistered",
      "ArtifactReRegistered",
      "PayeePaid",
      "RevenuePaid",
      "TermsRegistered",
      "TermsUpdated",
    ]);
  });
});
