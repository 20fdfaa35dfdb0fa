import { describe, expect, it } from "vitest";
import hubList from "./hub-license-ids.json" with { type: "json" };
import { runOmrl } from "../helpers/cli.js";

// Spawns the built CLI: run `npm run build` first (`npm test` does).
describe("omrl licenses", () => {
  it("lists every licence as a table", async () => {
    const { code, stdout, stderr } = await runOmrl(["licenses"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^HUB ID\s+SPDX\s+COMMERCIAL\s+DERIVATIVES\s+SHARE-ALIKE\s+FLOW-DOWN\s+CATEGORY$/);
    for (const id of hubList.ids) expect(stdout, id).toMatch(new RegExp(`^${id.replace(/[.+]/g, "\\$&")}\\s`, "m"));
    expect(stdout).toMatch(/^cc-by-nc-4\.0\s+CC-BY-NC-4\.0\s+forbidden\s/m);
    expect(lines.at(-1)).toBe("85 licences");
  });

  it("prints one licence, case-insensitive, by Hub id or SPDX id", async () => {
    const { code, stdout } = await runOmrl(["licenses", "LLAMA3.1"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Hub id:\s+llama3\.1$/m);
    expect(stdout).toMatch(/^SPDX:\s+LicenseRef-Llama-3\.1-Community$/m);
    expect(stdout).toMatch(/^ {2}display:\s+Built with Llama$/m);
    expect(stdout).toMatch(/^Naming:\s+prefix "Llama"/m);
    expect(stdout).toMatch(/^User threshold:\s+700000000 monthly active users/m);
    const bySpdx = await runOmrl(["licenses", "LicenseRef-OMRL-1.0"]);
    expect(bySpdx.code).toBe(0);
    expect(bySpdx.stdout).toMatch(/^Model card:\s+license: other, license_name: omrl-1\.0$/m);
  });

  it("--format json: the whole knowledge base, or one entry", async () => {
    const all = await runOmrl(["licenses", "--format", "json"]);
    expect(all.code).toBe(0);
    const entries = JSON.parse(all.stdout) as { hubId: string }[];
    expect(entries).toHaveLength(85);
    expect(entries.map((e) => e.hubId)).toEqual(expect.arrayContaining(hubList.ids));
    const one = await runOmrl(["licenses", "gemma", "--format", "json"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({
      hubId: "gemma",
      useRestrictions: { flowDown: true, source: "Gemma Prohibited Use Policy" },
    });
  });

  it("exits 2 with a one-line reason for an unknown id or a bad flag", async () => {
    const unknown = await runOmrl(["licenses", "no-such-licence"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toBe('omrl: unknown licence id "no-such-licence"\n');
    const badFormat = await runOmrl(["licenses", "--format", "xml"]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/xml/);
  });
});
