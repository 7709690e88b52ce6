import { getProfile, mergeTags, type NameKind, parseComponentArgs, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { MASTER_PASSWORD_SPEC } from "./credentials.js";
import { databaseKeyPolicy, type KeyPolicyContext } from "./key-policy.js";
import {
  planRedshiftServerlessWarehouse,
  type RedshiftServerlessWarehouseArgs,
  type RedshiftServerlessWarehousePlan,
  redshiftServerlessLogGroupName,
  redshiftServerlessWarehouseArgsSchema,
} from "./redshift-serverless-plan.js";
import { redshiftSecretDocument } from "./redshift-warehouse.js";

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

  private readonly baseName: string;
  private readonly securityGroup: aws.ec2.SecurityGroup;
  private readonly tagsFor: (suffix: string) => Record<string, string>;

  constructor(name: string, args: RedshiftServerlessWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
    super(REDSHIFT_SERVERLESS_WAREHOUSE_TYPE, name, {}, opts);
    const parsed = parseComponentArgs(redshiftServerlessWarehouseArgsSchema, args, "RedshiftServerlessWarehouse", name);
    const plan = planRedshiftServerlessWarehouse(parsed);
    this.plan = plan;
    this.baseName = name;
    const { environment, application } = parsed;
    const nameOf = (kind: NameKind, suffix?: string) =>
      physicalName(kind, { environment, application, purpose: suffix ? `${plan.purpose}-${suffix}` : plan.purpose });
    this.tagsFor = (suffix: string) => mergeTags(parsed.tags, { Name: nameOf("tag", suffix) });
    const tags = mergeTags(parsed.tags, { Name: nameOf("tag") });
    // One name for both: each is unique among its own kind (CreateNamespace / CreateWorkgroup).
    const namespaceName = nameOf("redshift-serverless");
    const workgroupName = nameOf("redshift-serverless");

    // The customer-managed key, as RedshiftWarehouse's: CloudWatch Logs may use it for this
    // namespace's log groups only.
    const invokeOpts = { parent: this };
    const partition = aws.getPartitionOutput({}, invokeOpts);
    const context: pulumi.Output<KeyPolicyContext> = pulumi
      .all([
        partition.partition,
        partition.dnsSuffix,
        aws.getRegionOutput({}, invokeOpts).region,
        aws.getCallerIdentityOutput({}, invokeOpts).accountId,
      ])
      .apply(([p, dnsSuffix, region, accountId]) => ({ partition: p, dnsSuffix, region, accountId }));
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${nameOf("tag")}: Redshift Serverless storage, audit logs and the admin secret`,
        policy: context.apply((ctx) =>
          JSON.stringify(databaseKeyPolicy(ctx, redshiftServerlessLogGroupName(namespaceName, "").replace(/\/$/, ""))),
        ),
        enableKeyRotation: true,
        deletionWindowInDays: plan.kmsDeletionWindowDays,
        tags: this.tagsFor("key"),
      },
      // A retained namespace stays encrypted with this key after the stack is destroyed.
      { parent: this, protect: plan.protect, retainOnDelete: plan.retainData },
    );
    new aws.kms.Alias(
      `${name}-key-alias`,
      { name: `alias/${nameOf("kms-alias", "key")}`, targetKeyId: key.keyId },
      { parent: key },
    );

    // As RedshiftWarehouse's: no ingress but by security group (allowFrom); with enhanced VPC routing
    // COPY leaves through the workgroup's network interfaces to the VPC's S3 gateway endpoint.
    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: parsed.vpcId,
        name: nameOf("security-group"),
        description: `${nameOf("tag")}: redshift serverless on ${plan.port} from named security groups only`,
        tags: this.tagsFor("sg"),
      },
      { parent: this },
    );
    const s3PrefixList = aws.ec2.getPrefixListOutput(
      { name: pulumi.interpolate`com.amazonaws.${aws.getRegionOutput({}, invokeOpts).region}.s3` },
      invokeOpts,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-to-s3`,
      {
        securityGroupId: this.securityGroup.id,
        prefixListId: s3PrefixList.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "COPY from the DMS intermediate bucket through the S3 gateway endpoint",
        tags: this.tagsFor("to-s3"),
      },
      { parent: this.securityGroup },
    );
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
            tags: this.tagsFor(`log-${log}`),
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
    const secret = new aws.secretsmanager.Secret(
      `${name}-admin-secret`,
      {
        name: pulumi.interpolate`${nameOf("secret", "admin")}-${generation.hex}`,
        description: `${nameOf("tag")} admin credentials (DMS endpoint secret)`,
        kmsKeyId: key.arn,
        recoveryWindowInDays: plan.secretRecoveryWindowDays,
        tags: this.tagsFor("admin-secret"),
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-admin-secret-value`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(
          pulumi.all([address, port, password.result]).apply(([host, p, pw]) =>
            JSON.stringify(
              redshiftSecretDocument({
                host,
                port: p,
                username: plan.adminUsername,
                password: pw,
                databaseName: plan.databaseName,
              }),
            ),
          ),
        ),
      },
      { parent: secret },
    );

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
    return new aws.vpc.SecurityGroupIngressRule(
      `${this.baseName}-from-${name}`,
      {
        securityGroupId: this.securityGroup.id,
        referencedSecurityGroupId: securityGroupId,
        ipProtocol: "tcp",
        fromPort: this.plan.port,
        toPort: this.plan.port,
        description: `redshift from ${name}`,
        tags: this.tagsFor(`from-${name}`),
      },
      { parent: this.securityGroup },
    );
  }
}
