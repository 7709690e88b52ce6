// The fleet's DMS quotas through the built command: a migration over the tasks-per-instance quota
// is refused (exit 1), and the raised quota a foundation declares lets it plan.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { copyStackFiles, planBuilt } from "./testing/stack-copies.js";

/** Give dev's replication stack `count` tasks, one table each (as bench/lib/synthetic-stacks.mjs). */
function withTasks(stacks: string, count: number): void {
  const file = join(stacks, "replication", "Pulumi.dev.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  const path = ["config", "dms-platform-replication:migration", "tasks"];
  assert.ok(doc.hasIn(path), `${file}: migration.tasks`);
  const tasks = Array.from({ length: count }, (_, i) => ({
    name: `task-${i + 1}`,
    migrationType: "full-load-and-cdc",
    tableMappings: {
      rules: [
        {
          "rule-type": "selection",
          "rule-id": "1",
          "rule-name": "1",
          "object-locator": { "schema-name": "dmslab", "table-name": `t${i + 1}` },
          "rule-action": "include",
        },
      ],
    },
  }));
  doc.setIn(path, doc.createNode(tasks));
  writeFileSync(file, doc.toString());
}

describe("plan: DMS quotas across the fleet", () => {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("refuses 201 tasks on one replication instance (exit 1), and plans them once the quota is raised", () => {
    const stacks = copyStackFiles("quota-stacks-");
    dirs.push(stacks);
    withTasks(stacks, 201);
    const args = ["--env", "dev", "--stack", "replication", "--migration", "dmslab", "--stacks-dir", stacks];
    const over = planBuilt(args);
    assert.equal(over.code, 1, over.stderr);
    assert.match(over.stdout, /DMS quotas \(1 over\): `pulumi up` would fail/);
    assert.match(
      over.stdout,
      /✗ account 111122223333, eu-west-1, replication instance \S+: 201 counted against "Tasks per replication instance" \(tasksPerInstance\) is 200 \(the default, DMS User Guide, Quotas\), from replication \(dev\) 201/,
    );
    const foundation = join(stacks, "foundation", "Pulumi.dev.yaml");
    writeFileSync(
      foundation,
      `${readFileSync(foundation, "utf8")}  dms-platform-foundation:quotas:\n    tasksPerInstance: 250\n`,
    );
    const raised = planBuilt(args);
    assert.equal(raised.code, 0, raised.stderr);
    // 201 of 250 is still above 80 %: a warning, not a problem.
    assert.match(
      raised.stdout,
      /DMS quotas \(per account and region, DMS User Guide, Quotas\):\n {4}! account 111122223333/,
    );
    assert.match(raised.stdout, /is 250 \(raised: dms-platform-foundation:quotas\)/);
  });

  it("refuses an unknown quota name or one below the default in the foundation's file (exit 2)", () => {
    const stacks = copyStackFiles("quota-keys-");
    dirs.push(stacks);
    const foundation = join(stacks, "foundation", "Pulumi.dev.yaml");
    const text = readFileSync(foundation, "utf8");
    writeFileSync(foundation, `${text}  dms-platform-foundation:quotas:\n    taks: 700\n`);
    const args = ["--env", "dev", "--stack", "foundation", "--stacks-dir", stacks];
    const unknown = planBuilt(args);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Pulumi\.dev\.yaml: dms-platform-foundation:quotas: unknown key "taks"/);
    writeFileSync(foundation, `${text}  dms-platform-foundation:quotas:\n    tasks: 500\n`);
    const below = planBuilt(args);
    assert.equal(below.code, 2);
    assert.match(below.stderr, /dms-platform-foundation:quotas\.tasks: a raised quota is at least the default \(600/);
  });
});
