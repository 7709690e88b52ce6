/**
 * A PostgreSQL database kept current in an Amazon S3 data lake: an RDS PostgreSQL source prepared
 * for CDC (rds.logical_replication = 1, backups on) is copied, then followed, into Parquet files of
 * a private, KMS-encrypted, TLS-only bucket the replication creates (docs/analytics-targets.md):
 * `orders/<schema>/<table>/` for the full load, date folders (`2026/12/06/`) for the changes, each
 * row with its operation (I, U, D) and commit time. The `shop` schema is copied; its `sessions`
 * table stays behind.
 */
import {
  environmentSchema,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  stackConfigFile,
} from "@dms-platform/config";
import { MigrationDatabase } from "@dms-platform/database";
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
      /** The RDS CA bundle imported as a DMS certificate; without it the source endpoint uses the profile's SSL mode. */
      rdsCertificateArn: z
        .string()
        .startsWith("arn:aws:dms:", "must be a DMS certificate ARN (arn:aws:dms:...)")
        .optional(),
    })
    .strict(),
  values,
  { file, namespace: "dms-example-postgresql-s3-lake" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

// The network includes the S3 gateway endpoint the replication instance writes to the lake through.
const network = new MigrationNetwork("network", { ...context, cidrBlock: "10.60.0.0/16" });
const source = new MigrationDatabase("source", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  role: "source",
  cdc: true,
  engine: "postgres",
  databaseName: "shop",
});

const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  // The migration's key: the instance, the endpoint, the bucket's default encryption and SSE-KMS.
  kmsKeyArn: network.kmsKeyArn,
  capacity: { kind: "instance" },
  source: {
    engine: "postgres",
    databaseName: "shop",
    address: source.address,
    port: source.port,
    secretArn: source.secretArn,
    secretKmsKeyArn: source.kmsKeyArn,
    securityGroupId: source.securityGroupId,
    ...(config.rdsCertificateArn ? { certificateArn: config.rdsCertificateArn } : {}),
  },
  // The data lake: every other setting is the guide's data-lake shape (Parquet 2.0, yyyymmdd folders).
  target: { s3: { bucketFolder: "orders" } },
  tasks: [
    {
      name: "shop",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(
        selectionRule({ schema: "shop", table: "%" }),
        selectionRule({ schema: "shop", table: "sessions", action: "exclude" }),
      ),
    },
  ],
  accountRoles: new DmsAccountRoles("account-roles", { ...context, mode: "create" }),
  alarmEmails: ["dms-alerts@example.com"],
});

export const vpcId = network.vpcId;
export const targetEndpointArn = replication.endpointArns.target;
export const taskArns = replication.taskArns;
