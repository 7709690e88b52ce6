import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import { parse } from "yaml";

/** The repository root (this file runs from scripts/dist). */
const ROOT = join(__dirname, "..", "..");
const read = (...path: string[]) => readFileSync(join(ROOT, ...path), "utf8");

interface PackageJson {
  name?: string;
  engines?: { node?: string };
  workspaces?: string[];
  devDependencies?: Record<string, string>;
}
interface LockEntry {
  engines?: { node?: string } | string[];
  dev?: boolean;
  optional?: boolean;
}

const root = JSON.parse(read("package.json")) as PackageJson;
const declared = root.engines?.node ?? "";
/** Every workspace's package.json, by its directory. */
const workspaces = (root.workspaces ?? [])
  .flatMap((pattern) =>
    pattern.endsWith("/*")
      ? readdirSync(join(ROOT, pattern.slice(0, -2))).map((d) => `${pattern.slice(0, -2)}/${d}`)
      : [pattern],
  )
  .filter((dir) => existsSync(join(ROOT, dir, "package.json")));
/** The exact Node version .ci/run puts first on PATH (tools/ci-node.sh). */
const ciNode = /^CI_NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(read("tools", "ci-node.sh"))?.[1] ?? "";
const lock = JSON.parse(read("package-lock.json")) as { packages: Record<string, LockEntry> };

describe("Node engines", () => {
  it("the root declares a Node range, and every workspace declares the same", () => {
    assert.ok(semver.validRange(declared), `package.json: engines.node is not a semver range (got "${declared}")`);
    assert.ok(workspaces.length >= 10, `found ${workspaces.length} workspaces`);
    for (const dir of workspaces) {
      const pkg = JSON.parse(read(dir, "package.json")) as PackageJson;
      assert.equal(pkg.engines?.node, declared, `${dir}/package.json: engines.node must be "${declared}"`);
    }
  });

  it("the lowest Node the range admits satisfies every installed package's engines (no EBADENGINE)", () => {
    const lowest = semver.minVersion(declared)?.version ?? "";
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (path === "" || node === undefined) continue;
      if (!semver.satisfies(lowest, node)) refused.push(`${path} requires node ${node}`);
    }
    assert.deepEqual(refused, [], `engines.node "${declared}" admits node ${lowest}, which these refuse`);
  });

  it("the range is no wider than what @pulumi/pulumi requires", () => {
    const pulumi = lock.packages["node_modules/@pulumi/pulumi"]?.engines;
    const node = Array.isArray(pulumi) ? undefined : pulumi?.node;
    assert.ok(node, "the lockfile records @pulumi/pulumi's engines.node");
    assert.ok(semver.subset(declared, node), `"${declared}" admits a Node @pulumi/pulumi refuses ("${node}")`);
  });

  it("CI runs a Node the range admits, and @types/node describes that major", () => {
    assert.ok(
      semver.satisfies(ciNode, declared),
      `tools/ci-node.sh: CI_NODE_VERSION ${ciNode} is outside "${declared}"`,
    );
    const types = root.devDependencies?.["@types/node"] ?? "";
    assert.equal(
      semver.minVersion(types)?.major,
      semver.major(ciNode),
      `@types/node "${types}" is not Node ${semver.major(ciNode)}'s`,
    );
  });

  it("every workflow's setup-node runs CI's Node major", () => {
    const dir = join(ROOT, ".github", "workflows");
    const versions: string[] = [];
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const wf = parse(readFileSync(join(dir, file), "utf8")) as {
        jobs: Record<string, { steps?: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
      };
      for (const [job, { steps = [] }] of Object.entries(wf.jobs)) {
        for (const step of steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
          const v = String(step.with?.["node-version"]);
          versions.push(v);
          assert.equal(v, String(semver.major(ciNode)), `${file}: jobs.${job} setup-node node-version`);
        }
      }
    }
    assert.ok(versions.length > 0, "no workflow sets up Node");
  });
});
