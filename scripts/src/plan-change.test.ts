// Plans against deployed state, through the built command as a user runs it: the state of the
// repository's six stack × env is written with --write-state, then each scenario edits a copy of
// the stack files (or, for --base, commits the edit in a temporary clone of the repo: a test never
// writes into the developer's repository, not even an object).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linkDependencies } from "./plan/state/base.js";
import { realisticExports } from "./testing/real-export.js";
import { copyStackFiles, planBuilt, shareTurboCache } from "./testing/stack-copies.js";

const repoRoot = join(__dirname, "..", "..");

interface ChangeDoc {
  stack: string;
  environment: string;
  summary: Record<string, number>;
  changes: Array<{
    urn: string;
    type: string;
    name: string;
    op: string;
    diff: string[];
    replaceKeys: string[];
    deleteBeforeReplace: boolean;
    impact: string[];
    impactText: string[];
    problems: string[];
  }>;
}

const UNKNOWN_SHOWN = "[unknown]";

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(file, text.replace(from, to));
}

const SELECTION = `              rule-action: include
        settings:`;
const orderRule = (indent: string) =>
  [
    "- rule-type: selection",
    '  rule-id: "2"',
    '  rule-name: "2"',
    "  object-locator:",
    "    schema-name: dmslab",
    "    table-name: orders",
    "  rule-action: include",
  ]
    .map((l) => `${indent}${l}`)
    .join("\n");

const byName = (doc: ChangeDoc, name: string) => doc.changes.find((c) => c.name === name);
const notSame = (doc: ChangeDoc) => doc.changes.filter((c) => c.op !== "same");

describe("plan against deployed state", () => {
  let state: string;
  const dirs: string[] = [];
  before(() => {
    state = mkdtempSync(join(tmpdir(), "state-"));
    dirs.push(state);
    const run = planBuilt(["--env", "all", "--stack", "all", "--format", "json", "--write-state", state]);
    assert.equal(run.code, 0, run.stderr);
  });
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const stacks = () => {
    const d = copyStackFiles("stacks-");
    dirs.push(d);
    return d;
  };
  // The replication scenarios plan the environment's primary migration (dmslab) alone.
  const against = (stacksDir: string, env: string, stack: string, format = "json") =>
    planBuilt([
      "--env",
      env,
      "--stack",
      stack,
      ...(stack === "replication" ? ["--migration", "dmslab"] : []),
      "--format",
      format,
      "--state",
      state,
      "--stacks-dir",
      stacksDir,
    ]);

  it("round-trips --write-state through --state with every resource the same, exit 0", () => {
    const files = readdirSync(state).sort();
    for (const stack of ["foundation", "replication"]) {
      for (const env of ["dev", "test", "prod"])
        assert.ok(files.includes(`${stack}.${env}.state.json`), `${stack} ${env}`);
    }
    // Named migrations' stacks too, as replication-<name>.<env>.state.json.
    for (const f of files) assert.match(f, /^(foundation|replication(-[a-z0-9-]+)?)\.(dev|test|prod)\.state\.json$/);
    const doc = JSON.parse(readFileSync(join(state, "replication.prod.state.json"), "utf8"));
    assert.equal(doc.version, 3);
    const run = planBuilt(["--env", "all", "--stack", "all", "--format", "json", "--state", state]);
    assert.equal(run.code, 0, run.stderr);
    const docs = JSON.parse(run.stdout) as ChangeDoc[];
    assert.equal(docs.length, files.length, "one plan per state file");
    for (const d of docs) {
      assert.deepEqual(notSame(d), [], `${d.stack} ${d.environment}`);
      assert.equal(d.summary.same, d.changes.length);
    }
  });

  it("plans the unchanged tree against exports shaped like a real `pulumi up`'s as all the same, exit 0", () => {
    const real = mkdtempSync(join(tmpdir(), "real-state-"));
    dirs.push(real);
    const files = realisticExports(state, real);
    const text = readFileSync(join(real, "foundation.dev.state.json"), "utf8");
    assert.match(text, /"tagsAll"/);
    assert.match(text, /"__defaults"/);
    assert.match(text, /"ciphertext": "v1:/);
    assert.doesNotMatch(text, /offline:unknown/);
    const run = planBuilt([
      "--env",
      "all",
      "--stack",
      "all",
      "--migration",
      "all",
      "--format",
      "json",
      "--state",
      real,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const docs = JSON.parse(run.stdout) as ChangeDoc[];
    assert.equal(docs.length, files.length, "one plan per export");
    for (const d of docs)
      assert.deepEqual(
        notSame(d).map((c) => `${c.op} ${c.name} ${c.diff.join(",")}`),
        [],
        `${d.stack} ${d.environment}`,
      );
  });

  it("cascades a new VPC through the StackReference into the replication stack as the engine would", () => {
    const dir = stacks();
    edit(join(dir, "foundation", "Pulumi.dev.yaml"), "vpcCidr: 10.20.0.0/16", "vpcCidr: 10.30.0.0/16");
    const run = planBuilt([
      "--env",
      "dev",
      "--stack",
      "all",
      "--migration",
      "dmslab",
      "--format",
      "json",
      "--state",
      state,
      "--stacks-dir",
      dir,
    ]);
    // RDS refuses moving the target's DB subnet group onto the new VPC's subnets (aws-rules.ts).
    assert.equal(run.code, 1, run.stderr);
    const [foundation, replication] = JSON.parse(run.stdout) as ChangeDoc[];
    assert.deepEqual(
      foundation?.changes.flatMap((c) => c.problems.map((p) => `${c.name} ${p.split(" [")[1] ?? p}`)),
      [
        "target-subnets rds-subnet-group-other-vpc]",
        "lab-source-subnets rds-subnet-group-other-vpc]",
        // The claims migration's further target (dms-platform-foundation:targets.claims) is judged too.
        "claims-target-subnets rds-subnet-group-other-vpc]",
      ],
    );
    assert.ok(replication);
    const sg = replication.changes.find((c) => c.type === "aws:ec2/securityGroup:SecurityGroup");
    assert.equal(sg?.op, "replace", "the DMS security group moves to the new VPC");
    assert.deepEqual(sg?.replaceKeys, ["vpcId"]);
    const subnets = replication.changes.find((c) => c.type === "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup");
    assert.equal(subnets?.op, "update");
    assert.deepEqual(subnets?.diff, ["subnetIds"]);
    const task = replication.changes.find((c) => c.type === "aws:dms/replicationTask:ReplicationTask");
    assert.equal(task?.op, "same", "the task reads nothing of the VPC");
  });

  it("replaces a task whose migration type changes, and shows what reads its ARN as unknown", () => {
    const dir = stacks();
    edit(join(dir, "replication", "Pulumi.dev.yaml"), "migrationType: full-load-and-cdc", "migrationType: cdc");
    const run = against(dir, "dev", "replication");
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as ChangeDoc;
    const task = doc.changes.find((c) => c.type === "aws:dms/replicationTask:ReplicationTask");
    assert.equal(task?.op, "replace");
    assert.ok(task?.replaceKeys.includes("migrationType"));
    // Its alarms' dimension and the event rule's pattern come from the new task's ARN: unknown.
    const rule = doc.changes.find((c) => c.type === "aws:cloudwatch/eventRule:EventRule");
    assert.equal(rule?.op, "update");
    assert.deepEqual(rule?.diff, ["eventPattern"]);
    const taskAlarms = doc.changes.filter(
      (c) => c.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && c.diff.includes("dimensions"),
    );
    assert.ok(taskAlarms.length > 0, "the task's alarms follow it");
    const text = against(dir, "dev", "replication", "text").stdout;
    assert.ok(text.includes(UNKNOWN_SHOWN), "the text plan shows the values known only after apply");
  });

  it("updates dev's task with a restart for a new selection rule, replacing nothing", () => {
    const dir = stacks();
    edit(
      join(dir, "replication", "Pulumi.dev.yaml"),
      SELECTION,
      `              rule-action: include\n${orderRule("            ")}\n        settings:`,
    );
    const run = against(dir, "dev", "replication");
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as ChangeDoc;
    const task = doc.changes.find((c) => c.type === "aws:dms/replicationTask:ReplicationTask");
    assert.equal(task?.op, "update");
    assert.deepEqual(task?.diff, ["tableMappings"]);
    assert.deepEqual(task?.impact, ["restart"]);
    assert.match(
      task?.impactText[0] ?? "",
      // dev creates its task stopped (startTasks: false: the lab source starts empty), so it stays stopped.
      /stops task dev-dmslab-customers-dms, applies tableMappings, and leaves it stopped/,
    );
    assert.deepEqual(
      notSame(doc).map((c) => `${c.op} ${c.name}`),
      ["update replication-customers"],
    );
    const text = against(dir, "dev", "replication", "text").stdout;
    assert.match(text, /0 to create, 1 to update, 0 to replace, 0 to delete, \d+ unchanged/);
    assert.match(text, /tableMappings rules\[1\]: \(unset\) → \{"object-locator"/);
  });

  it("creates a second dev task and replaces nothing that would collide, exit 0", () => {
    const dir = stacks();
    const task = [
      "        start: true",
      "      - name: orders",
      "        migrationType: full-load-and-cdc",
      "        tableMappings:",
      "          rules:",
      orderRule("            "),
      "        start: true",
    ].join("\n");
    edit(join(dir, "replication", "Pulumi.dev.yaml"), "        start: true", task);
    const run = against(dir, "dev", "replication");
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as ChangeDoc;
    assert.equal(byName(doc, "replication-orders")?.op, "create");
    for (const c of doc.changes) assert.deepEqual(c.problems, [], c.name);
    assert.deepEqual(
      doc.changes.filter((c) => c.op === "replace" || c.op === "delete").map((c) => c.name),
      [],
      "nothing replaced or deleted",
    );
    assert.equal(byName(doc, "replication-customers")?.op, "same");
  });

  it("replaces the VPC and what hangs on it for a new CIDR, with cidrBlock among the reasons", () => {
    const dir = stacks();
    edit(join(dir, "foundation", "Pulumi.dev.yaml"), "vpcCidr: 10.20.0.0/16", "vpcCidr: 10.30.0.0/16");
    const run = against(dir, "dev", "foundation");
    assert.equal(run.code, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as ChangeDoc;
    const vpc = doc.changes.find((c) => c.type === "aws:ec2/vpc:Vpc");
    assert.equal(vpc?.op, "replace");
    assert.deepEqual(vpc?.replaceKeys, ["cidrBlock"]);
    const subnets = doc.changes.filter((c) => c.type === "aws:ec2/subnet:Subnet");
    assert.ok(subnets.length >= 2);
    for (const s of subnets) {
      assert.equal(s.op, "replace", s.name);
      assert.ok(s.replaceKeys.includes("vpcId") && s.replaceKeys.includes("cidrBlock"), s.name);
    }
    // Security groups move to the new VPC: their fixed names do not collide (unique per VPC).
    for (const sg of doc.changes.filter((c) => c.type === "aws:ec2/securityGroup:SecurityGroup")) {
      assert.equal(sg.op, "replace", sg.name);
      assert.deepEqual(sg.problems, [], sg.name);
    }
    // What `up` would fail on: each database's DB subnet group (target, lab source, the further
    // target claims) is updated in place onto the new VPC's subnets, which RDS refuses
    // (ModifyDBSubnetGroup: InvalidParameterValue).
    const groups = doc.changes.filter((c) => c.type === "aws:rds/subnetGroup:SubnetGroup");
    assert.equal(groups.length, 3);
    for (const group of groups) {
      assert.equal(group.op, "update", group.name);
      assert.match(group.problems[0] ?? "", /subnets of another VPC.*\[rds-subnet-group-other-vpc\]$/, group.name);
    }
    assert.equal(doc.summary.problems, 3);
  });

  it("refuses renaming prod's task: the protected task would be deleted, exit 1 with the problem", () => {
    const dir = stacks();
    edit(join(dir, "replication", "Pulumi.prod.yaml"), "      - name: customers", "      - name: clients");
    const run = against(dir, "prod", "replication");
    assert.equal(run.code, 1, run.stderr);
    const doc = JSON.parse(run.stdout) as ChangeDoc;
    const old = byName(doc, "replication-customers");
    assert.equal(old?.op, "delete");
    assert.match(old?.problems[0] ?? "", /is protected and would be deleted/);
    assert.equal(byName(doc, "replication-clients")?.op, "create");
    const sarif = against(dir, "prod", "replication", "sarif");
    assert.equal(sarif.code, 1);
    const results = JSON.parse(sarif.stdout).runs[0].results as Array<{ ruleId: string; level: string }>;
    assert.ok(results.some((r) => r.ruleId === "plan-change-fails-up" && r.level === "error"));
  });

  it("exits 2 naming the file for a state that is not a checkpoint, or of another stack", () => {
    const dir = mkdtempSync(join(tmpdir(), "bad-state-"));
    dirs.push(dir);
    writeFileSync(join(dir, "replication.dev.state.json"), JSON.stringify({ version: 3, deployment: {} }));
    const bad = planBuilt(["--env", "dev", "--stack", "replication", "--migration", "dmslab", "--state", dir]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /replication\.dev\.state\.json: deployment\.manifest/);
    const other = planBuilt([
      "--env",
      "dev",
      "--stack",
      "replication",
      "--migration",
      "dmslab",
      "--state",
      join(state, "foundation.dev.state.json"),
    ]);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /holds stack dms-platform-foundation\/dev, not dms-platform-replication\/dev/);
  });

  it("plans a committed change with --base, in a temporary git copy of the repository", function () {
    this.timeout(600_000);
    const tmp = mkdtempSync(join(tmpdir(), "repo-"));
    const tree = join(tmp, "tree");
    const git = (args: string[], cwd = tree) => {
      const r = spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], {
        cwd,
        encoding: "utf8",
      });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trim();
    };
    // A clone, not a worktree: a worktree's commits would land in the repository's object store.
    git(["clone", "--quiet", repoRoot, tree], tmp);
    try {
      // The copy must run its own code: the working tree's, uncommitted changes included, with the
      // build `npm test` just made (dist/ is not committed: the base is built from turbo's cache).
      for (const dir of ["packages", "stacks", "policies", "scripts"]) {
        cpSync(join(repoRoot, dir), join(tree, dir), {
          recursive: true,
          filter: (src) => !/\/(node_modules|\.turbo)(\/|$)/.test(src),
        });
      }
      linkDependencies(repoRoot, tree);
      shareTurboCache(tree, repoRoot);
      git(["add", "-A"]);
      git(["commit", "--quiet", "--allow-empty", "-m", "the base"]);
      edit(
        join(tree, "stacks", "replication", "Pulumi.dev.yaml"),
        SELECTION,
        `              rule-action: include\n${orderRule("            ")}\n        settings:`,
      );
      const run = planBuilt(
        ["--env", "dev", "--stack", "replication", "--migration", "dmslab", "--format", "json", "--base", "HEAD"],
        tree,
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stderr, /planned HEAD \([0-9a-f]{12}, dependencies linked\)/);
      const doc = JSON.parse(run.stdout) as ChangeDoc;
      assert.deepEqual(
        notSame(doc).map((c) => `${c.op} ${c.name} ${c.impact.join(",")}`),
        ["update replication-customers restart"],
      );
      assert.ok(!git(["worktree", "list"]).includes("dms-plan-base-"), "the base's worktree is removed");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
