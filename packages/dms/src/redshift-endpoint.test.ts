import assert from "node:assert/strict";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { DmsReplicationArgs, EndpointArgs } from "./args.js";
import { DmsAccountRoles } from "./dms-account-roles.js";
import { DmsReplication } from "./dms-replication.js";
import { KMS_KEY, labArgs, labTags, ofType, one, runOptions } from "./lab.test.fixture.js";
import { stagingAccessPolicy } from "./redshift-endpoint.js";

const DWH_SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dev-lab-dwh-admin-1a2b-AbCdEf";
const DWH_SG = "sg-0ddddddddddddddd4";

/** The lab's source into a Redshift warehouse. */
function redshiftArgs(overrides: Partial<DmsReplicationArgs["target"]> = {}): DmsReplicationArgs {
  return labArgs("dev", {
    target: {
      engine: "redshift",
      address: "dev-lab-dwh.c0123456789a.eu-west-1.redshift.amazonaws.com",
      port: 5439,
      databaseName: "analytics",
      secretArn: DWH_SECRET,
      secretKmsKeyArn: KMS_KEY,
      securityGroupId: DWH_SG,
      ...overrides,
    } as DmsReplicationArgs["target"],
  });
}

function run(args: DmsReplicationArgs, redshiftRole = true): Promise<ResourceGraph> {
  return runProgram(() => {
    const accountRoles = new DmsAccountRoles("account-roles", {
      environment: args.environment,
      application: args.application,
      tags: labTags(args.environment),
      mode: "adopt",
      ...(redshiftRole ? { redshift: true } : {}),
    });
    const replication = new DmsReplication("replication", { ...args, accountRoles });
    return { endpointArns: replication.endpointArns };
  }, runOptions(args.environment));
}

async function failure(args: DmsReplicationArgs, redshiftRole = true): Promise<string> {
  try {
    await run(args, redshiftRole);
  } catch (err) {
    assert.ok(err instanceof ProgramError, String(err));
    return err.message;
  }
  assert.fail("the program should have failed");
}

describe("DmsReplication with a Redshift target", () => {
  it("writes through its own intermediate bucket with SSE-KMS and dms-access-for-endpoint, credentials from the secret", async () => {
    const g = await run(redshiftArgs());
    const target = ofType(g, "aws:dms/endpoint:Endpoint").find((r) => r.inputs.endpointType === "target");
    assert.ok(target);
    assert.equal(target.inputs.engineName, "redshift");
    assert.equal(target.inputs.databaseName, "analytics");
    assert.equal(target.inputs.secretsManagerArn, DWH_SECRET);
    assert.equal(target.inputs.password, undefined);
    // DMS supports no SSL mode for Redshift (CHAP_Security.SSL.md).
    assert.equal(target.inputs.sslMode, "none");
    assert.deepEqual(target.inputs.redshiftSettings, {
      bucketName: "dev-lab-redshift-staging-123456789012",
      serviceAccessRoleArn: "arn:aws:iam::123456789012:role/dms-access-for-endpoint",
      encryptionMode: "SSE_KMS",
      serverSideEncryptionKmsKeyId: KMS_KEY,
    });
    const encryption = one(g, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
    assert.deepEqual(encryption.inputs.rules, [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY },
        bucketKeyEnabled: true,
      },
    ]);
    assert.equal(ofType(g, "aws:s3/bucketVersioning:BucketVersioning").length, 0, "no versioning (the guide)");
    const pab = one(g, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
    assert.equal(pab.inputs.restrictPublicBuckets, true);
    const policy = JSON.parse(String(one(g, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy));
    assert.equal(policy.Statement[0].Condition.Bool["aws:SecureTransport"], "false");
    const grant = ofType(g, "aws:iam/rolePolicy:RolePolicy").find((r) => r.inputs.role === "dms-access-for-endpoint");
    assert.ok(grant, "the migration's grant on dms-access-for-endpoint");
    assert.equal(
      grant.inputs.policy,
      stagingAccessPolicy("arn:aws:s3:::dev-lab-redshift-staging-123456789012", KMS_KEY),
    );
    const toS3 = ofType(g, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").find(
      (r) => r.inputs.prefixListId !== undefined,
    );
    assert.equal(toS3?.inputs.fromPort, 443);
    const ingress = ofType(g, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").find(
      (r) => r.inputs.securityGroupId === DWH_SG,
    );
    assert.equal(ingress?.inputs.fromPort, 5439);
  });

  it("starts its tasks from the guide's Redshift settings: batch apply, limited LOBs of 31 KB", async () => {
    const g = await run(redshiftArgs());
    const settings = JSON.parse(
      String(one(g, "aws:dms/replicationTask:ReplicationTask").inputs.replicationTaskSettings),
    );
    assert.deepEqual(settings.TargetMetadata, {
      BatchApplyEnabled: true,
      FullLobMode: false,
      LimitedSizeLobMode: true,
      LobMaxSize: 31,
      SupportLobs: true,
    });
  });

  it("refuses an SSL mode on a Redshift target, and Redshift as a source, naming the argument", async () => {
    assert.match(
      await failure(redshiftArgs({ sslMode: "require" })),
      /target\.sslMode: DMS supports no SSL mode for a Redshift target/,
    );
    const args = redshiftArgs();
    // Both are database endpoints here (redshiftArgs, labArgs), never an S3 target.
    const reversed = { ...args, source: args.target as EndpointArgs, target: labArgs().target };
    assert.match(await failure(reversed), /source\.engine: DMS writes to Amazon Redshift but does not read from it/);
  });

  it("refuses a Redshift target without the account's dms-access-for-endpoint", async () => {
    assert.match(
      await failure(redshiftArgs(), false),
      /accountRoles: a Redshift target needs the account role dms-access-for-endpoint/,
    );
  });

  it("creates dms-access-for-endpoint, trusted by DMS and Redshift, where the roles are created", async () => {
    const g = await runProgram(() => {
      new DmsAccountRoles("account-roles", {
        environment: "dev",
        application: "lab",
        tags: labTags("dev"),
        redshift: true,
      });
      return {};
    }, runOptions("dev"));
    const role = ofType(g, "aws:iam/role:Role").find((r) => r.inputs.name === "dms-access-for-endpoint");
    assert.ok(role);
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepEqual(
      trust.Statement.map((s: { Principal: { Service: string } }) => s.Principal.Service),
      ["dms.amazonaws.com", "redshift.amazonaws.com"],
    );
    const attachment = ofType(g, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((r) =>
      String(r.inputs.policyArn).endsWith("service-role/AmazonDMSRedshiftS3Role"),
    );
    assert.ok(attachment);
  });
});
