/**
 * A lift and shift: an on-premises SQL Server database, reached from the migration VPC over a
 * site-to-site VPN, moved into RDS for SQL Server (Standard Edition, License Included) with a full
 * load then ongoing changes read through MS-CDC, which DMS turns on for the mapped tables itself
 * (`setUpMsCdcForTables`, CHAP_Source.SQLServer.md, "Setting up ongoing replication using the
 * sysadmin role with self-managed SQL Server"). The instance refuses clear-text connections
 * (`rds.force_ssl` 1) and encrypts its storage and its master secret with its own KMS key. DMS
 * connects to both servers with the environment's SSL mode: `require` in dev and test,
 * `verify-full` in prod against the CA certificates imported into DMS.
 *
 * The schema is created on the target before the task starts (SQL Server's own scripts: DMS creates
 * tables without their identity property, CHAP_Source.SQLServer.md, Limitations), so the task keeps
 * the tables it finds (`TargetTablePrepMode: DO_NOTHING`).
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

const dmsCertificateArn = z.string().startsWith("arn:aws:dms:", "must be a DMS certificate ARN (arn:aws:dms:...)");
const cidr = z.cidrv4({ error: "must be an IPv4 CIDR block such as 172.16.0.0/20" });

// The stack's config, validated: a bad value names Pulumi.<stack>.yaml and the key.
const file = stackConfigFile(pulumi.getStack());
const values = pulumi.runtime.allConfig();
const config = parseStackConfig(
  z
    .object({
      environment: environmentSchema,
      application: namePartSchema,
      /** The on-premises SQL Server and the secret holding its migration user's credentials. */
      source: z
        .object({
          hostname: z.string().min(1),
          port: z.number().int().min(1).max(65535),
          /** The database DMS reads. */
          databaseName: z.string().min(1),
          cidrBlocks: z.array(cidr).min(1),
          secretArn: z.string().startsWith("arn:aws:secretsmanager:", "must be a Secrets Manager secret ARN"),
          secretKmsKeyArn: z.string().startsWith("arn:aws:kms:", "must be a KMS key ARN"),
          /** The CA that signed the server's certificate (PEM) imported into DMS; needed for verify-full (prod). */
          certificateArn: dmsCertificateArn.optional(),
        })
        .strict(),
      /** The on-premises ranges the VPN brings into the VPC. */
      onPremisesCidrs: z.array(cidr).min(1),
      /** The virtual private gateway of the site-to-site VPN (created with the VPN, outside this program). */
      vpnGatewayId: z.string().startsWith("vgw-", "must be a virtual private gateway id (vgw-...)"),
      /** The RDS CA bundle imported as a DMS certificate; needed for verify-full (prod). */
      rdsCertificateArn: dmsCertificateArn.optional(),
    })
    .strict(),
  values,
  { file, namespace: "dms-example-sqlserver-to-rds-sqlserver" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

const network = new MigrationNetwork("network", {
  ...context,
  cidrBlock: "10.70.0.0/16",
  hybrid: { onPremisesCidrs: config.onPremisesCidrs, vpnGatewayId: config.vpnGatewayId },
});
// RDS for SQL Server Standard Edition, License Included (the only model RDS offers for SQL Server
// without a custom engine version), SQL Server 2022; Multi-AZ, backups and protection per profile.
// RDS creates no database at launch: create `billing` (and its schema) before the task starts.
const target = new MigrationDatabase("target", {
  ...context,
  role: "target",
  engine: "sqlserver-se",
  licenseModel: "license-included",
  engineVersion: "16.00",
  instanceClass: "db.r5.xlarge",
  allocatedStorageGb: 200,
  databaseName: "billing",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
});

const { certificateArn: sourceCertificateArn, ...source } = config.source;
const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  capacity: { kind: "instance" },
  source: {
    external: {
      ...source,
      engine: "sqlserver",
      hosting: "self-managed",
      ...(sourceCertificateArn !== undefined ? { certificateArn: sourceCertificateArn } : {}),
      // DMS 3.4.7+ runs sp_cdc_enable_db, and sp_cdc_enable_table for each mapped table without
      // MS-Replication; the migration user is sysadmin for the migration and the DBA configured the
      // distribution first (docs/heterogeneous.md, SQL Server CDC prerequisites). The platform adds
      // FatalOnSimpleModel=true.
      settings: { setUpMsCdcForTables: true },
    },
  },
  target: {
    engine: "sqlserver",
    databaseName: "billing",
    address: target.address,
    port: target.port,
    secretArn: target.secretArn,
    secretKmsKeyArn: target.kmsKeyArn,
    securityGroupId: target.securityGroupId,
    ...(config.rdsCertificateArn !== undefined ? { certificateArn: config.rdsCertificateArn } : {}),
  },
  tasks: [
    {
      name: "billing",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(selectionRule({ schema: "dbo", table: "%" })),
      // The tables exist already, with their identity columns and indexes: DMS must not drop them.
      settings: { FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" } },
    },
  ],
  accountRoles: new DmsAccountRoles("account-roles", { ...context, mode: "create" }),
  alarmEmails: ["dms-alerts@example.com"],
});

export const vpcId = network.vpcId;
export const targetAddress = target.address;
export const targetSecretArn = target.secretArn;
export const endpointArns = replication.endpointArns;
export const taskArns = replication.taskArns;
