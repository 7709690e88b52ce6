/**
 * Analytics ingestion: a MySQL source (CDC-ready) kept current in a private, encrypted Amazon
 * Redshift warehouse by one full-load-and-CDC task. DMS stages .csv files in an intermediate S3
 * bucket (SSE-KMS, private, TLS-only) and Redshift COPYs them through the VPC (enhanced VPC routing);
 * the account role dms-access-for-endpoint carries that (docs/analytics-targets.md).
 */
import {
  environmentSchema,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  stackConfigFile,
} from "@dms-platform/config";
import { MigrationDatabase, RedshiftWarehouse } from "@dms-platform/database";
import { DmsAccountRoles, DmsReplication, selectionRule, tableMappings } from "@dms-platform/dms";
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
      /** The RDS CA bundle imported as a DMS certificate, for the MySQL source; without it the profile's SSL mode. */
      rdsCertificateArn: z
        .string()
        .startsWith("arn:aws:dms:", "must be a DMS certificate ARN (arn:aws:dms:...)")
        .optional(),
    })
    .strict(),
  values,
  { file, namespace: "dms-example-mysql-to-redshift" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

// The network has the S3 gateway endpoint the warehouse's COPY and DMS's staging use.
const network = new MigrationNetwork("network", { ...context, cidrBlock: "10.20.0.0/16" });
const source = new MigrationDatabase("source", {
  ...context,
  role: "source",
  cdc: true,
  engine: "mysql",
  databaseName: "orders",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
});
// Node type, node count, snapshot retention and protection come from the profile.
const warehouse = new RedshiftWarehouse("warehouse", {
  ...context,
  databaseName: "analytics",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
});

// dms-vpc-role, dms-cloudwatch-logs-role and, for the Redshift target, dms-access-for-endpoint:
// create them in one stack per account, adopt them elsewhere.
const accountRoles = new DmsAccountRoles("account-roles", { ...context, mode: "create", redshift: true });

const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  capacity: { kind: "instance" },
  source: {
    engine: "mysql",
    databaseName: "orders",
    address: source.address,
    port: source.port,
    secretArn: source.secretArn,
    secretKmsKeyArn: source.kmsKeyArn,
    securityGroupId: source.securityGroupId,
    ...(config.rdsCertificateArn ? { certificateArn: config.rdsCertificateArn } : {}),
  },
  // No sslMode or certificate: DMS supports none for Redshift; the warehouse requires SSL itself.
  target: {
    engine: "redshift",
    databaseName: "analytics",
    address: warehouse.address,
    port: warehouse.port,
    secretArn: warehouse.secretArn,
    secretKmsKeyArn: warehouse.kmsKeyArn,
    securityGroupId: warehouse.securityGroupId,
  },
  tasks: [
    {
      name: "orders",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(selectionRule({ schema: "orders", table: "%" })),
      // Batch apply and 31 KB LOBs are the platform's defaults for Redshift; the guide recommends
      // at least one apply thread per slice of the cluster (ra3.4xlarge: 4 slices a node, 2 nodes).
      settings: { TargetMetadata: { ParallelApplyThreads: 8, ParallelApplyBufferSize: 100 } },
    },
  ],
  accountRoles,
  alarmEmails: ["dms-alerts@example.com"],
});

export const warehouseAddress = warehouse.address;
export const warehouseSecretArn = warehouse.secretArn;
export const taskArns = replication.taskArns;
