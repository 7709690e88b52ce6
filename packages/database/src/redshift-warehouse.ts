import { getProfile, mergeTags, type NameKind, parseComponentArgs, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { MASTER_PASSWORD_SPEC } from "./credentials.js";
import { databaseKey } from "./database-key.js";
import { admitClient, type WarehouseNaming, warehouseAdminSecret, warehouseSecurityGroup } from "./redshift-common.js";
import {
  planRedshiftWarehouse,
  REDSHIFT_PARAMETER_GROUP_FAMILY,
  type RedshiftWarehouseArgs,
  type RedshiftWarehousePlan,
  redshiftLogGroupName,
  redshiftWarehouseArgsSchema,
} from "./redshift-plan.js";

/** The type token of RedshiftWarehouse. */
export const REDSHIFT_WAREHOUSE_TYPE = "dms-platform:database:RedshiftWarehouse";

/**
 * A provisioned Amazon Redshift cluster in the role of a DMS analytics target: private (a cluster
 * subnet group on the private subnets, not publicly accessible, enhanced VPC routing so DMS's COPY
 * from the intermediate S3 bucket stays in the VPC, a security group admitting only other security
 * groups on 5439), encrypted with a customer-managed key, TLS required by its parameter group,
 * audit logs (connection, user, user activity) exported to KMS-encrypted CloudWatch log groups,
 * automated snapshots kept at least 7 days and a final snapshot where the profile takes one. The
 * admin credentials are generated here and stored in Secrets Manager in the JSON shape a DMS
 * endpoint reads (engine, host, port, username, password, dbname), rather than Redshift's own
 * managed secret (`manageMasterPassword`), whose holding host and port (which a DMS endpoint reading
 * `SecretsManagerSecretId` needs) could not be verified offline (docs/analytics-targets.md).
 *
 * @example
 * ```ts
 * const warehouse = new RedshiftWarehouse("warehouse", {
 *   environment: "dev", application: "orders", tags, databaseName: "analytics",
 *   vpcId: network.vpcId, subnetIds: network.privateSubnetIds,
 * });
 * // DmsReplication's Redshift target reads warehouse.address, port, secretArn and kmsKeyArn.
 * ```
 */
export class RedshiftWarehouse extends pulumi.ComponentResource {
  /** The cluster's DNS name (the endpoint without its port). */
  readonly address: pulumi.Output<string>;
  /** 5439. */
  readonly port: pulumi.Output<number>;
  /** `redshift`. */
  readonly engine: pulumi.Output<"redshift">;
  /** The database DMS writes to. */
  readonly databaseName: pulumi.Output<string>;
  /** ARN of the Secrets Manager secret holding {engine, host, port, username, password, dbname}. */
  readonly secretArn: pulumi.Output<string>;
  /** The customer-managed key of the cluster, its logs and its secret. */
  readonly kmsKeyArn: pulumi.Output<string>;
  /** The cluster's security group; ingress by security group only (`allowFrom`). */
  readonly securityGroupId: pulumi.Output<string>;
  /** The cluster identifier. */
  readonly identifier: pulumi.Output<string>;
  /** What was decided from the args and the profile. */
  readonly plan: RedshiftWarehousePlan;

  private readonly naming: WarehouseNaming;
  private readonly securityGroup: aws.ec2.SecurityGroup;

  constructor(name: string, args: RedshiftWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
    super(REDSHIFT_WAREHOUSE_TYPE, name, {}, opts);
    const parsed = parseComponentArgs(redshiftWarehouseArgsSchema, args, "RedshiftWarehouse", name);
    const plan = planRedshiftWarehouse(parsed);
    this.plan = plan;
    const { environment, application } = parsed;
    const nameOf = (kind: NameKind, suffix?: string) =>
      physicalName(kind, { environment, application, purpose: suffix ? `${plan.purpose}-${suffix}` : plan.purpose });
    const tagsFor = (suffix: string) => mergeTags(parsed.tags, { Name: nameOf("tag", suffix) });
    this.naming = { name, tag: nameOf("tag"), tagsFor };
    const tags = mergeTags(parsed.tags, { Name: nameOf("tag") });
    const identifier = nameOf("redshift-cluster");

    // The customer-managed key: the account administers it (Redshift and Secrets Manager use it
    // through grants made with the caller's permissions); CloudWatch Logs may use it for this
    // cluster's log groups only.
    const key = databaseKey(
      this,
      name,
      {
        description: `${nameOf("tag")}: Redshift storage, audit logs and the admin secret`,
        logGroupNamePrefix: redshiftLogGroupName(identifier, "").replace(/\/$/, ""),
        deletionWindowInDays: plan.kmsDeletionWindowDays,
        aliasName: nameOf("kms-alias", "key"),
        tags: tagsFor("key"),
      },
      // A final snapshot stays encrypted with this key after the stack is destroyed.
      { parent: this, protect: plan.protect, retainOnDelete: plan.finalSnapshot },
    );

    const subnetGroup = new aws.redshift.SubnetGroup(
      `${name}-subnets`,
      {
        name: nameOf("redshift-group", "subnets"),
        subnetIds: parsed.subnetIds,
        description: `${nameOf("tag")} private subnets`,
        tags,
      },
      { parent: this },
    );
    this.securityGroup = warehouseSecurityGroup(this, this.naming, {
      vpcId: parsed.vpcId,
      groupName: nameOf("security-group"),
      description: `${nameOf("tag")}: redshift on ${plan.port} from named security groups only`,
    });
    const parameterGroup = new aws.redshift.ParameterGroup(
      `${name}-params`,
      {
        name: nameOf("redshift-group", "params"),
        family: REDSHIFT_PARAMETER_GROUP_FAMILY,
        description: `${nameOf("tag")}: TLS required, user activity logged`,
        parameters: plan.parameters.map((p) => ({ name: p.name, value: p.value })),
        tags: tagsFor("params"),
      },
      { parent: this },
    );
    // Log groups Redshift exports to, created first so they get a retention, the key and our tags.
    const logGroups = plan.logExports.map(
      (log) =>
        new aws.cloudwatch.LogGroup(
          `${name}-log-${log}`,
          {
            name: redshiftLogGroupName(identifier, log),
            retentionInDays: getProfile(environment).logRetentionDays,
            kmsKeyId: key.arn,
            tags: tagsFor(`log-${log}`),
          },
          { parent: this },
        ),
    );

    const password = new random.RandomPassword(
      `${name}-admin-password`,
      { ...MASTER_PASSWORD_SPEC, keepers: { version: String(plan.adminPasswordVersion) } },
      { parent: this },
    );
    // Names that outlive the stack (the secret in its recovery window, the final snapshot) end in a
    // generation made with the stack, as MigrationDatabase's do.
    const generation = new random.RandomId(`${name}-admin-secret-generation`, { byteLength: 2 }, { parent: this });

    const cluster = new aws.redshift.Cluster(
      `${name}-cluster`,
      {
        clusterIdentifier: identifier,
        nodeType: plan.nodeType,
        clusterType: plan.clusterType,
        ...(plan.clusterType === "multi-node" ? { numberOfNodes: plan.numberOfNodes } : {}),
        databaseName: plan.databaseName,
        masterUsername: plan.adminUsername,
        masterPassword: password.result,
        port: plan.port,
        // `encrypted` is a nullable bool the provider types as a string (resourceCluster, v6).
        encrypted: "true",
        kmsKeyId: key.arn,
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        clusterSubnetGroupName: subnetGroup.name,
        clusterParameterGroupName: parameterGroup.name,
        vpcSecurityGroupIds: [this.securityGroup.id],
        automatedSnapshotRetentionPeriod: plan.snapshotRetentionDays,
        allowVersionUpgrade: true,
        skipFinalSnapshot: !plan.finalSnapshot,
        ...(plan.finalSnapshot
          ? { finalSnapshotIdentifier: pulumi.interpolate`${identifier}-final-${generation.hex}` }
          : {}),
        tags,
      },
      { parent: this, protect: plan.protect, dependsOn: logGroups },
    );
    // Audit logging to CloudWatch (the cluster's `logging` block was removed in provider v6:
    // aws_redshift_logging, internal/service/redshift loggingResource).
    new aws.redshift.Logging(
      `${name}-logging`,
      {
        clusterIdentifier: cluster.clusterIdentifier,
        logDestinationType: "cloudwatch",
        logExports: [...plan.logExports],
      },
      { parent: cluster, dependsOn: logGroups },
    );

    const port = cluster.port.apply((p) => p ?? plan.port);
    const secret = warehouseAdminSecret(this, this.naming, {
      secretName: pulumi.interpolate`${nameOf("secret", "admin")}-${generation.hex}`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: plan.secretRecoveryWindowDays,
      host: cluster.dnsName,
      port,
      username: plan.adminUsername,
      password: password.result,
      databaseName: plan.databaseName,
    });

    this.address = cluster.dnsName;
    this.port = port;
    this.engine = pulumi.output("redshift" as const);
    this.databaseName = pulumi.output(plan.databaseName);
    this.secretArn = secret.arn;
    this.kmsKeyArn = key.arn;
    this.securityGroupId = this.securityGroup.id;
    this.identifier = pulumi.output(identifier);
    this.registerOutputs({
      address: this.address,
      port: this.port,
      engine: this.engine,
      databaseName: this.databaseName,
      secretArn: this.secretArn,
      kmsKeyArn: this.kmsKeyArn,
      securityGroupId: this.securityGroupId,
      identifier: this.identifier,
    });
  }

  /** Admit a client security group (DMS's) on 5439. */
  allowFrom(name: string, securityGroupId: pulumi.Input<string>): aws.vpc.SecurityGroupIngressRule {
    return admitClient(this.securityGroup, this.naming, this.plan.port, name, securityGroupId);
  }
}

export { redshiftSecretDocument } from "./redshift-common.js";
