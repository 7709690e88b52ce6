import {
  type DatabaseMigrationServiceClient,
  DescribeReplicationTaskAssessmentRunsCommand,
  DescribeReplicationTaskIndividualAssessmentsCommand,
  DescribeReplicationTasksCommand,
  ListTagsForResourceCommand,
  type ReplicationTask,
  type ReplicationTaskAssessmentRun,
  type ReplicationTaskIndividualAssessment,
  StartReplicationTaskAssessmentRunCommand,
  type StartReplicationTaskAssessmentRunMessage,
  StartReplicationTaskCommand,
} from "@aws-sdk/client-database-migration-service";
import { GetBucketEncryptionCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { AWS_MAX_ATTEMPTS, allMarkerPages, guarded } from "./aws.js";

/**
 * The AWS calls of `assess` and `start-migration`, beside the read-only ones of `status`
 * (operate/aws.ts, whose error handling they share). The only writes: starting an assessment run
 * (dms:StartReplicationTaskAssessmentRun, which passes the assessment role: iam:PassRole) and
 * starting a task (dms:StartReplicationTask). Tests replace the SDK clients with aws-sdk-client-mock.
 */
export interface AssessAws {
  region: string;
  /** Tasks by identifier, with their settings and table mappings (DescribeReplicationTasks). */
  describeTasks(identifiers: readonly string[]): Promise<ReplicationTask[]>;
  startAssessmentRun(input: StartReplicationTaskAssessmentRunMessage): Promise<ReplicationTaskAssessmentRun>;
  /** Runs matching a filter (replication-task-assessment-run-arn or replication-task-arn), all pages. */
  describeAssessmentRuns(filter: { name: string; values: string[] }): Promise<ReplicationTaskAssessmentRun[]>;
  /** The individual assessments of a run, all pages. */
  individualAssessments(runArn: string): Promise<ReplicationTaskIndividualAssessment[]>;
  /** A DMS resource's tags (ListTagsForResource). */
  tags(resourceArn: string): Promise<Record<string, string>>;
  /** The KMS key of the bucket's default encryption (GetBucketEncryption), undefined when it is not SSE-KMS. */
  bucketKmsKey(bucket: string): Promise<string | undefined>;
  /** Keys under a prefix, newest last (ListObjectsV2, all pages). */
  listObjects(bucket: string, prefix: string): Promise<Array<{ key: string; lastModified?: Date }>>;
  /** An object's body as text (GetObject). */
  readObject(bucket: string, key: string): Promise<string>;
  startTask(taskArn: string): Promise<ReplicationTask | undefined>;
}

/** The calls over the given clients (real ones, or the same classes under aws-sdk-client-mock). */
export function assessAws(
  region: string,
  clients: { dms: DatabaseMigrationServiceClient; s3?: S3Client },
  options: { maxAttempts?: number } = {},
): AssessAws {
  const { dms } = clients;
  const s3 =
    clients.s3 ?? new S3Client({ region, retryMode: "adaptive", maxAttempts: options.maxAttempts ?? AWS_MAX_ATTEMPTS });
  return {
    region,
    describeTasks: (identifiers) =>
      guarded("dms:DescribeReplicationTasks", async () => {
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeReplicationTasksCommand({
                Filters: [{ Name: "replication-task-id", Values: [...identifiers] }],
                MaxRecords: 100,
                ...marker,
              }),
            ),
          (page) => page.ReplicationTasks,
        );
      }, []),
    startAssessmentRun: (input) =>
      guarded("dms:StartReplicationTaskAssessmentRun", async () => {
        const answer = await dms.send(new StartReplicationTaskAssessmentRunCommand(input));
        return answer.ReplicationTaskAssessmentRun ?? {};
      }),
    describeAssessmentRuns: (filter) =>
      guarded("dms:DescribeReplicationTaskAssessmentRuns", async () => {
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeReplicationTaskAssessmentRunsCommand({
                Filters: [{ Name: filter.name, Values: filter.values }],
                MaxRecords: 100,
                ...marker,
              }),
            ),
          (page) => page.ReplicationTaskAssessmentRuns,
        );
      }, []),
    individualAssessments: (runArn) =>
      guarded("dms:DescribeReplicationTaskIndividualAssessments", async () => {
        return allMarkerPages(
          (marker) =>
            dms.send(
              new DescribeReplicationTaskIndividualAssessmentsCommand({
                Filters: [{ Name: "replication-task-assessment-run-arn", Values: [runArn] }],
                MaxRecords: 100,
                ...marker,
              }),
            ),
          (page) => page.ReplicationTaskIndividualAssessments,
        );
      }, []),
    tags: (resourceArn) =>
      guarded("dms:ListTagsForResource", async () => {
        const answer = await dms.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }));
        return Object.fromEntries((answer.TagList ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
      }),
    bucketKmsKey: (bucket) =>
      guarded("s3:GetEncryptionConfiguration", async () => {
        const answer = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
        const rule = answer.ServerSideEncryptionConfiguration?.Rules?.find(
          (r) => r.ApplyServerSideEncryptionByDefault?.SSEAlgorithm === "aws:kms",
        );
        return rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID;
      }),
    listObjects: (bucket, prefix) =>
      guarded("s3:ListBucket", async () => {
        const keys: Array<{ key: string; lastModified?: Date }> = [];
        let token: string | undefined;
        do {
          const page = await s3.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: prefix,
              ...(token ? { ContinuationToken: token } : {}),
            }),
          );
          for (const o of page.Contents ?? []) {
            if (o.Key) keys.push({ key: o.Key, ...(o.LastModified ? { lastModified: o.LastModified } : {}) });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return keys.sort((a, b) => (a.lastModified?.getTime() ?? 0) - (b.lastModified?.getTime() ?? 0));
      }),
    readObject: (bucket, key) =>
      guarded("s3:GetObject", async () => {
        const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await answer.Body?.transformToString("utf8")) ?? "";
      }),
    startTask: (taskArn) =>
      guarded("dms:StartReplicationTask", async () => {
        const answer = await dms.send(
          new StartReplicationTaskCommand({
            ReplicationTaskArn: taskArn,
            StartReplicationTaskType: "start-replication",
          }),
        );
        return answer.ReplicationTask;
      }),
  };
}
