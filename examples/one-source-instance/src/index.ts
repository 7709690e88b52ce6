/**
 * One source to one target on a replication instance: a migration network, a MySQL source prepared
 * for CDC, an empty MySQL target, and a DMS replication instance running one full-load-and-CDC task.
 * The environment (dev, test or prod) picks every default the args leave unset (docs/dms.md).
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
    },
  ],
  accountRoles,
  alarmEmails: ["dms-alerts@example.com"],
});

export const vpcId = network.vpcId;
export const sourceAddress = source.address;
export const targetAddress = target.address;
export const replicationInstanceArn = replication.replicationInstanceArn;
export const taskArns = replication.taskArns;
