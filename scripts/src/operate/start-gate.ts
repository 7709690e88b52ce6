import type { ReplicationTask, ReplicationTaskAssessmentRun } from "@aws-sdk/client-database-migration-service";
import { RUN_PASSING, TASK_DIGEST_TAG, taskDigest } from "./assess.js";
import type { AssessAws } from "./assess-aws.js";
import type { OperatedMigration } from "./migration.js";

/**
 * `dms-platform start-migration`: start a migration's tasks only after a passing premigration
 * assessment run of what each task is now. DescribeReplicationTasks gives no modification date
 * (ReplicationTask has ReplicationTaskCreationDate and ReplicationTaskStartDate only, SDK 3.1124),
 * so "newer than the task's last change" is decided by content: `assess` tags each run with a
 * digest of the task's table mappings and settings (TASK_DIGEST_TAG), and the newest run carrying
 * the task's current digest, created after the task, must have passed. A replaced task has a new
 * ARN, so no run of the old one counts.
 */

export interface StartDecision {
  name: string;
  identifier: string;
  /** start: started now; running or ran-before: left as it is; refused: the gate (or the task's state) says no. */
  outcome: "start" | "running" | "ran-before" | "refused";
  reason: string;
  run?: { name: string; status: string; createdAt?: string };
}

/** Decide one task from its description and its assessment runs with their tags. Pure. */
export function decideStart(
  task: ReplicationTask | undefined,
  runs: ReadonlyArray<{ run: ReplicationTaskAssessmentRun; tags: Record<string, string> }>,
  identity: { name: string; identifier: string },
): StartDecision {
  const refuse = (reason: string, run?: StartDecision["run"]): StartDecision => ({
    ...identity,
    outcome: "refused",
    reason,
    ...(run ? { run } : {}),
  });
  if (!task?.ReplicationTaskArn) return refuse("not found in AWS: deploy the replication stack first");
  if (task.Status === "running" || task.Status === "starting") {
    return { ...identity, outcome: "running", reason: `already ${task.Status}` };
  }
  if (task.Status !== "ready" && task.Status !== "stopped") {
    return refuse(`is ${task.Status}: start it once it is ready`);
  }
  if (task.Status === "stopped" && task.ReplicationTaskStartDate) {
    return {
      ...identity,
      outcome: "ran-before",
      reason:
        "left stopped: it ran before, and start-migration makes first starts only; resume it (aws dms start-replication-task --start-replication-task-type resume-processing) or reload it deliberately",
    };
  }
  const digest = taskDigest(task);
  const created = task.ReplicationTaskCreationDate ? new Date(task.ReplicationTaskCreationDate).getTime() : 0;
  const current = runs
    .filter((r) => r.tags[TASK_DIGEST_TAG] === digest)
    .filter((r) => new Date(r.run.ReplicationTaskAssessmentRunCreationDate ?? 0).getTime() >= created)
    .sort(
      (a, b) =>
        new Date(b.run.ReplicationTaskAssessmentRunCreationDate ?? 0).getTime() -
        new Date(a.run.ReplicationTaskAssessmentRunCreationDate ?? 0).getTime(),
    )[0];
  if (!current) {
    return refuse(
      runs.length === 0
        ? "has no premigration assessment run: run `npm run assess` first"
        : "has no assessment run of its current table mappings and settings (it changed since the last run): run `npm run assess` again",
    );
  }
  const run = {
    name: current.run.AssessmentRunName ?? "",
    status: current.run.Status ?? "unknown",
    ...(current.run.ReplicationTaskAssessmentRunCreationDate
      ? { createdAt: new Date(current.run.ReplicationTaskAssessmentRunCreationDate).toISOString() }
      : {}),
  };
  if (!RUN_PASSING.has(run.status)) {
    return refuse(
      `its newest assessment run ${run.name} is ${run.status}: fix what it found (docs/runbook.md, "Premigration assessments") and run \`npm run assess\` again`,
      run,
    );
  }
  return { ...identity, outcome: "start", reason: `assessment run ${run.name} ${run.status}`, run };
}

/** Decide every task of a migration, and start the ones the gate lets through (unless dryRun). */
export async function startMigration(
  aws: AssessAws,
  migration: OperatedMigration,
  options: { dryRun: boolean },
): Promise<{ migration: string; environment: string; file: string; decisions: StartDecision[]; ok: boolean }> {
  const found = await aws.describeTasks(migration.tasks.map((t) => t.identifier));
  const decisions: StartDecision[] = [];
  for (const t of migration.tasks) {
    const task = found.find((x) => x.ReplicationTaskIdentifier === t.identifier);
    const runs = task?.ReplicationTaskArn
      ? await aws.describeAssessmentRuns({ name: "replication-task-arn", values: [task.ReplicationTaskArn] })
      : [];
    const tagged = [];
    for (const run of runs) {
      tagged.push({
        run,
        tags: run.ReplicationTaskAssessmentRunArn ? await aws.tags(run.ReplicationTaskAssessmentRunArn) : {},
      });
    }
    decisions.push(decideStart(task, tagged, { name: t.name, identifier: t.identifier }));
  }
  // All or nothing: a migration's tasks start together, or none does.
  const ok = decisions.every((d) => d.outcome !== "refused");
  if (ok && !options.dryRun) {
    for (const d of decisions) {
      const arn = found.find((x) => x.ReplicationTaskIdentifier === d.identifier)?.ReplicationTaskArn;
      if (d.outcome === "start" && arn) await aws.startTask(arn);
    }
  }
  return { migration: migration.name, environment: migration.environment, file: migration.file, decisions, ok };
}
