import {
  type DashboardPlan,
  dashboardBody,
  INSTANCE_DIMENSION,
  instanceAlarmSpecs,
  SERVERLESS_DIMENSION,
  serverlessAlarmSpecs,
  serverlessMetricId,
  TASK_DIMENSION,
  taskAlarmSpecs,
  taskResourceId,
} from "@dms-platform/dms/operate";
import type { ListedMetric, OperateAws } from "./aws.js";
import type { OperatedMigration } from "./migration.js";
import type { MigrationStatus, TaskStatus } from "./status.js";

/**
 * `status --check-monitoring`: does every metric the stack's alarms and dashboard read exist in
 * CloudWatch? An alarm on a metric that does not exist (a wrong dimension name or value) stays in
 * OK or INSUFFICIENT_DATA forever and never fires. CloudWatch lists a metric (ListMetrics) once it
 * has received data, for two weeks (CloudWatch API Reference, ListMetrics), so a metric is judged
 * only once its task has run (and, for CDC metrics, once CDC has started); before that it is
 * "not yet". The expected metrics are computed by the same functions the component uses
 * (alarms.ts specs, dashboard.ts body, the ids DMS gave the tasks), so this also checks the
 * dimension DMS Serverless publishes under (`ReplicationConfigId` = `<account>:<resource id>`,
 * alarms.ts), which the user guide does not name.
 */

export interface MetricCheck {
  metricName: string;
  dimensions: Record<string, string>;
  /** What reads the metric: `alarm <purpose>`, `dashboard`. */
  usedBy: string[];
  /** The task (definition name) the metric belongs to; absent for instance metrics. */
  task?: string;
  outcome: "present" | "missing" | "not-yet";
  /** not-yet: why; missing: what CloudWatch has for that task, replication or instance instead. */
  detail?: string;
}

export interface MonitoringReport {
  migration: string;
  checks: MetricCheck[];
  ok: boolean;
}

const CDC_METRICS = /^CDC/;
const FULL_LOAD_METRICS = /^FullLoad/;

const key = (metricName: string, dimensions: Record<string, string>) =>
  `${metricName} ${Object.entries(dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(",")}`;

export const dimensionsText = (d: Record<string, string>) =>
  `{${Object.entries(d)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")}}`;

/** Whether a task has run far enough to have published `metricName`; undefined when it has. */
function notYet(task: TaskStatus, metricName: string): string | undefined {
  const ran =
    task.found && (task.progress !== undefined || task.verdict === "replicating" || task.status === "stopped");
  if (!ran) return `the task has not run (${task.found ? (task.status ?? "no status") : "not found"})`;
  const inCdc = task.migrationType === "cdc" || task.progress?.fullLoadFinished === true;
  if (CDC_METRICS.test(metricName) && !inCdc) return "CDC has not started (the full load is still running)";
  if (FULL_LOAD_METRICS.test(metricName) && task.migrationType === "cdc") return "a CDC-only task loads nothing";
  return undefined;
}

/** The metrics the stack's alarms and dashboard read, with the ids DMS gave the tasks. */
export function expectedMetrics(
  migration: OperatedMigration,
  status: MigrationStatus,
): Array<Omit<MetricCheck, "outcome" | "detail">> {
  const expected = new Map<string, Omit<MetricCheck, "outcome" | "detail">>();
  const add = (metricName: string, dimensions: Record<string, string>, usedBy: string, task?: string) => {
    const k = key(metricName, dimensions);
    const found = expected.get(k);
    if (found) {
      if (!found.usedBy.includes(usedBy)) found.usedBy.push(usedBy);
      return;
    }
    expected.set(k, { metricName, dimensions, usedBy: [usedBy], ...(task ? { task } : {}) });
  };
  const instanceId = migration.replicationInstanceId ?? "";
  const taskDims = (t: TaskStatus): Record<string, string> | undefined => {
    if (!t.arn) return undefined;
    return migration.capacity === "instance"
      ? { [INSTANCE_DIMENSION]: instanceId, [TASK_DIMENSION]: taskResourceId(t.arn) }
      : { [SERVERLESS_DIMENSION]: serverlessMetricId(t.arn) };
  };
  const byDims = new Map<string, string>();
  for (const t of status.tasks) {
    const dims = taskDims(t);
    if (!dims) continue;
    byDims.set(key("", dims), t.name);
    const specs =
      migration.capacity === "instance"
        ? taskAlarmSpecs(t.name, t.migrationType, migration.thresholds)
        : serverlessAlarmSpecs(t.name, t.migrationType, migration.thresholds);
    for (const spec of specs) add(spec.metricName, dims, `alarm ${spec.purpose}`, t.name);
  }
  if (migration.capacity === "instance" && status.tasks.some((t) => t.found)) {
    for (const spec of instanceAlarmSpecs(migration.thresholds)) {
      add(spec.metricName, { [INSTANCE_DIMENSION]: instanceId }, `alarm ${spec.purpose}`);
    }
  }
  // The dashboard's explicit metrics (a SEARCH row reads whatever exists, so it cannot point at nothing).
  const found = status.tasks.filter((t) => t.arn);
  if (found.length > 0) {
    const plan: DashboardPlan = {
      region: status.region,
      application: migration.application,
      environment: migration.environment,
      capacity:
        migration.capacity === "instance"
          ? { kind: "instance", replicationInstanceId: instanceId }
          : { kind: "serverless" },
      tasks: found.map((t) => ({
        name: t.name,
        migrationType: t.migrationType,
        metricId: migration.capacity === "instance" ? taskResourceId(t.arn ?? "") : serverlessMetricId(t.arn ?? ""),
      })),
      thresholds: migration.thresholds,
    };
    for (const widget of dashboardBody(plan).widgets) {
      if (widget.type !== "metric") continue;
      for (const row of widget.properties.metrics) {
        const strings = row.filter((e): e is string => typeof e === "string");
        if (strings.length < 2) continue;
        const [, metricName = "", ...pairs] = strings;
        const dims: Record<string, string> = {};
        for (let i = 0; i + 1 < pairs.length; i += 2) dims[pairs[i] ?? ""] = pairs[i + 1] ?? "";
        add(metricName, dims, "dashboard", byDims.get(key("", dims)));
      }
    }
  }
  return [...expected.values()];
}

/**
 * Ask CloudWatch for each expected metric: one ListMetrics per metric name (scoped to the
 * migration's instance where there is one), matched here on the exact dimension set, as an
 * alarm matches.
 */
export async function checkMonitoring(
  aws: OperateAws,
  migration: OperatedMigration,
  status: MigrationStatus,
): Promise<MonitoringReport> {
  const expected = expectedMetrics(migration, status);
  const tasks = new Map(status.tasks.map((t) => [t.name, t]));
  const scope: Record<string, string> =
    migration.capacity === "instance" ? { [INSTANCE_DIMENSION]: migration.replicationInstanceId ?? "" } : {};
  const listed = new Map<string, ListedMetric[]>();
  const checks: MetricCheck[] = [];
  for (const e of expected) {
    const task = e.task ? tasks.get(e.task) : undefined;
    const wait = task ? notYet(task, e.metricName) : undefined;
    if (wait) {
      checks.push({ ...e, outcome: "not-yet", detail: wait });
      continue;
    }
    let metrics = listed.get(e.metricName);
    if (!metrics) {
      metrics = await aws.listMetrics(e.metricName, scope);
      listed.set(e.metricName, metrics);
    }
    const want = key(e.metricName, e.dimensions);
    if (metrics.some((m) => key(m.metricName, m.dimensions) === want)) {
      checks.push({ ...e, outcome: "present" });
      continue;
    }
    // What CloudWatch has instead for this task, replication or instance: any metric of that name
    // whose dimension values name it.
    const ids = new Set(
      [
        task?.identifier,
        task?.arn,
        task?.arn ? taskResourceId(task.arn) : undefined,
        task?.arn ? serverlessMetricId(task.arn) : undefined,
        task ? undefined : migration.replicationInstanceId,
      ].filter((v): v is string => v !== undefined),
    );
    const others = metrics.filter((m) => Object.values(m.dimensions).some((v) => ids.has(v)));
    checks.push({
      ...e,
      outcome: "missing",
      detail:
        others.length > 0
          ? `CloudWatch has it under ${others.map((m) => dimensionsText(m.dimensions)).join(" and ")}`
          : `CloudWatch has no ${e.metricName} naming ${[...ids].join(" or ") || "it"} under any dimension`,
    });
  }
  return { migration: migration.name, checks, ok: checks.every((c) => c.outcome !== "missing") };
}

export function formatMonitoringText(reports: readonly MonitoringReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const count = (o: MetricCheck["outcome"]) => r.checks.filter((c) => c.outcome === o).length;
    lines.push(
      `${r.ok ? "MONITORING OK" : "MONITORING BROKEN"}  migration ${r.migration}: ${r.checks.length} metric(s) the alarms and dashboard read; ${count("present")} present, ${count("missing")} missing, ${count("not-yet")} not yet published`,
    );
    for (const c of r.checks.filter((x) => x.outcome === "missing")) {
      lines.push(
        `  ! ${c.metricName} ${dimensionsText(c.dimensions)} (${c.usedBy.join(", ")}): no such metric, so it can never alarm or draw; ${c.detail}`,
      );
    }
    for (const c of r.checks.filter((x) => x.outcome === "not-yet")) {
      lines.push(`  ~ ${c.metricName} ${dimensionsText(c.dimensions)}: not judged, ${c.detail}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
