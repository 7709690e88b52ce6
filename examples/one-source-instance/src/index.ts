/**
 * One source to one target on a replication instance: a migration network, a MySQL source prepared
 * for CDC, an empty MySQL target, and a DMS replication instance running one full-load-and-CDC task.
 * The environment (dev, test or prod) picks every default the args leave unset (docs/dms.md). The
 * task is assessed before it starts (docs/assessments.md): the premigration assessment results bucket
 * and role, and, where the profile gates the start on an assessment (test, prod), the task created
 * stopped for `npm run start-migration`.
 */
import {
  environmentSchema,
  getProfile,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  stackConfigFile,
} from "@dms-platform/config";
import { MigrationDatabase } from "@dms-platform/database";
import { DmsAccountRoles, DmsAssessmentResults, DmsReplication, selectionRule, tableMappings } from "@dms-platform/dms";
import { MigrationNetwork } from "@dms-platform/network";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

// The stack's config, validated: a bad value names Pulumi.<stack>.yaml and the key.
const file = stackConfigFile(pulumi.getStack());
const values = pulumi.runtime.allConfig();
const config = parseStackConfig(
  z
    .object({
      environment: environmentSchema,
      application: namePartSchema,
      /** The RDS CA bundle imported as a DMS certificate; without it the endpoints use the profile's SSL mode. */
      rdsCertificateArn: z
        .string()
        .startsWith("arn:aws:dms:", "must be a DMS certificate ARN (arn:aws:dms:...)")
        .optional(),
    })
    .strict(),
  values,
  { file, namespace: "dms-example-one-source-instance" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

const network = new MigrationNetwork("network", { ...context, cidrBlock: "10.20.0.0/16" });
const databaseArgs = {
  ...context,
  engine: "mysql",
  databaseName: "orders",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
} as const;
const source = new MigrationDatabase("source", { ...databaseArgs, role: "source", cdc: true });
const target = new MigrationDatabase("target", { ...databaseArgs, role: "target" });

// The account's dms-vpc-role and dms-cloudwatch-logs-role: create them in one stack per account, adopt elsewhere.
const accountRoles = new DmsAccountRoles("account-roles", { ...context, mode: "create" });

const endpoint = (db: MigrationDatabase) =>
  ({
    engine: "mysql",
    databaseName: "orders",
    address: db.address,
    port: db.port,
    secretArn: db.secretArn,
    secretKmsKeyArn: db.kmsKeyArn,
    // DMS's security group is admitted to the database's on its port (by reference, never a CIDR).
    securityGroupId: db.securityGroupId,
    ...(config.rdsCertificateArn ? { certificateArn: config.rdsCertificateArn } : {}),
  }) as const;

const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  // Instance class, storage and multi-AZ come from the profile (dms.r5.large and multi-AZ in prod).
  capacity: { kind: "instance" },
  source: endpoint(source),
  target: endpoint(target),
  tasks: [
    {
      name: "orders",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(selectionRule({ schema: "orders", table: "%" })),
      // Test and prod start the task only after a passing assessment (`npm run start-migration`).
      start: !getProfile(context.environment).startAfterAssessment,
    },
  ],
  accountRoles,
  alarmEmails: ["dms-alerts@example.com"],
});

// Where `npm run assess` has DMS write the runs' results, SSE-KMS with the migration's key.
const assessments = new DmsAssessmentResults("assessments", { ...context, kmsKeyArn: network.kmsKeyArn });

export const vpcId = network.vpcId;
export const assessmentBucketName = assessments.bucketName;
export const assessmentRoleArn = assessments.roleArn;
export const sourceAddress = source.address;
export const targetAddress = target.address;
export const replicationInstanceArn = replication.replicationInstanceArn;
export const taskArns = replication.taskArns;
