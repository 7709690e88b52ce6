/**
 * DMS Serverless consolidating two sources: the `shop` databases of two regional MySQL sources
 * (`eu`, `us`) migrate into one MySQL target, each into its own schema (`shop_eu`, `shop_us`), so
 * no two tasks write the same table. Serverless gives each task its own ReplicationConfig, scaling
 * between the profile's capacity bounds (4-64 DCU in prod).
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
  type DmsTaskArgs,
  type EndpointArgs,
  renameSchema,
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
  { file, namespace: "dms-example-serverless-consolidation" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

const network = new MigrationNetwork("network", { ...context, cidrBlock: "10.30.0.0/16" });
const database = (name: string, role: "source" | "target", purpose: string) =>
  new MigrationDatabase(name, {
    ...context,
    role,
    purpose,
    engine: "mysql",
    databaseName: "shop",
    // A source is prepared for CDC: binlog_format ROW, binlog_row_image FULL, backups on.
    ...(role === "source" ? { cdc: true } : {}),
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
  });
const regions = ["eu", "us"] as const;
const sources = regions.map((region) => database(`source-${region}`, "source", `src-${region}`));
const target = database("target", "target", "tgt");

const endpoint = (db: MigrationDatabase): EndpointArgs => ({
  engine: "mysql",
  databaseName: "shop",
  address: db.address,
  port: db.port,
  secretArn: db.secretArn,
  secretKmsKeyArn: db.kmsKeyArn,
  securityGroupId: db.securityGroupId,
  ...(config.rdsCertificateArn ? { certificateArn: config.rdsCertificateArn } : {}),
});

// One task per source, each writing the source's `shop` schema to a schema of its own on the target.
const tasks: DmsTaskArgs[] = regions.map((region) => ({
  name: `shop-${region}`,
  source: region,
  migrationType: "full-load-and-cdc",
  tableMappings: tableMappings(
    selectionRule({ schema: "shop", table: "%" }),
    renameSchema({ schema: "shop", to: `shop_${region}` }),
  ),
}));

const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  // Capacity bounds and multi-AZ come from the profile; set minCapacityUnits / maxCapacityUnits to override.
  capacity: { kind: "serverless" },
  sources: Object.fromEntries(regions.map((region, i) => [region, endpoint(sources[i] as MigrationDatabase)])),
  target: endpoint(target),
  tasks,
  accountRoles: new DmsAccountRoles("account-roles", { ...context, mode: "create" }),
  alarmEmails: ["dms-alerts@example.com"],
});

export const vpcId = network.vpcId;
export const endpointArns = replication.endpointArns;
/** ReplicationConfig ARNs, by task name. */
export const replicationConfigArns = replication.taskArns;
