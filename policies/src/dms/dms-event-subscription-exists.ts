import type { PolicyResource } from "@pulumi/policy";
import { stackPolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";
import { asArray } from "../lib/values.js";

/** Whether an event subscription reports on `task`'s events. */
function covers(subscription: PolicyResource, task: PolicyResource): boolean {
  const props = subscription.props;
  if (props.enabled === false) return false;
  if (props.sourceType !== undefined && props.sourceType !== "replication-task") return false;
  const sourceIds = asArray(props.sourceIds);
  if (sourceIds.length === 0) return true;
  if (subscription.propertyDependencies.sourceIds?.includes(task)) return true;
  const taskId =
    task.type === T.dmsReplicationTask ? task.props.replicationTaskId : task.props.replicationConfigIdentifier;
  return sourceIds.includes(taskId);
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
    for (const task of args.resources) {
      if (task.type !== T.dmsReplicationTask && task.type !== T.dmsReplicationConfig) continue;
      if (subscriptions.some((s) => covers(s, task))) continue;
      report(
        subscriptions.length === 0
          ? 'no aws.dms.EventSubscription exists in the stack; add one with sourceType: "replication-task", enabled: true and an SNS topic'
          : 'no enabled aws.dms.EventSubscription with sourceType "replication-task" covers this task; add one (sourceIds unset or including the task)',
        task.urn,
      );
    }
  },
});
