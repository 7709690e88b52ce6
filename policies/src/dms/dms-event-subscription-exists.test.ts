import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { dmsEventSubscriptionExists } from "./dms-event-subscription-exists.js";

const task: ResourceSpec = {
  type: T.dmsReplicationTask,
  name: "task",
  inputs: { replicationTaskId: "prod-orders-cdc-dms" },
};
const subscription = (
  inputs: Record<string, unknown>,
  propertyDependencies?: Record<string, string[]>,
): ResourceSpec => ({
  type: T.dmsEventSubscription,
  name: "events",
  inputs: { name: "prod-orders-events-dms", snsTopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts", ...inputs },
  ...(propertyDependencies ? { propertyDependencies } : {}),
});

describePolicy(dmsEventSubscriptionExists, {
  passes: [
    {
      title: "a task with a replication-task subscription",
      fixture: [task, subscription({ sourceType: "replication-task" })],
    },
    {
      title: "a task named in a subscription's sourceIds (through the task's output)",
      fixture: [task, subscription({ sourceType: "replication-task", sourceIds: ["[id]"] }, { sourceIds: ["task"] })],
    },
    { title: "a stack without tasks", fixture: [{ type: T.snsTopic, name: "alerts", inputs: {} }] },
  ],
  fails: [
    {
      title: "a task without any subscription",
      fixture: [task],
      messages: [
        'no aws.dms.EventSubscription exists in the stack; add one with sourceType: "replication-task", enabled: true and an SNS topic',
      ],
    },
    {
      title: "a task whose only subscription is disabled or for instances",
      fixture: [
        task,
        subscription({ sourceType: "replication-task", enabled: false }),
        { ...subscription({ sourceType: "replication-instance" }), name: "instance-events" },
      ],
      messages: [
        'no enabled aws.dms.EventSubscription with sourceType "replication-task" covers this task; add one (sourceIds unset or including the task)',
      ],
    },
  ],
  unknown: { fixture: [task, subscription({ enabled: UNKNOWN })], path: "enabled" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
