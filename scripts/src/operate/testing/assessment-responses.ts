import type {
  ReplicationTask,
  ReplicationTaskAssessmentRun,
  ReplicationTaskIndividualAssessment,
} from "@aws-sdk/client-database-migration-service";
import { healthyCdcTask, REGION, TASK_ARN } from "./aws-responses.js";

// Response bodies of the assessment calls, shaped like the DMS API reference (README.md beside this file).

const ACCOUNT = "123456789012";
const T0 = new Date("2026-11-29T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The dev lab's task as DescribeReplicationTasks returns it with its documents (no WithoutSettings). */
export const readyTask: ReplicationTask = {
  ...healthyCdcTask,
  Status: "ready",
  ReplicationTaskSettings: '{"FullLoadSettings":{"TargetTablePrepMode":"DO_NOTHING"}}',
  ReplicationTaskStats: undefined,
  ReplicationTaskStartDate: undefined,
};

export const RUN_ARN = `arn:aws:dms:${REGION}:${ACCOUNT}:assessment-run:XQKIJ5ECJUR3BLUVAKIMKWFSRQ`;
export const BUCKET = `dev-dmslab-assessments-${ACCOUNT}`;
export const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/network-dev`;
const RUN_NAME = "dev-dmslab-customers-dms-20261129-090000";

/** API_ReplicationTaskAssessmentRun: a run at `status`, `done` of 4 individual assessments completed. */
export function run(status: string, done = 0, overrides: Partial<ReplicationTaskAssessmentRun> = {}) {
  return {
    ReplicationTaskAssessmentRunArn: RUN_ARN,
    ReplicationTaskArn: TASK_ARN,
    Status: status,
    ReplicationTaskAssessmentRunCreationDate: T0,
    AssessmentProgress: { IndividualAssessmentCount: 4, IndividualAssessmentCompletedCount: done },
    ServiceAccessRoleArn: `arn:aws:iam::${ACCOUNT}:role/dev-dmslab-dms-assessment`,
    ResultLocationBucket: BUCKET,
    ResultLocationFolder: "assessments/dev-dmslab-customers-dms",
    ResultEncryptionMode: "SSE_KMS",
    ResultKmsKeyArn: KMS_KEY,
    AssessmentRunName: RUN_NAME,
    ...overrides,
  } satisfies ReplicationTaskAssessmentRun;
}

/** API_ReplicationTaskIndividualAssessment entries of the run. */
export function individual(statuses: Record<string, string>): ReplicationTaskIndividualAssessment[] {
  return Object.entries(statuses).map(([name, status], i) => ({
    ReplicationTaskIndividualAssessmentArn: `arn:aws:dms:${REGION}:${ACCOUNT}:individual-assessment:IA${i}`,
    ReplicationTaskAssessmentRunArn: RUN_ARN,
    IndividualAssessmentName: name,
    Status: status,
    ReplicationTaskIndividualAssessmentStartDate: at(1),
  }));
}

/** A result file's key: ResultLocationFolder, the run's name, the assessment's name (guide: `<assessment>.json`). */
export const resultKey = (assessment: string) => `assessments/dev-dmslab-customers-dms/${RUN_NAME}/${assessment}.json`;

/**
 * A result file. DMS publishes no schema for these files (the guide says only that each is named for
 * its assessment): this one nests the objects under `tables` with schema/table/column keys, which
 * is what the reader looks for at any depth.
 */
export const noPrimaryKeyResult = JSON.stringify({
  status: "failed",
  tables: [
    { schema: "dmslab", table: "audit_log" },
    { schema: "dmslab", table: "events" },
  ],
});
