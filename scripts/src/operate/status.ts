import type {
  ReplicationTask,
  ReplicationTaskStats,
  TableStatistics,
} from "@aws-sdk/client-database-migration-service";
import { physicalName } from "@dms-platform/config";
import {
  INSTANCE_DIMENSION,
  SERVERLESS_DIMENSION,
  serverlessMetricId,
  TASK_DIMENSION,
  taskResourceId,
} from "@dms-platform/dms/operate";
import { AwsAccessDeniedError, type LatencySeries, type OperateAws } from "./aws.js";
import { judgeLatency, type LatencyJudgement, type LatencyQuery, latencyQuery, ruleText } from "./latency.js";
import type { OperatedMigration, OperatedTask } from "./migration.js";
import {
  BLOCKING_TROUBLES,
  isErrorStop,
  SERVERLESS_STATUS,
  type StateVerdict,
  statusVerdict,
  TASK_STATUS,
  type TableTrouble,
  TROUBLE_WORDS,
  tableTroubleOf,
  troubleRank,
} from "./verdicts.js";

/**
 * What `dms-platform status` reports for every task of a migration, gathered with read-only calls
 * and judged here. Field meanings and values are the DMS API reference's: ReplicationTask.Status and
 * StopReason (API_ReplicationTask), ReplicationTaskStats, TableStatistics.TableState and
 * ValidationState (API_TableStatistics), Replication and ProvisionData (API_Replication); every
 * value has a verdict in verdicts.ts, and CDC latency is judged by the alarm's rule (latency.ts).
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
  /** What is wrong with the table (verdicts.ts); absent: nothing. */
  trouble?: TableTrouble;
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
  /** What the status means (verdicts.ts); "unknown" for a value DMS does not document. */
  verdict?: StateVerdict;
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
  /** Every table, the troubled ones first (worst first), then by schema and name. */
  tables: TableRow[];
  /** Tables counted per trouble (the headline), over every page DMS returned. */
  tableCounts: { total: number; troubled: number };
  /** Why the table statistics could not be read (AWS refused the call); the tables list is then empty. */
  tablesUnavailable?: string;
  latency: { source: LatencyJudgement; target: LatencyJudgement };
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
  /** The CDC latency rule every judgement used (the alarm's): statistic, comparison, threshold, period. */
  latencyRule: string;
  tasks: TaskStatus[];
  healthy: boolean;
}

const n = (v: number | undefined) => v ?? 0;

export function tableRows(stats: readonly TableStatistics[]): TableRow[] {
  return stats
    .map((t): TableRow => {
      const trouble = tableTroubleOf(t);
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
        troubleRank(a.trouble) - troubleRank(b.trouble) ||
        a.schema.localeCompare(b.schema) ||
        a.table.localeCompare(b.table),
    );
}

const UNAVAILABLE: LatencyJudgement = { state: "unavailable", points: 0, covered: false };
const NOT_READ: LatencyJudgement = { state: "no-data", points: 0, covered: false, detail: "not read" };

/** One side's judgement from the series CloudWatch returned. */
export function latencyOf(
  series: readonly LatencySeries[],
  metricName: LatencySeries["metricName"],
  query: LatencyQuery,
) {
  return judgeLatency(series.find((s) => s.metricName === metricName)?.points ?? [], query);
}

const names = (rows: readonly TableRow[]) => rows.map((t) => `${t.schema}.${t.table}`).join(", ");

/** Decide what is wrong with a task from what AWS said. Pure. */
export function judgeTask(
  task: Omit<TaskStatus, "problems" | "warnings">,
  spec: LatencyQuery["spec"],
  latencyMinutes = STATUS_LATENCY_MINUTES,
) {
  const problems: string[] = [];
  const warnings: string[] = [];
  const serverless = task.capacity !== undefined;
  if (!task.found) {
    problems.push(
      `no DMS ${serverless ? "replication" : "task"} "${task.identifier}" in this account and region: is the stack deployed?`,
    );
    return { problems, warnings };
  }
  const verdict = task.verdict ?? statusVerdict(task.status, serverless);
  const meaning = (serverless ? SERVERLESS_STATUS : TASK_STATUS)[task.status ?? ""]?.meaning;
  const failure = task.lastFailureMessage ? `: ${task.lastFailureMessage}` : "";
  if (verdict === "unknown") {
    problems.push(
      `status "${task.status ?? "(none)"}" is not one DMS documents: not judged healthy (see the console or docs/status.md)`,
    );
  } else if (verdict === "broken") {
    problems.push(`${task.status}${meaning && meaning !== task.status ? ` (${meaning})` : ""}${failure}`);
  } else if (task.status === "stopped" && isErrorStop(task.stopReason)) {
    problems.push(`stopped with an error (${task.stopReason})${failure}`);
  } else if (task.status === "stopped") {
    warnings.push(`stopped (${task.stopReason ?? "no stop reason"}): replicating nothing`);
  } else if (verdict === "idle") {
    warnings.push(`${task.status}: ${meaning}`);
  } else if (verdict === "transition") {
    warnings.push(`${task.status}: ${meaning}; look again shortly`);
  }

  for (const trouble of ["error", "missing", "cancelled", "unknown", "suspended", "mismatched"] as const) {
    const rows = task.tables.filter((t) => t.trouble === trouble);
    if (rows.length === 0) continue;
    const line = `${rows.length} table(s) ${TROUBLE_WORDS[trouble]}: ${names(rows)}`;
    (BLOCKING_TROUBLES.has(trouble) ? problems : warnings).push(line);
  }
  if (task.tablesUnavailable) {
    warnings.push(`table statistics unavailable: ${task.tablesUnavailable}`);
  }
  if (!task.tables.some((t) => t.trouble === "error") && n(task.progress?.tablesErrored) > 0) {
    problems.push(`${task.progress?.tablesErrored} table(s) errored during the full load`);
  }

  if (task.migrationType !== "full-load") {
    for (const [side, l] of [
      ["source", task.latency.source],
      ["target", task.latency.target],
    ] as const) {
      const metric = `CDCLatency${side === "source" ? "Source" : "Target"}`;
      if (l.state === "over") {
        warnings.push(
          `CDC ${side} latency reached ${l.max} s in the last ${latencyMinutes} min (${ruleText(spec)} such periods)`,
        );
      } else if (l.state === "unavailable") {
        warnings.push(`CDC ${side} latency unavailable: ${l.detail ?? "not read"}`);
      } else if (l.state === "no-data" && verdict === "replicating") {
        // A running CDC task publishes latency every minute; silence is not "under the threshold".
        warnings.push(`no ${metric} data for a running task (${l.detail ?? "none"}): latency unknown, not low`);
      }
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
    ...(found ? { verdict: statusVerdict(found.Status, false) } : {}),
    ...(found?.StopReason ? { stopReason: found.StopReason } : {}),
    ...(found?.LastFailureMessage ? { lastFailureMessage: found.LastFailureMessage } : {}),
    ...(stats ? { progress: progressOf(stats) } : {}),
  };
}

/** A call whose refusal leaves the rest of the report standing: its section is marked unavailable. */
async function section<T>(read: () => Promise<T>, grantedBy: string): Promise<{ value: T } | { unavailable: string }> {
  try {
    return { value: await read() };
  } catch (err) {
    if (err instanceof AwsAccessDeniedError) {
      return { unavailable: new AwsAccessDeniedError(err.action, err.awsMessage, grantedBy).message };
    }
    throw err;
  }
}

function tablesOf(result: { value: TableStatistics[] } | { unavailable: string } | undefined) {
  if (result === undefined) return { tables: [], tableCounts: { total: 0, troubled: 0 } };
  if ("unavailable" in result) {
    return { tables: [], tableCounts: { total: 0, troubled: 0 }, tablesUnavailable: result.unavailable };
  }
  const tables = tableRows(result.value);
  return { tables, tableCounts: { total: tables.length, troubled: tables.filter((t) => t.trouble).length } };
}

function latencyJudgements(
  result: { value: LatencySeries[] } | { unavailable: string } | undefined,
  query: LatencyQuery,
): TaskStatus["latency"] {
  if (result === undefined) return { source: NOT_READ, target: NOT_READ };
  if ("unavailable" in result) {
    const l = { ...UNAVAILABLE, detail: result.unavailable };
    return { source: l, target: l };
  }
  return {
    source: latencyOf(result.value, "CDCLatencySource", query),
    target: latencyOf(result.value, "CDCLatencyTarget", query),
  };
}

/** The viewer role of a migration (packages/access names it so): what grants every call here. */
export function viewerRole(migration: Pick<OperatedMigration, "environment" | "application">): string {
  return physicalName("iam-role", {
    environment: migration.environment,
    application: migration.application,
    purpose: "migration-viewer",
  });
}

/** Read every task of a migration from AWS and judge it. */
export async function migrationStatus(
  aws: OperateAws,
  migration: OperatedMigration,
  now: Date,
  latencyMinutes = STATUS_LATENCY_MINUTES,
): Promise<MigrationStatus> {
  const ids = migration.tasks.map((t) => t.identifier);
  const role = viewerRole(migration);
  const query = latencyQuery(migration.thresholds, latencyMinutes, now);
  const window = { start: query.start, end: query.end, period: query.spec.period, stat: query.spec.statistic };
  const tasks: TaskStatus[] = [];
  try {
    if (migration.capacity === "instance") {
      const found = await aws.describeTasks(ids);
      for (const task of migration.tasks) {
        const dms = found.find((t) => t.ReplicationTaskIdentifier === task.identifier);
        const arn = dms?.ReplicationTaskArn;
        const tables = arn ? await section(() => aws.tableStatistics(arn), role) : undefined;
        const series =
          arn && task.migrationType !== "full-load"
            ? await section(
                () =>
                  aws.cdcLatency(
                    {
                      [INSTANCE_DIMENSION]: migration.replicationInstanceId ?? "",
                      [TASK_DIMENSION]: taskResourceId(arn),
                    },
                    window,
                  ),
                role,
              )
            : undefined;
        const status = { ...fromTask(task, dms), ...tablesOf(tables), latency: latencyJudgements(series, query) };
        tasks.push({ ...status, ...judgeTask(status, query.spec, latencyMinutes) });
      }
    } else {
      const found = await aws.describeReplications(ids);
      for (const task of migration.tasks) {
        const r = found.find((x) => x.ReplicationConfigIdentifier === task.identifier);
        const stats = r?.ReplicationStats;
        const arn = r?.ReplicationConfigArn;
        const tables = arn ? await section(() => aws.replicationTableStatistics(arn), role) : undefined;
        const series =
          r && task.migrationType !== "full-load"
            ? await section(
                () => aws.cdcLatency({ [SERVERLESS_DIMENSION]: serverlessMetricId(arn ?? "") }, window),
                role,
              )
            : undefined;
        const failure = r?.FailureMessages?.filter((m) => m !== "").join("; ");
        const status = {
          name: task.name,
          identifier: task.identifier,
          migrationType: task.migrationType,
          validationEnabled: task.validationEnabled,
          found: r !== undefined,
          ...(arn ? { arn } : {}),
          ...(r?.Status ? { status: r.Status } : {}),
          ...(r ? { verdict: statusVerdict(r.Status, true) } : {}),
          ...(r?.StopReason ? { stopReason: r.StopReason } : {}),
          ...(failure ? { lastFailureMessage: failure } : {}),
          ...(stats ? { progress: progressOf(stats) } : {}),
          capacity: {
            ...(r?.ProvisionData?.ProvisionState ? { state: r.ProvisionData.ProvisionState } : {}),
            ...(r?.ProvisionData?.ProvisionedCapacityUnits !== undefined
              ? { units: r.ProvisionData.ProvisionedCapacityUnits }
              : {}),
          },
          ...tablesOf(tables),
          latency: latencyJudgements(series, query),
        };
        tasks.push({ ...status, ...judgeTask(status, query.spec, latencyMinutes) });
      }
    }
  } catch (err) {
    // The task list itself is refused: nothing to report; say which role grants it.
    if (err instanceof AwsAccessDeniedError && err.grantedBy === undefined) {
      throw new AwsAccessDeniedError(err.action, err.awsMessage, role);
    }
    throw err;
  }
  return {
    migration: migration.name,
    stack: migration.stack,
    file: migration.file,
    environment: migration.environment,
    region: aws.region,
    capacity: migration.capacity,
    checkedAt: now.toISOString(),
    latencyRule: ruleText(query.spec),
    tasks,
    healthy: tasks.every((t) => t.problems.length === 0),
  };
}

/**
 * Whether `--watch` should look again: a task on its way somewhere (starting, creating, modifying,
 * provisioning capacity, ...), or a full load that has not finished, including a running or
 * starting task that has no statistics yet.
 */
export function fullLoadRunning(statuses: readonly MigrationStatus[]): boolean {
  return statuses.some((m) =>
    m.tasks.some((t) => {
      if (!t.found) return false;
      if (t.verdict === "transition") return true;
      if (t.migrationType === "cdc" || t.verdict !== "replicating") return false;
      return t.progress === undefined || (!t.progress.fullLoadFinished && t.progress.percent < 100);
    }),
  );
}
