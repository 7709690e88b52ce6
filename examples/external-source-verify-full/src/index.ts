/**
 * An external (on-premises) source: a MySQL server in the data centre, reached from the migration
 * VPC over a site-to-site VPN, migrated into an RDS MySQL target. DMS connects to both with
 * sslMode verify-full: it checks each server's certificate against a CA imported as a DMS
 * certificate (the corporate root CA for the source, the RDS CA bundle for the target) and that
 * the certificate names the host it connects to. The DMS security group reaches the source only on
 * its port and only in its CIDR blocks.
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
      /** The on-premises server and the secret holding its migration user's credentials. */
      source: z
        .object({
          hostname: z.string().min(1),
          port: z.number().int().min(1).max(65535),
          cidrBlocks: z.array(cidr).min(1),
          secretArn: z.string().startsWith("arn:aws:secretsmanager:", "must be a Secrets Manager secret ARN"),
          secretKmsKeyArn: z.string().startsWith("arn:aws:kms:", "must be a KMS key ARN"),
          /** The CA that signed the server's certificate, imported as a DMS certificate. */
          certificateArn: dmsCertificateArn,
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
  { file, namespace: "dms-example-external-source" },
);
const context = {
  environment: config.environment,
  application: config.application,
  tags: readDefaultTags(values, file, config.environment),
};

// The VPN hook: routes from the private subnets to the on-premises ranges through the gateway.
const network = new MigrationNetwork("network", {
  ...context,
  cidrBlock: "10.40.0.0/16",
  hybrid: { onPremisesCidrs: config.onPremisesCidrs, vpnGatewayId: config.vpnGatewayId },
});
const target = new MigrationDatabase("target", {
  ...context,
  role: "target",
  engine: "mysql",
  databaseName: "ledger",
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
});

const replication = new DmsReplication("replication", {
  ...context,
  vpcId: network.vpcId,
  subnetIds: network.privateSubnetIds,
  endpointSecurityGroupId: network.endpointSecurityGroupId,
  kmsKeyArn: network.kmsKeyArn,
  capacity: { kind: "instance" },
  source: {
    external: { ...config.source, engine: "mysql", databaseName: "ledger", sslMode: "verify-full" },
  },
  target: {
    engine: "mysql",
    databaseName: "ledger",
    address: target.address,
    port: target.port,
    secretArn: target.secretArn,
    secretKmsKeyArn: target.kmsKeyArn,
    securityGroupId: target.securityGroupId,
    sslMode: "verify-full",
    certificateArn: config.rdsCertificateArn,
  },
  tasks: [
    {
      name: "ledger",
      migrationType: "full-load-and-cdc",
      tableMappings: tableMappings(selectionRule({ schema: "ledger", table: "%" })),
    },
  ],
  accountRoles: new DmsAccountRoles("account-roles", { ...context, mode: "create" }),
  alarmEmails: ["dms-alerts@example.com"],
});

export const vpcId = network.vpcId;
export const dmsSecurityGroupId = replication.securityGroupId;
export const endpointArns = replication.endpointArns;
export const taskArns = replication.taskArns;
