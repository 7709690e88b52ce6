import { MigrationAuditTrail } from "@dms-platform/access";
import { relocateComponentError, stackConfigFile } from "@dms-platform/config";
import { MigrationDatabase, RedshiftServerlessWarehouse, RedshiftWarehouse } from "@dms-platform/database";
import { DmsAccountRoles } from "@dms-platform/dms";
import { MigrationNetwork } from "@dms-platform/network";
import * as pulumi from "@pulumi/pulumi";
import {
  type FoundationConfig,
  foundationNameParts,
  foundationOrigins,
  loadFoundationConfig,
  namedTargetPurpose,
  namedTargetResourceName,
  PROJECT,
} from "./config.js";

export { PROJECT as project };

/** What the replication stack reads of a database through its StackReference. */
export interface DatabaseOutputs {
  address: pulumi.Output<string>;
  port: pulumi.Output<number>;
  engine: pulumi.Output<string>;
  databaseName: pulumi.Output<string>;
  secretArn: pulumi.Output<string>;
  secretKmsKeyArn: pulumi.Output<string>;
  securityGroupId: pulumi.Output<string>;
  identifier: pulumi.Output<string>;
}

function databaseOutputs(db: MigrationDatabase | RedshiftWarehouse | RedshiftServerlessWarehouse): DatabaseOutputs {
  return {
    address: db.address,
    port: db.port,
    engine: db.engine,
    databaseName: db.databaseName,
    secretArn: db.secretArn,
    secretKmsKeyArn: db.kmsKeyArn,
    securityGroupId: db.securityGroupId,
    identifier: db.identifier,
  };
}

/**
 * The warehouse output: a database's shape (what the replication stack reads), plus what the Redshift
 * Data API takes to reach it (`--workgroup-name` for a serverless warehouse, `--cluster-identifier`
 * for a cluster), which operator commands use.
 */
export type WarehouseOutputs = DatabaseOutputs & {
  kind: "provisioned" | "serverless";
  workgroupName?: pulumi.Output<string>;
  /** The workgroup ARN: what the replication stack's operator roles allow the Data API on. */
  workgroupArn?: pulumi.Output<string>;
  clusterIdentifier?: pulumi.Output<string>;
};

function warehouseOutputs(w: RedshiftWarehouse | RedshiftServerlessWarehouse): WarehouseOutputs {
  return w instanceof RedshiftServerlessWarehouse
    ? { ...databaseOutputs(w), kind: "serverless", workgroupName: w.workgroupName, workgroupArn: w.workgroupArn }
    : { ...databaseOutputs(w), kind: "provisioned", clusterIdentifier: w.identifier };
}

/** The analytics warehouse a named migration writes to (docs/analytics-targets.md): a cluster or serverless. */
function declareWarehouse(
  config: FoundationConfig,
  context: Pick<FoundationConfig, "environment" | "application" | "tags">,
  network: MigrationNetwork,
): RedshiftWarehouse | RedshiftServerlessWarehouse | undefined {
  const w = config.warehouse;
  if (!w) return undefined;
  const common = {
    ...context,
    databaseName: w.databaseName,
    ...(w.adminPasswordVersion !== undefined ? { adminPasswordVersion: w.adminPasswordVersion } : {}),
    vpcId: network.vpcId,
    subnetIds: network.privateSubnetIds,
  };
  if (w.kind === "serverless") {
    return new RedshiftServerlessWarehouse("warehouse", {
      ...common,
      ...(w.baseCapacity !== undefined ? { baseCapacity: w.baseCapacity } : {}),
      ...(w.maxCapacity !== undefined ? { maxCapacity: w.maxCapacity } : {}),
    });
  }
  return new RedshiftWarehouse("warehouse", {
    ...common,
    ...(w.nodeType !== undefined ? { nodeType: w.nodeType } : {}),
    ...(w.numberOfNodes !== undefined ? { numberOfNodes: w.numberOfNodes } : {}),
    ...(w.snapshotRetentionDays !== undefined ? { snapshotRetentionDays: w.snapshotRetentionDays } : {}),
  });
}

/** Declare the foundation from a validated config. */
export function declareFoundation(config: FoundationConfig) {
  const context = { environment: config.environment, application: config.application, tags: config.tags };
  const network = new MigrationNetwork("network", {
    ...context,
    cidrBlock: config.network.vpcCidr,
    ...(config.network.azCount !== undefined ? { azCount: config.network.azCount } : {}),
    ...(config.network.onPremisesCidrs?.length
      ? {
          hybrid: {
            onPremisesCidrs: config.network.onPremisesCidrs,
            ...(config.network.transitGatewayId ? { transitGatewayId: config.network.transitGatewayId } : {}),
            ...(config.network.vpnGatewayId ? { vpnGatewayId: config.network.vpnGatewayId } : {}),
            ...(config.network.dnsForwarding ? { dnsForwarding: config.network.dnsForwarding } : {}),
          },
        }
      : {}),
  });
  const database = (name: string, role: "source" | "target", db: FoundationConfig["target"], purpose: string) =>
    new MigrationDatabase(name, {
      ...context,
      role,
      purpose,
      engine: db.engine,
      ...(db.engineVersion !== undefined ? { engineVersion: db.engineVersion } : {}),
      ...(db.autoMinorVersionUpgrade !== undefined ? { autoMinorVersionUpgrade: db.autoMinorVersionUpgrade } : {}),
      ...(db.licenseModel !== undefined ? { licenseModel: db.licenseModel } : {}),
      ...(db.characterSetName !== undefined ? { characterSetName: db.characterSetName } : {}),
      databaseName: db.databaseName,
      ...(db.instanceClass !== undefined ? { instanceClass: db.instanceClass } : {}),
      ...(db.allocatedStorageGb !== undefined ? { allocatedStorageGb: db.allocatedStorageGb } : {}),
      ...(db.multiAz !== undefined ? { multiAz: db.multiAz } : {}),
      ...(db.masterPasswordVersion !== undefined ? { masterPasswordVersion: db.masterPasswordVersion } : {}),
      // A source is prepared for CDC (binlog/WAL parameters, backups); see docs/database.md.
      ...(role === "source" ? { cdc: true } : {}),
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
    });
  const target = database("target", "target", config.target, "tgt");
  const labSource = config.labSource ? database("lab-source", "source", config.labSource, "src") : undefined;
  // Further targets by name: their own logical and physical names, so adding one leaves `target`'s
  // resources (URNs and identifiers) exactly as they were.
  const targets = Object.entries(config.targets ?? {}).map(
    ([name, db]) => [name, database(namedTargetResourceName(name), "target", db, namedTargetPurpose(name))] as const,
  );
  // The analytics warehouse a named migration writes to (docs/analytics-targets.md).
  const warehouse = config.warehouse ? declareWarehouse(config, context, network) : undefined;
  // The account's DMS roles: created by one long-lived foundation per account, adopted by the
  // others and by every replication stack (docs/accounts.md).
  const accountRoles = new DmsAccountRoles("account-roles", {
    ...context,
    mode: config.accountRoles ?? "adopt",
    // With a warehouse, also dms-access-for-endpoint, which a DMS Redshift target needs.
    ...(config.warehouse ? { redshift: true } : {}),
  });
  // The account's audit trail: adopted by name, or created (docs/access.md).
  const audit = new MigrationAuditTrail("audit", {
    ...context,
    ...(config.audit?.trailName !== undefined ? { adoptedTrailName: config.audit.trailName } : {}),
  });
  return {
    environment: config.environment,
    application: config.application,
    vpcId: network.vpcId,
    vpcCidr: network.vpcCidr,
    privateSubnetIds: network.privateSubnetIds,
    availabilityZones: network.availabilityZones,
    endpointSecurityGroupId: network.endpointSecurityGroupId,
    kmsKeyArn: network.kmsKeyArn,
    onPremisesCidrs: network.onPremisesCidrs,
    /** The on-premises ranges the private route tables route to the gateway: what DMS can reach beyond the VPC. */
    routedCidrs: network.routedCidrs,
    /** The domains the VPC resolver forwards to the on-premises DNS servers. */
    forwardedDomains: config.network.dnsForwarding?.domains ?? [],
    target: databaseOutputs(target),
    ...(labSource ? { labSource: databaseOutputs(labSource) } : {}),
    /** The further targets by name, read by a migration whose `migration.target.foundationTarget` names one. */
    ...(targets.length > 0
      ? { targets: Object.fromEntries(targets.map(([name, db]) => [name, databaseOutputs(db)])) }
      : {}),
    /** The Redshift warehouse, read by a migration whose target engine is redshift. */
    ...(warehouse ? { warehouse: warehouseOutputs(warehouse) } : {}),
    /** The trail auditing this account; the replication stack records it on its operator access. */
    auditTrailName: audit.trailName,
    /** Whether this stack created the account's DMS roles (`create`) or adopted them (`adopt`). */
    dmsAccountRoles: accountRoles.mode,
    auditTrailMode: audit.mode,
  };
}

/**
 * The Pulumi program of the foundation stack: reads and validates the stack's config (errors
 * name Pulumi.<stack>.yaml and the key), then declares the network and the databases.
 */
export async function program(): Promise<Record<string, unknown>> {
  const file = stackConfigFile(pulumi.getStack());
  const config = loadFoundationConfig(pulumi.runtime.allConfig(), file);
  try {
    return declareFoundation(config);
  } catch (err) {
    // A value the schema let through and a component refused: name the key the user wrote.
    throw relocateComponentError(err, file, foundationOrigins(config), foundationNameParts(config));
  }
}
