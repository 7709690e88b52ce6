// A temporary stacks directory whose replication stack (dev) declares N tasks, for measuring how
// plan cost grows with the work: the repo's Pulumi.yaml and Pulumi.dev.yaml files, with
// `dms-platform-replication:migration.tasks` rewritten to task-1..task-N, each selecting one
// table `dmslab.t<i>` (full load + CDC, as the reference lab's task).
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";

const TASKS_PATH = ["config", "dms-platform-replication:migration", "tasks"];

/** The task definitions: one selection rule each. */
export function syntheticTasks(count) {
  const tasks = [];
  for (let i = 1; i <= count; i++) {
    tasks.push({
      name: `task-${i}`,
      migrationType: "full-load-and-cdc",
      tableMappings: {
        rules: [
          {
            "rule-type": "selection",
            "rule-id": "1",
            "rule-name": "1",
            "object-locator": { "schema-name": "dmslab", "table-name": `t${i}` },
            "rule-action": "include",
          },
        ],
      },
    });
  }
  return tasks;
}

/**
 * Copy `<repoStacks>/{foundation,replication}/{Pulumi.yaml,Pulumi.dev.yaml}` into a new temp
 * directory and give the replication stack `count` tasks. Returns the directory.
 */
export function writeSyntheticStacks(repoStacks, count) {
  const dir = mkdtempSync(join(tmpdir(), `dms-bench-stacks-${count}-`));
  for (const stack of ["foundation", "replication"]) {
    mkdirSync(join(dir, stack));
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) {
      copyFileSync(join(repoStacks, stack, file), join(dir, stack, file));
    }
  }
  const file = join(dir, "replication", "Pulumi.dev.yaml");
  const doc = YAML.parseDocument(readFileSync(file, "utf8"));
  if (!doc.hasIn(TASKS_PATH)) throw new Error(`${file}: no ${TASKS_PATH.slice(1).join(".")} to rewrite`);
  doc.setIn(TASKS_PATH, doc.createNode(syntheticTasks(count)));
  writeFileSync(file, doc.toString());
  return dir;
}

/**
 * The DMS quota per account as stacks: dev's primary migration and `migrations - 1` named ones
 * (`Pulumi.a<i>-dev.yaml`, the primary's file with application `a<i>`, as `new-migration` writes
 * a copy), each with `tasksEach` tasks on its own replication instance. Returns the directory.
 */
export function writeSyntheticAccount(repoStacks, migrations, tasksEach) {
  const dir = writeSyntheticStacks(repoStacks, tasksEach);
  const primary = readFileSync(join(dir, "replication", "Pulumi.dev.yaml"), "utf8");
  for (let i = 1; i < migrations; i++) {
    const doc = YAML.parseDocument(primary);
    doc.setIn(["config", "dms-platform-replication:application"], `a${i}`);
    doc.setIn(["config", "aws:defaultTags", "tags", "Application"], `a${i}`);
    writeFileSync(join(dir, "replication", `Pulumi.a${i}-dev.yaml`), doc.toString());
  }
  return dir;
}
