/**
 * A migration into Aurora PostgreSQL: an RDS PostgreSQL source prepared for CDC
 * (rds.logical_replication = 1 in its parameter group, backups on) migrates into an Aurora
 * PostgreSQL cluster (a writer, and a reader in a second AZ where the profile asks for multi-AZ).
 * The task copies the `billing` schema and leaves the legacy columns of `invoices` behind.
 */
import {
  environmentSchema,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  stackConfigFile,
} from "@dms-platform/config";
import { MigrationDatabase } from "@dms-platform/database";
import {
  DmsAccountRoles,
  DmsReplication,
  type EndpointArgs,
  removeColumn,
  selectionRule,
  tableMappings,
} from "@dms-platform/dms";
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
  { file, namespace: "dms-example-aurora-postgresql" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

const network = new MigrationNetwork("network", { ...context, cidrBlock: "10.50.0.0/16" });
const placement = { vpcId: network.vpcId, subnetIds: network.privateSubnetIds };
const source = new MigrationDatabase("source", {
  ...context,
  ...placement,
  role: "source",
  cdc: true,
  engine: "postgres",
  databaseName: "billing",
});
const target = new MigrationDatabase("target", {
  ...context,
  ...placement,
  role: "target",
  engine: "aurora-postgresql",
  databaseName: "billing",
});

const endpoint = (db: MigrationDatabase, engine: "postgres" | "aurora-postgresql"): EndpointArgs => ({
  engine,
  databaseName: "billing",
  address: db.address,
  port: db.port,
  secretArn: db.secretArn,
  secretKmsKeyArn: db.kmsKeyArn,
  securityGroupId: db.securityGroupId,
  ...(config.rdsCertificateArn ? { certificateArn: config.rdsCertificateArn } : {}),
});

const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  capacity: { kind: "instance" },
  source: endpoint(source, "postgres"),
  target: endpoint(target, "aurora-postgresql"),
  tasks: [
    {
      name: "billing",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(
        selectionRule({ schema: "billing", table: "%" }),
        removeColumn({ schema: "billing", table: "invoices", column: "legacy_%" }),
      ),
    },
  ],
  accountRoles: new DmsAccountRoles("account-roles", { ...context, mode: "create" }),
  alarmEmails: ["dms-alerts@example.com"],
});

export const vpcId = network.vpcId;
export const targetClusterIdentifier = target.identifier;
export const targetWriterEndpoint = target.address;
export const taskArns = replication.taskArns;
