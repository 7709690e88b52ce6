import { createHash } from "node:crypto";

/** A mock for one resource type: given the inputs, return the computed attributes (merged over the inputs). */
export type ResourceMock = (args: {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  id: string;
  ctx: MockContext;
}) => Record<string, unknown>;

/** A mock for one invoke token. */
export type InvokeMock = (inputs: Record<string, unknown>, ctx: MockContext) => Record<string, unknown>;

export interface MockContext {
  region: string;
  accountId: string;
  partition: string;
  /** The stack's default tags for the aws provider (from `aws:defaultTags`). */
  defaultTags: Record<string, string>;
  /** Outputs of other stacks, by StackReference name. */
  stackReferences: Readonly<Record<string, Record<string, unknown>>>;
}

/** Extra or replacement mocks a caller passes to runProgram. */
export interface MockOverrides {
  resources?: Record<string, ResourceMock>;
  invokes?: Record<string, InvokeMock>;
}

/** A short deterministic hex digest, so ids are stable from one run to the next. */
export function digest(text: string, length = 17): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** `aws:ec2/securityGroup:SecurityGroup` -> { module: "ec2", resource: "SecurityGroup" }. */
function splitType(type: string): { pkg: string; module: string; resource: string } {
  const [pkg = "", mod = "", resource = ""] = type.split(":");
  return { pkg, module: mod.split("/")[0] ?? "", resource };
}

function arn(ctx: MockContext, service: string, resource: string, global = false): string {
  return `arn:${ctx.partition}:${service}:${global ? "" : ctx.region}:${ctx.accountId}:${resource}`;
}

const ENGINE_PORTS: Record<string, number> = {
  mysql: 3306,
  mariadb: 3306,
  "aurora-mysql": 3306,
  aurora: 3306,
  postgres: 5432,
  "aurora-postgresql": 5432,
  oracle: 1521,
  sqlserver: 1433,
};

function enginePort(inputs: Record<string, unknown>): number {
  if (typeof inputs.port === "number") return inputs.port;
  const engine = str(inputs.engine) ?? "";
  const key = Object.keys(ENGINE_PORTS).find((k) => engine === k || engine.startsWith(`${k}-`) || engine.startsWith(k));
  return key ? (ENGINE_PORTS[key] ?? 3306) : 3306;
}

/** The auto-name Pulumi's AWS provider gives a resource with no explicit name: `<logical>-<7 hex>`. */
function autoName(name: string): string {
  return `${name}-${digest(name, 7)}`;
}

/** Realistic computed attributes for the AWS resources the platform uses. */
export const RESOURCE_MOCKS: Record<string, ResourceMock> = {
  "aws:ec2/vpc:Vpc": ({ id, ctx, inputs }) => ({
    arn: arn(ctx, "ec2", `vpc/${id}`),
    cidrBlock: inputs.cidrBlock ?? "10.0.0.0/16",
    defaultSecurityGroupId: `sg-${digest(`${id}-default-sg`)}`,
    defaultNetworkAclId: `acl-${digest(`${id}-acl`)}`,
    defaultRouteTableId: `rtb-${digest(`${id}-rtb`)}`,
    mainRouteTableId: `rtb-${digest(`${id}-rtb`)}`,
    ownerId: ctx.accountId,
  }),
  "aws:ec2/subnet:Subnet": ({ id, ctx, inputs }) => ({
    arn: arn(ctx, "ec2", `subnet/${id}`),
    availabilityZone: inputs.availabilityZone ?? `${ctx.region}a`,
    availabilityZoneId: `use1-az${digest(String(inputs.availabilityZone), 1)}`,
  }),
  "aws:ec2/securityGroup:SecurityGroup": ({ id, ctx, name, inputs }) => ({
    arn: arn(ctx, "ec2", `security-group/${id}`),
    name: inputs.name ?? autoName(name),
    ownerId: ctx.accountId,
  }),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ({ id, ctx }) => ({
    arn: arn(ctx, "ec2", `security-group/${id}`),
    name: "default",
  }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": ({ id, ctx, inputs }) => ({
    arn: arn(ctx, "ec2", `vpc-endpoint/${id}`),
    dnsEntries: [{ dnsName: `${id}.${String(inputs.serviceName ?? "svc")}`, hostedZoneId: "Z7HUB22UULQXV" }],
    networkInterfaceIds: [],
    prefixListId: inputs.vpcEndpointType === "Gateway" ? `pl-${digest(id, 8)}` : undefined,
    state: "available",
  }),
  "aws:kms/key:Key": ({ id, ctx }) => ({ arn: arn(ctx, "kms", `key/${id}`), keyId: id }),
  "aws:kms/alias:Alias": ({ ctx, inputs }) => ({ arn: arn(ctx, "kms", String(inputs.name ?? "alias/x")) }),
  "aws:iam/role:Role": ({ ctx, name, inputs }) => {
    const roleName = str(inputs.name) ?? autoName(name);
    return {
      arn: arn(ctx, "iam", `role${str(inputs.path) ?? "/"}${roleName}`, true),
      name: roleName,
      uniqueId: `AROA${digest(roleName, 16).toUpperCase()}`,
    };
  },
  "aws:iam/policy:Policy": ({ ctx, name, inputs }) => {
    const policyName = str(inputs.name) ?? autoName(name);
    return {
      arn: arn(ctx, "iam", `policy${str(inputs.path) ?? "/"}${policyName}`, true),
      name: policyName,
      policyId: `ANPA${digest(policyName, 16).toUpperCase()}`,
    };
  },
  "aws:secretsmanager/secret:Secret": ({ ctx, name, inputs }) => {
    const secretName = str(inputs.name) ?? autoName(name);
    const a = arn(ctx, "secretsmanager", `secret:${secretName}-${digest(secretName, 6)}`);
    return { arn: a, name: secretName, __id: a };
  },
  "aws:secretsmanager/secretVersion:SecretVersion": ({ id }) => ({ versionId: id, arn: undefined }),
  "aws:rds/instance:Instance": ({ ctx, name, inputs }) => {
    const identifier = str(inputs.identifier) ?? autoName(name).toLowerCase();
    const port = enginePort(inputs);
    const address = `${identifier}.c${digest(ctx.accountId, 11)}.${ctx.region}.rds.amazonaws.com`;
    return {
      __id: identifier,
      identifier,
      arn: arn(ctx, "rds", `db:${identifier}`),
      address,
      endpoint: `${address}:${port}`,
      port,
      resourceId: `db-${digest(identifier, 26).toUpperCase()}`,
      hostedZoneId: "Z2R2ITUGPM61AM",
      status: "available",
    };
  },
  // What CreateCluster answers (Redshift API Reference, Cluster): the endpoint's DNS name and port.
  "aws:redshift/cluster:Cluster": ({ ctx, name, inputs }) => {
    const identifier = str(inputs.clusterIdentifier) ?? autoName(name).toLowerCase();
    const port = typeof inputs.port === "number" ? inputs.port : 5439;
    const dnsName = `${identifier}.c${digest(ctx.accountId, 12)}.${ctx.region}.redshift.amazonaws.com`;
    return {
      __id: identifier,
      clusterIdentifier: identifier,
      arn: arn(ctx, "redshift", `cluster:${identifier}`),
      dnsName,
      endpoint: `${dnsName}:${port}`,
      port,
      clusterNamespaceArn: arn(ctx, "redshift", `namespace:${digest(identifier, 36)}`),
    };
  },
  // What CreateNamespace / CreateWorkgroup answer (Redshift Serverless API Reference, Namespace,
  // Workgroup): the workgroup's endpoint `<workgroup>.<account>.<region>.redshift-serverless.amazonaws.com`
  // (DMS User Guide, CHAP_Target.Redshift, "Using AWS DMS with Amazon Redshift Serverless as a Target").
  "aws:redshiftserverless/namespace:Namespace": ({ ctx, name, inputs }) => {
    const namespaceName = str(inputs.namespaceName) ?? autoName(name).toLowerCase();
    const namespaceId = digest(namespaceName, 32);
    return {
      __id: namespaceName,
      namespaceName,
      namespaceId,
      arn: arn(ctx, "redshift-serverless", `namespace/${namespaceId}`),
    };
  },
  "aws:redshiftserverless/workgroup:Workgroup": ({ ctx, name, inputs }) => {
    const workgroupName = str(inputs.workgroupName) ?? autoName(name).toLowerCase();
    const workgroupId = digest(workgroupName, 32);
    const port = typeof inputs.port === "number" ? inputs.port : 5439;
    return {
      __id: workgroupName,
      workgroupName,
      workgroupId,
      arn: arn(ctx, "redshift-serverless", `workgroup/${workgroupId}`),
      endpoints: [
        {
          address: `${workgroupName}.${ctx.accountId}.${ctx.region}.redshift-serverless.amazonaws.com`,
          port,
          vpcEndpoints: [],
        },
      ],
    };
  },
  "aws:rds/cluster:Cluster": ({ ctx, name, inputs }) => {
    const identifier = str(inputs.clusterIdentifier) ?? autoName(name).toLowerCase();
    const port = enginePort(inputs);
    const host = `c${digest(ctx.accountId, 11)}.${ctx.region}.rds.amazonaws.com`;
    return {
      __id: identifier,
      clusterIdentifier: identifier,
      arn: arn(ctx, "rds", `cluster:${identifier}`),
      endpoint: `${identifier}.cluster-${host}`,
      readerEndpoint: `${identifier}.cluster-ro-${host}`,
      port,
      clusterResourceId: `cluster-${digest(identifier, 26).toUpperCase()}`,
    };
  },
  "aws:rds/clusterInstance:ClusterInstance": ({ ctx, name, inputs }) => {
    const identifier = str(inputs.identifier) ?? autoName(name).toLowerCase();
    const port = enginePort(inputs);
    return {
      __id: identifier,
      identifier,
      arn: arn(ctx, "rds", `db:${identifier}`),
      endpoint: `${identifier}.c${digest(ctx.accountId, 11)}.${ctx.region}.rds.amazonaws.com`,
      port,
      dbiResourceId: `db-${digest(identifier, 26).toUpperCase()}`,
    };
  },
  "aws:rds/parameterGroup:ParameterGroup": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name).toLowerCase();
    return { __id: n, name: n, arn: arn(ctx, "rds", `pg:${n}`) };
  },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name).toLowerCase();
    return { __id: n, name: n, arn: arn(ctx, "rds", `cluster-pg:${n}`) };
  },
  "aws:rds/subnetGroup:SubnetGroup": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name).toLowerCase();
    return { __id: n, name: n, arn: arn(ctx, "rds", `subgrp:${n}`) };
  },
  "aws:dms/replicationInstance:ReplicationInstance": ({ ctx, inputs }) => {
    const rid = String(inputs.replicationInstanceId ?? "ri");
    return {
      __id: rid,
      replicationInstanceArn: arn(ctx, "dms", `rep:${digest(rid, 26).toUpperCase()}`),
      replicationInstancePrivateIps: ["10.0.0.10"],
      replicationInstancePublicIps: [],
    };
  },
  "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup": ({ ctx, inputs }) => {
    const sid = String(inputs.replicationSubnetGroupId ?? "sg");
    return {
      __id: sid,
      replicationSubnetGroupArn: arn(ctx, "dms", `subgrp:${sid}`),
      vpcId: `vpc-${digest("vpc", 17)}`,
    };
  },
  "aws:dms/endpoint:Endpoint": ({ ctx, inputs }) => {
    const eid = String(inputs.endpointId ?? "ep");
    return { __id: eid, endpointArn: arn(ctx, "dms", `endpoint:${digest(eid, 26).toUpperCase()}`) };
  },
  "aws:dms/s3Endpoint:S3Endpoint": ({ ctx, inputs }) => {
    const eid = String(inputs.endpointId ?? "ep");
    return { __id: eid, endpointArn: arn(ctx, "dms", `endpoint:${digest(eid, 26).toUpperCase()}`) };
  },
  "aws:dms/replicationTask:ReplicationTask": ({ ctx, inputs }) => {
    const tid = String(inputs.replicationTaskId ?? "task");
    return {
      __id: tid,
      replicationTaskArn: arn(ctx, "dms", `task:${digest(tid, 26).toUpperCase()}`),
      status: inputs.startReplicationTask ? "running" : "ready",
    };
  },
  "aws:dms/replicationConfig:ReplicationConfig": ({ ctx, inputs }) => {
    const cid = String(inputs.replicationConfigIdentifier ?? "config");
    // ResourceIdentifier, when set, is the ARN's last part (DMS API, CreateReplicationConfig).
    const rid = str(inputs.resourceIdentifier) ?? digest(cid, 26).toUpperCase();
    const a = arn(ctx, "dms", `replication-config:${rid}`);
    return { __id: a, arn: a };
  },
  "aws:dms/eventSubscription:EventSubscription": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name);
    return { __id: n, arn: arn(ctx, "dms", `es:${n}`) };
  },
  "aws:dms/certificate:Certificate": ({ ctx, inputs }) => {
    const cid = String(inputs.certificateId ?? "cert");
    return { __id: cid, certificateArn: arn(ctx, "dms", `cert:${digest(cid, 26).toUpperCase()}`) };
  },
  "aws:sns/topic:Topic": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name);
    const a = arn(ctx, "sns", n);
    return { __id: a, arn: a, name: n };
  },
  "aws:sns/topicSubscription:TopicSubscription": ({ inputs, name }) => {
    const a = `${String(inputs.topic ?? "arn:aws:sns:::topic")}:${digest(name, 8)}-${digest(`${name}x`, 4)}`;
    return { __id: a, arn: a };
  },
  "aws:cloudwatch/logGroup:LogGroup": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name);
    return { __id: n, name: n, arn: arn(ctx, "logs", `log-group:${n}`) };
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name);
    return { __id: n, name: n, arn: arn(ctx, "cloudwatch", `alarm:${n}`) };
  },
  "aws:s3/bucket:Bucket": ({ ctx, name, inputs }) => {
    const b = str(inputs.bucket) ?? autoName(name).toLowerCase();
    return {
      __id: b,
      bucket: b,
      arn: `arn:${ctx.partition}:s3:::${b}`,
      bucketDomainName: `${b}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${b}.s3.${ctx.region}.amazonaws.com`,
    };
  },
  "aws:s3/bucketV2:BucketV2": ({ ctx, name, inputs }) => {
    const b = str(inputs.bucket) ?? autoName(name).toLowerCase();
    return {
      __id: b,
      bucket: b,
      arn: `arn:${ctx.partition}:s3:::${b}`,
      bucketDomainName: `${b}.s3.amazonaws.com`,
      bucketRegionalDomainName: `${b}.s3.${ctx.region}.amazonaws.com`,
    };
  },
  "aws:cloudtrail/trail:Trail": ({ ctx, name, inputs }) => {
    const n = str(inputs.name) ?? autoName(name);
    const a = arn(ctx, "cloudtrail", `trail/${n}`);
    return { __id: a, arn: a, name: n, homeRegion: ctx.region };
  },
  "random:index/randomPassword:RandomPassword": ({ name, inputs }) => {
    const length = typeof inputs.length === "number" ? inputs.length : 16;
    // Deterministic but unguessable-looking; always a secret (the provider marks `result` secret).
    let result = "";
    while (result.length < length) result += digest(`${name}-${result.length}-pw`, 32);
    return { result: `Pw${result}`.slice(0, length), bcryptHash: `$2a$10$${digest(name, 53)}` };
  },
  "random:index/randomId:RandomId": ({ name, inputs }) => {
    const bytes = typeof inputs.byteLength === "number" ? inputs.byteLength : 8;
    const hex = digest(`${name}-id`, bytes * 2);
    return {
      hex,
      dec: BigInt(`0x${hex}`).toString(),
      b64Std: Buffer.from(hex, "hex").toString("base64"),
      b64Url: Buffer.from(hex, "hex").toString("base64url"),
    };
  },
  "random:index/randomString:RandomString": ({ name, inputs }) => {
    const length = typeof inputs.length === "number" ? inputs.length : 8;
    return { result: digest(`${name}-str`, length) };
  },
};

/** Prefixes AWS uses for EC2 ids. */
const EC2_ID_PREFIX: Record<string, string> = {
  Vpc: "vpc",
  Subnet: "subnet",
  RouteTable: "rtb",
  RouteTableAssociation: "rtbassoc",
  SecurityGroup: "sg",
  DefaultSecurityGroup: "sg",
  SecurityGroupRule: "sgrule",
  SecurityGroupIngressRule: "sgr",
  SecurityGroupEgressRule: "sgr",
  VpcEndpoint: "vpce",
  FlowLog: "fl",
  InternetGateway: "igw",
  NatGateway: "nat",
  Eip: "eipalloc",
  NetworkAcl: "acl",
  DefaultNetworkAcl: "acl",
  Route: "r",
  VpcEndpointRouteTableAssociation: "a",
};

/** The id a resource gets: the mock's `__id`, an EC2-style id, or a stable digest. */
export function mockId(type: string, name: string): string {
  const { module, resource } = splitType(type);
  const prefix = module === "ec2" || module === "vpc" ? EC2_ID_PREFIX[resource] : undefined;
  if (prefix) return `${prefix}-${digest(`${type}::${name}`)}`;
  if (type === "aws:kms/key:Key") {
    const h = digest(`${type}::${name}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
  return `${name}-${digest(`${type}::${name}`, 8)}`;
}

/** A generic ARN for AWS resources no specific mock knows. */
export function genericArn(type: string, id: string, ctx: MockContext): string {
  const { module, resource } = splitType(type);
  return arn(ctx, module, `${resource.toLowerCase()}/${id}`);
}

function collapse(values: string[]): string | string[] {
  return values.length === 1 ? (values[0] as string) : values;
}

/** aws.iam.getPolicyDocument, computed the way the provider does (single values collapse to strings). */
function policyDocument(inputs: Record<string, unknown>): Record<string, unknown> {
  type Stmt = {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: Array<{ type: string; identifiers: string[] }>;
    notPrincipals?: Array<{ type: string; identifiers: string[] }>;
    conditions?: Array<{ test: string; variable: string; values: string[] }>;
  };
  const principals = (ps: Stmt["principals"]) => {
    const out: Record<string, string | string[]> = {};
    for (const p of ps ?? []) out[p.type] = collapse(p.identifiers);
    return out;
  };
  const statements = ((inputs.statements as Stmt[] | undefined) ?? []).map((s) => {
    const st: Record<string, unknown> = {};
    if (s.sid) st.Sid = s.sid;
    st.Effect = s.effect ?? "Allow";
    if (s.actions?.length) st.Action = collapse(s.actions);
    if (s.notActions?.length) st.NotAction = collapse(s.notActions);
    if (s.resources?.length) st.Resource = collapse(s.resources);
    if (s.notResources?.length) st.NotResource = collapse(s.notResources);
    if (s.principals?.length) st.Principal = principals(s.principals);
    if (s.notPrincipals?.length) st.NotPrincipal = principals(s.notPrincipals);
    if (s.conditions?.length) {
      const cond: Record<string, Record<string, string | string[]>> = {};
      for (const c of s.conditions) {
        const test = cond[c.test] ?? {};
        test[c.variable] = collapse(c.values);
        cond[c.test] = test;
      }
      st.Condition = cond;
    }
    return st;
  });
  const json = JSON.stringify({ Version: "2012-10-17", Statement: statements }, null, 2);
  return { json, minifiedJson: JSON.stringify(JSON.parse(json)), id: digest(json, 10) };
}

/** The invokes the platform's components use. */
export const INVOKE_MOCKS: Record<string, InvokeMock> = {
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_inputs, ctx) => {
    const letters = ["a", "b", "c", "d", "e", "f"];
    return {
      id: ctx.region,
      names: letters.map((l) => `${ctx.region}${l}`),
      zoneIds: letters.map((_, i) => `${ctx.region.replace(/-/g, "").slice(0, 4)}-az${i + 1}`),
      groupNames: [ctx.region],
      state: "available",
    };
  },
  "aws:index/getCallerIdentity:getCallerIdentity": (_inputs, ctx) => ({
    id: ctx.accountId,
    accountId: ctx.accountId,
    arn: `arn:${ctx.partition}:iam::${ctx.accountId}:user/offline`,
    userId: "AIDAOFFLINE",
  }),
  "aws:index/getRegion:getRegion": (_inputs, ctx) => ({
    id: ctx.region,
    name: ctx.region,
    region: ctx.region,
    description: ctx.region,
    endpoint: `ec2.${ctx.region}.amazonaws.com`,
  }),
  "aws:index/getPartition:getPartition": (_inputs, ctx) => ({
    id: ctx.partition,
    partition: ctx.partition,
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => policyDocument(inputs),
  "aws:iam/getRole:getRole": (inputs, ctx) => {
    const name = String(inputs.name);
    return {
      id: name,
      name,
      arn: `arn:${ctx.partition}:iam::${ctx.accountId}:role/${name}`,
      uniqueId: `AROA${digest(name, 16).toUpperCase()}`,
    };
  },
  // Roles named by an anchored regex (`^name$`), as an account holding them would answer.
  "aws:iam/getRoles:getRoles": (inputs, ctx) => {
    const exact = /^\^([\w+=,.@-]+)\$$/.exec(String(inputs.nameRegex ?? ""));
    const names = exact?.[1] ? [exact[1]] : [];
    return {
      id: ctx.region,
      names,
      arns: names.map((name) => `arn:${ctx.partition}:iam::${ctx.accountId}:role/${name}`),
    };
  },
  "aws:ec2/getVpc:getVpc": (inputs, ctx) => {
    const id = String(inputs.id ?? `vpc-${digest("existing")}`);
    return {
      id,
      cidrBlock: "10.0.0.0/16",
      arn: arn(ctx, "ec2", `vpc/${id}`),
      enableDnsSupport: true,
      enableDnsHostnames: true,
    };
  },
  "aws:ec2/getSubnet:getSubnet": (inputs, ctx) => {
    const id = String(inputs.id ?? "subnet-x");
    return {
      id,
      availabilityZone: `${ctx.region}${"abc"[Number.parseInt(digest(id, 1), 16) % 3]}`,
      vpcId: `vpc-${digest("existing")}`,
      cidrBlock: "10.0.0.0/24",
    };
  },
  // The AWS-managed prefix list of a service (com.amazonaws.<region>.s3), as EC2 DescribePrefixLists answers.
  "aws:ec2/getPrefixList:getPrefixList": (inputs, ctx) => {
    const name = String(inputs.name ?? `com.amazonaws.${ctx.region}.s3`);
    return { id: `pl-${digest(name, 8)}`, prefixListId: `pl-${digest(name, 8)}`, name, cidrBlocks: ["52.218.0.0/17"] };
  },
  "aws:kms/getKey:getKey": (inputs, ctx) => {
    const keyId = String(inputs.keyId);
    return {
      id: keyId,
      arn: keyId.startsWith("arn:") ? keyId : arn(ctx, "kms", `key/${keyId}`),
      keyManager: "CUSTOMER",
      enabled: true,
    };
  },
};
