import { ConfigError, getProfile, mergeTags, parseComponentArgs, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type DmsReplicationArgs, dmsReplicationArgsSchema, isExternal } from "./args.js";
import { resolveCapacity } from "./capacity.js";
import { checkDashboard, createDashboard } from "./dashboard-resource.js";
import { createEndpoint, type EndpointContext } from "./endpoints.js";
import { createAlarmTopic, type MonitoringContext } from "./monitoring.js";
import { replicationResourceOptions } from "./replacement.js";
import { type CapacityResult, createInstanceReplication, createServerlessReplication } from "./replication-capacity.js";
import { type DatabaseReach, planSecurityGroupRules } from "./security-group-plan.js";
import { checkTargetConflicts, planSources, sourceOfTask } from "./sources.js";
import { taskDocuments } from "./task-documents.js";

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
    const where = `DmsReplication "${name}"`;
    // Build from the value the parser returns (checked, copied), never from the raw input.
    const args: DmsReplicationArgs = parseComponentArgs(dmsReplicationArgsSchema, input, "DmsReplication", name);

    // Decide.
    const profile = getProfile(args.environment);
    const { capacity, error } = resolveCapacity(args.capacity, profile);
    if (error) throw new ConfigError(where, error.path, error.rule);
    if (capacity.kind === "serverless") {
      const i = args.tasks.findIndex((t) => t.cdcStartPosition !== undefined || t.cdcStartTime !== undefined);
      if (i >= 0) {
        throw new ConfigError(
          where,
          `tasks[${i}]`,
          "a CDC start position or time is not supported with DMS Serverless",
        );
      }
    }
    const documents = args.tasks.map((task, i) => ({ task, documents: taskDocuments(task, i, profile, where) }));
    checkTargetConflicts(
      documents.map(({ task, documents: d }) => ({ task, tableMappings: d.tableMappings })),
      where,
    );
    const sources = planSources(args);
    const parts = { environment: args.environment, application: args.application };
    checkDashboard(where, parts, profile, capacity.kind, args.tasks);
    const tags = mergeTags(args.tags);
    const roleDependencies = args.accountRoles?.dependencies ?? [];
    const region = aws.getRegionOutput({}, { parent: this }).region;

    // Network: the DMS security group and its rules, the replication subnet group.
    const sgName = physicalName("security-group", { ...parts, purpose: "dms" });
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
    const reach = (
      role: string,
      label: string,
      e: DmsReplicationArgs["target"],
    ): DatabaseReach<pulumi.Input<string> | pulumi.Input<number>> => {
      const where = { role, ...(label !== role ? { label } : {}) };
      if (isExternal(e)) {
        return {
          ...where,
          port: e.external.port,
          ...(e.external.cidrBlocks ? { cidrBlocks: e.external.cidrBlocks } : {}),
        };
      }
      return {
        ...where,
        port: e.port,
        ...(e.securityGroupId !== undefined ? { securityGroupId: e.securityGroupId } : {}),
      };
    };
    const plan = planSecurityGroupRules(
      [...sources.map((s) => reach(s.role, s.label, s.endpoint)), reach("target", "target", args.target)],
      args.endpointSecurityGroupId,
    );
    const ruleKeys = new Set<string>();
    for (const key of [...plan.egress, ...plan.ingress].map((r) => r.key)) {
      // Source names are free name parts: `a` with two CIDRs and `a-1` would both give egress-source-a-1.
      if (ruleKeys.has(key))
        throw new ConfigError(where, "sources", `two sources give the security-group rule "${key}": rename one`);
      ruleKeys.add(key);
    }
    for (const rule of plan.egress) {
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
    for (const rule of plan.ingress) {
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
    for (const label of plan.unreachable) {
      pulumi.log.warn(
        `${where}: the ${label} is external and has no cidrBlocks: the DMS security group gets no egress rule to it, so DMS cannot reach it`,
        this,
      );
    }
    const subnetGroupId = physicalName("dms-subnet-group", { ...parts, purpose: "replication" });
    const subnetGroup = new aws.dms.ReplicationSubnetGroup(
      `${name}-subnets`,
      {
        replicationSubnetGroupId: subnetGroupId,
        replicationSubnetGroupDescription: `DMS replication subnets of ${args.application} (${args.environment})`,
        subnetIds: args.subnetIds,
        tags: mergeTags(tags, { Name: subnetGroupId }),
      },
      // AWS refuses the subnet group until dms-vpc-role has its policy: wait for the attachment.
      { parent: this, dependsOn: roleDependencies, deleteBeforeReplace: true },
    );

    // Endpoints, alarm topic, capacity and tasks.
    const endpointCtx: EndpointContext = {
      component: "DmsReplication",
      name,
      parent: this,
      parts,
      tags,
      profile,
      kmsKeyArn: args.kmsKeyArn,
      region,
    };
    const sourceEndpoints = sources.map((s) => ({
      planned: s,
      ...createEndpoint(endpointCtx, "source", s.endpoint, s.name),
    }));
    const target = createEndpoint(endpointCtx, "target", args.target);
    const tasks = documents.map(({ task, documents: d }) => {
      const planned = sourceOfTask(sources, task);
      const source = sourceEndpoints.find((e) => e.planned === planned);
      if (!source) throw new Error(`no endpoint for ${planned.label}`);
      return { task, documents: d, sourceEndpointArn: source.endpoint.endpointArn };
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
      replicationOptions: replicationResourceOptions(profile, args.allowReplacement ?? false),
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
