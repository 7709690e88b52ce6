import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray, asObject, jsonDocument } from "../lib/values.js";

/** What a stack's event routes report on: every DMS task, or the tasks named (by id, or depended on). */
interface Coverage {
  all: boolean;
  ids: Set<unknown>;
  urns: Set<string>;
}

/**
 * DMS event subscriptions: every task (an enabled replication-task subscription without sourceIds),
 * or the tasks named by id or depended on through `sourceIds`.
 */
function subscriptionCoverage(resources: readonly PolicyResource[], covered: Coverage): void {
  for (const subscription of resources) {
    if (subscription.type !== T.dmsEventSubscription) continue;
    const props = subscription.props;
    if (props.enabled === false) continue;
    if (props.sourceType !== undefined && props.sourceType !== "replication-task") continue;
    const sourceIds = asArray(props.sourceIds);
    if (sourceIds.length === 0) covered.all = true;
    for (const id of sourceIds) covered.ids.add(id);
    for (const dep of subscription.propertyDependencies.sourceIds ?? []) covered.urns.add(dep.urn);
  }
}

/**
 * EventBridge rules (what the DMS User Guide recommends for engine versions after 3.4.5): an enabled
 * rule with a target whose pattern matches `source: aws.dms` covers every task when it has no
 * `resources` filter, else the tasks whose ARNs its pattern was built from (its dependencies).
 */
function ruleCoverage(resources: readonly PolicyResource[], covered: Coverage): void {
  const targeted = new Set<unknown>();
  for (const target of resources) {
    if (target.type !== T.eventTarget) continue;
    for (const dep of target.propertyDependencies.rule ?? []) targeted.add(dep.urn);
    targeted.add(target.props.rule);
  }
  for (const rule of resources) {
    if (rule.type !== T.eventRule) continue;
    if (!targeted.has(rule.urn) && !targeted.has(rule.props.name)) continue;
    if (rule.props.state === "DISABLED" || rule.props.isEnabled === false) continue;
    const pattern = asObject(jsonDocument(rule.props.eventPattern));
    if (!pattern || !asArray(pattern.source).includes("aws.dms")) continue;
    if (pattern.resources === undefined) covered.all = true;
    for (const dep of rule.propertyDependencies.eventPattern ?? []) covered.urns.add(dep.urn);
  }
}

export const dmsEventSubscriptionExists = stackPolicy({
  name: "dms-event-subscription-exists",
  concern: "dms",
  description:
    'A stack with DMS replication tasks routes their events to someone, so a task that fails or stops notifies instead of silently leaving the target behind: an enabled EventBridge rule matching source "aws.dms" for the task, with a target (what the DMS User Guide recommends for engine versions after 3.4.5), or an enabled DMS event subscription (sourceType "replication-task") covering it.',
  control: "AWS DMS User Guide: EventBridge events, events and notifications (no Security Hub control)",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationTask, T.dmsReplicationConfig],
  validate: (args, report) => {
    const covered: Coverage = { all: false, ids: new Set(), urns: new Set() };
    ruleCoverage(args.resources, covered);
    subscriptionCoverage(args.resources, covered);
    if (covered.all) return;
    const routes = args.resources.some((r) => r.type === T.eventRule || r.type === T.dmsEventSubscription);
    for (const task of args.resources) {
      if (task.type !== T.dmsReplicationTask && task.type !== T.dmsReplicationConfig) continue;
      if (covered.urns.has(task.urn)) continue;
      const taskId =
        task.type === T.dmsReplicationTask ? task.props.replicationTaskId : task.props.replicationConfigIdentifier;
      if (covered.ids.has(taskId)) continue;
      report(
        routes
          ? 'no enabled EventBridge rule (source "aws.dms", with a target) or DMS event subscription (sourceType "replication-task") covers this task; add the task\'s ARN to a rule\'s event pattern resources, or its id to a subscription\'s sourceIds'
          : 'no route for this task\'s DMS events exists in the stack; add an aws.cloudwatch.EventRule with eventPattern {"source":["aws.dms"],"resources":[<task ARN>]} and an aws.cloudwatch.EventTarget to an SNS topic',
        task.urn,
      );
    }
  },
});
