import type { ResourceChange, StateResource } from "@dms-platform/offline";

/**
 * What AWS refuses at call time, as a table the plan evaluates on every change it shows: each rule
 * names the resource types, the operation, the precondition AWS checks, the error `pulumi up` (or
 * `destroy`) would stop on, and where that is written down (the provider's source at the version
 * @pulumi/aws 7.x bridges, lonegunmanb/terraform-provider-aws-index v6.x, or the AWS API / User
 * Guide page). A rule that fires is a plan problem (exit 1) naming the resource, the error and the
 * fix in stack-file terms. docs/plan.md, "What the plan knows AWS would refuse", is generated
 * from this table (`rulesTable`; a test keeps them equal).
 */
export interface AwsRule {
  /** Kebab-case, reads as the rule. */
  id: string;
  types: readonly string[];
  /** The operation the rule applies to: create, update of which keys, replace, delete. */
  operation: string;
  /** What AWS checks before it accepts the call. */
  precondition: string;
  /** The error the call fails with. */
  awsError: string;
  /** Provider file and function, or the AWS page. */
  source: string;
  /** The problems of one change (none when the rule does not fire). */
  check(change: ResourceChange, all: readonly ResourceChange[], context: RuleContext): string[];
}

/** What the plan is: `up` of the program against its state, or `pulumi destroy` of the state. */
export interface RuleContext {
  destroy: boolean;
}

const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_CLUSTER = "aws:rds/cluster:Cluster";
const DMS_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
const DMS_TASK = "aws:dms/replicationTask:ReplicationTask";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_V2 = "aws:s3/bucketV2:BucketV2";
const SECRET = "aws:secretsmanager/secret:Secret";
const ROLE = "aws:iam/role:Role";
const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const VPC = "aws:ec2/vpc:Vpc";
const KMS_KEY = "aws:kms/key:Key";
const SERVERLESS_NAMESPACE = "aws:redshiftserverless/namespace:Namespace";
const SERVERLESS_WORKGROUP = "aws:redshiftserverless/workgroup:Workgroup";
/** The engine's unknown sentinel (@dms-platform/offline UNKNOWN; this module imports types only). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The account roles DMS looks up by fixed name (@dms-platform/dms DMS_ACCOUNT_ROLES, REDSHIFT_ACCOUNT_ROLE; docs/accounts.md). */
const ACCOUNT_ROLE_NAMES = new Set(["dms-vpc-role", "dms-cloudwatch-logs-role", "dms-access-for-endpoint"]);

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const label = (c: { type: string; name: string }) => `${c.type.split(":")[1] ?? c.type} "${c.name}"`;

/** The old resource goes away in this plan: deleted, or replaced (its old copy deleted). */
const removed = (c: ResourceChange) => c.op === "delete" || c.op === "replace";
/** The old copy is deleted before anything that depends on it is updated. */
const deletedFirst = (c: ResourceChange) => c.op === "delete" || (c.op === "replace" && c.deleteBeforeReplace);

/**
 * The major version of an engine version as the service counts it: DMS counts `3.4` -> `3.5` as a
 * major upgrade (DMS User Guide, "AWS DMS release notes"); RDS PostgreSQL from 10 counts the first
 * number, MySQL and MariaDB the first two (RDS User Guide, "Upgrading the DB engine").
 */
export function majorVersion(version: string, engine?: string): string {
  const parts = version.split(".");
  if (engine?.includes("postgres") && Number(parts[0]) >= 10) return parts[0] as string;
  return parts.slice(0, 2).join(".");
}

/** A secret's recovery window: 0 deletes at once, unset is 30 days (Secrets Manager API, DeleteSecret). */
function recoveryWindowDays(r: StateResource | undefined): number {
  const v = r?.inputs.recoveryWindowInDays;
  return typeof v === "number" ? v : typeof v === "string" && v !== "" ? Number(v) : 30;
}

/** A number input as the engine holds it (a number, or a numeric string from a stack export). */
const num = (v: unknown): number | undefined =>
  typeof v === "number"
    ? v
    : typeof v === "string" && v !== "" && v !== UNKNOWN && !Number.isNaN(Number(v))
      ? Number(v)
      : undefined;

/** A created workgroup, or one whose update sends these keys (resourceWorkgroupUpdate sends each changed key). */
const sends = (c: ResourceChange, keys: readonly string[]) =>
  c.op === "create" || c.op === "replace" || (c.op === "update" && keys.some((k) => c.diff.includes(k)));

export const AWS_RULES: readonly AwsRule[] = [
  {
    id: "rds-deletion-protection",
    types: [RDS_INSTANCE, RDS_CLUSTER],
    operation: "delete, replace",
    precondition: "deletionProtection is off on the deployed database",
    awsError:
      "InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again.",
    source:
      "RDS API DeleteDBInstance / DeleteDBCluster (DeletionProtection); internal/service/rds/instance.go resourceInstanceDelete",
    check: (c) =>
      removed(c) && c.old?.inputs.deletionProtection === true
        ? [
            `${label(c)} has deletion protection and would be ${c.op === "delete" ? "deleted" : "replaced (deleted and created again)"}: AWS refuses (InvalidParameterCombination: Cannot delete protected DB Instance) and \`pulumi ${c.op === "delete" ? "destroy" : "up"}\` stops half-way. Deploy deletionProtection: false first, in a change of its own (the stack file's database \`deletionProtection: false\`), then remove it.`,
          ]
        : [],
  },
  {
    id: "dms-instance-in-use",
    types: [DMS_INSTANCE],
    operation: "delete, replace (deleteBeforeReplace)",
    precondition: "no replication task is associated with the instance",
    awsError:
      'InvalidResourceStateFault: the replication instance still has tasks ("You must delete any migration tasks that are associated with the replication instance before you can delete it")',
    source:
      "DMS API DeleteReplicationInstance; the platform replaces instances deleteBeforeReplace (packages/dms/src/replacement.ts) and a task's replicationInstanceArn is updated in place (internal/service/dms/replication_task.go resourceReplicationTaskUpdate, MoveReplicationTask), so Pulumi deletes the instance before it moves the tasks",
    check: (c, all) => {
      if (!deletedFirst(c) || !c.old) return [];
      const kept = all.filter(
        (t) =>
          t.type === DMS_TASK &&
          !removed(t) &&
          t.old?.dependencies.includes(c.old?.urn ?? "") &&
          // A task moved to another instance before the instance is deleted (a delete comes last).
          !(c.op === "delete" && t.diff.includes("replicationInstanceArn")),
      );
      if (kept.length === 0) return [];
      const names = kept.map((t) => str(t.old?.inputs.replicationTaskId) ?? t.name).join(", ");
      return [
        `${label(c)} would be ${c.op === "delete" ? "deleted" : `replaced delete-before-replace (${c.replaceKeys.join(", ")} changed)`} while task${kept.length === 1 ? "" : "s"} ${names} still use${kept.length === 1 ? "s" : ""} it: DMS refuses (InvalidResourceStateFault: delete the tasks associated with the instance first). Keep ${c.op === "delete" ? "the instance" : c.replaceKeys.join(", ")} as deployed; to change it, add the new capacity under another name, move the tasks to it, and remove the old instance in a later change.`,
      ];
    },
  },
  {
    id: "dms-major-version-upgrade",
    types: [DMS_INSTANCE, RDS_INSTANCE],
    operation: "update of engineVersion",
    precondition: "allowMajorVersionUpgrade is true when the new version is of another major version",
    awsError:
      "ModifyReplicationInstance / ModifyDBInstance refuse an EngineVersion of another major version without AllowMajorVersionUpgrade",
    source:
      "DMS API ModifyReplicationInstance (AllowMajorVersionUpgrade); DMS User Guide, AWS DMS release notes (3.4.x to 3.5.x needs it); RDS API ModifyDBInstance (AllowMajorVersionUpgrade)",
    check: (c) => {
      if (c.op !== "update" || !c.diff.includes("engineVersion") || !c.old || !c.new) return [];
      const before = str(c.old.inputs.engineVersion);
      const after = str(c.new.inputs.engineVersion);
      if (!before || !after) return [];
      const engine = str(c.new.inputs.engine);
      if (majorVersion(before, engine) === majorVersion(after, engine)) return [];
      if (c.new.inputs.allowMajorVersionUpgrade === true) return [];
      const fix =
        c.type === DMS_INSTANCE
          ? `Keep engineVersion at ${majorVersion(before, engine)}.x in the replication stack file (dms-platform-replication:capacity.engineVersion), or upgrade with dms-platform-replication:capacity.allowMajorVersionUpgrade: true beside it`
          : `Keep engineVersion at ${majorVersion(before, engine)}.x in the stack file, or set allowMajorVersionUpgrade on the database with the upgrade`;
      return [
        `${label(c)} engineVersion ${before} -> ${after} is a major version upgrade without allowMajorVersionUpgrade: AWS refuses the modify and \`pulumi up\` fails. ${fix}.`,
      ];
    },
  },
  {
    id: "s3-bucket-not-empty",
    types: [BUCKET, BUCKET_V2],
    operation: "delete, replace",
    precondition: "the bucket holds no object, version or delete marker (or forceDestroy empties it)",
    awsError: "BucketNotEmpty: The bucket you tried to delete is not empty",
    source:
      "S3 API DeleteBucket; internal/service/s3/bucket.go resourceBucketDelete (empties the bucket only with force_destroy)",
    check: (c) =>
      removed(c) && c.old && !c.old.retainOnDelete && c.old.inputs.forceDestroy !== true
        ? [
            `${label(c)} would be ${c.op === "delete" ? "deleted" : "replaced"} without forceDestroy: once it holds objects (logs, versions) AWS refuses (BucketNotEmpty) and \`pulumi ${c.op === "delete" ? "destroy" : "up"}\` stops there. Empty it first, or keep it (retainOnDelete) and remove it from the stack by hand.`,
          ]
        : [],
  },
  {
    id: "secret-name-scheduled-for-deletion",
    types: [SECRET],
    operation: "replace (deleteBeforeReplace) keeping the name",
    precondition: "no secret of that name is scheduled for deletion (recovery window, 30 days unless 0)",
    awsError:
      "InvalidRequestException: You can't create this secret because a secret with this name is already scheduled for deletion.",
    source:
      "Secrets Manager API DeleteSecret (RecoveryWindowInDays) and CreateSecret; internal/service/secretsmanager/secret.go resourceSecretDelete",
    check: (c) => {
      // A create of a name another secret of the plan deletes is the engine's fixed-name check
      // (the delete comes after the creates); here the replaced secret itself holds the name.
      if (c.op !== "replace" || !c.deleteBeforeReplace || !c.new) return [];
      const name = str(c.new.inputs.name);
      if (!name || str(c.old?.inputs.name) !== name || recoveryWindowDays(c.old) === 0) return [];
      return [
        `${label(c)} would be deleted and created again as "${name}", but the deleted secret stays scheduled for deletion for ${recoveryWindowDays(c.old)} days: Secrets Manager refuses (InvalidRequestException: a secret with this name is already scheduled for deletion). Keep ${c.replaceKeys.join(", ")} as deployed, or give the new secret another name.`,
      ];
    },
  },
  {
    id: "account-roles-deleted",
    types: [ROLE],
    operation: "delete",
    precondition: "no other stack of the account relies on the DMS account roles",
    awsError:
      "none at delete; every DMS call that needs dms-vpc-role afterwards fails (CreateReplicationSubnetGroup: the IAM role dms-vpc-role is not configured properly)",
    source: "DMS User Guide, Creating the IAM roles to use with AWS DMS (CHAP_Security.APIRole); docs/accounts.md",
    check: (c, _all, { destroy }) => {
      const name = str(c.old?.inputs.name);
      if (c.op !== "delete" || !name || !ACCOUNT_ROLE_NAMES.has(name) || c.old?.retainOnDelete) return [];
      const consequence = `DMS finds it by name for every stack of the account, and their next subnet group or endpoint call fails`;
      return [
        destroy
          ? `${label(c)} (${name}) would be deleted by \`pulumi destroy\` of this foundation, which creates the account's DMS roles (dms-platform-foundation:accountRoles: create): ${consequence}, and the replication stacks and other foundations of the account that adopt it can no longer create, change or re-create their DMS resources. Destroy this foundation last, after every other stack of the account; or, to keep the account in use, import the roles into the foundation that stays and set its accountRoles: create first (docs/accounts.md).`
          : `${label(c)} (${name}) would be deleted: ${consequence}. Switching dms-platform-foundation:accountRoles from create to adopt deletes the roles; move the creation to another foundation first (docs/accounts.md), or keep accountRoles: create.`,
      ];
    },
  },
  {
    id: "rds-subnet-group-other-vpc",
    types: [RDS_SUBNET_GROUP],
    operation: "update of subnetIds",
    precondition: "the new subnets are in the VPC the DB subnet group was created in",
    awsError:
      "InvalidParameterValue: The new Subnets are not in the same Vpc as the existing subnet group (ModifyDBSubnetGroup)",
    source:
      "RDS API ModifyDBSubnetGroup, as reported against the provider (hashicorp/terraform-provider-aws issues #16419 and #27459: subnet_ids is updated in place, internal/service/rds/subnet_group.go resourceSubnetGroupUpdate, and RDS refuses subnets of another VPC)",
    check: (c, all) => {
      if (c.op !== "update" || !c.diff.includes("subnetIds") || !c.old || !c.new) return [];
      const oldVpc = str(c.old.outputs.vpcId);
      const byUrn = new Map(all.map((x) => [x.urn, x]));
      // A new subnet's VPC: its vpcId when known, else a VPC the plan creates or replaces (a new id).
      const moved = (c.new.propertyDependencies.subnetIds ?? []).some((urn) => {
        const subnet = byUrn.get(urn);
        if (subnet?.type !== SUBNET || !subnet.new) return false;
        const vpcId = str(subnet.new.inputs.vpcId);
        if (vpcId && vpcId !== UNKNOWN && oldVpc) return vpcId !== oldVpc;
        return (subnet.new.propertyDependencies.vpcId ?? []).some((v) => {
          const vpc = byUrn.get(v);
          return vpc?.type === VPC && (vpc.op === "create" || vpc.op === "replace");
        });
      });
      if (!moved) return [];
      return [
        `${label(c)} would be updated to subnets of another VPC${oldVpc ? ` than ${oldVpc}` : ""}: RDS refuses (InvalidParameterValue: The new Subnets are not in the same Vpc as the existing subnet group) and \`pulumi up\` fails there. Keep the network's VPC (network.vpcCidr) as deployed; to move the database, give it a new subnet group in the new VPC (another name) and remove the old one in a later change.`,
      ];
    },
  },
  {
    id: "kms-key-deleted-under-retained-data",
    types: [KMS_KEY],
    operation: "delete, replace",
    precondition: "no data the destroy leaves behind (a final snapshot, a retained resource) is encrypted with the key",
    awsError:
      "none at delete: ScheduleKeyDeletion succeeds; during its 7-30 day window every use of the key fails (KMSInvalidStateException, key pending deletion), and after it the data can never be decrypted",
    source:
      "AWS KMS Developer Guide, Deleting AWS KMS keys (deleting-keys.html) and Cryptographic details, Deleting keys; internal/service/kms/key.go resourceKeyDelete (ScheduleKeyDeletion, deletion_window_in_days)",
    check: (c, all) => {
      if (!removed(c) || !c.old || c.old.retainOnDelete) return [];
      const key = c.old.urn;
      const leftBehind = all.filter((r) => {
        if (!r.old || r.urn === key || !r.old.dependencies.includes(key)) return false;
        if (r.op === "delete" && r.old.retainOnDelete) return true;
        const snapshot =
          (r.type === RDS_INSTANCE || r.type === RDS_CLUSTER) &&
          removed(r) &&
          r.old.inputs.skipFinalSnapshot !== true &&
          str(r.old.inputs.finalSnapshotIdentifier) !== undefined;
        return snapshot;
      });
      if (leftBehind.length === 0) return [];
      const what = leftBehind
        .map((r) => `${label(r)}${r.old?.retainOnDelete ? " (retained)" : " (its final snapshot)"}`)
        .join(", ");
      return [
        `${label(c)} would be ${c.op === "delete" ? "deleted" : "replaced"} (scheduled for deletion) while ${what} stay${leftBehind.length === 1 ? "s" : ""} in AWS encrypted with it: once the key's deletion window ends that data can never be decrypted (KMS Developer Guide, Deleting AWS KMS keys). Keep the key (retainOnDelete) as long as the data, or re-encrypt the data with another key first.`,
      ];
    },
  },
  {
    id: "redshift-serverless-name",
    types: [SERVERLESS_NAMESPACE, SERVERLESS_WORKGROUP],
    operation: "create, replace",
    precondition: "namespaceName / workgroupName is 3-64 lowercase letters, digits or hyphens",
    awsError: "ValidationException (the name fails the API's length constraints or pattern [a-z0-9-]+)",
    source:
      "Redshift Serverless API Reference, CreateNamespace NamespaceName and CreateWorkgroup WorkgroupName (Length Constraints: 3-64, Pattern: [a-z0-9-]+); internal/service/redshiftserverless resourceNamespace / resourceWorkgroup (v6.58.0) validate neither, so the call is the first to refuse",
    check: (c) => {
      if (c.op !== "create" && c.op !== "replace") return [];
      const key = c.type === SERVERLESS_NAMESPACE ? "namespaceName" : "workgroupName";
      const name = str(c.new?.inputs[key]);
      if (!name || name === UNKNOWN || /^[a-z0-9-]{3,64}$/.test(name)) return [];
      return [
        `${label(c)} ${key} "${name}" is not 3-64 lowercase letters, digits or hyphens: Redshift Serverless refuses it (ValidationException) and \`pulumi up\` fails there. Choose a name that is (the platform's RedshiftServerlessWarehouse names it <env>-<app>-<purpose>).`,
      ];
    },
  },
  {
    id: "redshift-serverless-capacity",
    types: [SERVERLESS_WORKGROUP],
    operation: "create, replace, update of baseCapacity or maxCapacity",
    precondition: "baseCapacity is 8-512 RPUs in units of 8, and maxCapacity, when set, is not below baseCapacity",
    awsError: "ValidationException (CreateWorkgroup / UpdateWorkgroup)",
    source:
      "Redshift Management Guide, Compute capacity for Amazon Redshift Serverless (serverless-capacity.html: 8 to 512 RPUs in units of 8); terraform-provider-aws internal/service/redshiftserverless/workgroup_test.go TestAccRedshiftServerlessWorkgroup_maxCapacityBelowBaseCapacity and _baseCapacityAboveMaxCapacity (ValidationException); resourceWorkgroup validates neither (v6.58.0)",
    check: (c) => {
      if (!c.new || !sends(c, ["baseCapacity", "maxCapacity"])) return [];
      const base = num(c.new.inputs.baseCapacity);
      const max = num(c.new.inputs.maxCapacity);
      const problems: string[] = [];
      if (base !== undefined && !(base >= 8 && base <= 512 && base % 8 === 0)) {
        problems.push(
          `${label(c)} baseCapacity ${base} is not 8 to 512 RPUs in units of 8: Redshift Serverless refuses it (ValidationException) and \`pulumi up\` fails there. Set dms-platform-foundation:warehouse.baseCapacity to 8, 16, 24 ... 512.`,
        );
      }
      if (base !== undefined && max !== undefined && max > 0 && max < base) {
        problems.push(
          `${label(c)} maxCapacity ${max} is below baseCapacity ${base}: Redshift Serverless refuses it (ValidationException) and \`pulumi up\` fails there. Raise dms-platform-foundation:warehouse.maxCapacity to at least ${base}, or lower baseCapacity.`,
        );
      }
      return problems;
    },
  },
  {
    id: "redshift-serverless-subnets-three-azs",
    types: [SERVERLESS_WORKGROUP],
    operation: "create, replace, update of subnetIds",
    precondition: "the workgroup's subnets span at least three Availability Zones",
    awsError:
      "CreateWorkgroup / UpdateWorkgroup refuse the subnets (the guide states the requirement; the API reference names no specific error code for it)",
    source:
      'Redshift Management Guide, Considerations when using Amazon Redshift Serverless (serverless-usage-considerations.html, "Three subnets": at least three subnets spanning three Availability Zones; us-west-1 takes three subnets over two AZs)',
    check: (c, all) => {
      if (!c.new || !sends(c, ["subnetIds"])) return [];
      const byUrn = new Map(all.map((x) => [x.urn, x]));
      const deps = c.new.propertyDependencies.subnetIds ?? [];
      const subnets = deps.map((u) => byUrn.get(u)).filter((s) => s?.type === SUBNET && s.new);
      // Judged only when every subnet is one of the plan's, each with a known AZ.
      const azs = subnets.map((s) => str(s?.new?.inputs.availabilityZone));
      if (subnets.length === 0 || subnets.length !== deps.length || azs.some((a) => !a || a === UNKNOWN)) return [];
      const distinct = new Set(azs);
      if (distinct.size >= 3) return [];
      return [
        `${label(c)} has subnets in ${distinct.size} Availability Zone${distinct.size === 1 ? "" : "s"} (${[...distinct].join(", ")}): Redshift Serverless needs at least three and refuses the workgroup, so \`pulumi up\` fails there. Set dms-platform-foundation:network.azCount to 3 or more.`,
      ];
    },
  },
];

/**
 * Types the stacks emit that no rule above covers, each with why: the test of this module fails on
 * a type that is in neither, so a new resource type is considered before it ships.
 */
export const NO_RULE: Readonly<Record<string, string>> = {
  "pulumi:pulumi:Stack": "the engine's own resource",
  "pulumi:providers:aws": "the engine's own resource",
  "pulumi:pulumi:StackReference": "read, never created or deleted",
  "pulumi:providers:random": "the engine's own resource",
  "random:index/randomId:RandomId": "no AWS call",
  "random:index/randomPassword:RandomPassword": "no AWS call",
  "aws:dms/replicationTask:ReplicationTask":
    "the provider stops a task before modifying it (resourceReplicationTaskUpdate); what a change does to it is the DMS impact",
  "aws:dms/replicationConfig:ReplicationConfig":
    "the provider stops the replication before it modifies it and starts it again (internal/service/dms/replication_config.go resourceReplicationConfigUpdate): modified while running is not refused",
  "aws:dms/endpoint:Endpoint": "a change under running tasks is the DMS impact's pause-tasks problem",
  "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup":
    "moving to subnets of another VPC: not verified (subnetIds is updated in place by ModifyReplicationSubnetGroup, internal/service/dms/replication_subnet_group.go; neither the DMS API reference nor a provider issue says DMS refuses it)",
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
    "replaced delete-first and ordered before the routes by the network component (packages/network); the route-needs-attachment rule is not verified yet",
  "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment":
    "replaced delete-first and ordered before the routes by the network component (packages/network); a VGW attached to another VPC is not checked yet",
  "aws:dms/eventSubscription:EventSubscription": "no call-time precondition known",
  "aws:rds/parameterGroup:ParameterGroup": "no call-time precondition known",
  "aws:ec2/route:Route":
    "a route to a transit or virtual private gateway not attached to the VPC fails CreateRoute (the provider retries InvalidTransitGatewayID.NotFound until its create timeout, internal/service/ec2/vpc_route.go resourceRouteCreate): satisfied by construction, the network component makes each route depend on the attachment it creates (packages/network attachGateway); with gatewayAttachment: existing the attachment is outside the stack and the plan cannot see it",
  "aws:ec2/vpc:Vpc": "its dependents are deleted first by the engine",
  "aws:ec2/subnet:Subnet": "its dependents are deleted first by the engine",
  "aws:ec2/securityGroup:SecurityGroup": "fixed name within its VPC: the engine's fixed-name check",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "adopted, never deleted by AWS",
  "aws:ec2/routeTable:RouteTable": "no call-time precondition known",
  "aws:ec2/routeTableAssociation:RouteTableAssociation": "no call-time precondition known",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "no call-time precondition known",
  "aws:ec2/flowLog:FlowLog": "no call-time precondition known",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "no call-time precondition known",
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": "no call-time precondition known",
  "aws:kms/alias:Alias": "fixed name: the engine's fixed-name check",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "no call-time precondition known",
  "aws:iam/rolePolicy:RolePolicy": "no call-time precondition known",
  "aws:iam/policy:Policy": "fixed name: the engine's fixed-name check",
  "aws:secretsmanager/secretVersion:SecretVersion": "no call-time precondition known",
  "aws:cloudwatch/logGroup:LogGroup": "deleted at once; a retained one collides with a re-create (plan --destroy)",
  "aws:cloudwatch/metricAlarm:MetricAlarm": "no call-time precondition known",
  "aws:cloudwatch/dashboard:Dashboard": "no call-time precondition known",
  "aws:cloudwatch/eventRule:EventRule": "its targets are deleted first by the engine",
  "aws:cloudwatch/eventTarget:EventTarget": "no call-time precondition known",
  "aws:sns/topic:Topic": "no call-time precondition known",
  "aws:sns/topicPolicy:TopicPolicy": "no call-time precondition known",
  "aws:sns/topicSubscription:TopicSubscription": "no call-time precondition known",
  "aws:s3/bucketPolicy:BucketPolicy": "no call-time precondition known",
  "aws:s3/bucketVersioning:BucketVersioning": "no call-time precondition known",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    "no call-time precondition known",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": "no call-time precondition known",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": "no call-time precondition known",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": "no call-time precondition known",
  "aws:dms/s3Endpoint:S3Endpoint":
    "deleted after its tasks (the engine orders them); a task still using it is the task's rule",
  "aws:cloudtrail/trail:Trail": "no call-time precondition known",
  "aws:route53/resolverEndpoint:ResolverEndpoint": "no call-time precondition known",
  "aws:route53/resolverRule:ResolverRule": "its associations are deleted first by the engine",
  "aws:route53/resolverRuleAssociation:ResolverRuleAssociation": "no call-time precondition known",
  "aws:rds/clusterInstance:ClusterInstance": "deletion protection is the cluster's (rds-deletion-protection)",
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": "no call-time precondition known",
  "aws:rds/optionGroup:OptionGroup":
    "deleted after its instance by the engine; a group still used by a snapshot is not checked yet",
  "aws:dms/instanceProfile:InstanceProfile":
    "no call-time precondition known (deleted after the migration project, which depends on it)",
  "aws:dms/dataProvider:DataProvider":
    "no call-time precondition known (deleted after the migration project, which depends on it)",
  "aws:dms/migrationProject:MigrationProject": "no call-time precondition known",
  "aws:redshift/cluster:Cluster":
    "final snapshot names end in the stack's generation (RedshiftWarehouse); other preconditions not verified yet",
  "aws:redshift/parameterGroup:ParameterGroup": "no call-time precondition known",
  "aws:redshift/subnetGroup:SubnetGroup": "moving to subnets of another VPC: not verified yet",
  "aws:redshift/logging:Logging": "no call-time precondition known",
};

/** Whether a resource type is considered: covered by a rule, or listed in NO_RULE with why. */
export function isConsidered(type: string): boolean {
  return AWS_RULES.some((r) => r.types.includes(type)) || type in NO_RULE || type.startsWith("dms-platform:");
}

/** Add each firing rule's problem to its change (planChange, plan --destroy). */
export function addRuleProblems<C extends ResourceChange>(
  changes: readonly C[],
  context: RuleContext = { destroy: false },
): void {
  for (const c of changes) {
    for (const rule of AWS_RULES) {
      if (!rule.types.includes(c.type)) continue;
      for (const problem of rule.check(c, changes, context)) c.problems.push(`${problem} [${rule.id}]`);
    }
  }
}

/**
 * What a deleted resource leaves in AWS that a re-create of the same stack collides with (plan
 * --destroy): a retained resource with a fixed name, a secret in its recovery window, a final
 * snapshot the next destroy of the re-created database would write again. `fixedName` gives the
 * type's fixed-name inputs (@dms-platform/config providerSchemaOf).
 */
export function recreateCollision(
  old: StateResource,
  fixedName: (type: string) => readonly string[] | undefined,
): string | undefined {
  const name = (fixedName(old.type) ?? []).map((k) => str(old.inputs[k])).find((n) => n !== undefined);
  const what = `${old.type.split(":")[1] ?? old.type} "${old.urn.split("::").pop()}"`;
  if (old.retainOnDelete && name) {
    return `${what} is retained: "${name}" stays in AWS, and a re-create of the stack fails on the name (it already exists) until it is imported or deleted by hand`;
  }
  // A name made from a random generation (the database's master secret, its final snapshot) is new
  // on a re-create: the random resource is destroyed with the stack and created again.
  // (A URN's type follows "::", or its parent's type and "$": `...MigrationDatabase$random:index/randomId:RandomId::...`.)
  const generated = (key: string) => (old.propertyDependencies[key] ?? []).some((u) => /(::|\$)random:index\//.test(u));
  if (old.type === SECRET && name && !generated("name") && recoveryWindowDays(old) > 0) {
    return `${what}: "${name}" is scheduled for deletion for ${recoveryWindowDays(old)} days; a re-create within them fails (InvalidRequestException: a secret with this name is already scheduled for deletion; Secrets Manager API DeleteSecret)`;
  }
  const snapshot = str(old.inputs.finalSnapshotIdentifier);
  if (
    old.type === RDS_INSTANCE &&
    snapshot &&
    old.inputs.skipFinalSnapshot !== true &&
    !generated("finalSnapshotIdentifier")
  ) {
    return `${what}: the final snapshot "${snapshot}" stays; the re-created database's next destroy fails (DBSnapshotAlreadyExists; RDS API DeleteDBInstance, FinalDBSnapshotIdentifier) until that snapshot is deleted`;
  }
  return undefined;
}

/** The rules as the Markdown table docs/plan.md holds. */
export function rulesTable(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const short = (t: string) => `\`${t.split(":")[1] ?? t}\``;
  return [
    "| Rule | Types | Operation | Precondition | AWS error | Source |",
    "| --- | --- | --- | --- | --- | --- |",
    ...AWS_RULES.map((r) =>
      [r.id, r.types.map(short).join(", "), r.operation, r.precondition, r.awsError, r.source].map(cell).join(" | "),
    ).map((row) => `| ${row} |`),
  ].join("\n");
}
