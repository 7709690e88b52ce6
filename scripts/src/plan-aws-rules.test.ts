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
  migration?: string;
  environment: string;
  summary: Record<string, number>;
  changes: Array<{ type: string; name: string; op: string; problems: string[] }>;
  destroy?: { retained: string[]; protected: string[]; deletionProtection: string[]; collisions: string[] };
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
    // dms-vpc-role, dms-cloudwatch-logs-role and (dev has a warehouse) dms-access-for-endpoint.
    assert.equal(problems?.length, 3, JSON.stringify(problems));
    assert.match(problems?.[0] ?? "", /\(dms-(vpc|cloudwatch-logs)-role\) would be deleted/);
    // The repository's own stack files against the same state: nothing fires.
    const same = planBuilt(args);
    assert.equal(same.code, 0, same.stderr);
  });

  it("refuses a DMS engine major upgrade until the stack file allows it (capacity.allowMajorVersionUpgrade)", () => {
    const stacks = copyStackFiles("rules-upgrade-");
    const deployed = mkdtempSync(join(tmpdir(), "rules-upgrade-state-"));
    dirs.push(stacks, deployed);
    const file = join(stacks, "replication", "Pulumi.dev.yaml");
    const text = readFileSync(file, "utf8");
    const capacity = "  dms-platform-replication:capacity:\n    kind: instance\n";
    assert.ok(text.includes(capacity), "dev's replication capacity is an instance");
    const withCapacity = (lines: string) => text.replace(capacity, `${capacity}${lines}`);
    writeFileSync(file, withCapacity('    engineVersion: "3.4.7"\n'));
    const args = ["--env", "dev", "--stack", "replication", "--migration", "dmslab", "--stacks-dir", stacks];
    const written = planBuilt([...args, "--write-state", deployed]);
    assert.equal(written.code, 0, written.stderr);
    writeFileSync(file, withCapacity('    engineVersion: "3.5.4"\n'));
    const refused = planBuilt([...args, "--state", deployed, "--format", "json"]);
    assert.equal(refused.code, 1, refused.stderr);
    const problems = (JSON.parse(refused.stdout) as ChangeDoc).changes.flatMap((c) => c.problems);
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0] ?? "", /engineVersion 3\.4\.7 -> 3\.5\.4 is a major version upgrade/);
    assert.match(
      problems[0] ?? "",
      /upgrade with dms-platform-replication:capacity\.allowMajorVersionUpgrade: true beside it\. \[dms-major-version-upgrade\]$/,
    );
    writeFileSync(file, withCapacity('    engineVersion: "3.5.4"\n    allowMajorVersionUpgrade: true\n'));
    const allowed = planBuilt([...args, "--state", deployed]);
    assert.equal(allowed.code, 0, allowed.stdout);
  });

  it("plans --destroy of every stack × env against its state: all deleted in order, prod's protection named, exit 1", () => {
    const run = planBuilt([
      "--env",
      "all",
      "--stack",
      "all",
      "--migration",
      "all",
      "--destroy",
      "--state",
      state,
      "--format",
      "json",
    ]);
    assert.equal(run.code, 1, run.stderr);
    const docs = JSON.parse(run.stdout) as ChangeDoc[];
    assert.equal(docs.length, readdirSync(state).length, "one plan per state file");
    for (const d of docs) {
      const at = `${d.stack} ${d.migration ?? ""} ${d.environment}`;
      assert.ok(d.destroy, at);
      assert.ok(d.summary.delete ?? 0 > 10, at);
      assert.equal(d.changes.filter((c) => c.op !== "delete").length, 0, at);
    }
    const of = (stack: string, env: string) =>
      docs.find((d) => d.stack === stack && d.environment === env && (d.migration ?? "dmslab") === "dmslab");
    // Dependents first: a task is deleted before the replication instance it runs on.
    const order = of("replication", "prod")?.changes.map((c) => c.type) ?? [];
    assert.ok(
      order.indexOf("aws:dms/replicationTask:ReplicationTask") <
        order.indexOf("aws:dms/replicationInstance:ReplicationInstance"),
    );
    const prodReplication = of("replication", "prod");
    assert.ok(prodReplication?.destroy?.protected.some((r) => r.includes("ReplicationInstance")));
    const prodFoundation = of("foundation", "prod");
    // The further target claims (an Aurora cluster) is protected as the target is.
    assert.deepEqual(prodFoundation?.destroy?.deletionProtection, [
      'aws:rds/instance:Instance "target-instance"',
      'aws:rds/cluster:Cluster "claims-target-cluster"',
    ]);
    const problems = prodFoundation?.changes.flatMap((c) => c.problems) ?? [];
    assert.ok(problems.some((p) => p.endsWith("[rds-deletion-protection]")));
    const roles = problems.filter((p) => p.endsWith("[account-roles-deleted]"));
    // dms-vpc-role, dms-cloudwatch-logs-role, and dms-access-for-endpoint for the warehouse.
    assert.equal(roles.length, 3, roles.join("\n"));
    assert.ok(
      roles.some((r) => r.includes("dms-access-for-endpoint")),
      roles.join("\n"),
    );
    assert.match(roles[0] ?? "", /would be deleted by `pulumi destroy` of this foundation/);
    // The final snapshot is named `<id>-final-<generation>` (a RandomId of the stack): a re-created
    // database gets a new generation, so its next destroy writes another snapshot name.
    assert.ok(
      !prodFoundation?.destroy?.collisions.some((c) => c.includes("DBSnapshotAlreadyExists")),
      JSON.stringify(prodFoundation?.destroy?.collisions),
    );
    // dev protects nothing and keeps no final snapshot; its bucket without forceDestroy still refuses.
    // What a re-create collides with is the retained audit trail alone (trail, bucket, key alias):
    // the secrets' names carry a generation made on create.
    const devFoundation = of("foundation", "dev");
    assert.deepEqual(devFoundation?.destroy?.protected, []);
    assert.deepEqual(
      (devFoundation?.destroy?.collisions ?? []).map((c) => c.split(" is retained")[0]),
      ['cloudtrail/trail "audit-trail"', 'kms/alias "audit-key-alias"', 's3/bucket "audit-bucket"'],
    );
    assert.deepEqual(
      of("replication", "dev")?.changes.flatMap((c) => c.problems),
      [],
    );
    // Text and Markdown name the same.
    const text = planBuilt(["--env", "prod", "--stack", "foundation", "--destroy", "--state", state]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /Deletion protection \(AWS refuses the delete\) \(2\):/);
    assert.match(text.stdout, /`pulumi destroy` would fail/);
    const md = planBuilt([
      "--env",
      "prod",
      "--stack",
      "foundation",
      "--destroy",
      "--state",
      state,
      "--format",
      "markdown",
    ]);
    assert.match(md.stdout, /### ❌ Problems \(`pulumi destroy` would fail\)/);
    assert.match(md.stdout, /deletion protection \(AWS refuses\)/);
  });

  it("refuses --destroy without a state", () => {
    const run = planBuilt(["--env", "dev", "--stack", "foundation", "--destroy"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--destroy: give the state to destroy, with --state or --base/);
  });
});
