import {
  CloudWatchClient,
  type CloudWatchClientConfig,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import {
  DatabaseMigrationServiceClient,
  type DatabaseMigrationServiceClientConfig,
  DescribeReplicationsCommand,
  DescribeReplicationTableStatisticsCommand,
  DescribeReplicationTaskAssessmentRunsCommand,
  DescribeReplicationTasksCommand,
  DescribeTableStatisticsCommand,
  type Replication,
  type ReplicationTask,
  type ReplicationTaskAssessmentRun,
  type TableStatistics,
} from "@aws-sdk/client-database-migration-service";
import type { LatencyPoints } from "./latency.js";

/**
 * The only module that talks to AWS for `status` and `cutover-check`. Read-only calls only
 * (Describe*, GetMetricData); credentials and region from the SDK's standard chain (environment,
 * shared config and SSO, web identity, container and instance roles). Tests replace the SDK
 * clients with aws-sdk-client-mock; nothing here prints or keeps a credential.
 */

/** No credentials, no region, AWS unreachable or refusing: the command exits 2 with this one line. */
export class AwsSetupError extends Error {
  override readonly name: string = "AwsSetupError";
}

/**
 * AWS denied a call. The message is AWS's own (it names the caller, the action, the resource and
 * whether an explicit deny or an SCP refused it), prefixed with the action; `status` marks the
 * section that needed it unavailable and reports the rest.
 */
export class AwsAccessDeniedError extends AwsSetupError {
  override readonly name = "AwsAccessDeniedError";
  constructor(
    readonly action: string,
    readonly awsMessage: string,
    /** The platform role that grants the action (docs/access.md), when the caller knows the migration. */
    readonly grantedBy?: string,
  ) {
    super(
      `AWS refused ${action}: ${awsMessage}${grantedBy ? `; the migration's role ${grantedBy} grants it (docs/access.md)` : ""}`,
    );
  }
}

/** A CDC latency series: points (oldest first) of one metric, in seconds. */
export type LatencySeries = LatencyPoints;

/** What `cdcLatency` asks CloudWatch: the alarm's statistic and period over [start, end). */
export interface MetricWindow {
  start: Date;
  end: Date;
  period: number;
  stat: string;
}

/** A metric as ListMetrics returns it: name and dimensions. */
export interface ListedMetric {
  metricName: string;
  dimensions: Record<string, string>;
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
  /** CDCLatencySource and CDCLatencyTarget for the given metric dimensions, at the window's period and statistic. */
  cdcLatency(dimensions: Record<string, string>, window: MetricWindow): Promise<LatencySeries[]>;
  /** Metrics of AWS/DMS named `metricName` whose dimensions include `dimensions` (ListMetrics, all pages). */
  listMetrics(metricName: string, dimensions: Record<string, string>): Promise<ListedMetric[]>;
  /** The premigration assessment runs of a task (DescribeReplicationTaskAssessmentRuns, filter replication-task-arn). */
  assessmentRuns?(replicationTaskArn: string): Promise<ReplicationTaskAssessmentRun[]>;
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

/** DMS models AccessDeniedFault; IAM authorization answers AccessDeniedException (JSON) or AccessDenied (query). */
const ACCESS_DENIED = new Set(["AccessDeniedFault", "AccessDeniedException", "AccessDenied"]);

/** Throttling error codes the SDK's retry strategy backs off on (@smithy/core retry, THROTTLING_ERROR_CODES). */
const THROTTLING = new Set([
  "ThrottlingException",
  "Throttling",
  "ThrottledException",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "RequestLimitExceeded",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "RequestThrottled",
  "SlowDown",
  "PriorRequestNotComplete",
  "EC2ThrottledException",
]);

interface SdkMetadata {
  httpStatusCode?: number;
  attempts?: number;
  requestId?: string;
}

/**
 * Every item of a DMS Describe* call that pages with `Marker`, in order: `fetch` sends one page's
 * request (with `{ Marker }` from the second page on), `items` picks the page's list.
 */
export async function allMarkerPages<P extends { Marker?: string | undefined }, T>(
  fetch: (marker: { Marker?: string }) => Promise<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const page = await fetch(marker ? { Marker: marker } : {});
    all.push(...(items(page) ?? []));
    marker = page.Marker || undefined;
  } while (marker);
  return all;
}

/**
 * Turn what the SDK throws into one line (AwsSetupError, exit 2): credentials, region, network,
 * access denied, throttling that outlasted the retries, 5xx and any other answer of an AWS
 * service. `action` names the call (`dms:DescribeTableStatistics`). Errors that are not AWS's
 * (a bug here) pass through and keep their stack.
 */
export function explainAwsError(err: unknown, action = "an AWS call"): unknown {
  if (!(err instanceof Error) || err instanceof AwsSetupError) return err;
  if (CREDENTIAL_ERRORS.has(err.name)) {
    return new AwsSetupError(
      `no usable AWS credentials (${err.name}): sign in (aws sso login, or set AWS_PROFILE) and retry`,
    );
  }
  if (ACCESS_DENIED.has(err.name)) {
    return new AwsAccessDeniedError(action, `${err.name}: ${oneLine(err.message)}`);
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
  const metadata = (err as { $metadata?: SdkMetadata }).$metadata;
  if (metadata !== undefined) {
    const status = metadata.httpStatusCode;
    const attempts = metadata.attempts ?? 1;
    const request = metadata.requestId ? `, request id ${metadata.requestId}` : "";
    const answered = `${action}: AWS answered ${err.name}${status ? ` (HTTP ${status})` : ""} after ${attempts} attempt(s)${request}: ${oneLine(err.message)}`;
    if (THROTTLING.has(err.name)) {
      return new AwsSetupError(
        `${answered}; the account's DMS API quota (8 requests/s after a burst of 200, shared with every tool in the account and region) was exceeded for longer than the retries waited: retry in a minute`,
      );
    }
    if (status !== undefined && status >= 500) {
      return new AwsSetupError(
        `${answered}; an AWS-side failure: retry later (status page: https://health.aws.amazon.com)`,
      );
    }
    return new AwsSetupError(answered);
  }
  return err;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, " ").trim();

export async function guarded<T>(action: string, call: () => Promise<T>, notFound?: T): Promise<T> {
  try {
    return await call();
  } catch (err) {
    // DMS answers a filter that matches nothing with ResourceNotFoundFault.
    if (notFound !== undefined && err instanceof Error && err.name === "ResourceNotFoundFault") return notFound;
    throw explainAwsError(err, action);
  }
}

/**
 * Attempts per call. The SDK's "adaptive" retry mode backs off exponentially on throttling (base
 * 500 ms, at most 20 s, with jitter) and rate-limits the client itself after a throttle, which
 * suits DMS's documented request quota: a burst of 200 requests, refilled at 8 per second (DMS
 * User Guide, "Quotas for AWS Database Migration Service", API request throttling). `status` on a
 * migration at the quota (200 tasks) makes ~400 calls; with 6 attempts a call survives ~30 s of
 * throttling before the command gives up with one line.
 */
export const AWS_MAX_ATTEMPTS = 6;

/** Clients for one region; the SDK resolves credentials on the first call. */
export function awsClients(
  region: string,
  /** Tests: the attempts, and a fake HTTP transport and credentials (everything else is the real SDK). */
  options: Pick<DatabaseMigrationServiceClientConfig, "maxAttempts" | "requestHandler" | "credentials"> = {},
): { dms: DatabaseMigrationServiceClient; cloudwatch: CloudWatchClient } {
  // The SDK prints a multi-line NodeVersionSupportWarning on Node 20 (releases after January 2027
  // need Node 22; docs/status.md says so): it would bury the one-line errors these commands give.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const config = { ...options, region, retryMode: "adaptive", maxAttempts: options.maxAttempts ?? AWS_MAX_ATTEMPTS };
  return {
    dms: new DatabaseMigrationServiceClient(config),
    cloudwatch: new CloudWatchClient(config as CloudWatchClientConfig),
  };
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
      guarded("dms:DescribeReplicationTasks", async () => {
        if (identifiers.length === 0) return [];
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeReplicationTasksCommand({
                Filters: [{ Name: "replication-task-id", Values: [...identifiers] }],
                WithoutSettings: true,
                MaxRecords: 100,
                ...marker,
              }),
            ),
          (page) => page.ReplicationTasks,
        );
      }, []),
    tableStatistics: (replicationTaskArn) =>
      guarded("dms:DescribeTableStatistics", async () => {
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeTableStatisticsCommand({
                ReplicationTaskArn: replicationTaskArn,
                MaxRecords: 500,
                ...marker,
              }),
            ),
          (page) => page.TableStatistics,
        );
      }),
    describeReplications: (configIds) =>
      guarded("dms:DescribeReplications", async () => {
        if (configIds.length === 0) return [];
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeReplicationsCommand({
                Filters: [{ Name: "replication-config-id", Values: [...configIds] }],
                MaxRecords: 100,
                ...marker,
              }),
            ),
          (page) => page.Replications,
        );
      }, []),
    replicationTableStatistics: (replicationConfigArn) =>
      guarded("dms:DescribeReplicationTableStatistics", async () => {
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeReplicationTableStatisticsCommand({
                ReplicationConfigArn: replicationConfigArn,
                MaxRecords: 500,
                ...marker,
              }),
            ),
          (page) => page.ReplicationTableStatistics,
        );
      }),
    cdcLatency: (dimensions, window) =>
      guarded("cloudwatch:GetMetricData", async () => {
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
            Period: window.period,
            Stat: window.stat,
          },
          ReturnData: true,
        }));
        const series = new Map<string, LatencySeries>(names.map((n) => [n, { metricName: n, points: [] }]));
        let token: string | undefined;
        do {
          const page = await cloudwatch.send(
            new GetMetricDataCommand({
              MetricDataQueries: queries,
              StartTime: window.start,
              EndTime: window.end,
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
    assessmentRuns: (replicationTaskArn) =>
      guarded("dms:DescribeReplicationTaskAssessmentRuns", async () => {
        const runs: ReplicationTaskAssessmentRun[] = [];
        let marker: string | undefined;
        do {
          const page = await dms.send(
            new DescribeReplicationTaskAssessmentRunsCommand({
              Filters: [{ Name: "replication-task-arn", Values: [replicationTaskArn] }],
              MaxRecords: 100,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          runs.push(...(page?.ReplicationTaskAssessmentRuns ?? []));
          marker = page?.Marker || undefined;
        } while (marker);
        return runs;
      }, []),
    listMetrics: (metricName, dimensions) =>
      guarded("cloudwatch:ListMetrics", async () => {
        const metrics: ListedMetric[] = [];
        let token: string | undefined;
        do {
          const page = await cloudwatch.send(
            new ListMetricsCommand({
              Namespace: "AWS/DMS",
              MetricName: metricName,
              Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
              ...(token ? { NextToken: token } : {}),
            }),
          );
          for (const m of page.Metrics ?? []) {
            metrics.push({
              metricName: m.MetricName ?? metricName,
              dimensions: Object.fromEntries((m.Dimensions ?? []).map((d) => [d.Name ?? "", d.Value ?? ""])),
            });
          }
          token = page.NextToken || undefined;
        } while (token);
        return metrics;
      }),
  };
}
