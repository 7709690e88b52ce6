import { T } from "../lib/types.js";
import { describePolicy, type ResourceSpec, UNKNOWN } from "../testing/harness.js";
import { dmsEventSubscriptionExists } from "./dms-event-subscription-exists.js";

const task: ResourceSpec = {
  type: T.dmsReplicationTask,
  name: "task",
  inputs: { replicationTaskId: "prod-orders-cdc-dms" },
};
const rule = (
  eventPattern: unknown,
  extra: Record<string, unknown> = {},
  propertyDependencies?: Record<string, string[]>,
): ResourceSpec => ({
  type: T.eventRule,
  name: "events",
  inputs: { name: "prod-orders-events", eventPattern, ...extra },
  ...(propertyDependencies ? { propertyDependencies } : {}),
});
const target: ResourceSpec = {
  type: T.eventTarget,
  name: "to-topic",
  inputs: { rule: "prod-orders-events", arn: "arn:aws:sns:eu-west-1:123456789012:alerts" },
  propertyDependencies: { rule: ["events"] },
};
const taskPattern = JSON.stringify({ source: ["aws.dms"], resources: ["[arn]"] });
const subscription = (
  inputs: Record<string, unknown>,
  propertyDependencies?: Record<string, string[]>,
): ResourceSpec => ({
  type: T.dmsEventSubscription,
  name: "subscription",
  inputs: { name: "prod-orders-events-dms", snsTopicArn: "arn:aws:sns:eu-west-1:123456789012:alerts", ...inputs },
  ...(propertyDependencies ? { propertyDependencies } : {}),
});

describePolicy(dmsEventSubscriptionExists, {
  passes: [
    {
      title: "a task whose ARN is in an EventBridge rule's pattern, with a target",
      fixture: [task, rule(taskPattern, { state: "ENABLED" }, { eventPattern: ["task"] }), target],
    },
    {
      title: "a task covered by a rule for every DMS event of the account",
      fixture: [task, rule(JSON.stringify({ source: ["aws.dms"] })), target],
    },
    {
      title: "a task with a replication-task event subscription",
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
      title: "a task without any route for its events",
      fixture: [task],
      messages: [
        'no route for this task\'s DMS events exists in the stack; add an aws.cloudwatch.EventRule with eventPattern {"source":["aws.dms"],"resources":[<task ARN>]} and an aws.cloudwatch.EventTarget to an SNS topic',
      ],
    },
    {
      title: "a task whose rule has no target, is disabled, or matches another service",
      fixture: [
        task,
        rule(taskPattern, {}, { eventPattern: ["task"] }),
        { ...rule(taskPattern, { state: "DISABLED", name: "off" }, { eventPattern: ["task"] }), name: "off" },
        { ...target, name: "off-target", inputs: { rule: "off" }, propertyDependencies: { rule: ["off"] } },
        { ...rule(JSON.stringify({ source: ["aws.rds"] }), { name: "rds" }), name: "rds" },
        { ...target, name: "rds-target", inputs: { rule: "rds" }, propertyDependencies: { rule: ["rds"] } },
      ],
      messages: [
        'no enabled EventBridge rule (source "aws.dms", with a target) or DMS event subscription (sourceType "replication-task") covers this task; add the task\'s ARN to a rule\'s event pattern resources, or its id to a subscription\'s sourceIds',
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
        'no enabled EventBridge rule (source "aws.dms", with a target) or DMS event subscription (sourceType "replication-task") covers this task; add the task\'s ARN to a rule\'s event pattern resources, or its id to a subscription\'s sourceIds',
      ],
    },
  ],
  unknown: { fixture: [task, rule(UNKNOWN), target], path: "eventPattern" },
  levels: { dev: "advisory", test: "mandatory", prod: "mandatory" },
});
