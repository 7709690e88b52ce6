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
 * Dimension of DMS Serverless metrics. The DMS user guide lists the Serverless metrics
 * (CapacityUtilization, CDCLatencySource, CDCLatencyTarget, …, "grouped by each serverless
 * replication") without naming the dimension: this name is NOT verified against a live account.
 * Check `aws cloudwatch list-metrics --namespace AWS/DMS --metric-name CapacityUtilization` once a
 * replication has run and correct it here if it differs.
 */
export const SERVERLESS_DIMENSION = "ReplicationConfigIdentifier";

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
  /** Missing data (a stopped task publishes nothing): not breaching; the event subscription reports stops. */
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
  return [
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
