import { type EnvironmentProfile, mergeTags, type NameParts, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AlarmSpec, DMS_NAMESPACE, dmsEventPattern } from "./alarms.js";

export interface MonitoringContext {
  name: string;
  parent: pulumi.Resource;
  parts: Omit<NameParts, "purpose">;
  tags: Record<string, string>;
  profile: EnvironmentProfile;
  kmsKeyArn: pulumi.Input<string>;
}

/**
 * The topic's access policy: the account keeps its usual rights; CloudWatch alarms and the
 * EventBridge rules of this account and region may publish (restricted with aws:SourceArn and
 * aws:SourceAccount against the confused deputy). DMS events reach the topic through EventBridge,
 * whose principal needs the statement ("To allow publishing from events.amazonaws.com, make sure to
 * update your Amazon SNS topics' access policies", DMS User Guide, EventBridge events).
 */
export function alarmTopicPolicy(topicArn: string, partition: string, region: string, accountId: string): string {
  const source = (service: string, resource: string) => ({
    ArnLike: { "aws:SourceArn": `arn:${partition}:${service}:${region}:${accountId}:${resource}` },
    StringEquals: { "aws:SourceAccount": accountId },
  });
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountOwner",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
        Action: [
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:AddPermission",
          "sns:RemovePermission",
          "sns:DeleteTopic",
          "sns:Subscribe",
          "sns:ListSubscriptionsByTopic",
          "sns:Publish",
        ],
        Resource: topicArn,
      },
      {
        Sid: "EventBridgeRules",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: source("events", "rule/*"),
      },
      {
        Sid: "CloudWatchAlarms",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: source("cloudwatch", "alarm:*"),
      },
    ],
  });
}

/**
 * The alarm topic, KMS-encrypted with the passed key. The key's policy must let
 * cloudwatch.amazonaws.com and events.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt),
 * or alarms and DMS events are dropped: see docs/dms.md.
 */
export function createAlarmTopic(ctx: MonitoringContext, alarmEmails: readonly string[]) {
  const topicName = physicalName("sns-topic", { ...ctx.parts, purpose: "dms-alarms" });
  const topic = new aws.sns.Topic(
    `${ctx.name}-alarms`,
    { name: topicName, kmsMasterKeyId: ctx.kmsKeyArn, tags: mergeTags(ctx.tags, { Name: topicName }) },
    { parent: ctx.parent },
  );
  const partition = aws.getPartitionOutput({}, { parent: topic }).partition;
  const region = aws.getRegionOutput({}, { parent: topic }).region;
  const accountId = aws.getCallerIdentityOutput({}, { parent: topic }).accountId;
  new aws.sns.TopicPolicy(
    `${ctx.name}-alarms-policy`,
    {
      arn: topic.arn,
      policy: pulumi
        .all([topic.arn, partition, region, accountId])
        .apply(([arn, p, r, a]) => alarmTopicPolicy(arn, p, r, a)),
    },
    { parent: topic },
  );
  alarmEmails.forEach((email, i) => {
    new aws.sns.TopicSubscription(
      `${ctx.name}-alarms-email-${i}`,
      { topic: topic.arn, protocol: "email", endpoint: email },
      { parent: topic },
    );
  });
  return topic;
}

/**
 * A task log group created before DMS writes to it, so it has the profile's retention and the KMS
 * key (DMS would otherwise create it unencrypted, kept forever).
 */
export function createLogGroup(
  ctx: MonitoringContext,
  logicalSuffix: string,
  logGroupName: string,
  parent: pulumi.Resource = ctx.parent,
) {
  return new aws.cloudwatch.LogGroup(
    `${ctx.name}-${logicalSuffix}`,
    {
      name: logGroupName,
      retentionInDays: ctx.profile.logRetentionDays,
      kmsKeyId: ctx.kmsKeyArn,
      tags: mergeTags(ctx.tags, { Name: logGroupName }),
    },
    { parent },
  );
}

/** One CloudWatch alarm from a spec, notifying the topic on alarm and on recovery. */
export function createAlarm(
  ctx: MonitoringContext,
  spec: AlarmSpec,
  dimensions: pulumi.Input<Record<string, pulumi.Input<string>>>,
  topic: aws.sns.Topic,
  parent: pulumi.Resource,
) {
  const alarmName = physicalName("cloudwatch-alarm", { ...ctx.parts, purpose: spec.purpose });
  return new aws.cloudwatch.MetricAlarm(
    `${ctx.name}-${spec.purpose}`,
    {
      name: alarmName,
      alarmDescription: spec.description,
      namespace: DMS_NAMESPACE,
      metricName: spec.metricName,
      dimensions,
      statistic: spec.statistic,
      comparisonOperator: spec.comparisonOperator,
      threshold: spec.threshold,
      period: spec.period,
      evaluationPeriods: spec.evaluationPeriods,
      treatMissingData: spec.treatMissingData,
      alarmActions: [topic.arn],
      okActions: [topic.arn],
      tags: mergeTags(ctx.tags, { Name: alarmName }),
    },
    { parent },
  );
}

/**
 * An EventBridge rule sending every DMS event about `resourceArns` to the alarm topic. Not a DMS
 * event subscription: its `sourceIds` force a replacement (terraform-provider-aws
 * internal/service/dms/event_subscription.go, ForceNew) under a fixed name, so adding a task would
 * fail the `up`; a rule's event pattern is updated in place (PutRule), and EventBridge is what the
 * DMS User Guide recommends for engine versions after 3.4.5.
 */
export function createEventRule(
  ctx: MonitoringContext,
  purpose: string,
  resourceArns: pulumi.Input<pulumi.Input<string>[]>,
  topic: aws.sns.Topic,
) {
  const ruleName = physicalName("eventbridge-rule", { ...ctx.parts, purpose });
  const rule = new aws.cloudwatch.EventRule(
    `${ctx.name}-${purpose}`,
    {
      name: ruleName,
      description: `DMS events of ${ctx.parts.application} (${ctx.parts.environment}) to the alarm topic`,
      eventPattern: pulumi.output(resourceArns).apply((arns) => dmsEventPattern(arns)),
      state: "ENABLED",
      tags: mergeTags(ctx.tags, { Name: ruleName }),
    },
    // Only the fixed name (and the bus) force a new rule: never create the new one first.
    { parent: ctx.parent, deleteBeforeReplace: true },
  );
  new aws.cloudwatch.EventTarget(
    `${ctx.name}-${purpose}-to-topic`,
    { rule: rule.name, targetId: "alarm-topic", arn: topic.arn },
    { parent: rule },
  );
  return rule;
}
