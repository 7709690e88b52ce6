import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray } from "../lib/values.js";

/**
 * What the stack's event subscriptions report on, read once (a stack may hold hundreds of tasks):
 * every task (an enabled replication-task subscription without sourceIds), or the tasks named by
 * id or depended on through `sourceIds`.
 */
function coverage(subscriptions: PolicyResource[]): { all: boolean; ids: Set<unknown>; urns: Set<string> } {
  const ids = new Set<unknown>();
  const urns = new Set<string>();
  let all = false;
  for (const subscription of subscriptions) {
    const props = subscription.props;
    if (props.enabled === false) continue;
    if (props.sourceType !== undefined && props.sourceType !== "replication-task") continue;
    const sourceIds = asArray(props.sourceIds);
    if (sourceIds.length === 0) all = true;
    for (const id of sourceIds) ids.add(id);
    for (const dep of subscription.propertyDependencies.sourceIds ?? []) urns.add(dep.urn);
  }
  return { all, ids, urns };
}

export const dmsEventSubscriptionExists = stackPolicy({
  name: "dms-event-subscription-exists",
  concern: "dms",
  description:
    'A stack with DMS replication tasks has an enabled DMS event subscription for them (sourceType "replication-task"), so a task that fails or stops notifies someone instead of silently leaving the target behind.',
  control: "AWS DMS User Guide: events and notifications (no Security Hub control)",
  enforcementLevel: "mandatory",
  types: [T.dmsReplicationTask, T.dmsReplicationConfig],
  validate: (args, report) => {
    const subscriptions = args.resources.filter((r) => r.type === T.dmsEventSubscription);
    const covered = coverage(subscriptions);
    if (covered.all) return;
    for (const task of args.resources) {
      if (task.type !== T.dmsReplicationTask && task.type !== T.dmsReplicationConfig) continue;
      if (covered.urns.has(task.urn)) continue;
      const taskId =
        task.type === T.dmsReplicationTask ? task.props.replicationTaskId : task.props.replicationConfigIdentifier;
      if (covered.ids.has(taskId)) continue;
      report(
        subscriptions.length === 0
          ? 'no aws.dms.EventSubscription exists in the stack; add one with sourceType: "replication-task", enabled: true and an SNS topic'
          : 'no enabled aws.dms.EventSubscription with sourceType "replication-task" covers this task; add one (sourceIds unset or including the task)',
        task.urn,
      );
    }
  },
});
