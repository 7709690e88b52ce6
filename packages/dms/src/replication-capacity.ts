import { MIGRATION_WAVE_TAG, mergeTags } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import {
  INSTANCE_DIMENSION,
  instanceAlarmSpecs,
  SERVERLESS_DIMENSION,
  serverlessAlarmSpecs,
  serverlessMetricId,
  TASK_DIMENSION,
  taskAlarmSpecs,
  taskResourceId,
} from "./alarms.js";
import type { DmsTaskArgs } from "./args.js";
import type { ResolvedServerlessCapacity } from "./capacity.js";
import { ALLOW_UNKNOWN_SETTINGS_TAG, allowUnknownSettingsTagValue } from "./documents/index.js";
import { createAlarm, createEventRule, createLogGroup, type MonitoringContext } from "./monitoring.js";
import type { PlannedCapacity, PlannedTask } from "./plan-replication.js";

/** A planned task (its documents and names) with the source endpoint it reads. */
export type CapacityTask = Omit<PlannedTask, "source"> & { sourceEndpointArn: pulumi.Output<string> };

/** The tag recording a task's wave (its value a string: tag values are strings). */
export const WAVE_TAG = MIGRATION_WAVE_TAG;

/** The tags of a task or Serverless config: the component's, its Name, and its wave (default 1). */
export function taskTags(
  tags: Record<string, string>,
  physicalId: string,
  task: Pick<DmsTaskArgs, "wave" | "allowUnknownSettings">,
) {
  const allowed = allowUnknownSettingsTagValue(task.allowUnknownSettings);
  return mergeTags(tags, {
    Name: physicalId,
    [WAVE_TAG]: String(task.wave ?? 1),
    // The policy pack reads the allowance from the resource (it sees nothing else).
    ...(allowed !== undefined ? { [ALLOW_UNKNOWN_SETTINGS_TAG]: allowed } : {}),
  });
}

/**
 * The input holding the migration type, which DMS cannot change on an existing task ("You cannot
 * change the migration type of a task", DMS User Guide, Modifying a Task): a change plans a new
 * task or replication config (deleted before the new one is created, as the identifier is fixed).
 */
export const MIGRATION_TYPE_REPLACES = {
  task: ["migrationType"],
  config: ["replicationType"],
} as const;

/**
 * A task follows its replication instance. The instance is replaced delete-first (fixed identifier)
 * when a ForceNew input changes (kmsKeyArn, subnet group, AZ, public access...), and DMS refuses to
 * delete an instance that still has tasks ("You must delete any migration tasks that are associated
 * with the replication instance before you can delete it", DMS API DeleteReplicationInstance). The
 * provider would update a task's replicationInstanceArn in place (MoveReplicationTask), too late:
 * the old instance is deleted first. With replaceOnChanges on the ARN, the engine's delete-before-
 * replace walk (pulumi/pulumi pkg/resource/deploy step_generator.go calculateDependentReplacements:
 * Diff with the dependent's inputs from the condemned resource unknown, then applyReplaceOnChanges)
 * deletes the tasks before the instance and creates them again on the new one (a full reload).
 */
export const TASK_FOLLOWS_INSTANCE = ["replicationInstanceArn"] as const;

/** What the instance and Serverless variants share. */
export interface CapacityContext extends MonitoringContext {
  tasks: ReadonlyArray<CapacityTask>;
  subnetGroup: aws.dms.ReplicationSubnetGroup;
  securityGroup: aws.ec2.SecurityGroup;
  targetEndpointArn: pulumi.Output<string>;
  topic: aws.sns.Topic;
  /** Account-role policy attachments to wait for. */
  roleDependencies: pulumi.Resource[];
  /** protect / deleteBeforeReplace of the instance, tasks and configs. */
  replicationOptions: { protect: boolean; deleteBeforeReplace: true };
}

export interface CapacityResult {
  replicationInstanceArn?: pulumi.Output<string>;
  /** Task ARNs (instance) or ReplicationConfig ARNs (Serverless), by task name. */
  taskArns: Record<string, pulumi.Output<string>>;
  logGroupNames: pulumi.Output<string>[];
}

/** A replication instance, its task log group, its tasks, alarms and event subscriptions. */
export function createInstanceReplication(
  ctx: CapacityContext,
  capacity: Extract<PlannedCapacity, { kind: "instance" }>,
): CapacityResult {
  const instanceId = capacity.replicationInstanceId;
  const logGroup = createLogGroup(ctx, "task-logs", capacity.logGroupName);
  const instance = new aws.dms.ReplicationInstance(
    `${ctx.name}-instance`,
    {
      replicationInstanceId: instanceId,
      replicationInstanceClass: capacity.instanceClass,
      allocatedStorage: capacity.allocatedStorageGb,
      ...(capacity.engineVersion !== undefined ? { engineVersion: capacity.engineVersion } : {}),
      // DMS API ModifyReplicationInstance: an EngineVersion of another major version needs AllowMajorVersionUpgrade.
      ...(capacity.allowMajorVersionUpgrade !== undefined
        ? { allowMajorVersionUpgrade: capacity.allowMajorVersionUpgrade }
        : {}),
      multiAz: capacity.multiAz,
      // AWS makes an instance public unless told otherwise (CreateReplicationInstance PubliclyAccessible).
      publiclyAccessible: false,
      kmsKeyArn: ctx.kmsKeyArn,
      autoMinorVersionUpgrade: true,
      ...(capacity.maintenanceWindow !== undefined ? { preferredMaintenanceWindow: capacity.maintenanceWindow } : {}),
      // Without it a modification waits for the maintenance window and every preview shows it again.
      applyImmediately: true,
      replicationSubnetGroupId: ctx.subnetGroup.replicationSubnetGroupId,
      vpcSecurityGroupIds: [ctx.securityGroup.id],
      tags: mergeTags(ctx.tags, { Name: instanceId }),
    },
    { parent: ctx.parent, dependsOn: ctx.roleDependencies, ...ctx.replicationOptions },
  );
  const instanceDimensions = { [INSTANCE_DIMENSION]: instanceId };
  for (const spec of instanceAlarmSpecs(ctx.profile.alarms)) {
    createAlarm(ctx, spec, instanceDimensions, ctx.topic, instance);
  }

  const taskArns: Record<string, pulumi.Output<string>> = {};
  const tasks: aws.dms.ReplicationTask[] = [];
  for (const { task, documents, sourceEndpointArn, identifier: taskId } of ctx.tasks) {
    const resource = new aws.dms.ReplicationTask(
      `${ctx.name}-${task.name}`,
      {
        replicationTaskId: taskId,
        migrationType: task.migrationType,
        replicationInstanceArn: instance.replicationInstanceArn,
        sourceEndpointArn,
        targetEndpointArn: ctx.targetEndpointArn,
        tableMappings: documents.tableMappingsJson,
        replicationTaskSettings: documents.settingsJson,
        ...(task.cdcStartPosition !== undefined ? { cdcStartPosition: task.cdcStartPosition } : {}),
        ...(documents.cdcStartTime !== undefined ? { cdcStartTime: documents.cdcStartTime } : {}),
        startReplicationTask: task.start ?? true,
        tags: taskTags(ctx.tags, taskId, task),
      },
      // The log group exists before the task first writes; the logs role is usable before it starts.
      // "You cannot change the migration type of a task" (DMS User Guide, Modifying a Task), yet the
      // provider sends MigrationType in ModifyReplicationTask: plan a new task instead (deleted
      // first: the identifier is fixed; refused at preview where the profile protects tasks).
      {
        parent: ctx.parent,
        dependsOn: [logGroup, ...ctx.roleDependencies],
        ...ctx.replicationOptions,
        replaceOnChanges: [...MIGRATION_TYPE_REPLACES.task, ...TASK_FOLLOWS_INSTANCE],
      },
    );
    tasks.push(resource);
    taskArns[task.name] = resource.replicationTaskArn;
    const dimensions = resource.replicationTaskArn.apply((arn) => ({
      [INSTANCE_DIMENSION]: instanceId,
      [TASK_DIMENSION]: taskResourceId(arn),
    }));
    for (const spec of taskAlarmSpecs(task.name, task.migrationType, ctx.profile.alarms)) {
      createAlarm(ctx, spec, dimensions, ctx.topic, resource);
    }
  }

  // Events of the instance and of every task, routed by one rule whose pattern lists their ARNs.
  createEventRule(
    ctx,
    "events",
    [instance.replicationInstanceArn, ...tasks.map((t) => t.replicationTaskArn)],
    ctx.topic,
  );
  return { replicationInstanceArn: instance.replicationInstanceArn, taskArns, logGroupNames: [logGroup.name] };
}

/** One Serverless ReplicationConfig per task, each with its log group and alarms. */
export function createServerlessReplication(
  ctx: CapacityContext,
  capacity: ResolvedServerlessCapacity,
): CapacityResult {
  const taskArns: Record<string, pulumi.Output<string>> = {};
  const logGroupNames: pulumi.Output<string>[] = [];
  const configs: aws.dms.ReplicationConfig[] = [];
  for (const { task, documents, sourceEndpointArn, identifier: configId, serverless } of ctx.tasks) {
    if (!serverless) throw new Error(`task ${task.name} was not planned for DMS Serverless`);
    const { resourceIdentifier } = serverless;
    const logGroup = createLogGroup(ctx, `${task.name}-logs`, serverless.logGroupName);
    const config = new aws.dms.ReplicationConfig(
      `${ctx.name}-${task.name}`,
      {
        replicationConfigIdentifier: configId,
        resourceIdentifier,
        replicationType: task.migrationType,
        sourceEndpointArn,
        targetEndpointArn: ctx.targetEndpointArn,
        tableMappings: documents.tableMappingsJson,
        replicationSettings: documents.settingsJson,
        startReplication: task.start ?? true,
        computeConfig: {
          replicationSubnetGroupId: ctx.subnetGroup.replicationSubnetGroupId,
          vpcSecurityGroupIds: [ctx.securityGroup.id],
          kmsKeyId: ctx.kmsKeyArn,
          minCapacityUnits: capacity.minCapacityUnits,
          maxCapacityUnits: capacity.maxCapacityUnits,
          multiAz: capacity.multiAz,
        },
        tags: taskTags(ctx.tags, configId, task),
      },
      {
        parent: ctx.parent,
        dependsOn: [logGroup, ...ctx.roleDependencies],
        ...ctx.replicationOptions,
        replaceOnChanges: [...MIGRATION_TYPE_REPLACES.config],
      },
    );
    configs.push(config);
    taskArns[task.name] = config.arn;
    logGroupNames.push(logGroup.name);
    for (const spec of serverlessAlarmSpecs(task.name, task.migrationType, ctx.profile.alarms)) {
      // Serverless publishes under `<account>:<resource id>`, read from the ARN (alarms.ts SERVERLESS_DIMENSION).
      createAlarm(ctx, spec, { [SERVERLESS_DIMENSION]: config.arn.apply(serverlessMetricId) }, ctx.topic, config);
    }
  }
  // Events of each Serverless replication, matched by its config ARN (docs/dms.md: which resource
  // ARN DMS puts in Serverless events is not stated by the DMS guide).
  createEventRule(
    ctx,
    "events",
    configs.map((c) => c.arn),
    ctx.topic,
  );
  return { taskArns, logGroupNames };
}
