import { type Environment, physicalName } from "@dms-platform/config";
import { z } from "zod";
import type { TaskSettings } from "./documents/index.js";
import type { MigrationParts } from "./identifiers.js";

/**
 * Amazon S3 as a DMS target (a data lake): the decisions, free of `@pulumi/aws` (the policy pack
 * and the CLI use them too). s3-target-resources.ts declares what they decide. docs/analytics-targets.md.
 *
 * Sources: DMS User Guide CHAP_Target.S3 ("Using Amazon S3 as a target": prerequisites, Parquet
 * settings, date-based folder partitioning, "Indicating source DB operations in migrated S3 data",
 * AWS KMS keys for SSE_KMS); DMS API S3Settings; hashicorp/terraform-provider-aws
 * internal/service/dms/s3_endpoint.go (v6.x, as bridged by @pulumi/aws 7.48).
 */

/**
 * Date folder formats, in the case the provider reads them back: `date_partition_sequence` is stored
 * lower-cased by its StateFunc and read back as DMS returns it, lower case (s3_endpoint.go schema and
 * resourceS3EndpointRead; the provider's acceptance test reads back "yyyymmddhh").
 */
export const S3_DATE_PARTITION_SEQUENCES = ["yyyymmdd", "yyyymmddhh", "yyyymm", "mmyyyydd", "ddmmyyyy"] as const;
/** Date folder delimiters, upper case: the provider upper-cases them on the way in and on read. */
export const S3_DATE_PARTITION_DELIMITERS = ["SLASH", "UNDERSCORE", "DASH", "NONE"] as const;
export const S3_PARQUET_VERSIONS = ["parquet-1-0", "parquet-2-0"] as const;

/** A data-lake target: DMS writes Parquet files of each selected table into a bucket the migration owns. */
export interface S3TargetArgs {
  s3: {
    /** Folder of the bucket DMS writes under (`<folder>/<schema>/<table>/`); the write role is scoped to it. @default "dms" */
    bucketFolder?: string;
    /** Parquet format version. @default "parquet-2-0" (timestamps and decimals keep their precision) */
    parquetVersion?: (typeof S3_PARQUET_VERSIONS)[number];
    /** Date folders of CDC files (`<table>/2026/12/06/`); any case is accepted, sent lower case. @default "yyyymmdd" */
    datePartitionSequence?: string;
    /** Separator of the date folders; any case, sent upper case. @default "SLASH" */
    datePartitionDelimiter?: string;
    /** Column holding each row's commit time (full load: the load time). Needed by S3 target validation. @default "dms_commit_ts" */
    timestampColumnName?: string;
    /** Keep only inserts and updates of CDC (deletes are dropped from the lake). @default false (the `Op` column says I, U or D) */
    cdcInsertsAndUpdates?: boolean;
    /** Save the CDC transaction order under `<bucketFolder>/cdc-transactions` (cdcPath). @default false */
    preserveTransactions?: boolean;
    /** Days after which objects expire (a lifecycle rule). @default profile: dev 30, test 90, prod never */
    expireAfterDays?: number;
  };
}

/** Per-environment choices for the data-lake bucket (kept here, not in the shared profile). */
export interface S3TargetProfile {
  /** Bucket versioning: a deleted or overwritten file can be recovered. */
  versioning: boolean;
  /** Days after which current objects expire; undefined keeps them. */
  expireAfterDays: number | undefined;
  /** Days a non-current version is kept (with versioning). */
  noncurrentVersionDays: number;
  /**
   * Let `pulumi destroy` empty the bucket (forceDestroy). Without it AWS refuses to delete a bucket
   * holding objects (BucketNotEmpty; the plan's s3-bucket-not-empty rule). Off in prod: the lake
   * outlives a destroyed replication stack only if its bucket is not emptied with it.
   */
  forceDestroy: boolean;
}

export const S3_TARGET_PROFILES: Readonly<Record<Environment, S3TargetProfile>> = {
  dev: { versioning: false, expireAfterDays: 30, noncurrentVersionDays: 7, forceDestroy: true },
  test: { versioning: true, expireAfterDays: 90, noncurrentVersionDays: 30, forceDestroy: true },
  prod: { versioning: true, expireAfterDays: undefined, noncurrentVersionDays: 90, forceDestroy: false },
};

/** A folder name: S3 key characters that need no escaping, no leading or trailing slash. */
const folderSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/,
    "must be a folder path of letters, digits and !_.*'()- separated by single slashes, without a leading or trailing slash",
  );
const caseInsensitive = (values: readonly string[]) =>
  z.string().refine((v) => values.some((x) => x.toLowerCase() === v.toLowerCase()), {
    error: (iss) => `must be one of ${values.join(", ")} (any case) (got ${JSON.stringify(iss.input)})`,
  });

/** The zod schema of `target: { s3: {...} }`. */
export const s3TargetSchema = z
  .object({
    s3: z
      .object({
        bucketFolder: folderSchema.optional(),
        parquetVersion: z.enum(S3_PARQUET_VERSIONS).optional(),
        datePartitionSequence: caseInsensitive(S3_DATE_PARTITION_SEQUENCES).optional(),
        datePartitionDelimiter: caseInsensitive(S3_DATE_PARTITION_DELIMITERS).optional(),
        timestampColumnName: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a column name (letters, digits, underscores)")
          .optional(),
        cdcInsertsAndUpdates: z.boolean().optional(),
        preserveTransactions: z.boolean().optional(),
        expireAfterDays: z.number().int("must be a whole number of days").min(1, "must be 1 or more").optional(),
      })
      .strict(),
  })
  .strict();

/** Whether a target is the S3 data lake. */
export function isS3Target(target: object): target is S3TargetArgs {
  return "s3" in target;
}

/** The `aws.dms.S3Endpoint` settings the platform decides (the role, key and owner are added when declared). */
export interface S3EndpointSettings {
  bucketFolder: string;
  dataFormat: "parquet";
  parquetVersion: (typeof S3_PARQUET_VERSIONS)[number];
  datePartitionEnabled: true;
  datePartitionSequence: (typeof S3_DATE_PARTITION_SEQUENCES)[number];
  datePartitionDelimiter: (typeof S3_DATE_PARTITION_DELIMITERS)[number];
  timestampColumnName: string;
  includeOpForFullLoad: true;
  cdcInsertsAndUpdates: boolean;
  preserveTransactions: boolean;
  cdcPath?: string;
  encryptionMode: "SSE_KMS";
  sslMode: "require";
}

/** An S3 target, decided. */
export interface PlannedS3Target {
  kind: "s3";
  /** The bucket name without the account id (`<env>-<app>-datalake-<account>` once known). */
  bucketName: (accountId: string) => string;
  endpointId: string;
  roleName: string;
  settings: S3EndpointSettings;
  profile: S3TargetProfile & { expireAfterDays: number | undefined };
}

/**
 * Decide an S3 target from its parsed args and the environment: names, endpoint settings (the data
 * lake shape the guide describes: Parquet, date folders, an operation column on full-load rows as on
 * CDC rows, a commit-time column), and the bucket's profile.
 */
export function planS3Target(environment: Environment, parts: MigrationParts, args: S3TargetArgs): PlannedS3Target {
  const s3 = args.s3;
  const bucketFolder = s3.bucketFolder ?? "dms";
  const preserveTransactions = s3.preserveTransactions ?? false;
  const lower = (v: string | undefined) => v?.toLowerCase() as PlannedS3Target["settings"]["datePartitionSequence"];
  const upper = (v: string | undefined) => v?.toUpperCase() as PlannedS3Target["settings"]["datePartitionDelimiter"];
  const profile = S3_TARGET_PROFILES[environment];
  return {
    kind: "s3",
    bucketName: (accountId) => physicalName("s3-bucket", { ...parts, purpose: `datalake-${accountId}` }),
    endpointId: physicalName("dms-endpoint", { ...parts, purpose: "tgt" }),
    roleName: physicalName("iam-role", { ...parts, purpose: "dms-tgt-s3" }),
    settings: {
      bucketFolder,
      dataFormat: "parquet",
      parquetVersion: s3.parquetVersion ?? "parquet-2-0",
      datePartitionEnabled: true,
      datePartitionSequence: lower(s3.datePartitionSequence) ?? "yyyymmdd",
      datePartitionDelimiter: upper(s3.datePartitionDelimiter) ?? "SLASH",
      timestampColumnName: s3.timestampColumnName ?? "dms_commit_ts",
      // Full-load rows get the same first column (I) as CDC rows, so one reader handles both.
      includeOpForFullLoad: true,
      cdcInsertsAndUpdates: s3.cdcInsertsAndUpdates ?? false,
      preserveTransactions,
      // S3Settings.CdcPath: with PreserveTransactions, the folder DMS saves the transaction order to
      // (required then); without it the setting does nothing on a target, so it is not sent.
      ...(preserveTransactions ? { cdcPath: `${bucketFolder}/cdc-transactions` } : {}),
      encryptionMode: "SSE_KMS",
      // The checkov CKV_AWS_299 control (policy dms-s3-endpoint-ssl): TLS to S3.
      sslMode: "require",
    },
    profile: { ...profile, expireAfterDays: s3.expireAfterDays ?? profile.expireAfterDays },
  };
}

/** The account, region and partition a policy document names. */
export interface S3TargetAccount {
  partition: string;
  region: string;
  accountId: string;
}

/**
 * The trust policy of the role DMS assumes to write the bucket: the DMS service principal, only on
 * behalf of DMS resources of this account and region (aws:SourceAccount and aws:SourceArn, which DMS
 * sets from replication engine 3.4.7: DMS User Guide, "Cross-service confused deputy prevention").
 */
export function s3TargetTrustPolicy(ctx: S3TargetAccount): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DmsWritesTheDataLake",
        Effect: "Allow",
        Principal: { Service: "dms.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ctx.accountId },
          ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:dms:${ctx.region}:${ctx.accountId}:*` },
        },
      },
    ],
  });
}

/**
 * What DMS needs to write a target bucket (CHAP_Target.S3, "Prerequisites for using Amazon S3 as a
 * target": s3:PutObject, s3:DeleteObject, s3:PutObjectTagging on the objects, s3:ListBucket on the
 * bucket), scoped to the folder, and the migration's key through S3 only (SSE_KMS: S3 generates a data
 * key on PutObject and decrypts it to complete multipart uploads).
 */
export function s3TargetAccessPolicy(
  bucketArn: string,
  bucketFolder: string,
  kmsKeyArn: string,
  region: string,
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "WriteTheFolder",
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"],
        Resource: `${bucketArn}/${bucketFolder}/*`,
      },
      {
        Sid: "ListTheFolder",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: bucketArn,
        Condition: { StringLike: { "s3:prefix": [`${bucketFolder}/*`, bucketFolder] } },
      },
      {
        Sid: "EncryptWithTheMigrationKeyThroughS3",
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: kmsKeyArn,
        Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
    ],
  });
}

/**
 * The bucket policy: every request over TLS (Security Hub S3.5 "S3 general purpose buckets should
 * require requests to use SSL": a Deny on aws:SecureTransport false for the bucket and its objects).
 */
export function tlsOnlyBucketPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  });
}

/**
 * The platform's task settings adjusted for an S3 target:
 * - validation off by default: S3 target validation runs Athena queries once a day and needs
 *   Athena, Glue and S3 permissions on the task's role that the platform does not grant
 *   (DMS User Guide, CHAP_Validating_S3 "Amazon S3 target data validation", DMS 3.5.0+); the
 *   endpoint meets its other prerequisites (Parquet, a timestamp column, date partitioning), so a
 *   task may set `ValidationSettings.EnableValidation: true` once those permissions exist;
 * - limited-size LOB mode stays (CHAP_Target.S3 limitations: full LOB mode is not supported).
 */
export function s3TargetTaskSettings(base: TaskSettings): TaskSettings {
  return {
    ...base,
    ValidationSettings: { ...(base.ValidationSettings ?? {}), EnableValidation: false },
    TargetMetadata: { ...(base.TargetMetadata ?? {}), FullLobMode: false, LimitedSizeLobMode: true },
  };
}

/**
 * Why a task's merged settings cannot run against an S3 target, as [JSON path, rule], or undefined:
 * full LOB mode (CHAP_Target.S3, "Limitations to using Amazon S3 as a target").
 */
export function s3TaskSettingsProblem(settings: TaskSettings): [string, string] | undefined {
  const metadata = settings.TargetMetadata as { FullLobMode?: unknown } | undefined;
  if (metadata?.FullLobMode === true) {
    return [
      "TargetMetadata.FullLobMode",
      "full LOB mode is not supported with an Amazon S3 target (DMS User Guide, CHAP_Target.S3 limitations): remove it and raise TargetMetadata.LobMaxSize (KB) above the largest LOB instead (got true)",
    ];
  }
  return undefined;
}
