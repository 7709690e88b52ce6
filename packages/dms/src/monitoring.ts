import { type EnvironmentProfile, mergeTags, type NameParts, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type AlarmSpec, DMS_NAMESPACE } from "./alarms.js";

export interface MonitoringContext {
  name: string;
  parent: pulumi.Resource;
  parts: Omit<NameParts, "purpose">;
  tags: Record<string, string>;
  profile: EnvironmentProfile;
  kmsKeyArn: pulumi.Input<string>;
}

/**
 * The topic's access policy: the account keeps its usual rights; DMS event subscriptions and
 * CloudWatch alarms of this account and region may publish. DMS needs the statement
 * (https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Events.html, "Validating the access
 * policy of your SNS topic"), restricted here with aws:SourceArn against the confused deputy.
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
        Sid: "DmsEventSubscriptions",
        Effect: "Allow",
        Principal: { Service: "dms.amazonaws.com" },
        Action: "sns:Publish",
        Resource: topicArn,
        Condition: source("dms", "es:*"),
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
 * cloudwatch.amazonaws.com and dms.amazonaws.com use it (kms:GenerateDataKey*, kms:Decrypt),
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

/** A DMS event subscription publishing to the alarm topic. */
export function createEventSubscription(
  ctx: MonitoringContext,
  purpose: string,
  sourceType: "replication-task" | "replication-instance",
  eventCategories: readonly string[],
  sourceIds: pulumi.Input<pulumi.Input<string>[]> | undefined,
  topic: aws.sns.Topic,
  dependsOn: pulumi.Resource[],
) {
  const subscriptionName = physicalName("dms-event-subscription", { ...ctx.parts, purpose });
  return new aws.dms.EventSubscription(
    `${ctx.name}-${purpose}`,
    {
      name: subscriptionName,
      enabled: true,
      sourceType,
      eventCategories: [...eventCategories],
      ...(sourceIds !== undefined ? { sourceIds } : {}),
      snsTopicArn: topic.arn,
      tags: mergeTags(ctx.tags, { Name: subscriptionName }),
    },
    { parent: ctx.parent, dependsOn },
  );
}
