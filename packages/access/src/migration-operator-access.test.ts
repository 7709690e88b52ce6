import assert from "node:assert/strict";
import type { Environment } from "@dms-platform/config";
import { ConfigError } from "@dms-platform/config";
import { type GraphResource, ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { PolicyDocument } from "./iam-documents.js";
import { MigrationOperatorAccess, type MigrationOperatorAccessArgs } from "./migration-operator-access.js";
import { decide } from "./testing/iam-oracle.js";

const ACCOUNT = "111122223333";
const CI = `arn:aws:iam::${ACCOUNT}:role/github-actions-dms-platform`;
const SSO = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DmsOperator_0123456789abcdef`;
const TASK = `arn:aws:dms:eu-west-1:${ACCOUNT}:task:ABCDEFGHIJKLMNOPQRSTUVWXYZ`;

const tags = (environment: Environment) => ({
  Application: "dmslab",
  Environment: environment,
  Owner: "platform-data",
  CostCenter: "cc-4410",
  DataClassification: "confidential" as const,
});

function args(
  environment: Environment,
  overrides: Partial<MigrationOperatorAccessArgs> = {},
): MigrationOperatorAccessArgs {
  return {
    environment,
    application: "dmslab",
    tags: tags(environment),
    adminPrincipals: [SSO, CI],
    viewerPrincipals: [ACCOUNT],
    ciRoleArn: CI,
    migrationActive: true,
    ...overrides,
  };
}

function plan(environment: Environment, overrides: Partial<MigrationOperatorAccessArgs> = {}): Promise<ResourceGraph> {
  return runProgram(
    () => {
      new MigrationOperatorAccess("operators", args(environment, overrides));
    },
    { project: "access-test", stack: environment, accountId: ACCOUNT, config: { "aws:region": "eu-west-1" } },
  );
}

const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);
const policyNamed = (g: ResourceGraph, name: string): PolicyDocument => {
  const p = ofType(g, "aws:iam/policy:Policy").find((r) => r.inputs.name === name);
  assert.ok(p, `policy ${name}`);
  return JSON.parse(String(p.inputs.policy)) as PolicyDocument;
};

describe("MigrationOperatorAccess", () => {
  it("grants the admin the Redshift Data API on the warehouse given by outputs, and both roles the lake's listing", async () => {
    const secretArn = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:dev-dmslab-dwh-admin-AbCdEf`;
    const g = await plan("dev", {
      migrationActive: false,
      warehouse: { clusterIdentifier: Promise.resolve("dev-dmslab-dwh"), workgroupArn: "", secretArn },
      s3Lake: true,
    });
    const admin = policyNamed(g, "dev-dmslab-migration-admin");
    const viewer = policyNamed(g, "dev-dmslab-migration-viewer");
    const cluster = `arn:aws:redshift:eu-west-1:${ACCOUNT}:cluster:dev-dmslab-dwh`;
    assert.equal(await decide(admin, { action: "redshift-data:ExecuteStatement", resource: cluster }), "allow");
    assert.equal(await decide(admin, { action: "secretsmanager:GetSecretValue", resource: secretArn }), "allow");
    assert.equal(
      await decide(viewer, { action: "redshift-data:ExecuteStatement", resource: cluster }),
      "implicit-deny",
    );
    const lake = `arn:aws:s3:::dev-dmslab-datalake-${ACCOUNT}`;
    assert.equal(await decide(viewer, { action: "s3:ListBucket", resource: lake }), "allow");
    assert.equal(await decide(admin, { action: "s3:ListBucket", resource: lake }), "allow");
  });

  it("creates migration-admin and migration-viewer with their managed policies, tagged and named by convention", async () => {
    const g = await plan("dev", { migrationActive: false });
    const roles = ofType(g, "aws:iam/role:Role");
    assert.deepEqual(roles.map((r) => r.inputs.name).sort(), [
      "dev-dmslab-migration-admin",
      "dev-dmslab-migration-viewer",
    ]);
    for (const r of roles) assert.equal((r.inputs.tags as Record<string, string>).Name, r.inputs.name);
    const attachments = ofType(g, "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    assert.equal(attachments.length, 2);
    const adminTrust = JSON.parse(String(roles.find((r) => r.name === "operators-admin")?.inputs.assumeRolePolicy));
    assert.deepEqual(
      adminTrust.Statement.map((s: { Principal: unknown; Condition?: unknown }) => [s.Principal, s.Condition]),
      [
        [{ AWS: [SSO] }, undefined],
        [{ AWS: [CI] }, undefined],
      ],
    );
    const viewerTrust = JSON.parse(String(roles.find((r) => r.name === "operators-viewer")?.inputs.assumeRolePolicy));
    assert.deepEqual(viewerTrust.Statement[0].Principal, { AWS: [`arn:aws:iam::${ACCOUNT}:root`] });
  });

  it("adds the delete guard, attached to both roles, only when migrationActive is true", async () => {
    const off = await plan("dev", { migrationActive: false });
    assert.deepEqual(
      ofType(off, "aws:iam/policy:Policy")
        .map((p) => p.inputs.name)
        .sort(),
      ["dev-dmslab-migration-admin", "dev-dmslab-migration-viewer"],
    );
    const on = await plan("dev");
    const guard = policyNamed(on, "dev-dmslab-migration-delete-guard");
    const human = {
      "aws:PrincipalArn": SSO,
      "aws:ResourceTag/Application": "dmslab",
      "aws:ResourceTag/Environment": "dev",
    };
    const admin = policyNamed(on, "dev-dmslab-migration-admin");
    assert.equal(
      await decide([admin, guard], { action: "dms:DeleteReplicationTask", resource: TASK, context: human }),
      "deny",
    );
    assert.equal(await decide(admin, { action: "dms:DeleteReplicationTask", resource: TASK, context: human }), "allow");
    const guardAttachments = ofType(on, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) =>
      a.name.endsWith("delete-guard"),
    );
    assert.equal(guardAttachments.length, 2);
    const component = on.resources.find((r) => r.type === "dms-platform:access:MigrationOperatorAccess");
    assert.deepEqual(
      JSON.parse(String(component?.outputs.deleteGuardPolicy)),
      guard,
      "the SCP-ready document is an output",
    );
  });

  it("requires MFA in prod where the principal carries it: IAM principals at the trust, Identity Center at sign-in", async () => {
    const g = await plan("prod", { adminPrincipals: [SSO, "444455556666", CI] });
    const role = ofType(g, "aws:iam/role:Role").find((r) => r.inputs.name === "prod-dmslab-migration-admin");
    const trust = JSON.parse(String(role?.inputs.assumeRolePolicy)) as PolicyDocument;
    const condition = (principal: string) =>
      trust.Statement.find((st) => JSON.stringify(st.Principal).includes(principal))?.Condition;
    assert.deepEqual(condition("444455556666"), { Bool: { "aws:MultiFactorAuthPresent": "true" } });
    // An Identity Center session never carries the MFA key: a condition on it would lock every one out.
    assert.equal(condition("AWSReservedSSO_"), undefined);
    assert.equal(condition("github-actions"), undefined);
    // The admin's role session (assumed from Identity Center) changes tasks: no Deny on a missing key.
    const admin = policyNamed(g, "prod-dmslab-migration-admin");
    const task = { "aws:ResourceTag/Application": "dmslab", "aws:ResourceTag/Environment": "prod" };
    const modify = { action: "dms:ModifyReplicationTask", resource: TASK };
    assert.equal(
      await decide(admin, { ...modify, context: { ...task, "aws:MultiFactorAuthPresent": false } }),
      "allow",
    );
    const testDefault = await plan("test");
    assert.ok(!JSON.stringify(testDefault.resources.map((r) => r.inputs)).includes("MultiFactorAuthPresent"));
  });

  it("records the audit trail's name on the component for the cloudtrail-trail-present policy", async () => {
    const g = await plan("dev", { auditTrailName: "dev-dmslab-audit" });
    const component = g.resources.find((r) => r.type === "dms-platform:access:MigrationOperatorAccess");
    assert.equal(component?.inputs.auditTrailName, "dev-dmslab-audit");
  });

  it("refuses a principal that is neither an account id nor a role ARN, naming the argument", async () => {
    await assert.rejects(
      plan("dev", { adminPrincipals: ["alice"] }),
      (err: unknown) =>
        err instanceof ProgramError &&
        err.cause instanceof ConfigError &&
        /^MigrationOperatorAccess "operators": adminPrincipals\[0\]: /.test(err.cause.message),
    );
    await assert.rejects(plan("dev", { ciRoleArn: "arn:aws:iam::111122223333:user/ci" }), /ciRoleArn/);
  });
});
