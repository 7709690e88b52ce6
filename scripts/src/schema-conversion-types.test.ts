// A migration that turns on DMS Schema Conversion (dms-platform-replication:schemaConversion) plans
// types no repository stack file emits yet: each must be in the provider's ForceNew table and
// considered by the refusal rules, as the repository's own stacks' types are (real-stacks.test.ts,
// plan-aws-rules.test.ts).
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROVIDER_SCHEMAS, readPulumiConfigFile } from "@dms-platform/config";
import { runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "@dms-platform/stack-replication";
import { isConsidered } from "./plan/state/aws-rules.js";

const NS = "dms-platform-replication";
const stacks = join(__dirname, "..", "..", "stacks");

describe("a replication stack with DMS Schema Conversion", () => {
  it("emits only types the provider table and the refusal rules know", async () => {
    const values = readPulumiConfigFile(join(stacks, "replication", "Pulumi.dev.yaml")).values;
    values[`${NS}:schemaConversion`] = {};
    const db = (id: string) => ({
      address: `${id}.cabc.eu-west-1.rds.amazonaws.com`,
      port: 3306,
      engine: "mysql",
      databaseName: "dmslab",
      secretArn: `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${id}-AbCdEf`,
      secretKmsKeyArn: `arn:aws:kms:eu-west-1:111122223333:key/${id}`,
      securityGroupId: `sg-${id}`,
      identifier: id,
    });
    const graph = await runProgram(program, {
      project: PROJECT,
      stack: "dev",
      config: values,
      stackReferences: {
        "organization/dms-platform-foundation/dev": {
          vpcId: "vpc-dev",
          vpcCidr: "10.20.0.0/16",
          routedCidrs: [],
          forwardedDomains: [],
          privateSubnetIds: ["subnet-dev-a", "subnet-dev-b"],
          endpointSecurityGroupId: "sg-endpoints-dev",
          kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/network-dev",
          target: db("dev-dmslab-tgt"),
          labSource: db("dev-dmslab-src"),
          auditTrailName: "dev-dmslab-audit",
        },
      },
    });
    const types = new Set(graph.resources.map((r) => r.type));
    for (const t of [
      "aws:dms/instanceProfile:InstanceProfile",
      "aws:dms/dataProvider:DataProvider",
      "aws:dms/migrationProject:MigrationProject",
    ]) {
      assert.ok(types.has(t), t);
    }
    const cloud = [...types].filter((t) => !/^(dms-platform|pulumi):/.test(t));
    assert.deepEqual(cloud.filter((t) => !(t in PROVIDER_SCHEMAS)).sort(), [], "not in PROVIDER_SCHEMAS");
    assert.deepEqual([...types].filter((t) => !isConsidered(t)).sort(), [], "neither a rule nor NO_RULE");
    assert.equal(typeof graph.outputs.migrationProjectArn, "string");
  });
});
