import { getProfile, mergeTags, type NameKind, parseComponentArgs, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { MASTER_PASSWORD_SPEC } from "./credentials.js";
import { databaseKey } from "./database-key.js";
import { admitClient, type WarehouseNaming, warehouseAdminSecret, warehouseSecurityGroup } from "./redshift-common.js";
import {
  planRedshiftServerlessWarehouse,
  type RedshiftServerlessWarehouseArgs,
  type RedshiftServerlessWarehousePlan,
  redshiftServerlessLogGroupName,
  redshiftServerlessWarehouseArgsSchema,
} from "./redshift-serverless-plan.js";

/** The type token of RedshiftServerlessWarehouse. */
export const REDSHIFT_SERVERLESS_WAREHOUSE_TYPE = "dms-platform:database:RedshiftServerlessWarehouse";

/**
 * An Amazon Redshift Serverless namespace and workgroup in the role of a DMS analytics target, the
 * serverless twin of RedshiftWarehouse: the namespace holds the data, encrypted with a
 * customer-managed key, with an admin user that is not a console default and its audit logs
 * (connection, user, user activity) exported to KMS-encrypted CloudWatch log groups; the workgroup
 * holds the compute (base and maximum RPUs per environment), private (not publicly accessible, on
 * three or more private subnets, a security group admitting only other security groups on 5439),
 * with enhanced VPC routing so DMS's COPY from its intermediate S3 bucket stays in the VPC, and
 * `require_ssl` / `enable_user_activity_logging` set. The admin credentials are generated here and
 * stored in Secrets Manager in the JSON shape a DMS endpoint reads (engine, host, port, username,
 * password, dbname), host being the workgroup's endpoint.
 *
 * Serverless has no final snapshot on delete through the provider (terraform-provider-aws v6.58.0
 * resourceNamespaceDelete sends DeleteNamespace with the namespace name only): where the profile
 * takes a final snapshot (test, prod) the namespace and its key are retained on `pulumi destroy`
 * instead, and `protect`ed in prod (docs/analytics-targets.md).
 *
 * @example
 * ```ts
 * const warehouse = new RedshiftServerlessWarehouse("warehouse", {
 *   environment: "dev", application: "orders", tags, databaseName: "analytics",
 *   vpcId: network.vpcId, subnetIds: network.privateSubnetIds, // three AZs
 * });
 * ```
 */
export class RedshiftServerlessWarehouse extends pulumi.ComponentResource {
  /** The workgroup endpoint's DNS name (`<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`). */
  readonly address: pulumi.Output<string>;
  /** 5439. */
  readonly port: pulumi.Output<number>;
  /** `redshift`. */
  readonly engine: pulumi.Output<"redshift">;
  /** The database DMS writes to. */
  readonly databaseName: pulumi.Output<string>;
  /** ARN of the Secrets Manager secret holding {engine, host, port, username, password, dbname}. */
  readonly secretArn: pulumi.Output<string>;
  /** The customer-managed key of the namespace, its logs and its secret. */
  readonly kmsKeyArn: pulumi.Output<string>;
  /** The workgroup's security group; ingress by security group only (`allowFrom`). */
  readonly securityGroupId: pulumi.Output<string>;
  /** The workgroup name (what the Redshift Data API's `--workgroup-name` takes). */
  readonly identifier: pulumi.Output<string>;
  /** The workgroup name. */
  readonly workgroupName: pulumi.Output<string>;
  /**
   * The workgroup ARN (`arn:<partition>:redshift-serverless:<region>:<account>:workgroup/<id>`): what
   * an IAM statement names to allow the Redshift Data API's ExecuteStatement on it (Service
   * Authorization Reference, Amazon Redshift Data API: the `workgroup` resource type).
   */
  readonly workgroupArn: pulumi.Output<string>;
  /** The namespace name. */
  readonly namespaceName: pulumi.Output<string>;
  /** What was decided from the args and the profile. */
  readonly plan: RedshiftServerlessWarehousePlan;

  private readonly naming: WarehouseNaming;
  private readonly securityGroup: aws.ec2.SecurityGroup;

  constructor(name: string, args: RedshiftServerlessWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
    super(REDSHIFT_SERVERLESS_WAREHOUSE_TYPE, name, {}, opts);
    const parsed = parseComponentArgs(redshiftServerlessWarehouseArgsSchema, args, "RedshiftServerlessWarehouse", name);
    const plan = planRedshiftServerlessWarehouse(parsed);
    this.plan = plan;
    const { environment, application } = parsed;
    const nameOf = (kind: NameKind, suffix?: string) =>
      physicalName(kind, { environment, application, purpose: suffix ? `${plan.purpose}-${suffix}` : plan.purpose });
    const tagsFor = (suffix: string) => mergeTags(parsed.tags, { Name: nameOf("tag", suffix) });
    this.naming = { name, tag: nameOf("tag"), tagsFor };
    const tags = mergeTags(parsed.tags, { Name: nameOf("tag") });
    // One name for both: each is unique among its own kind (CreateNamespace / CreateWorkgroup).
    const namespaceName = nameOf("redshift-serverless");
    const workgroupName = nameOf("redshift-serverless");

    // The customer-managed key, as RedshiftWarehouse's: CloudWatch Logs may use it for this
    // namespace's log groups only.
    const key = databaseKey(
      this,
      name,
      {
        description: `${nameOf("tag")}: Redshift Serverless storage, audit logs and the admin secret`,
        logGroupNamePrefix: redshiftServerlessLogGroupName(namespaceName, "").replace(/\/$/, ""),
        deletionWindowInDays: plan.kmsDeletionWindowDays,
        aliasName: nameOf("kms-alias", "key"),
        tags: tagsFor("key"),
      },
      // A retained namespace stays encrypted with this key after the stack is destroyed.
      { parent: this, protect: plan.protect, retainOnDelete: plan.retainData },
    );

    // As RedshiftWarehouse's: no ingress but by security group (allowFrom); with enhanced VPC routing
    // COPY leaves through the workgroup's network interfaces to the VPC's S3 gateway endpoint.
    this.securityGroup = warehouseSecurityGroup(this, this.naming, {
      vpcId: parsed.vpcId,
      groupName: nameOf("security-group"),
      description: `${nameOf("tag")}: redshift serverless on ${plan.port} from named security groups only`,
    });
    // Log groups Redshift Serverless exports to (it uses an existing group of that name), created
    // first so they get a retention, the key and our tags.
    const logGroups = plan.logExports.map(
      (log) =>
        new aws.cloudwatch.LogGroup(
          `${name}-log-${log}`,
          {
            name: redshiftServerlessLogGroupName(namespaceName, log),
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
    const generation = new random.RandomId(`${name}-admin-secret-generation`, { byteLength: 2 }, { parent: this });

    // namespace_name and db_name are ForceNew and the name is fixed (not autonamed): a replacement
    // deletes first (terraform-provider-aws v6.58.0 resourceNamespace). The admin password is ours,
    // not manageAdminPassword: our secret holds host and port, which a DMS endpoint reading
    // SecretsManagerSecretId needs.
    const namespace = new aws.redshiftserverless.Namespace(
      `${name}-namespace`,
      {
        namespaceName,
        dbName: plan.databaseName,
        adminUsername: plan.adminUsername,
        adminUserPassword: password.result,
        kmsKeyId: key.arn,
        logExports: [...plan.logExports],
        tags,
      },
      {
        parent: this,
        protect: plan.protect,
        retainOnDelete: plan.retainData,
        deleteBeforeReplace: true,
        dependsOn: logGroups,
      },
    );
    // workgroup_name and namespace_name are ForceNew, every other input is UpdateWorkgroup
    // (resourceWorkgroup / resourceWorkgroupUpdate, v6.58.0).
    const workgroup = new aws.redshiftserverless.Workgroup(
      `${name}-workgroup`,
      {
        workgroupName,
        namespaceName: namespace.namespaceName,
        baseCapacity: plan.baseCapacity,
        maxCapacity: plan.maxCapacity,
        port: plan.port,
        publiclyAccessible: false,
        enhancedVpcRouting: true,
        subnetIds: parsed.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        configParameters: plan.configParameters.map((p) => ({ ...p })),
        tags,
      },
      { parent: namespace, protect: plan.protect, deleteBeforeReplace: true },
    );

    const endpoint = workgroup.endpoints.apply((e) => e?.[0]);
    const address = endpoint.apply((e) => e?.address ?? "");
    const port = endpoint.apply((e) => e?.port ?? plan.port);
    const secret = warehouseAdminSecret(this, this.naming, {
      secretName: pulumi.interpolate`${nameOf("secret", "admin")}-${generation.hex}`,
      kmsKeyId: key.arn,
      recoveryWindowInDays: plan.secretRecoveryWindowDays,
      host: address,
      port,
      username: plan.adminUsername,
      password: password.result,
      databaseName: plan.databaseName,
    });

    this.address = address;
    this.port = port;
    this.engine = pulumi.output("redshift" as const);
    this.databaseName = pulumi.output(plan.databaseName);
    this.secretArn = secret.arn;
    this.kmsKeyArn = key.arn;
    this.securityGroupId = this.securityGroup.id;
    this.workgroupName = workgroup.workgroupName;
    this.workgroupArn = workgroup.arn;
    this.namespaceName = namespace.namespaceName;
    this.identifier = this.workgroupName;
    this.registerOutputs({
      address: this.address,
      port: this.port,
      engine: this.engine,
      databaseName: this.databaseName,
      secretArn: this.secretArn,
      kmsKeyArn: this.kmsKeyArn,
      securityGroupId: this.securityGroupId,
      identifier: this.identifier,
      workgroupName: this.workgroupName,
      workgroupArn: this.workgroupArn,
      namespaceName: this.namespaceName,
    });
  }

  /** Admit a client security group (DMS's) on 5439. */
  allowFrom(name: string, securityGroupId: pulumi.Input<string>): aws.vpc.SecurityGroupIngressRule {
    return admitClient(this.securityGroup, this.naming, this.plan.port, name, securityGroupId);
  }
}
