/**
 * What the replication stack's tests share: the foundation's outputs as a StackReference returns
 * them, the repository's stack files, and running the program offline as a given stack. Not published.
 */
import { join } from "node:path";
import { readPulumiConfigFile } from "@dms-platform/config";
import { type GraphResource, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "./index.js";

export const stackDir = join(__dirname, "..");

/** Outputs as the foundation stack exports them (stacks/foundation DatabaseOutputs). */
export function foundationOutputs(env: string) {
  const db = (id: string, port = 3306) => ({
    address: `${id}.cabc.eu-west-1.rds.amazonaws.com`,
    port,
    engine: "mysql",
    databaseName: "dmslab",
    secretArn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${id}-AbCdEf`,
    secretKmsKeyArn: `arn:aws:kms:eu-west-1:111122223333:key/${id}`,
    securityGroupId: `sg-${id}`,
    identifier: id,
  });
  return {
    vpcId: `vpc-${env}`,
    vpcCidr: { dev: "10.20.0.0/16", test: "10.30.0.0/16", prod: "10.40.0.0/16" }[env] ?? "10.0.0.0/16",
    routedCidrs: { test: ["172.16.16.0/20"], prod: ["172.16.0.0/20"] }[env] ?? [],
    forwardedDomains: env === "dev" ? [] : ["corp.example.internal"],
    privateSubnetIds: [`subnet-${env}-a`, `subnet-${env}-b`],
    endpointSecurityGroupId: `sg-endpoints-${env}`,
    kmsKeyArn: `arn:aws:kms:eu-west-1:111122223333:key/network-${env}`,
    target: db(`${env}-dmslab-tgt`),
    ...(env === "dev" ? { labSource: db("dev-dmslab-src") } : {}),
    // The further target the claims migration loads (dms-platform-foundation:targets.claims).
    targets: {
      claims: {
        ...db(`${env}-dmslab-claims-tgt`, 5432),
        address: `${env}-dmslab-claims-tgt.cluster-cabc.eu-west-1.rds.amazonaws.com`,
        engine: "aurora-postgresql",
        databaseName: "claims",
      },
    },
    auditTrailName: env === "prod" ? "org-management-trail" : "dev-dmslab-audit",
  };
}

/** The values of the repository's `Pulumi.<stack>.yaml` (a fresh copy each call). */
export function stackValues(stack: string): Record<string, unknown> {
  return readPulumiConfigFile(join(stackDir, `Pulumi.${stack}.yaml`)).values;
}

/** Run the replication program offline as `stack` of environment `env` with these config values. */
export function runStack(stack: string, env: string, values: Record<string, unknown>): Promise<ResourceGraph> {
  return runProgram(program, {
    project: PROJECT,
    stack,
    config: values,
    stackReferences: { [`organization/dms-platform-foundation/${env}`]: foundationOutputs(env) },
  });
}

export const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);
