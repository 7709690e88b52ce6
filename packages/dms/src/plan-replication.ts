import { ConfigError, type EnvironmentProfile, physicalName } from "@dms-platform/config";
import type * as pulumi from "@pulumi/pulumi";
import { type DmsReplicationArgs, type EndpointArgs, isExternal } from "./args.js";
import {
  instanceLogGroupName,
  type ResolvedInstanceCapacity,
  type ResolvedServerlessCapacity,
  resolveCapacity,
  serverlessLogGroupName,
  serverlessResourceIdentifier,
} from "./capacity.js";
import { checkDashboard } from "./dashboard-resource.js";
import { type PlannedEndpoint, planEndpoint, resolveEndpoint } from "./endpoints.js";
import { heterogeneousWarnings, lobWarnings } from "./heterogeneous.js";
import {
  type MigrationParts,
  replicationConfigIdentifier,
  replicationInstanceIdentifier,
  replicationTaskIdentifier,
} from "./identifiers.js";
import { replicationResourceOptions } from "./replacement.js";
import { isS3Target, type PlannedS3Target, planS3Target } from "./s3-target.js";
import { type DatabaseReach, planSecurityGroupRules, type SecurityGroupPlan } from "./security-group-plan.js";
import { checkTargetConflicts, type PlannedSource, planSources, sourceOfTask } from "./sources.js";
import { type TaskDocuments, taskDocuments } from "./task-documents.js";

/** A value the plan routes to a resource unchanged: plain in tests, a pulumi Input in a program. */
type Routed = pulumi.Input<string> | pulumi.Input<number>;

/** A task with its validated documents and the planned source it reads. */
export interface PlannedTask {
  task: DmsReplicationArgs["tasks"][number];
  documents: TaskDocuments;
  source: PlannedReplicationSource;
  /** Its replicationTaskId (instance) or replicationConfigIdentifier (Serverless). */
  identifier: string;
  /** Serverless only: the config's resourceIdentifier and the log group DMS writes its logs to. */
  serverless?: { resourceIdentifier: string; logGroupName: string };
}

/** The resolved capacity; an instance with its identifier and the log group of its tasks. */
export type PlannedCapacity =
  | (ResolvedInstanceCapacity & { replicationInstanceId: string; logGroupName: string })
  | ResolvedServerlessCapacity;

/** A source with its planned endpoint. */
export type PlannedReplicationSource = PlannedSource & { endpointPlan: PlannedEndpoint };

/** Everything DmsReplication declares, decided: the constructor only turns it into resources. */
export interface ReplicationPlan {
  profile: EnvironmentProfile;
  parts: MigrationParts;
  capacity: PlannedCapacity;
  /** The DMS security group's name and rules (rule keys are unique). */
  securityGroup: { name: string; rules: SecurityGroupPlan<Routed> };
  subnetGroupId: string;
  /** The source endpoints in the order given, each with its planned endpoint, and the target. */
  sources: PlannedReplicationSource[];
  /** A database endpoint, or an S3 data lake (s3-target.ts). */
  target: PlannedEndpoint | PlannedS3Target;
  tasks: PlannedTask[];
  /** protect / deleteBeforeReplace of the instance, tasks and configs. */
  replicationOptions: { protect: boolean; deleteBeforeReplace: true };
  /** What `up` would do but the user likely does not want (warned at preview, not refused). */
  warnings: string[];
}

/** How the security-group plan reaches one database: by its security group, or by CIDR (external). */
function reach(role: string, label: string, e: EndpointArgs): DatabaseReach<Routed> {
  const named = { role, ...(label !== role ? { label } : {}) };
  if (isExternal(e)) {
    return { ...named, port: e.external.port, ...(e.external.cidrBlocks ? { cidrBlocks: e.external.cidrBlocks } : {}) };
  }
  return { ...named, port: e.port, ...(e.securityGroupId !== undefined ? { securityGroupId: e.securityGroupId } : {}) };
}

/** The instance's identifier and task log group; Serverless capacity as resolved. */
function planCapacity(
  parts: MigrationParts,
  capacity: ResolvedInstanceCapacity | ResolvedServerlessCapacity,
): PlannedCapacity {
  if (capacity.kind === "serverless") return capacity;
  const replicationInstanceId = replicationInstanceIdentifier(parts);
  return { ...capacity, replicationInstanceId, logGroupName: instanceLogGroupName(replicationInstanceId) };
}

/** A task's identifier, and for Serverless the resource identifier its ARN and log group end with. */
function taskNames(
  parts: MigrationParts,
  kind: PlannedCapacity["kind"],
  taskName: string,
): Pick<PlannedTask, "identifier" | "serverless"> {
  if (kind === "instance") return { identifier: replicationTaskIdentifier(parts, taskName) };
  const identifier = replicationConfigIdentifier(parts, taskName);
  const resourceIdentifier = serverlessResourceIdentifier(identifier);
  return { identifier, serverless: { resourceIdentifier, logGroupName: serverlessLogGroupName(resourceIdentifier) } };
}

/** The security group's rules; refuses two sources whose names give one rule key. */
function planRules(where: string, sources: ReadonlyArray<PlannedSource>, args: DmsReplicationArgs) {
  const rules = planSecurityGroupRules<Routed>(
    [
      ...sources.map((s) => reach(s.role, s.label, s.endpoint)),
      // An S3 target is reached through the gateway endpoint (s3-target-resources.ts), not a database rule.
      ...(isS3Target(args.target) ? [] : [reach("target", "target", args.target)]),
    ],
    args.endpointSecurityGroupId,
  );
  const ruleKeys = new Set<string>();
  for (const key of [...rules.egress, ...rules.ingress].map((r) => r.key)) {
    // Source names are free name parts: `a` with two CIDRs and `a-1` would both give egress-source-a-1.
    if (ruleKeys.has(key))
      throw new ConfigError(where, "sources", `two sources give the security-group rule "${key}": rename one`);
    ruleKeys.add(key);
  }
  return rules;
}

/**
 * Decide a DmsReplication from its parsed args and environment profile, without declaring
 * anything: capacity (explicit values over the profile's), the Serverless refusals, each task's
 * documents, target-table conflicts, the dashboard's size, the security group's reach and rule
 * keys, and each endpoint's SSL mode. A refusal is a ConfigError naming `DmsReplication "<name>"`,
 * the args path and the rule, in that order of checks.
 */
export function planReplication(args: DmsReplicationArgs, profile: EnvironmentProfile, name: string): ReplicationPlan {
  const where = `DmsReplication "${name}"`;
  const { capacity, error } = resolveCapacity(args.capacity, profile);
  if (error) throw new ConfigError(where, error.path, error.rule);
  if (capacity.kind === "serverless") {
    const i = args.tasks.findIndex((t) => t.cdcStartPosition !== undefined || t.cdcStartTime !== undefined);
    if (i >= 0) {
      throw new ConfigError(where, `tasks[${i}]`, "a CDC start position or time is not supported with DMS Serverless");
    }
  }
  // "s3" for an Amazon S3 target, else the target endpoint's engine (task defaults per target).
  const targetEngine = isS3Target(args.target) ? "s3" : resolveEndpoint(args.target).engine;
  const documents = args.tasks.map((task, i) => ({
    task,
    documents: taskDocuments(task, i, profile, where, targetEngine),
  }));
  checkTargetConflicts(
    documents.map(({ task, documents: d }) => ({ task, tableMappings: d.tableMappings })),
    where,
  );
  const sources = planSources(args);
  const parts: MigrationParts = { environment: args.environment, application: args.application };
  checkDashboard(where, parts, profile, capacity.kind, args.tasks);
  const sgName = physicalName("security-group", { ...parts, purpose: "dms" });
  const rules = planRules(where, sources, args);
  const warnings = rules.unreachable.map(
    (label) =>
      `${where}: the ${label} is external and has no cidrBlocks: the DMS security group gets no egress rule to it, so DMS cannot reach it`,
  );
  const subnetGroupId = physicalName("dms-subnet-group", { ...parts, purpose: "replication" });
  const plannedSources = sources.map(
    (s): PlannedReplicationSource => ({
      ...s,
      endpointPlan: planEndpoint(where, profile, "source", s.endpoint, s.name),
    }),
  );
  const target = isS3Target(args.target)
    ? planS3Target(args.environment, parts, args.target)
    : planEndpoint(where, profile, "target", args.target);
  documents.forEach(({ task, documents: d }, i) => {
    if (!("resolved" in target)) return;
    const source = sourceOfTask(plannedSources, task).endpointPlan.resolved;
    const view = {
      where: `${where}: tasks[${i}]`,
      sourceEngine: source.engine,
      sourceSettings: source.settings,
      targetEngine: target.resolved.engine,
      migrationType: task.migrationType,
      tableMappings: d.tableMappings,
      taskSettings: JSON.parse(d.settingsJson),
    };
    warnings.push(...heterogeneousWarnings(view), ...lobWarnings(view));
  });
  return {
    profile,
    parts,
    capacity: planCapacity(parts, capacity),
    securityGroup: { name: sgName, rules },
    subnetGroupId,
    sources: plannedSources,
    target,
    tasks: documents.map(({ task, documents: d }) => ({
      task,
      documents: d,
      source: sourceOfTask(plannedSources, task),
      ...taskNames(parts, capacity.kind, task.name),
    })),
    replicationOptions: replicationResourceOptions(profile, args.allowReplacement ?? false),
    warnings,
  };
}
