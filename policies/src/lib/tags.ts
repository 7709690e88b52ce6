import type { ResourceValidationArgs } from "@pulumi/policy";
import { asObject, jsonDocument } from "./values.js";

/**
 * AWS types that accept `tags` in the provider schema: the ones this project creates and the
 * common ones around them. A resource of another type is judged taggable when it sets `tags`.
 */
export const TAGGABLE_TYPES: ReadonlySet<string> = new Set([
  "aws:cloudtrail/trail:Trail",
  "aws:cloudwatch/logGroup:LogGroup",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:dms/certificate:Certificate",
  "aws:dms/endpoint:Endpoint",
  "aws:dms/eventSubscription:EventSubscription",
  "aws:dms/replicationConfig:ReplicationConfig",
  "aws:dms/replicationInstance:ReplicationInstance",
  "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup",
  "aws:dms/replicationTask:ReplicationTask",
  "aws:dms/s3Endpoint:S3Endpoint",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  "aws:ec2/eip:Eip",
  "aws:ec2/flowLog:FlowLog",
  "aws:ec2/instance:Instance",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/networkAcl:NetworkAcl",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/vpc:Vpc",
  "aws:ec2/vpcEndpoint:VpcEndpoint",
  "aws:iam/policy:Policy",
  "aws:iam/role:Role",
  "aws:iam/user:User",
  "aws:kms/key:Key",
  "aws:lambda/function:Function",
  "aws:rds/cluster:Cluster",
  "aws:rds/clusterInstance:ClusterInstance",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  "aws:rds/instance:Instance",
  "aws:rds/optionGroup:OptionGroup",
  "aws:rds/parameterGroup:ParameterGroup",
  "aws:rds/subnetGroup:SubnetGroup",
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:secretsmanager/secret:Secret",
  "aws:sns/topic:Topic",
  "aws:sqs/queue:Queue",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
]);

/** Whether the resource takes tags: a known taggable type, or one that sets `tags`. */
export function isTaggable(args: ResourceValidationArgs): boolean {
  if (!args.type.startsWith("aws:") || args.type.startsWith("pulumi:providers:")) return false;
  return TAGGABLE_TYPES.has(args.type) || "tags" in args.props;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(value) ?? {})) if (typeof v === "string") out[k] = v;
  return out;
}

/** `aws:defaultTags` JSON strings -> their tag maps (a few per process: one per stack config). */
const parsedDefaultTags = new Map<string, Readonly<Record<string, string>>>();

/**
 * The provider's `defaultTags`: `{ tags: {...} }` as an object, or as the JSON string the CLI
 * passes for structured provider config (`aws:defaultTags` in Pulumi.<stack>.yaml).
 */
export function providerDefaultTags(args: ResourceValidationArgs): Record<string, string> {
  const provider = args.provider;
  if (!provider?.type.startsWith("pulumi:providers:aws")) return {};
  const value: unknown = provider.props.defaultTags;
  if (typeof value !== "string") return stringMap(asObject(value)?.tags);
  // The same JSON string reaches every tagging policy for every resource: parse each one once.
  let tags = parsedDefaultTags.get(value);
  if (!tags) {
    tags = stringMap(asObject(jsonDocument(value))?.tags);
    if (parsedDefaultTags.size >= 64) parsedDefaultTags.clear();
    parsedDefaultTags.set(value, tags);
  }
  return { ...tags };
}

/** The tags a resource ends up with: the provider's default tags, overridden by its own. */
export function effectiveTags(args: ResourceValidationArgs): {
  tags: Record<string, string>;
  fromProvider: Record<string, string>;
} {
  const fromProvider = providerDefaultTags(args);
  const own = stringMap(args.props.tags);
  return { tags: { ...fromProvider, ...own }, fromProvider };
}
