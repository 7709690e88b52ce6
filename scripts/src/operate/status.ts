import type {
  ReplicationTask,
  ReplicationTaskStats,
  TableStatistics,
} from "@aws-sdk/client-database-migration-service";
import { INSTANCE_DIMENSION, SERVERLESS_DIMENSION, TASK_DIMENSION, taskResourceId } from "@dms-platform/dms/operate";
import type { LatencySeries, OperateAws } from "./aws.js";
import type { OperatedMigration, OperatedTask } from "./migration.js";

/**
 * What `dms-platform status` reports for every task of a migration, gathered with read-only calls
 * and judged here. Field meanings and values are the DMS API reference's: ReplicationTask.Status and
 * StopReason (API_ReplicationTask), ReplicationTaskStats, TableStatistics.TableState and
 * ValidationState (API_TableStatistics), Replication and ProvisionData (API_Replication).
 */

/** The minutes of CDC latency `status` reads. */
export const STATUS_LATENCY_MINUTES = 15;

export interface TableRow {
  schema: string;
  table: string;
  state: string;
  validationState: string;
  inserts: number;
  updates: number;
  deletes: number;
  fullLoadRows: number;
  validationFailedRecords: number;
  validationSuspendedRecords: number;
  /** "error": the table failed to load or validate; "suspended": records DMS could not validate. */
  trouble?: "error" | "suspended" | "mismatched";
}

export interface LatencySummary {
  /** Largest value over the window, seconds (undefined: no data point). */
  max?: number;
  /** The most recent value, seconds. */
  last?: number;
  points: number;
}

export interface TaskStatus {
  name: string;
  identifier: string;
  migrationType: OperatedTask["migrationType"];
  validationEnabled: boolean;
  /** False when DMS knows no task by that identifier (stack not deployed, or another account/region). */
  found: boolean;
  arn?: string;
  status?: string;
  stopReason?: string;
  lastFailureMessage?: string;
  progress?: {
    percent: number;
    tablesLoaded: number;
    tablesLoading: number;
    tablesQueued: number;
    tablesErrored: number;
    fullLoadFinished: boolean;
  };
  /** Serverless: the provisioning state and the DCUs provisioned. */
  capacity?: { state?: string; units?: number };
  /** Tables, errored, suspended and mismatched first, then by schema and name. */
  tables: TableRow[];
  latency: { source: LatencySummary; target: LatencySummary };
  /** Why the task is unhealthy (empty: healthy). */
  problems: string[];
  /** What deserves attention without making the task unhealthy. */
  warnings: string[];
}

export interface MigrationStatus {
  migration: string;
  stack: string;
  file: string;
  environment: string;
  region: string;
  capacity: "instance" | "serverless";
  checkedAt: string;
  tasks: TaskStatus[];
  healthy: boolean;
}

const n = (v: number | undefined) => v ?? 0;

/** The trouble a table is in, from its load state and its validation state (API_TableStatistics). */
export function tableTrouble(t: TableStatistics): TableRow["trouble"] {
  if (t.TableState === "Table error" || t.ValidationState === "Table error" || t.ValidationState === "Error") {
    return "error";
  }
  if (t.ValidationState === "Suspended records" || n(t.ValidationSuspendedRecords) > 0) return "suspended";
  if (t.ValidationState === "Mismatched records" || n(t.ValidationFailedRecords) > 0) return "mismatched";
  return undefined;
}

const TROUBLE_ORDER = { error: 0, suspended: 1, mismatched: 2 } as const;

export function tableRows(stats: readonly TableStatistics[]): TableRow[] {
  return stats
    .map((t): TableRow => {
      const trouble = tableTrouble(t);
      return {
        schema: t.SchemaName ?? "",
        table: t.TableName ?? "",
        state: t.TableState ?? "",
        validationState: t.ValidationState ?? "",
        inserts: n(t.Inserts),
        updates: n(t.Updates),
        deletes: n(t.Deletes),
        fullLoadRows: n(t.FullLoadRows),
        validationFailedRecords: n(t.ValidationFailedRecords),
        validationSuspendedRecords: n(t.ValidationSuspendedRecords),
        ...(trouble ? { trouble } : {}),
      };
    })
    .sort(
      (a, b) =>
        (a.trouble ? TROUBLE_ORDER[a.trouble] : 3) - (b.trouble ? TROUBLE_ORDER[b.trouble] : 3) ||
        a.schema.localeCompare(b.schema) ||
        a.table.localeCompare(b.table),
    );
}

export function summarizeLatency(series: readonly LatencySeries[], metricName: LatencySeries["metricName"]) {
  const points = series.find((s) => s.metricName === metricName)?.points ?? [];
  if (points.length === 0) return { points: 0 };
  return {
    max: Math.max(...points.map((p) => p.seconds)),
    last: points[points.length - 1]?.seconds,
    points: points.length,
  } satisfies LatencySummary;
}

/** A stop reason that means the task stopped on an error, not by design (API_ReplicationTask StopReason). */
export function isErrorStop(stopReason: string | undefined): boolean {
  return stopReason !== undefined && /ERROR|LOW_MEMORY|LOW_DISK|EXPRESS_LICENSE_LIMITS/.test(stopReason);
}

/** Decide what is wrong with a task from what AWS said. Pure. */
export function judgeTask(task: Omit<TaskStatus, "problems" | "warnings">, cdcLatencySeconds: number) {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!task.found) {
    problems.push(
      `no DMS ${task.capacity ? "replication" : "task"} "${task.identifier}" in this account and region: is the stack deployed?`,
    );
    return { problems, warnings };
  }
  if (task.status === "failed") {
    problems.push(`failed${task.lastFailureMessage ? `: ${task.lastFailureMessage}` : ""}`);
  } else if (task.status === "stopped" && isErrorStop(task.stopReason)) {
    problems.push(
      `stopped with an error (${task.stopReason})${task.lastFailureMessage ? `: ${task.lastFailureMessage}` : ""}`,
    );
  } else if (task.status === "stopped") {
    warnings.push(`stopped (${task.stopReason ?? "no stop reason"})`);
  }
  const errored = task.tables.filter((t) => t.trouble === "error");
  if (errored.length > 0) {
    problems.push(`${errored.length} table(s) in error: ${errored.map((t) => `${t.schema}.${t.table}`).join(", ")}`);
  } else if (n(task.progress?.tablesErrored) > 0) {
    problems.push(`${task.progress?.tablesErrored} table(s) errored during the full load`);
  }
  const suspended = task.tables.filter((t) => t.trouble === "suspended");
  if (suspended.length > 0) {
    warnings.push(
      `${suspended.length} table(s) with suspended validation: ${suspended.map((t) => `${t.schema}.${t.table}`).join(", ")}`,
    );
  }
  const mismatched = task.tables.filter((t) => t.trouble === "mismatched");
  if (mismatched.length > 0) {
    warnings.push(
      `${mismatched.length} table(s) with mismatched records: ${mismatched.map((t) => `${t.schema}.${t.table}`).join(", ")}`,
    );
  }
  for (const [side, l] of [
    ["source", task.latency.source],
    ["target", task.latency.target],
  ] as const) {
    if (l.max !== undefined && l.max > cdcLatencySeconds) {
      warnings.push(
        `CDC ${side} latency reached ${l.max} s in the last ${STATUS_LATENCY_MINUTES} min (alarm above ${cdcLatencySeconds} s)`,
      );
    }
  }
  return { problems, warnings };
}

/** Full-load progress from ReplicationTaskStats (instance) or ReplicationStats (Serverless): the same fields. */
function progressOf(stats: ReplicationTaskStats): NonNullable<TaskStatus["progress"]> {
  return {
    percent: n(stats.FullLoadProgressPercent),
    tablesLoaded: n(stats.TablesLoaded),
    tablesLoading: n(stats.TablesLoading),
    tablesQueued: n(stats.TablesQueued),
    tablesErrored: n(stats.TablesErrored),
    fullLoadFinished: stats.FullLoadFinishDate !== undefined,
  };
}

function fromTask(task: OperatedTask, found: ReplicationTask | undefined) {
  const stats = found?.ReplicationTaskStats;
  return {
    name: task.name,
    identifier: task.identifier,
    migrationType: task.migrationType,
    validationEnabled: task.validationEnabled,
    found: found !== undefined,
    ...(found?.ReplicationTaskArn ? { arn: found.ReplicationTaskArn } : {}),
    ...(found?.Status ? { status: found.Status } : {}),
    ...(found?.StopReason ? { stopReason: found.StopReason } : {}),
    ...(found?.LastFailureMessage ? { lastFailureMessage: found.LastFailureMessage } : {}),
    ...(stats ? { progress: progressOf(stats) } : {}),
  };
}

/** Read every task of a migration from AWS and judge it. */
export async function migrationStatus(
  aws: OperateAws,
  migration: OperatedMigration,
  now: Date,
  latencyMinutes = STATUS_LATENCY_MINUTES,
): Promise<MigrationStatus> {
  const ids = migration.tasks.map((t) => t.identifier);
  const tasks: TaskStatus[] = [];
  if (migration.capacity === "instance") {
    const found = await aws.describeTasks(ids);
    for (const task of migration.tasks) {
      const dms = found.find((t) => t.ReplicationTaskIdentifier === task.identifier);
      const base = fromTask(task, dms);
      const tables = dms?.ReplicationTaskArn ? tableRows(await aws.tableStatistics(dms.ReplicationTaskArn)) : [];
      const series =
        dms?.ReplicationTaskArn && task.migrationType !== "full-load"
          ? await aws.cdcLatency(
              {
                [INSTANCE_DIMENSION]: migration.replicationInstanceId ?? "",
                [TASK_DIMENSION]: taskResourceId(dms.ReplicationTaskArn),
              },
              latencyMinutes,
              now,
            )
          : [];
      const status = {
        ...base,
        tables,
        latency: {
          source: summarizeLatency(series, "CDCLatencySource"),
          target: summarizeLatency(series, "CDCLatencyTarget"),
        },
      };
      tasks.push({ ...status, ...judgeTask(status, migration.thresholds.cdcLatencySeconds) });
    }
  } else {
    const found = await aws.describeReplications(ids);
    for (const task of migration.tasks) {
      const r = found.find((x) => x.ReplicationConfigIdentifier === task.identifier);
      const stats = r?.ReplicationStats;
      const tables = r?.ReplicationConfigArn
        ? tableRows(await aws.replicationTableStatistics(r.ReplicationConfigArn))
        : [];
      const series =
        r && task.migrationType !== "full-load"
          ? await aws.cdcLatency({ [SERVERLESS_DIMENSION]: task.identifier }, latencyMinutes, now)
          : [];
      const failure = r?.FailureMessages?.filter((m) => m !== "").join("; ");
      const status = {
        name: task.name,
        identifier: task.identifier,
        migrationType: task.migrationType,
        validationEnabled: task.validationEnabled,
        found: r !== undefined,
        ...(r?.ReplicationConfigArn ? { arn: r.ReplicationConfigArn } : {}),
        ...(r?.Status ? { status: r.Status } : {}),
        ...(r?.StopReason ? { stopReason: r.StopReason } : {}),
        ...(failure ? { lastFailureMessage: failure } : {}),
        ...(stats ? { progress: progressOf(stats) } : {}),
        capacity: {
          ...(r?.ProvisionData?.ProvisionState ? { state: r.ProvisionData.ProvisionState } : {}),
          ...(r?.ProvisionData?.ProvisionedCapacityUnits !== undefined
            ? { units: r.ProvisionData.ProvisionedCapacityUnits }
            : {}),
        },
        tables,
        latency: {
          source: summarizeLatency(series, "CDCLatencySource"),
          target: summarizeLatency(series, "CDCLatencyTarget"),
        },
      };
      tasks.push({ ...status, ...judgeTask(status, migration.thresholds.cdcLatencySeconds) });
    }
  }
  return {
    migration: migration.name,
    stack: migration.stack,
    file: migration.file,
    environment: migration.environment,
    region: aws.region,
    capacity: migration.capacity,
    checkedAt: now.toISOString(),
    tasks,
    healthy: tasks.every((t) => t.problems.length === 0),
  };
}

/** Whether a full load is still running somewhere (what `--watch` waits for). */
export function fullLoadRunning(statuses: readonly MigrationStatus[]): boolean {
  return statuses.some((m) =>
    m.tasks.some(
      (t) =>
        t.migrationType !== "cdc" &&
        (t.status === "running" || t.status === "starting") &&
        t.progress !== undefined &&
        !t.progress.fullLoadFinished &&
        t.progress.percent < 100,
    ),
  );
}
