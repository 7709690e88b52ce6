import {
  type MigrationDatabaseEngine,
  mergeTags,
  type NameKind,
  parseComponentArgs,
  physicalName,
} from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { type DatabasePlan, type MigrationDatabaseArgs, migrationDatabaseArgsSchema, planDatabase } from "./args.js";
import type { ParameterRequirement } from "./cdc-parameters.js";
import { databaseSecretDocument, MASTER_PASSWORD_SPEC } from "./credentials.js";
import { databaseKey } from "./database-key.js";
import { CA_CERT_IDENTIFIER, rdsLogGroupName, rdsLogGroupPrefix } from "./engine.js";

/** The type token of MigrationDatabase. */
export const MIGRATION_DATABASE_TYPE = "dms-platform:database:MigrationDatabase";

/** Performance Insights retention in days: 7 is the free tier. */
const PERFORMANCE_INSIGHTS_RETENTION_DAYS = 7;

const toParameters = (requirements: readonly ParameterRequirement[]) =>
  requirements.map((p) => ({ name: p.parameter, value: p.value, applyMethod: p.applyMethod }));

/**
 * An RDS instance or Aurora cluster in the role of a DMS source or target: private (subnet group
 * on private subnets, not publicly accessible, a security group that admits only other security
 * groups on the engine's port), encrypted with a customer-managed key, TLS forced through its
 * parameter group, CDC-ready when it is a CDC source, with the master credentials generated here
 * and stored in Secrets Manager in the JSON shape DMS endpoints read.
 *
 * @example
 * ```ts
 * const source = new MigrationDatabase("source", {
 *   environment: "prod", application: "orders", tags,
 *   role: "source", cdc: true, // binlog_format ROW / rds.logical_replication, backups on
 *   engine: "mysql", databaseName: "orders",
 *   vpcId: network.vpcId, subnetIds: network.privateSubnetIds,
 * });
 * // A DMS endpoint reads source.address, source.port, source.secretArn, source.kmsKeyArn, and
 * // DmsReplication admits its security group to source.securityGroupId on the engine's port.
 * ```
 * Whole programs: examples/one-source-instance (MySQL), examples/aurora-postgresql-target (Aurora).
 */
export class MigrationDatabase extends pulumi.ComponentResource {
  /** Host name clients and DMS connect to (the instance address, or the Aurora writer endpoint). */
  readonly address: pulumi.Output<string>;
  /** The port clients and DMS connect to (3306, 5432, 1433, or Oracle's SSL port 2484). */
  readonly port: pulumi.Output<number>;
  /** The engine as RDS names it (mysql, …, aurora-postgresql, oracle-ee, sqlserver-se, …). */
  readonly engine: pulumi.Output<MigrationDatabaseEngine>;
  /** The database created at launch. */
  readonly databaseName: pulumi.Output<string>;
  /** ARN of the Secrets Manager secret holding {engine, host, username, password, dbname, port}. */
  readonly secretArn: pulumi.Output<string>;
  /** The database's security group; ingress is by security group only (`allowFrom`). */
  readonly securityGroupId: pulumi.Output<string>;
  /** The customer-managed key encrypting storage, Performance Insights and the secret (DMS's access role must be able to decrypt with it). */
  readonly kmsKeyArn: pulumi.Output<string>;
  /** The parameter group carrying TLS and CDC settings (the cluster parameter group for Aurora). */
  readonly parameterGroupName: pulumi.Output<string>;
  /** The RDS instance or Aurora cluster identifier. */
  readonly identifier: pulumi.Output<string>;
  /** What was decided from the args and the profile (engine version, multi-AZ, backups, parameters...). */
  readonly plan: DatabasePlan;

  private readonly baseName: string;
  private readonly tagsFor: (purpose: string) => Record<string, string>;
  private readonly securityGroup: aws.ec2.SecurityGroup;

  constructor(name: string, args: MigrationDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MIGRATION_DATABASE_TYPE, name, {}, opts);
    // Build from the value the parser returns (checked, copied), never from the raw input.
    const parsed = parseComponentArgs(migrationDatabaseArgsSchema, args, "MigrationDatabase", name);
    const plan = planDatabase(parsed);
    this.plan = plan;
    this.baseName = name;
    const { environment, application } = parsed;
    const nameOf = (kind: NameKind, suffix?: string) =>
      physicalName(kind, { environment, application, purpose: suffix ? `${plan.purpose}-${suffix}` : plan.purpose });
    this.tagsFor = (suffix: string) => mergeTags(parsed.tags, { Name: nameOf("tag", suffix) });
    const tags = mergeTags(parsed.tags, { Name: nameOf("tag") });
    const protect = { parent: this, protect: plan.protect };
    const identifier = plan.aurora ? nameOf("rds-cluster") : nameOf("rds-instance");

    // The customer-managed key: passed in (its policy must let CloudWatch Logs use it for the
    // database's log groups), or created with rotation on and such a policy.
    let kmsKeyArn: pulumi.Output<string>;
    if (parsed.kmsKeyArn !== undefined) {
      kmsKeyArn = pulumi.output(parsed.kmsKeyArn);
    } else {
      const key = databaseKey(
        this,
        name,
        {
          description: `${nameOf("tag")}: RDS storage, Performance Insights, logs and the master secret`,
          logGroupNamePrefix: rdsLogGroupPrefix(plan.aurora, identifier),
          deletionWindowInDays: plan.kmsDeletionWindowDays,
          aliasName: nameOf("kms-alias", "db"),
          tags: this.tagsFor("key"),
        },
        // A final snapshot (and a secret in its recovery window) stays encrypted with this key after
        // the stack is destroyed: deleting the key with the stack would make them unreadable once its
        // deletion window ends. Kept (retainOnDelete) wherever a final snapshot is taken.
        { ...protect, retainOnDelete: plan.finalSnapshot },
      );
      kmsKeyArn = key.arn;
    }

    // Network: a subnet group on the private subnets and a security group with no CIDR rule at all.
    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      {
        name: nameOf("rds-subnet-group"),
        subnetIds: parsed.subnetIds,
        description: `${nameOf("tag")} private subnets`,
        tags,
      },
      { parent: this },
    );
    // No egress rules: a database initiates no connections (the provider removes AWS's default allow-all egress).
    this.securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        vpcId: parsed.vpcId,
        name: nameOf("security-group"),
        description: `${nameOf("tag")}: ${plan.engine} on ${plan.port} from named security groups only`,
        tags: this.tagsFor("sg"),
      },
      { parent: this },
    );
    (parsed.allowedSecurityGroupIds ?? []).forEach((sg, i) => {
      this.allowFrom(`allowed-${i + 1}`, sg);
    });

    // Oracle: TLS through the SSL option on its own port; the security group admits that port only.
    let optionGroup: aws.rds.OptionGroup | undefined;
    if (plan.optionGroup) {
      const og = plan.optionGroup;
      optionGroup = new aws.rds.OptionGroup(
        `${name}-options`,
        {
          name: nameOf("rds-option-group", `${og.engineName}-${og.majorEngineVersion}`),
          optionGroupDescription: `${nameOf("tag")}: TLS through the Oracle SSL option on ${plan.port}`,
          engineName: og.engineName,
          majorEngineVersion: og.majorEngineVersion,
          options: og.options.map((o) => ({
            optionName: o.optionName,
            ...(o.port !== undefined ? { port: o.port, vpcSecurityGroupMemberships: [this.securityGroup.id] } : {}),
            optionSettings: o.optionSettings,
          })),
          tags: this.tagsFor("options"),
        },
        { parent: this },
      );
    }

    // Parameter groups: TLS always, CDC prerequisites for a CDC source (one table, shared with preflight).
    const familySuffix = plan.parameterGroupFamily.replace(/[^a-z0-9]+/g, "-");
    let parameterGroupName: pulumi.Output<string>;
    let instanceParameterGroup: aws.rds.ParameterGroup | undefined;
    if (!plan.aurora || plan.instanceParameters.length > 0) {
      instanceParameterGroup = new aws.rds.ParameterGroup(
        `${name}-params`,
        {
          // The family is part of the name: a major upgrade creates a new group beside the one in use.
          name: nameOf("rds-parameter-group", familySuffix),
          family: plan.parameterGroupFamily,
          description: plan.optionGroup
            ? `${nameOf("tag")}: engine parameters (TLS through the option group)`
            : `${nameOf("tag")}: TLS forced, logs written${plan.cdc ? ", DMS CDC prerequisites" : ""}`,
          parameters: toParameters(plan.instanceParameters),
          tags: this.tagsFor("params"),
        },
        { parent: this },
      );
    }
    let clusterParameterGroup: aws.rds.ClusterParameterGroup | undefined;
    if (plan.aurora) {
      clusterParameterGroup = new aws.rds.ClusterParameterGroup(
        `${name}-cluster-params`,
        {
          name: nameOf("rds-parameter-group", `cluster-${familySuffix}`),
          family: plan.parameterGroupFamily,
          description: `${nameOf("tag")}: TLS forced, logs written${plan.cdc ? ", DMS CDC prerequisites" : ""}`,
          parameters: toParameters(plan.clusterParameters),
          tags: this.tagsFor("cluster-params"),
        },
        { parent: this },
      );
      parameterGroupName = clusterParameterGroup.name;
    } else {
      parameterGroupName = (instanceParameterGroup as aws.rds.ParameterGroup).name;
    }

    // Log groups RDS exports to, created first so they get a retention, the key and our tags.
    const logGroups = plan.logExports.map(
      (log) =>
        new aws.cloudwatch.LogGroup(
          `${name}-log-${log}`,
          {
            name: rdsLogGroupName(plan.aurora, identifier, log),
            retentionInDays: plan.logRetentionDays,
            kmsKeyId: kmsKeyArn,
            tags: this.tagsFor(`log-${log}`),
          },
          { parent: this },
        ),
    );

    // Master password: generated, a secret from creation to the database and the secret's JSON.
    // Changing `keepers` (masterPasswordVersion) replaces the password: that is the rotation path.
    const password = new random.RandomPassword(
      `${name}-master-password`,
      { ...MASTER_PASSWORD_SPEC, keepers: { version: String(plan.masterPasswordVersion) } },
      { parent: this },
    );

    // A generation made with the stack; a rebuild gets a new one. Names that outlive the stack end in
    // it: a deleted secret keeps its name for the recovery window (InvalidRequestException:
    // "scheduled for deletion"), and a final snapshot is kept, so destroy -> re-create -> destroy
    // would ask for the same snapshot name again (DeleteDBInstance / DeleteDBCluster:
    // DBSnapshotAlreadyExists / DBClusterSnapshotAlreadyExistsFault, RDS API Reference). Four hex
    // digits: AWS advises against secret names ending in a hyphen and six characters, which look like
    // the suffix of a secret ARN.
    const generation = new random.RandomId(`${name}-master-secret-generation`, { byteLength: 2 }, { parent: this });

    const common = {
      storageEncrypted: true,
      kmsKeyId: kmsKeyArn,
      iamDatabaseAuthenticationEnabled: plan.iamAuthentication,
      copyTagsToSnapshot: true,
      backupRetentionPeriod: plan.backupRetentionDays,
      deletionProtection: plan.deletionProtection,
      skipFinalSnapshot: !plan.finalSnapshot,
      finalSnapshotIdentifier: plan.finalSnapshot
        ? pulumi.interpolate`${identifier}-final-${generation.hex}`
        : undefined,
      enabledCloudwatchLogsExports: plan.logExports,
      vpcSecurityGroupIds: [this.securityGroup.id],
      dbSubnetGroupName: subnetGroup.name,
      engineVersion: plan.engineVersion,
      tags,
    };
    const performanceInsights = plan.performanceInsights
      ? {
          performanceInsightsEnabled: true,
          performanceInsightsKmsKeyId: kmsKeyArn,
          performanceInsightsRetentionPeriod: PERFORMANCE_INSIGHTS_RETENTION_DAYS,
        }
      : { performanceInsightsEnabled: false };

    let address: pulumi.Output<string>;
    let port: pulumi.Output<number>;
    if (plan.aurora) {
      const cluster = new aws.rds.Cluster(
        `${name}-cluster`,
        {
          ...common,
          clusterIdentifier: identifier,
          engine: plan.engine,
          databaseName: plan.databaseName,
          masterUsername: plan.masterUsername,
          masterPassword: password.result,
          port: plan.port,
          dbClusterParameterGroupName: parameterGroupName,
        },
        { ...protect, dependsOn: logGroups },
      );
      for (let i = 1; i <= plan.instanceCount; i++) {
        new aws.rds.ClusterInstance(
          `${name}-instance-${i}`,
          {
            identifier: nameOf("rds-instance", String(i)),
            clusterIdentifier: cluster.id,
            engine: plan.engine as aws.rds.EngineType,
            engineVersion: cluster.engineVersion,
            instanceClass: plan.instanceClass,
            dbSubnetGroupName: subnetGroup.name,
            dbParameterGroupName: instanceParameterGroup?.name,
            publiclyAccessible: false,
            autoMinorVersionUpgrade: plan.autoMinorVersionUpgrade,
            copyTagsToSnapshot: true,
            caCertIdentifier: CA_CERT_IDENTIFIER,
            promotionTier: i - 1,
            ...performanceInsights,
            tags: this.tagsFor(`instance-${i}`),
          },
          { parent: cluster, protect: plan.protect },
        );
      }
      address = cluster.endpoint;
      port = cluster.port;
    } else {
      const instance = new aws.rds.Instance(
        `${name}-instance`,
        {
          ...common,
          identifier,
          engine: plan.engine,
          instanceClass: plan.instanceClass,
          allocatedStorage: plan.allocatedStorageGb,
          maxAllocatedStorage: plan.maxAllocatedStorageGb,
          storageType: "gp3",
          ...(plan.dbName !== undefined ? { dbName: plan.dbName } : {}),
          username: plan.masterUsername,
          password: password.result,
          port: plan.listenerPort,
          parameterGroupName,
          ...(optionGroup ? { optionGroupName: optionGroup.name } : {}),
          ...(plan.licenseModel ? { licenseModel: plan.licenseModel } : {}),
          ...(plan.characterSetName ? { characterSetName: plan.characterSetName } : {}),
          ...(plan.ncharCharacterSetName ? { ncharCharacterSetName: plan.ncharCharacterSetName } : {}),
          publiclyAccessible: false,
          multiAz: plan.multiAz,
          autoMinorVersionUpgrade: plan.autoMinorVersionUpgrade,
          caCertIdentifier: CA_CERT_IDENTIFIER,
          ...performanceInsights,
        },
        { ...protect, dependsOn: logGroups },
      );
      address = instance.address;
      // Oracle: clients connect to the SSL option's port, not the instance's clear-text listener.
      port = plan.port === plan.listenerPort ? instance.port : pulumi.output(plan.port);
    }

    // The secret DMS reads: customer key, JSON built inside `all` so it stays a secret end to end.
    // The secret's name ends in the stack's generation (declared above with the database).
    const secret = new aws.secretsmanager.Secret(
      `${name}-master-secret`,
      {
        name: pulumi.interpolate`${nameOf("secret", "master")}-${generation.hex}`,
        description: `${nameOf("tag")} master credentials (DMS endpoint secret)`,
        kmsKeyId: kmsKeyArn,
        recoveryWindowInDays: plan.secretRecoveryWindowDays,
        tags: this.tagsFor("master-secret"),
      },
      { parent: this },
    );
    new aws.secretsmanager.SecretVersion(
      `${name}-master-secret-value`,
      {
        secretId: secret.id,
        secretString: pulumi.secret(
          pulumi.all([address, port, password.result]).apply(([host, p, pw]) =>
            JSON.stringify(
              databaseSecretDocument({
                engine: plan.engine,
                host,
                port: p,
                username: plan.masterUsername,
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
    this.engine = pulumi.output(plan.engine);
    this.databaseName = pulumi.output(plan.databaseName);
    this.secretArn = secret.arn;
    this.securityGroupId = this.securityGroup.id;
    this.kmsKeyArn = kmsKeyArn;
    this.parameterGroupName = parameterGroupName;
    this.identifier = pulumi.output(identifier);
    this.registerOutputs({
      address: this.address,
      port: this.port,
      engine: this.engine,
      databaseName: this.databaseName,
      secretArn: this.secretArn,
      securityGroupId: this.securityGroupId,
      kmsKeyArn: this.kmsKeyArn,
      parameterGroupName: this.parameterGroupName,
      identifier: this.identifier,
    });
  }

  /**
   * Admit a client security group (the DMS replication instance's, an application's) on the
   * engine's port. `name` makes the rule's logical name (`<component>-from-<name>`) unique.
   */
  allowFrom(name: string, securityGroupId: pulumi.Input<string>): aws.vpc.SecurityGroupIngressRule {
    return new aws.vpc.SecurityGroupIngressRule(
      `${this.baseName}-from-${name}`,
      {
        securityGroupId: this.securityGroup.id,
        referencedSecurityGroupId: securityGroupId,
        ipProtocol: "tcp",
        fromPort: this.plan.port,
        toPort: this.plan.port,
        description: `${this.plan.engine} from ${name}`,
        tags: this.tagsFor(`from-${name}`),
      },
      { parent: this.securityGroup },
    );
  }
}
