import type { OperatedMigration } from "./migration.js";
import type { MigrationStatus, TaskStatus } from "./status.js";
import { statusVerdict } from "./verdicts.js";

/**
 * `status --expect deployed`: is every task (or Serverless replication) in the state the stack
 * left it in? Run after `pulumi up`, it catches what `up` reports as success although the task is
 * not running: the provider skips restarting a task whose endpoint is still being tested after an
 * endpoint change (terraform-provider-aws issue 46139), and starts a modified Serverless
 * replication before DMS has finished modifying it (issue 35650); the next `up` shows no diff.
 *
 * Verdicts (docs/status.md, "--expect deployed"):
 * - `running`: the stack starts it and it runs;
 * - `full-load-finished`: a full-load task the stack started, stopped because its load is done
 *   (StopReason FULL_LOAD_ONLY_FINISHED, DMS API ReplicationTask / Replication);
 * - `stopped-as-configured`: the stack creates it stopped (`startTasks: false` or the task's
 *   `start: false`) and it is not running, or runs (started by hand);
 * - `not-running`: the stack starts it, yet it is stopped, ready, failed or still changing state;
 * - `broken`: created stopped, yet failed or being deleted;
 * - `missing`: not in this account and region.
 */
export type DeployedVerdict =
  | "running"
  | "full-load-finished"
  | "stopped-as-configured"
  | "not-running"
  | "broken"
  | "missing";

export interface DeployedCheck {
  task: string;
  identifier: string;
  verdict: DeployedVerdict;
  ok: boolean;
  detail: string;
}

export interface DeployedReport {
  migration: string;
  checks: DeployedCheck[];
  ok: boolean;
}

const RECOVERY = 'docs/runbook.md, "A task or replication left stopped"';

function stateText(task: TaskStatus): string {
  const stop = task.stopReason && task.status !== "running" ? ` (${task.stopReason})` : "";
  const failure = task.lastFailureMessage ? `: ${task.lastFailureMessage}` : "";
  return `${task.status ?? "no status"}${stop}${failure}`;
}

/** The verdict of one task against what the stack says (`start`). */
export function deployedVerdict(
  task: TaskStatus,
  start: boolean,
  serverless: boolean,
): Omit<DeployedCheck, "task" | "identifier"> {
  if (!task.found) {
    return {
      verdict: "missing",
      ok: false,
      detail:
        "not in this account and region, although the stack creates it: is this the account the stack deployed to?",
    };
  }
  const verdict = statusVerdict(task.status, serverless);
  if (!start) {
    return verdict === "broken"
      ? { verdict: "broken", ok: false, detail: `${stateText(task)}` }
      : {
          verdict: "stopped-as-configured",
          ok: true,
          detail: `${stateText(task)}: the stack creates it stopped (startTasks: false); start it as docs/runbook.md says`,
        };
  }
  if (task.status === "running") return { verdict: "running", ok: true, detail: "running" };
  if (
    task.migrationType === "full-load" &&
    task.status === "stopped" &&
    (task.stopReason ?? "").includes("FULL_LOAD_ONLY_FINISHED")
  ) {
    return { verdict: "full-load-finished", ok: true, detail: `${stateText(task)}: its full load is done` };
  }
  const why =
    verdict === "transition"
      ? "still changing state after `up` (which waits for running): check again in a few minutes"
      : `the stack starts it, yet it is not running; resume it (${RECOVERY})`;
  return { verdict: "not-running", ok: false, detail: `${stateText(task)}: ${why}` };
}

/** Every task of a migration judged against its stack. */
export function expectDeployed(migration: OperatedMigration, status: MigrationStatus): DeployedReport {
  const serverless = migration.capacity === "serverless";
  const checks = status.tasks.map((task): DeployedCheck => {
    const start = migration.tasks.find((t) => t.name === task.name)?.start ?? true;
    return { task: task.name, identifier: task.identifier, ...deployedVerdict(task, start, serverless) };
  });
  return { migration: migration.name, checks, ok: checks.every((c) => c.ok) };
}

export function formatExpectText(reports: readonly DeployedReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const bad = r.checks.filter((c) => !c.ok);
    lines.push(
      r.ok
        ? `DEPLOYED OK  migration ${r.migration}: ${r.checks.length} task(s) in the state the stack left them`
        : `NOT AS DEPLOYED  migration ${r.migration}: ${bad.length} of ${r.checks.length} task(s) not in the state the stack left them`,
    );
    for (const c of r.checks)
      lines.push(`  ${c.ok ? "ok" : "!"} ${c.task}  ${c.identifier}  ${c.verdict}: ${c.detail}`);
  }
  return `${lines.join("\n")}\n`;
}
