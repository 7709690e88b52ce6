import type { AlarmThresholds } from "@dms-platform/config";

/** The CloudWatch namespace DMS publishes to. */
export const DMS_NAMESPACE = "AWS/DMS";

/**
 * Dimension names DMS publishes (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Monitoring.html):
 * instance metrics carry `ReplicationInstanceIdentifier` = the instance identifier; task metrics carry
 * it too, plus `ReplicationTaskIdentifier` = the task's *resource id* (the last part of its ARN, e.g.
 * `UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA`), not the task's name.
 */
export const INSTANCE_DIMENSION = "ReplicationInstanceIdentifier";
export const TASK_DIMENSION = "ReplicationTaskIdentifier";
/**
 * Dimension of DMS Serverless metrics: `ReplicationConfigId`, valued `<account id>:<resource id>`
 * (the resource id is the last part of the config's ARN, `arn:aws:dms:<region>:<account>:
 * replication-config:<resource id>`; this platform sets it, capacity.ts serverlessResourceIdentifier).
 * Neither the config's name (`ReplicationConfigIdentifier`) nor its ARN: an alarm on either watches a
 * metric that does not exist.
 *
 * Evidence, best first. The DMS User Guide lists the Serverless metrics ("AWS DMS serverless
 * replication metrics", CHAP_Serverless.Components, awsdocs/aws-dms-user-guide commit 81be26a, the
 * last with content) "grouped by each serverless replication" without naming the dimension; no AWS
 * page we can read names it. Public deployments that read their metrics back name it alike:
 * Terraform stacks alarming on `ReplicationConfigId = "<account>:<ARN suffix>"`, one "confirmed
 * empirically via aws cloudwatch list-metrics", one after its dashboard on the config identifier had
 * drawn nothing. `status --check-monitoring` proves it per account after a first run (docs/status.md).
 */
export const SERVERLESS_DIMENSION = "ReplicationConfigId";

/** The SERVERLESS_DIMENSION value of a replication config: `<account id>:<ARN's last part>`. */
export function serverlessMetricId(replicationConfigArn: string): string {
  const parts = replicationConfigArn.split(":");
  const account = parts[4] ?? "";
  const resourceId = parts.slice(6).join(":");
  return account && resourceId ? `${account}:${resourceId}` : "";
}

/**
 * The metrics DMS Serverless publishes (the user guide's Serverless metric list, above). The
 * instance-task names missing here (`FullLoadThroughputRowsSource`, `FullLoadThroughputBandwidthSource`,
 * `CDCThroughputBandwidthSource`, …) are not in it: the dashboard does not plot them for Serverless.
 */
export const SERVERLESS_METRICS: ReadonlySet<string> = new Set([
  "CapacityUtilization",
  "CPUUtilization",
  "CDCIncomingChanges",
  "CDCLatencySource",
  "CDCLatencyTarget",
  "CDCThroughputBandwidthTarget",
  "CDCThroughputRowsSource",
  "CDCThroughputRowsTarget",
  "FullLoadThroughputBandwidthTarget",
  "FullLoadThroughputRowsTarget",
]);

/** The task resource id DMS uses as the ReplicationTaskIdentifier dimension: the ARN's last part. */
export function taskResourceId(replicationTaskArn: string): string {
  return replicationTaskArn.slice(replicationTaskArn.lastIndexOf(":") + 1);
}

export interface AlarmSpec {
  /** Suffix of the alarm's logical and physical names (`<task>-cdc-latency-source`). */
  purpose: string;
  metricName: string;
  statistic: "Average" | "Maximum" | "Minimum";
  comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
  threshold: number;
  period: number;
  evaluationPeriods: number;
  /**
   * What a period without data counts as. Instance alarms: `notBreaching` (a stopped task publishes
   * nothing; the EventBridge rule reports the stop, and the dimensions are the guide's). Serverless
   * alarms: `missing`, so an alarm whose metric never arrives shows INSUFFICIENT_DATA instead of a
   * reassuring OK: the Serverless dimension is not in the guide, and an alarm on a wrong one would
   * otherwise stay OK forever. A stopped replication's alarms go to INSUFFICIENT_DATA too, which sends
   * nothing (no insufficient-data actions); its stop reaches the topic through the EventBridge rule.
   */
  treatMissingData: "notBreaching" | "breaching" | "missing";
  description: string;
}

/**
 * The one comparison rule of this platform, shared by the alarms (their `comparisonOperator`),
 * `status` and `cutover-check`: a period's statistic breaches when it is strictly greater than
 * the threshold for GreaterThanThreshold (strictly less for LessThanThreshold), as CloudWatch
 * compares (API_PutMetricAlarm, ComparisonOperator). A value equal to the threshold never breaches.
 */
export function breachesAlarm(spec: Pick<AlarmSpec, "comparisonOperator" | "threshold">, value: number): boolean {
  return spec.comparisonOperator === "GreaterThanThreshold" ? value > spec.threshold : value < spec.threshold;
}

function base(t: AlarmThresholds) {
  return { period: t.periodSeconds, evaluationPeriods: t.evaluationPeriods, treatMissingData: "notBreaching" as const };
}

/** Whether a migration type captures changes (and so publishes CDC latency). */
export function hasCdc(migrationType: string): boolean {
  return migrationType === "cdc" || migrationType === "full-load-and-cdc";
}

/** CDCLatencySource and CDCLatencyTarget for one task (nothing for a full-load-only task). */
export function taskAlarmSpecs(taskName: string, migrationType: string, t: AlarmThresholds): AlarmSpec[] {
  if (!hasCdc(migrationType)) return [];
  return (["Source", "Target"] as const).map((side) => ({
    ...base(t),
    purpose: `${taskName}-cdc-latency-${side.toLowerCase()}`,
    metricName: `CDCLatency${side}`,
    statistic: "Maximum",
    comparisonOperator: "GreaterThanThreshold",
    threshold: t.cdcLatencySeconds,
    description: `Task ${taskName}: CDC ${side.toLowerCase()} latency above ${t.cdcLatencySeconds} s for ${t.evaluationPeriods} periods of ${t.periodSeconds} s`,
  }));
}

/** CPUUtilization, FreeableMemory and FreeStorageSpace for a replication instance. */
export function instanceAlarmSpecs(t: AlarmThresholds): AlarmSpec[] {
  return [
    {
      ...base(t),
      purpose: "replication-cpu",
      metricName: "CPUUtilization",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.cpuUtilizationPercent,
      description: `Replication instance CPU above ${t.cpuUtilizationPercent} %`,
    },
    {
      ...base(t),
      purpose: "replication-freeable-memory",
      metricName: "FreeableMemory",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: t.freeableMemoryBytes,
      description: `Replication instance freeable memory below ${t.freeableMemoryBytes} bytes`,
    },
    {
      ...base(t),
      purpose: "replication-free-storage",
      metricName: "FreeStorageSpace",
      statistic: "Average",
      comparisonOperator: "LessThanThreshold",
      threshold: t.freeStorageSpaceBytes,
      description: `Replication instance free storage below ${t.freeStorageSpaceBytes} bytes`,
    },
  ];
}

/**
 * For a Serverless replication: CapacityUtilization (memory used, percent; held at its maximum it
 * means the DCU range is too small) against the CPU threshold, plus CDC latency.
 */
export function serverlessAlarmSpecs(taskName: string, migrationType: string, t: AlarmThresholds): AlarmSpec[] {
  const specs: AlarmSpec[] = [
    {
      ...base(t),
      purpose: `${taskName}-capacity-utilization`,
      metricName: "CapacityUtilization",
      statistic: "Average",
      comparisonOperator: "GreaterThanThreshold",
      threshold: t.cpuUtilizationPercent,
      description: `Serverless replication ${taskName}: capacity utilization above ${t.cpuUtilizationPercent} %`,
    },
    ...taskAlarmSpecs(taskName, migrationType, t),
  ];
  return specs.map((s) => ({ ...s, treatMissingData: "missing" }));
}

/**
 * The EventBridge event pattern routing DMS events about `resourceArns` (a replication instance, its
 * tasks, Serverless replication configs) to the alarm topic: every event category (state change,
 * failure, failover, low storage, configuration change, creation, deletion) of those resources only.
 * DMS 3.4.6 and later publish these events to EventBridge (DMS User Guide, "Working with Amazon
 * EventBridge events and notifications"; example event: source "aws.dms", resources [task ARN]).
 */
export function dmsEventPattern(resourceArns: readonly string[]): string {
  return JSON.stringify({ source: ["aws.dms"], resources: [...resourceArns].sort() });
}
