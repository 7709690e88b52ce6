// What AWS would refuse, through the built command: the state of every stack × env is written with
// --write-state, then a stack edit plans against it.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isConsidered } from "./plan/state/aws-rules.js";
import { copyStackFiles, planBuilt } from "./testing/stack-copies.js";

interface ChangeDoc {
  stack: string;
  environment: string;
  changes: Array<{ type: string; name: string; op: string; problems: string[] }>;
}

describe("plan: what AWS would refuse", () => {
  let state: string;
  const dirs: string[] = [];
  before(() => {
    state = mkdtempSync(join(tmpdir(), "rules-state-"));
    dirs.push(state);
    const run = planBuilt(["--env", "all", "--stack", "all", "--format", "json", "--write-state", state]);
    assert.equal(run.code, 0, run.stderr);
  });
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("considers every resource type the stacks emit (a rule, or NO_RULE with why)", () => {
    const types = new Set<string>();
    for (const file of readdirSync(state)) {
      const doc = JSON.parse(readFileSync(join(state, file), "utf8")) as {
        deployment: { resources: Array<{ type: string }> };
      };
      for (const r of doc.deployment.resources) types.add(r.type);
    }
    assert.ok(types.size > 20, `${types.size} types`);
    assert.deepEqual(
      [...types].filter((t) => !isConsidered(t)),
      [],
      "types neither a rule nor NO_RULE covers",
    );
  });

  it("refuses switching the account roles from create to adopt (the roles would be deleted), exit 1", () => {
    const stacks = copyStackFiles("rules-stacks-");
    dirs.push(stacks);
    const file = join(stacks, "foundation", "Pulumi.dev.yaml");
    const text = readFileSync(file, "utf8");
    assert.ok(text.includes("dms-platform-foundation:accountRoles: create"));
    writeFileSync(file, text.replace("accountRoles: create", "accountRoles: adopt"));
    const args = ["--env", "dev", "--stack", "foundation", "--format", "json", "--state", state];
    const run = planBuilt([...args, "--stacks-dir", stacks]);
    assert.equal(run.code, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as ChangeDoc;
    const problems = doc?.changes.flatMap((c) => c.problems).filter((p) => p.endsWith("[account-roles-deleted]"));
    assert.equal(problems?.length, 2, JSON.stringify(problems));
    assert.match(problems?.[0] ?? "", /\(dms-(vpc|cloudwatch-logs)-role\) would be deleted/);
    // The repository's own stack files against the same state: nothing fires.
    const same = planBuilt(args);
    assert.equal(same.code, 0, same.stderr);
  });
});
