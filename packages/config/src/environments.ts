import { z } from "zod";

/** The environments a migration is promoted through, in order. */
export const ENVIRONMENTS = ["dev", "test", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const environmentSchema = z.enum(ENVIRONMENTS);

/** Where each environment may be promoted to (dev -> test -> prod, nothing else). */
export const PROMOTION_PATHS: ReadonlyArray<{ from: Environment; to: Environment }> = [
  { from: "dev", to: "test" },
  { from: "test", to: "prod" },
];

/** SSL modes DMS accepts on an endpoint (`none` is never used for a database engine here). */
export const DMS_SSL_MODES = ["none", "require", "verify-ca", "verify-full"] as const;
export type DmsSslMode = (typeof DMS_SSL_MODES)[number];

/**
 * Thresholds for the CloudWatch alarms the platform creates. Units are the metric's own
 * (seconds for CDC latency, percent for CPU, bytes for memory and storage).
 */
export interface AlarmThresholds {
  /** CDCLatencySource / CDCLatencyTarget above this many seconds for `evaluationPeriods` periods. */
  cdcLatencySeconds: number;
  /** CPUUtilization above this percentage. */
  cpuUtilizationPercent: number;
  /** FreeableMemory below this many bytes. */
  freeableMemoryBytes: number;
  /** FreeStorageSpace below this many bytes. */
  freeStorageSpaceBytes: number;
  /** Period of each alarm, in seconds. */
  periodSeconds: number;
  /** Consecutive breaching periods before the alarm fires. */
  evaluationPeriods: number;
}

/**
 * Per-environment defaults. Components read their defaults from here; explicit args override
 * them, and the resulting values are what `npm run plan` shows.
 */
export interface EnvironmentProfile {
  readonly environment: Environment;
  /** Multi-AZ for RDS instances, Aurora (a reader in a second AZ) and DMS capacity. */
  readonly multiAz: boolean;
  /** RDS/Aurora deletion protection. */
  readonly deletionProtection: boolean;
  /** Days of automated RDS backups (also what CDC on MySQL needs: backups must be on). */
  readonly backupRetentionDays: number;
  /** Days CloudWatch log groups (flow logs, DMS task logs, RDS exports) keep events. */
  readonly logRetentionDays: number;
  /** Whether an RDS instance or cluster takes a final snapshot when deleted. */
  readonly finalSnapshot: boolean;
  /** Pulumi `protect` on long-lived resources (databases, KMS keys, replication tasks and instances). */
  readonly protect: boolean;
  /** Number of private subnets / availability zones of the migration network. */
  readonly azCount: number;
  /** Default RDS instance class. */
  readonly dbInstanceClass: string;
  /** Default DMS replication instance class. */
  readonly replicationInstanceClass: string;
  /** Whether the stacks may declare the reference lab's source database (foundation labSource, replication foundationOutput: labSource). */
  readonly labSource: boolean;
  /** Default DMS replication instance storage in GiB. */
  readonly replicationAllocatedStorageGb: number;
  /** Default DMS Serverless capacity range (DCUs). */
  readonly serverlessCapacity: { readonly min: number; readonly max: number };
  /** SSL mode for DMS endpoints to database engines. */
  readonly endpointSslMode: Exclude<DmsSslMode, "none">;
  /** Whether DMS data validation is enabled on tasks by default. */
  readonly validationEnabled: boolean;
  /** Days a KMS key waits before deletion once scheduled. */
  readonly kmsDeletionWindowDays: number;
  /** Alarm thresholds for DMS tasks and capacity. */
  readonly alarms: AlarmThresholds;
  /**
   * Whether tasks are created stopped and started only by `start-migration` after a passing
   * premigration assessment run newer than the task's last change (docs/assessments.md); false
   * starts them on create (each task's `start`).
   */
  readonly startAfterAssessment: boolean;
  /** Days premigration assessment results are kept in the replication stack's results bucket. */
  readonly assessmentResultsDays: number;
  /** Whether destroying the replication stack empties the assessment results bucket (S3 forceDestroy). */
  readonly assessmentResultsForceDestroy: boolean;
}

const GiB = 1024 ** 3;

/** The one table of per-environment defaults. */
export const ENVIRONMENT_PROFILES: Readonly<Record<Environment, EnvironmentProfile>> = {
  dev: {
    environment: "dev",
    multiAz: false,
    deletionProtection: false,
    backupRetentionDays: 1,
    logRetentionDays: 30,
    finalSnapshot: false,
    protect: false,
    azCount: 2,
    dbInstanceClass: "db.t3.micro",
    replicationInstanceClass: "dms.t3.medium",
    labSource: true,
    replicationAllocatedStorageGb: 50,
    serverlessCapacity: { min: 1, max: 4 },
    endpointSslMode: "require",
    validationEnabled: true,
    kmsDeletionWindowDays: 7,
    alarms: {
      cdcLatencySeconds: 600,
      cpuUtilizationPercent: 90,
      freeableMemoryBytes: 256 * 1024 ** 2,
      freeStorageSpaceBytes: 5 * GiB,
      periodSeconds: 300,
      evaluationPeriods: 3,
    },
    startAfterAssessment: false,
    assessmentResultsDays: 7,
    assessmentResultsForceDestroy: true,
  },
  test: {
    environment: "test",
    multiAz: false,
    deletionProtection: true,
    backupRetentionDays: 7,
    logRetentionDays: 90,
    finalSnapshot: true,
    protect: false,
    azCount: 2,
    dbInstanceClass: "db.t3.medium",
    replicationInstanceClass: "dms.c5.large",
    labSource: false,
    replicationAllocatedStorageGb: 100,
    serverlessCapacity: { min: 2, max: 16 },
    endpointSslMode: "require",
    validationEnabled: true,
    kmsDeletionWindowDays: 14,
    alarms: {
      cdcLatencySeconds: 300,
      cpuUtilizationPercent: 85,
      freeableMemoryBytes: 512 * 1024 ** 2,
      freeStorageSpaceBytes: 10 * GiB,
      periodSeconds: 300,
      evaluationPeriods: 2,
    },
    startAfterAssessment: true,
    assessmentResultsDays: 30,
    assessmentResultsForceDestroy: true,
  },
  prod: {
    environment: "prod",
    multiAz: true,
    deletionProtection: true,
    backupRetentionDays: 35,
    logRetentionDays: 365,
    finalSnapshot: true,
    protect: true,
    azCount: 3,
    dbInstanceClass: "db.r6g.large",
    replicationInstanceClass: "dms.r5.large",
    labSource: false,
    replicationAllocatedStorageGb: 200,
    serverlessCapacity: { min: 4, max: 64 },
    endpointSslMode: "verify-full",
    validationEnabled: true,
    kmsDeletionWindowDays: 30,
    alarms: {
      cdcLatencySeconds: 120,
      cpuUtilizationPercent: 80,
      freeableMemoryBytes: 1 * GiB,
      freeStorageSpaceBytes: 20 * GiB,
      periodSeconds: 60,
      evaluationPeriods: 5,
    },
    startAfterAssessment: true,
    assessmentResultsDays: 90,
    assessmentResultsForceDestroy: false,
  },
};

/** The profile of an environment; throws on an unknown name. */
export function getProfile(environment: Environment): EnvironmentProfile {
  const profile = ENVIRONMENT_PROFILES[environment];
  if (!profile) {
    throw new Error(`unknown environment "${String(environment)}": must be one of ${ENVIRONMENTS.join(", ")}`);
  }
  return profile;
}

/** Whether `value` names an environment. */
export function isEnvironment(value: unknown): value is Environment {
  return typeof value === "string" && (ENVIRONMENTS as readonly string[]).includes(value);
}
