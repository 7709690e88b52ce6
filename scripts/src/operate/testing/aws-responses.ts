import type { MetricDataResult } from "@aws-sdk/client-cloudwatch";
import type { Replication, ReplicationTask, TableStatistics } from "@aws-sdk/client-database-migration-service";

// Response bodies shaped like the DMS and CloudWatch API references (see README.md beside this file).

export const REGION = "eu-west-1";
const ACCOUNT = "123456789012";
export const INSTANCE_ARN = `arn:aws:dms:${REGION}:${ACCOUNT}:rep:EX4MBJ2NMRDL3BMAYJOXUGYPUE`;
export const TASK_RESOURCE_ID = "UPIIRRYFTHAI7AAEHCM6X5CAFXH2ODSHQ7M3WUA";
export const TASK_ARN = `arn:aws:dms:${REGION}:${ACCOUNT}:task:${TASK_RESOURCE_ID}`;
const T0 = new Date("2026-11-29T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/**
 * Every task Status the API reference documents (API_ReplicationTask; the SDK's
 * `ReplicationTask.Status` doc comment lists the same twelve).
 */
export const DOCUMENTED_TASK_STATUSES = [
  "moving",
  "creating",
  "deleting",
  "failed",
  "failed-move",
  "modifying",
  "ready",
  "running",
  "starting",
  "stopped",
  "stopping",
  "testing",
] as const;

/** Every TableState the API reference documents (API_TableStatistics, SDK `TableStatistics.TableState`). */
export const DOCUMENTED_TABLE_STATES = [
  "Table does not exist",
  "Before load",
  "Full load",
  "Table completed",
  "Table cancelled",
  "Table error",
  "Table is being reloaded",
] as const;

/** The dev lab's task (stacks/replication/Pulumi.dev.yaml): `dev-dmslab-customers-dms`. */
function task(overrides: Partial<ReplicationTask>): ReplicationTask {
  return {
    ReplicationTaskIdentifier: "dev-dmslab-customers-dms",
    SourceEndpointArn: `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:ZW5UAN6P4E77EC7YWHK4RZZ3BE`,
    TargetEndpointArn: `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:ASXWXJZLNWNT5HTWCGV2BUJQ7E`,
    ReplicationInstanceArn: INSTANCE_ARN,
    MigrationType: "full-load-and-cdc",
    TableMappings:
      '{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"dmslab","table-name":"customers"},"rule-action":"include"}]}',
    Status: "running",
    ReplicationTaskCreationDate: at(-120),
    ReplicationTaskStartDate: at(-119),
    ReplicationTaskArn: TASK_ARN,
    ...overrides,
  };
}

/** Full load finished at 100 %, CDC running. */
export const healthyCdcTask = task({
  ReplicationTaskStats: {
    FullLoadProgressPercent: 100,
    ElapsedTimeMillis: 7_140_000,
    TablesLoaded: 1,
    TablesLoading: 0,
    TablesQueued: 0,
    TablesErrored: 0,
    FreshStartDate: at(-119),
    StartDate: at(-119),
    FullLoadStartDate: at(-119),
    FullLoadFinishDate: at(-100),
  },
});

export const fullLoadInProgress = task({
  ReplicationTaskStats: {
    FullLoadProgressPercent: 45,
    ElapsedTimeMillis: 600_000,
    TablesLoaded: 0,
    TablesLoading: 1,
    TablesQueued: 0,
    TablesErrored: 0,
    FreshStartDate: at(-10),
    StartDate: at(-10),
    FullLoadStartDate: at(-10),
  },
});

export const failedTask = task({
  Status: "failed",
  StopReason: "Stop Reason FATAL_ERROR",
  LastFailureMessage:
    "Last Error Task 'dev-dmslab-customers-dms' was suspended due to 6 successive unexpected failures Stop Reason FATAL_ERROR Error Level FATAL",
  ReplicationTaskStats: {
    FullLoadProgressPercent: 0,
    ElapsedTimeMillis: 30_000,
    TablesLoaded: 0,
    TablesLoading: 0,
    TablesQueued: 1,
    TablesErrored: 0,
    FreshStartDate: at(-5),
    StartDate: at(-5),
    StopDate: at(-4),
  },
});

export const tableInErrorTask = task({
  ReplicationTaskStats: { ...healthyCdcTask.ReplicationTaskStats, TablesLoaded: 0, TablesErrored: 1 },
});

export const highLatencyTask = healthyCdcTask;

/** A task at any status, with no statistics yet (what DMS returns while it starts). */
export function taskAt(status: string, overrides: Partial<ReplicationTask> = {}): ReplicationTask {
  const { ReplicationTaskStats: _none, ...rest } = task({ Status: status, ...overrides });
  return overrides.ReplicationTaskStats ? { ...rest, ReplicationTaskStats: overrides.ReplicationTaskStats } : rest;
}

export function table(overrides: Partial<TableStatistics>): TableStatistics {
  return {
    SchemaName: "dmslab",
    TableName: "customers",
    Inserts: 1,
    Deletes: 1,
    Updates: 1,
    Ddls: 0,
    FullLoadRows: 3,
    FullLoadCondtnlChkFailedRows: 0,
    FullLoadErrorRows: 0,
    FullLoadStartTime: at(-119),
    FullLoadEndTime: at(-100),
    FullLoadReloaded: false,
    LastUpdateTime: at(-1),
    TableState: "Table completed",
    ValidationPendingRecords: 0,
    ValidationFailedRecords: 0,
    ValidationSuspendedRecords: 0,
    ValidationState: "Validated",
    ...overrides,
  };
}

export const tables = {
  validated: [table({})],
  loading: [
    table({
      TableState: "Full load",
      FullLoadRows: 1_200_000,
      Inserts: 0,
      Deletes: 0,
      Updates: 0,
      ValidationState: "Pending records",
      ValidationPendingRecords: 1_200_000,
    }),
  ],
  inError: [
    table({ TableName: "orders", TableState: "Table completed", ValidationState: "Validated" }),
    table({ TableState: "Table error", ValidationState: "Table error", FullLoadRows: 0 }),
  ],
  suspended: [table({ ValidationState: "Suspended records", ValidationSuspendedRecords: 12 })],
};

/**
 * CDCLatencySource / CDCLatencyTarget, one point a period (`ScanBy: TimestampAscending`; a
 * timestamp is the start of its period), the newest in the period that ended at T0. The dev
 * profile's alarm period is 300 s, which `status` asks for.
 */
export function latency(source: number[], target: number[], periodSeconds = 300): MetricDataResult[] {
  const series = (id: string, label: string, values: number[]): MetricDataResult => ({
    Id: id,
    Label: label,
    Timestamps: values.map((_, i) => new Date(T0.getTime() - (values.length - i) * periodSeconds * 1000)),
    Values: values,
    StatusCode: "Complete",
  });
  return [series("latency0", "CDCLatencySource", source), series("latency1", "CDCLatencyTarget", target)];
}

/** Points at the given period offsets before T0 (1 = the period that ended at T0): gaps and stale series. */
export function latencyAt(offsets: number[], seconds: number, periodSeconds = 300): MetricDataResult[] {
  const series = (id: string, label: string): MetricDataResult => ({
    Id: id,
    Label: label,
    Timestamps: offsets.map((k) => new Date(T0.getTime() - k * periodSeconds * 1000)),
    Values: offsets.map(() => seconds),
    StatusCode: "Complete",
  });
  return [series("latency0", "CDCLatencySource"), series("latency1", "CDCLatencyTarget")];
}

/** Three 5-minute periods covering the 15-minute window. */
export const lowLatency = latency([3, 1, 2], [4, 2, 3]);
/** Above the dev profile's 600 s threshold. */
export const highLatency = latency([300, 640, 910], [320, 700, 960]);
/** Exactly the dev threshold: the alarm (GreaterThanThreshold) does not fire, so neither does anything else. */
export const latencyAtThreshold = latency([600, 600, 600], [600, 600, 600]);

/** The platform sets the config's ResourceIdentifier (its identifier, when it fits): the ARN's last part. */
export const SERVERLESS_CONFIG_ARN = `arn:aws:dms:${REGION}:${ACCOUNT}:replication-config:dev-dmslab-customers-dms`;
/** The ReplicationConfigId dimension DMS Serverless publishes under: `<account>:<resource id>`. */
export const SERVERLESS_METRIC_ID = `${ACCOUNT}:dev-dmslab-customers-dms`;
export const serverlessReplication: Replication = {
  ReplicationConfigIdentifier: "dev-dmslab-customers-dms",
  ReplicationConfigArn: SERVERLESS_CONFIG_ARN,
  SourceEndpointArn: `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:ZW5UAN6P4E77EC7YWHK4RZZ3BE`,
  TargetEndpointArn: `arn:aws:dms:${REGION}:${ACCOUNT}:endpoint:ASXWXJZLNWNT5HTWCGV2BUJQ7E`,
  ReplicationType: "full-load-and-cdc",
  Status: "running",
  ProvisionData: {
    ProvisionState: "provisioned",
    ProvisionedCapacityUnits: 4,
    DateProvisioned: at(-118),
    IsNewProvisioningAvailable: false,
  },
  ReplicationStats: healthyCdcTask.ReplicationTaskStats,
  StartReplicationType: "start-replication",
  ReplicationCreateTime: at(-120),
  ReplicationUpdateTime: at(-1),
};
