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

function table(overrides: Partial<TableStatistics>): TableStatistics {
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

/** CDCLatencySource / CDCLatencyTarget, one point a minute (`ScanBy: TimestampAscending`). */
export function latency(source: number[], target: number[]): MetricDataResult[] {
  const series = (id: string, label: string, values: number[]): MetricDataResult => ({
    Id: id,
    Label: label,
    Timestamps: values.map((_, i) => at(-values.length + i)),
    Values: values,
    StatusCode: "Complete",
  });
  return [series("latency0", "CDCLatencySource", source), series("latency1", "CDCLatencyTarget", target)];
}

export const lowLatency = latency([2, 3, 1, 2, 2], [3, 4, 2, 3, 3]);
/** Above the dev profile's 600 s threshold. */
export const highLatency = latency([40, 300, 640, 900, 910], [45, 320, 700, 950, 960]);

export const SERVERLESS_CONFIG_ARN = `arn:aws:dms:${REGION}:${ACCOUNT}:replication-config:EXAMPLEABCDEFGHIJKLMNOPQRS`;
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
