/**
 * A data-centre exit: an on-premises Oracle database, reached from the migration VPC over a
 * site-to-site VPN, migrated into an Aurora PostgreSQL cluster. The schema is converted first (DMS
 * Schema Conversion, docs/heterogeneous.md); this program moves the data: a full load then ongoing
 * changes read with Oracle LogMiner (DMS's default), the CLAIMS schema's names lowered to
 * PostgreSQL's case, NUMBER columns without precision kept as integers. DMS reaches Oracle over SSL
 * with the only mode it supports for Oracle, verify-ca, against the Oracle wallet imported as a DMS
 * certificate; the target is verified with verify-full against the RDS CA bundle.
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
  lowercaseIdentifiers,
  SchemaConversion,
  selectionRule,
  tableMappings,
} from "@dms-platform/dms";
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
      /** The on-premises Oracle listener and the secret holding its migration user's credentials. */
      source: z
        .object({
          hostname: z.string().min(1),
          port: z.number().int().min(1).max(65535),
          /** The service name (or SID) DMS connects to. */
          serviceName: z.string().min(1),
          cidrBlocks: z.array(cidr).min(1),
          secretArn: z.string().startsWith("arn:aws:secretsmanager:", "must be a Secrets Manager secret ARN"),
          secretKmsKeyArn: z.string().startsWith("arn:aws:kms:", "must be a KMS key ARN"),
          /** The Oracle wallet (.sso) of the CA that signed the listener's certificate, imported into DMS. */
          walletCertificateArn: dmsCertificateArn,
        })
        .strict(),
      /** The on-premises ranges the VPN brings into the VPC. */
      onPremisesCidrs: z.array(cidr).min(1),
      /** The virtual private gateway of the site-to-site VPN (created with the VPN, outside this program). */
      vpnGatewayId: z.string().startsWith("vgw-", "must be a virtual private gateway id (vgw-...)"),
      /** The RDS CA bundle imported as a DMS certificate. */
      rdsCertificateArn: dmsCertificateArn,
    })
    .strict(),
  values,
  { file, namespace: "dms-example-oracle-to-aurora-postgresql" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

const network = new MigrationNetwork("network", {
  ...context,
  cidrBlock: "10.60.0.0/16",
  hybrid: { onPremisesCidrs: config.onPremisesCidrs, vpnGatewayId: config.vpnGatewayId },
});
const target = new MigrationDatabase("target", {
  ...context,
  role: "target",
  engine: "aurora-postgresql",
  databaseName: "claims",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
});

const { serviceName, walletCertificateArn, ...source } = config.source;
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
      engine: "oracle",
      hosting: "self-managed",
      databaseName: serviceName,
      certificateArn: walletCertificateArn,
      // LogMiner (DMS's default) needs no more; NUMBER without precision holds whole numbers in CLAIMS.
      settings: { numberDatatypeScale: 0 },
    },
  },
  target: {
    engine: "aurora-postgresql",
    databaseName: "claims",
    address: target.address,
    port: target.port,
    secretArn: target.secretArn,
    secretKmsKeyArn: target.kmsKeyArn,
    securityGroupId: target.securityGroupId,
    certificateArn: config.rdsCertificateArn,
  },
  tasks: [
    {
      name: "claims",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(selectionRule({ schema: "CLAIMS", table: "%" }), ...lowercaseIdentifiers("CLAIMS")),
      // The tables exist already: DMS Schema Conversion created them; DMS must not drop them.
      settings: { FullLoadSettings: { TargetTablePrepMode: "DO_NOTHING" } },
    },
  ],
  accountRoles: new DmsAccountRoles("account-roles", { ...context, mode: "create" }),
  alarmEmails: ["dms-alerts@example.com"],
});

// DMS Schema Conversion, in the replication's private subnets and security group: open the
// migration project in the DMS console, convert CLAIMS and apply it to the cluster before the task
// starts (docs/heterogeneous.md, "Converting the schema first").
const conversion = new SchemaConversion("schema-conversion", {
  ...context,
  replicationSubnetGroupId: replication.replicationSubnetGroupId,
  securityGroupId: replication.securityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  source: {
    engine: "oracle",
    serverName: source.hostname,
    port: source.port,
    databaseName: serviceName,
    secretArn: source.secretArn,
    secretKmsKeyArn: source.secretKmsKeyArn,
    certificateArn: walletCertificateArn,
  },
  target: {
    engine: "aurora-postgresql",
    serverName: target.address,
    port: target.port,
    databaseName: "claims",
    secretArn: target.secretArn,
    secretKmsKeyArn: target.kmsKeyArn,
    certificateArn: config.rdsCertificateArn,
  },
});

export const vpcId = network.vpcId;
export const migrationProjectArn = conversion.migrationProjectArn;
export const schemaConversionBucket = conversion.bucketName;
export const targetWriterEndpoint = target.address;
export const endpointArns = replication.endpointArns;
export const taskArns = replication.taskArns;
