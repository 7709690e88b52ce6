import { ConfigError, getProfile, mergeTags, parseComponentArgs } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DmsReplicationArgs, dmsReplicationArgsSchema } from "./args.js";
import { createDashboard } from "./dashboard-resource.js";
import { createEndpoint, type EndpointContext } from "./endpoints.js";
import { createAlarmTopic, type MonitoringContext } from "./monitoring.js";
import { planReplication } from "./plan-replication.js";
import { declareRedshiftStaging } from "./redshift-endpoint.js";
import { type CapacityResult, createInstanceReplication, createServerlessReplication } from "./replication-capacity.js";
import { createS3Target } from "./s3-target-resources.js";

/**
 * One DMS migration: a security group reaching only the databases and the VPC endpoints, a
 * replication subnet group, replication capacity (an instance or DMS Serverless), source and
 * target endpoints reading credentials from Secrets Manager (one source, or several consolidated
 * into the target), the tasks, their log groups, alarms and event subscriptions. See docs/dms.md.
 *
 * @example
 * ```ts
 * const endpoint = (db: MigrationDatabase) => ({
 *   engine: "mysql", databaseName: "orders", address: db.address, port: db.port,
 *   secretArn: db.secretArn, secretKmsKeyArn: db.kmsKeyArn, securityGroupId: db.securityGroupId,
 * }) as const;
 * new DmsReplication("replication", {
 *   environment: "prod", application: "orders", tags,
 *   vpcId: network.vpcId, subnetIds: network.privateSubnetIds,
 *   endpointSecurityGroupId: network.endpointSecurityGroupId, kmsKeyArn: network.kmsKeyArn,
 *   capacity: { kind: "instance" }, // or { kind: "serverless" }
 *   source: endpoint(source), target: endpoint(target),
 *   tasks: [{ name: "orders", migrationType: "full-load-and-cdc",
 *     tableMappings: tableMappings(selectionRule({ schema: "orders", table: "%" })) }],
 *   accountRoles: new DmsAccountRoles("account-roles", { environment: "prod", application: "orders", tags }),
 * });
 * ```
 * Whole programs, compiled and planned by `npm test`: examples/ (one source on an instance,
 * Serverless consolidating two sources, an on-premises source with verify-full, Aurora PostgreSQL).
 */
export class DmsReplication extends pulumi.ComponentResource {
  /** The DMS security group (databases admit it by reference). */
  readonly securityGroupId: pulumi.Output<string>;
  readonly replicationSubnetGroupId: pulumi.Output<string>;
  /** The replication instance's ARN; undefined with Serverless. */
  readonly replicationInstanceArn: pulumi.Output<string> | undefined;
  /** Endpoint ARNs: `source` (one source) or `sources` by name (several), and `target`. */
  readonly endpointArns: {
    source?: pulumi.Output<string>;
    sources?: Record<string, pulumi.Output<string>>;
    target: pulumi.Output<string>;
  };
  /** Replication task ARNs (instance) or ReplicationConfig ARNs (Serverless), by task name. */
  readonly taskArns: Record<string, pulumi.Output<string>>;
  /** The KMS-encrypted SNS topic alarms and DMS events go to. */
  readonly alarmTopicArn: pulumi.Output<string>;
  /** Task log groups (one for an instance, one per Serverless replication). */
  readonly logGroupNames: pulumi.Output<string>[];
  /** The console address of the migration's CloudWatch dashboard (docs/dms.md, "Dashboard"). */
  readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, input: DmsReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("dms-platform:dms:DmsReplication", name, {}, opts);
    // Build from the value the parser returns (checked, copied), never from the raw input.
    const args: DmsReplicationArgs = parseComponentArgs(dmsReplicationArgsSchema, input, "DmsReplication", name);
    // Decide (plan-replication.ts), then declare what the plan says.
    const plan = planReplication(args, getProfile(args.environment), name);
    const { profile, parts, capacity } = plan;
    const tags = mergeTags(args.tags);
    const roleDependencies = args.accountRoles?.dependencies ?? [];
    const region = aws.getRegionOutput({}, { parent: this }).region;

    // Network: the DMS security group and its rules, the replication subnet group.
    const sgName = plan.securityGroup.name;
    const securityGroup = new aws.ec2.SecurityGroup(
      `${name}-sg`,
      {
        name: sgName,
        description: "DMS replication: egress to the two databases and the VPC endpoints only",
        vpcId: args.vpcId,
        tags: mergeTags(tags, { Name: sgName }),
      },
      { parent: this },
    );
    for (const rule of plan.securityGroup.rules.egress) {
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-${rule.key}`,
        {
          securityGroupId: securityGroup.id,
          description: rule.description,
          ipProtocol: "tcp",
          fromPort: rule.port as pulumi.Input<number>,
          toPort: rule.port as pulumi.Input<number>,
          ...(rule.referencedSecurityGroupId !== undefined
            ? { referencedSecurityGroupId: rule.referencedSecurityGroupId as pulumi.Input<string> }
            : {}),
          ...(rule.cidrIpv4 !== undefined ? { cidrIpv4: rule.cidrIpv4 } : {}),
          tags: mergeTags(tags, { Name: `${sgName}-${rule.key}` }),
        },
        { parent: securityGroup },
      );
    }
    for (const rule of plan.securityGroup.rules.ingress) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-${rule.key}`,
        {
          securityGroupId: rule.securityGroupId as pulumi.Input<string>,
          description: rule.description,
          ipProtocol: "tcp",
          fromPort: rule.port as pulumi.Input<number>,
          toPort: rule.port as pulumi.Input<number>,
          referencedSecurityGroupId: securityGroup.id,
          tags: mergeTags(tags, { Name: `${sgName}-${rule.key}` }),
        },
        { parent: securityGroup },
      );
    }
    for (const warning of plan.warnings) pulumi.log.warn(warning, this);
    const subnetGroup = new aws.dms.ReplicationSubnetGroup(
      `${name}-subnets`,
      {
        replicationSubnetGroupId: plan.subnetGroupId,
        replicationSubnetGroupDescription: `DMS replication subnets of ${args.application} (${args.environment})`,
        subnetIds: args.subnetIds,
        tags: mergeTags(tags, { Name: plan.subnetGroupId }),
      },
      // AWS refuses the subnet group until dms-vpc-role has its policy: wait for the attachment.
      { parent: this, dependsOn: roleDependencies, deleteBeforeReplace: true },
    );

    // Endpoints, alarm topic, capacity and tasks.
    const endpointCtx: EndpointContext = { name, parent: this, parts, tags, kmsKeyArn: args.kmsKeyArn, region };
    const sourceEndpoints = plan.sources.map((s) => ({ planned: s, ...createEndpoint(endpointCtx, s.endpointPlan) }));
    // A Redshift target loads through an intermediate S3 bucket (redshift-endpoint.ts).
    const redshift =
      "resolved" in plan.target && plan.target.resolved.engine === "redshift"
        ? declareRedshiftStaging({
            ...endpointCtx,
            securityGroupId: securityGroup.id,
            accountRoleArn: redshiftAccountRole(args, name),
          })
        : undefined;
    const target =
      "resolved" in plan.target
        ? createEndpoint(endpointCtx, plan.target, redshift)
        : createS3Target(endpointCtx, plan.target, securityGroup);
    const tasks = plan.tasks.map(({ source: planned, ...task }) => {
      const source = sourceEndpoints.find((e) => e.planned === planned);
      if (!source) throw new Error(`no endpoint for ${planned.label}`);
      return { ...task, sourceEndpointArn: source.endpoint.endpointArn };
    });
    const monitoring: MonitoringContext = { name, parent: this, parts, tags, profile, kmsKeyArn: args.kmsKeyArn };
    const topic = createAlarmTopic(monitoring, args.alarmEmails ?? []);
    const capacityCtx = {
      ...monitoring,
      tasks,
      subnetGroup,
      securityGroup,
      targetEndpointArn: target.endpoint.endpointArn,
      topic,
      roleDependencies,
      replicationOptions: plan.replicationOptions,
    };
    const result: CapacityResult =
      capacity.kind === "instance"
        ? createInstanceReplication(capacityCtx, capacity)
        : createServerlessReplication(capacityCtx, capacity);
    const dashboard = createDashboard(monitoring, region, capacity.kind, args.tasks, result.taskArns);

    this.securityGroupId = securityGroup.id;
    this.replicationSubnetGroupId = subnetGroup.replicationSubnetGroupId;
    this.replicationInstanceArn = result.replicationInstanceArn;
    const [single] = sourceEndpoints;
    this.endpointArns =
      args.sources === undefined && single
        ? { source: single.endpoint.endpointArn, target: target.endpoint.endpointArn }
        : {
            sources: Object.fromEntries(sourceEndpoints.map((e) => [e.planned.name, e.endpoint.endpointArn])),
            target: target.endpoint.endpointArn,
          };
    this.taskArns = result.taskArns;
    this.alarmTopicArn = topic.arn;
    this.logGroupNames = result.logGroupNames;
    this.dashboardUrl = dashboard.url;
    this.registerOutputs({
      securityGroupId: this.securityGroupId,
      replicationSubnetGroupId: this.replicationSubnetGroupId,
      replicationInstanceArn: this.replicationInstanceArn,
      endpointArns: this.endpointArns,
      taskArns: this.taskArns,
      alarmTopicArn: this.alarmTopicArn,
      logGroupNames: this.logGroupNames,
      dashboardUrl: this.dashboardUrl,
    });
  }
}

/** The account's `dms-access-for-endpoint`, which a Redshift target needs from `accountRoles`. */
function redshiftAccountRole(args: DmsReplicationArgs, name: string): pulumi.Output<string> {
  const arn = args.accountRoles?.redshiftRoleArn;
  if (arn === undefined) {
    throw new ConfigError(
      `DmsReplication "${name}"`,
      "accountRoles",
      "a Redshift target needs the account role dms-access-for-endpoint: pass DmsAccountRoles with redshift: true (docs/analytics-targets.md)",
    );
  }
  return arn;
}
