/**
 * The reference lab (docs/dms.md; stacks/replication/Pulumi.dev.yaml): dmslab.customers from an RDS MySQL source to an RDS MySQL target,
 * full load + CDC, as DmsReplication args. Shared by the component tests; not published.
 */
import type { Environment } from "@dms-platform/config";
import type { GraphResource, ResourceGraph } from "@dms-platform/offline";
import type { DmsReplicationArgs, DmsTaskArgs } from "./args.js";
import { selectionRule, tableMappings } from "./documents/index.js";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const KMS_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0`;
export const SRC_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dev-lab-src-abc123`;
export const TGT_SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dev-lab-tgt-def456`;
export const SRC_SG = "sg-0aaaaaaaaaaaaaaa1";
export const TGT_SG = "sg-0bbbbbbbbbbbbbbb2";
export const ENDPOINT_SG = "sg-0ccccccccccccccc3";

export function labTags(environment: Environment) {
  return {
    Application: "lab",
    Environment: environment,
    Owner: "platform",
    CostCenter: "cc-42",
    DataClassification: "internal" as const,
  };
}

/** The lab's args; `overrides` replace top-level fields. */
export function labArgs(
  environment: Environment = "dev",
  overrides: Partial<DmsReplicationArgs> = {},
): DmsReplicationArgs {
  return {
    environment,
    application: "lab",
    tags: labTags(environment),
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-0aaa", "subnet-0bbb"],
    endpointSecurityGroupId: ENDPOINT_SG,
    kmsKeyArn: KMS_KEY,
    capacity: { kind: "instance" },
    source: {
      engine: "mysql",
      address: "dms-lab-src.cabcdefghijk.eu-west-1.rds.amazonaws.com",
      port: 3306,
      databaseName: "dmslab",
      secretArn: SRC_SECRET,
      secretKmsKeyArn: KMS_KEY,
      securityGroupId: SRC_SG,
    },
    target: {
      engine: "mysql",
      address: "dms-lab-tgt.cabcdefghijk.eu-west-1.rds.amazonaws.com",
      port: 3306,
      databaseName: "dmslab",
      secretArn: TGT_SECRET,
      secretKmsKeyArn: KMS_KEY,
      securityGroupId: TGT_SG,
    },
    tasks: [labTask()],
    ...overrides,
  };
}

/** The lab's one task: dmslab.customers, full load + CDC. */
export function labTask(): DmsTaskArgs {
  return {
    name: "customers",
    migrationType: "full-load-and-cdc",
    tableMappings: tableMappings(selectionRule({ schema: "dmslab", table: "customers" })),
  };
}

export function runOptions(environment: Environment) {
  return { project: "dms-platform-replication", stack: environment, config: { "aws:region": REGION } };
}

export function ofType(graph: ResourceGraph, type: string): GraphResource[] {
  return graph.resources.filter((r) => r.type === type);
}

export function one(graph: ResourceGraph, type: string): GraphResource {
  const found = ofType(graph, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as GraphResource;
}
