import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import {
  DatabaseMigrationServiceClient,
  DescribeReplicationsCommand,
  DescribeReplicationTableStatisticsCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  type Replication,
  type ReplicationTask,
  type TableStatistics,
} from "@aws-sdk/client-database-migration-service";

/**
 * The only module that talks to AWS for `status` and `cutover-check`. Read-only calls only
 * (Describe*, GetMetricData); credentials and region from the SDK's standard chain (environment,
 * shared config and SSO, web identity, container and instance roles). Tests replace the SDK
 * clients with aws-sdk-client-mock; nothing here prints or keeps a credential.
 */

/** No credentials, or no region: the command exits 2 with this one line. */
export class AwsSetupError extends Error {
  override readonly name = "AwsSetupError";
}

/** A CDC latency series: points (oldest first) of one metric, in seconds. */
export interface LatencySeries {
  metricName: "CDCLatencySource" | "CDCLatencyTarget";
  points: Array<{ at: Date; seconds: number }>;
}

export interface OperateAws {
  region: string;
  /** Replication tasks by identifier (DescribeReplicationTasks, filter replication-task-id). */
  describeTasks(identifiers: readonly string[]): Promise<ReplicationTask[]>;
  /** Every table of a task (DescribeTableStatistics, all pages). */
  tableStatistics(replicationTaskArn: string): Promise<TableStatistics[]>;
  /** Serverless replications by config identifier (DescribeReplications, filter replication-config-id). */
  describeReplications(configIds: readonly string[]): Promise<Replication[]>;
  /** Every table of a Serverless replication (DescribeReplicationTableStatistics, all pages). */
  replicationTableStatistics(replicationConfigArn: string): Promise<TableStatistics[]>;
  /** Maximum CDC latency per minute over the window, for the given metric dimensions. */
  cdcLatency(dimensions: Record<string, string>, minutes: number, now: Date): Promise<LatencySeries[]>;
}

const CREDENTIAL_ERRORS = new Set([
  "CredentialsProviderError",
  "ExpiredTokenException",
  "ExpiredToken",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "TokenRefreshRequired",
]);

/** Turn the SDK's credential and region failures into one line; anything else passes through. */
export function explainAwsError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  if (CREDENTIAL_ERRORS.has(err.name)) {
    return new AwsSetupError(
      `no usable AWS credentials (${err.name}): sign in (aws sso login, or set AWS_PROFILE) and retry`,
    );
  }
  if (err.name === "AccessDeniedException" || err.name === "AccessDenied") {
    return new AwsSetupError(
      `AWS refused a read-only call (${err.name}): the caller needs dms:Describe* and cloudwatch:GetMetricData (the migration's viewer role has them)`,
    );
  }
  const code = (err as { code?: unknown }).code;
  if (
    err.name === "TimeoutError" ||
    (typeof code === "string" && ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT"].includes(code))
  ) {
    return new AwsSetupError(`cannot reach AWS (${typeof code === "string" ? code : err.name}): ${err.message}`);
  }
  if (/Region is missing/i.test(err.message)) {
    return new AwsSetupError("no AWS region: set AWS_REGION, or aws:region in the stack file");
  }
  return err;
}

async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw explainAwsError(err);
  }
}

/** Clients for one region; the SDK resolves credentials on the first call. */
export function awsClients(region: string): { dms: DatabaseMigrationServiceClient; cloudwatch: CloudWatchClient } {
  // The SDK prints a multi-line NodeVersionSupportWarning on Node 20 (releases after January 2027
  // need Node 22; docs/status.md says so): it would bury the one-line errors these commands give.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  return { dms: new DatabaseMigrationServiceClient({ region }), cloudwatch: new CloudWatchClient({ region }) };
}

/** The read-only calls, over the given clients (real ones, or the same classes under aws-sdk-client-mock). */
export function operateAws(
  region: string,
  clients: { dms: DatabaseMigrationServiceClient; cloudwatch: CloudWatchClient } = awsClients(region),
): OperateAws {
  const { dms, cloudwatch } = clients;
  return {
    region,
    describeTasks: (identifiers) =>
      guarded(async () => {
        if (identifiers.length === 0) return [];
        const tasks: ReplicationTask[] = [];
        let marker: string | undefined;
        do {
          const page = await dms.send(
            new DescribeReplicationTasksCommand({
              Filters: [{ Name: "replication-task-id", Values: [...identifiers] }],
              WithoutSettings: true,
              MaxRecords: 100,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          tasks.push(...(page.ReplicationTasks ?? []));
          marker = page.Marker || undefined;
        } while (marker);
        return tasks;
      }).catch((err: unknown) => {
        // DMS answers a filter that matches nothing with ResourceNotFoundFault.
        if (err instanceof Error && err.name === "ResourceNotFoundFault") return [];
        throw err;
      }),
    tableStatistics: (replicationTaskArn) =>
      guarded(async () => {
        const tables: TableStatistics[] = [];
        let marker: string | undefined;
        do {
          const page = await dms.send(
            new DescribeTableStatisticsCommand({
              ReplicationTaskArn: replicationTaskArn,
              MaxRecords: 500,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          tables.push(...(page.TableStatistics ?? []));
          marker = page.Marker || undefined;
        } while (marker);
        return tables;
      }),
    describeReplications: (configIds) =>
      guarded(async () => {
        if (configIds.length === 0) return [];
        const replications: Replication[] = [];
        let marker: string | undefined;
        do {
          const page = await dms.send(
            new DescribeReplicationsCommand({
              Filters: [{ Name: "replication-config-id", Values: [...configIds] }],
              MaxRecords: 100,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          replications.push(...(page.Replications ?? []));
          marker = page.Marker || undefined;
        } while (marker);
        return replications;
      }).catch((err: unknown) => {
        if (err instanceof Error && err.name === "ResourceNotFoundFault") return [];
        throw err;
      }),
    replicationTableStatistics: (replicationConfigArn) =>
      guarded(async () => {
        const tables: TableStatistics[] = [];
        let marker: string | undefined;
        do {
          const page = await dms.send(
            new DescribeReplicationTableStatisticsCommand({
              ReplicationConfigArn: replicationConfigArn,
              MaxRecords: 500,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          tables.push(...(page.ReplicationTableStatistics ?? []));
          marker = page.Marker || undefined;
        } while (marker);
        return tables;
      }),
    cdcLatency: (dimensions, minutes, now) =>
      guarded(async () => {
        const names = ["CDCLatencySource", "CDCLatencyTarget"] as const;
        const queries: MetricDataQuery[] = names.map((metricName, i) => ({
          Id: `latency${i}`,
          Label: metricName,
          MetricStat: {
            Metric: {
              Namespace: "AWS/DMS",
              MetricName: metricName,
              Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: 60,
            Stat: "Maximum",
          },
          ReturnData: true,
        }));
        const series = new Map<string, LatencySeries>(names.map((n) => [n, { metricName: n, points: [] }]));
        let token: string | undefined;
        do {
          const page = await cloudwatch.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: new Date(now.getTime() - minutes * 60_000),
              EndTime: now,
              ScanBy: "TimestampAscending",
              ...(token ? { NextToken: token } : {}),
            }),
          );
          for (const result of page.MetricDataResults ?? []) {
            const name = names[Number(result.Id?.replace("latency", ""))];
            const target = name ? series.get(name) : undefined;
            if (!target) continue;
            (result.Timestamps ?? []).forEach((at, i) => {
              const seconds = result.Values?.[i];
              if (seconds !== undefined) target.points.push({ at: new Date(at), seconds });
            });
          }
          token = page.NextToken || undefined;
        } while (token);
        for (const s of series.values()) s.points.sort((a, b) => a.at.getTime() - b.at.getTime());
        return [...series.values()];
      }),
  };
}
