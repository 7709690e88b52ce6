import assert from "node:assert/strict";
import type { Environment } from "@dms-platform/config";
import { type GraphResource, ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { PolicyDocument } from "./iam-documents.js";
import { evaluate } from "./iam-documents.js";
import { MigrationAuditTrail, type MigrationAuditTrailArgs } from "./migration-audit-trail.js";

const ACCOUNT = "111122223333";
const tags = (environment: Environment) => ({
  Application: "dmslab",
  Environment: environment,
  Owner: "platform-data",
  CostCenter: "cc-4410",
  DataClassification: "confidential" as const,
});

function plan(environment: Environment, overrides: Partial<MigrationAuditTrailArgs> = {}): Promise<ResourceGraph> {
  return runProgram(
    () => {
      new MigrationAuditTrail("audit", { environment, application: "dmslab", tags: tags(environment), ...overrides });
    },
    { project: "access-test", stack: environment, accountId: ACCOUNT, config: { "aws:region": "eu-west-1" } },
  );
}
const one = (g: ResourceGraph, type: string): GraphResource => {
  const found = g.resources.filter((r) => r.type === type);
  assert.equal(found.length, 1, type);
  return found[0] as GraphResource;
};

describe("MigrationAuditTrail", () => {
  it("creates a multi-region trail with log file validation and its own KMS key, recording management events", async () => {
    const g = await plan("dev");
    const trail = one(g, "aws:cloudtrail/trail:Trail");
    const key = one(g, "aws:kms/key:Key");
    assert.equal(trail.inputs.name, "dev-dmslab-audit");
    assert.equal(trail.inputs.isMultiRegionTrail, true);
    assert.equal(trail.inputs.includeGlobalServiceEvents, true);
    assert.equal(trail.inputs.enableLogFileValidation, true);
    assert.ok(String(key.outputs.arn).startsWith(`arn:aws:kms:eu-west-1:${ACCOUNT}:key/`));
    assert.equal(trail.inputs.kmsKeyId, key.outputs.arn);
    assert.deepEqual(trail.inputs.eventSelectors, [{ readWriteType: "All", includeManagementEvents: true }]);
    assert.equal(key.inputs.enableKeyRotation, true);
    const keyPolicy = JSON.parse(String(key.inputs.policy)) as PolicyDocument;
    const trailArn = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/dev-dmslab-audit`;
    const cloudtrail = (context: Record<string, string>) => ({ action: "kms:GenerateDataKey", resource: "*", context });
    assert.equal(
      evaluate(
        { ...keyPolicy, Statement: keyPolicy.Statement.filter((s) => s.Sid?.startsWith("CloudTrail")) },
        cloudtrail({ "aws:SourceArn": trailArn, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn }),
      ),
      "allow",
    );
    assert.equal(
      evaluate(
        { ...keyPolicy, Statement: keyPolicy.Statement.filter((s) => s.Sid?.startsWith("CloudTrail")) },
        cloudtrail({ "aws:SourceArn": `${trailArn}-other`, "kms:EncryptionContext:aws:cloudtrail:arn": trailArn }),
      ),
      "implicit-deny",
      "only this trail",
    );
    assert.ok(
      trail.dependencies.includes(one(g, "aws:s3/bucketPolicy:BucketPolicy").urn),
      "waits for the bucket policy",
    );
  });

  it("keeps the logs in a private, versioned, KMS-encrypted bucket that expires them after the profile's retention", async () => {
    for (const [env, days] of [
      ["dev", 30],
      ["prod", 365],
    ] as const) {
      const g = await plan(env);
      const bucket = one(g, "aws:s3/bucket:Bucket");
      assert.equal(bucket.inputs.bucket, `${env}-dmslab-audit-trail-${ACCOUNT}`);
      const pab = one(g, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
      for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
        assert.equal(pab.inputs[flag], true, flag);
      }
      assert.deepEqual(one(g, "aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration, {
        status: "Enabled",
      });
      const sse = one(g, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
      const rule = (sse.inputs.rules as Array<{ applyServerSideEncryptionByDefault: Record<string, unknown> }>)[0];
      assert.equal(rule?.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
      assert.ok(String(rule?.applyServerSideEncryptionByDefault.kmsMasterKeyId).startsWith("arn:aws:kms:"));
      const lifecycle = one(g, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
      const [expire] = lifecycle.inputs.rules as Array<{
        expiration: { days: number };
        noncurrentVersionExpiration: { noncurrentDays: number };
      }>;
      assert.equal(expire?.expiration.days, days);
      assert.equal(expire?.noncurrentVersionExpiration.noncurrentDays, days);
      assert.equal(one(g, "aws:kms/key:Key").options.protect, env === "prod");
    }
  });

  it("lets only CloudTrail, for this trail, write to the bucket, and only over TLS", async () => {
    const g = await plan("dev");
    const policy = JSON.parse(String(one(g, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy)) as PolicyDocument;
    const bucket = `arn:aws:s3:::dev-dmslab-audit-trail-${ACCOUNT}`;
    const trailArn = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/dev-dmslab-audit`;
    const put = (context: Record<string, string | boolean>) => ({
      action: "s3:PutObject",
      resource: `${bucket}/AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/2026/11/25/x.json.gz`,
      context,
    });
    const ok = { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control", "aws:SecureTransport": true };
    assert.equal(evaluate(policy, put(ok)), "allow");
    assert.equal(evaluate(policy, put({ ...ok, "s3:x-amz-acl": "private" })), "implicit-deny");
    assert.equal(evaluate(policy, put({ ...ok, "aws:SourceArn": `${trailArn}2` })), "implicit-deny");
    assert.equal(evaluate(policy, put({ ...ok, "aws:SecureTransport": false })), "deny");
    assert.equal(
      evaluate(policy, { action: "s3:GetObject", resource: `${bucket}/x`, context: { "aws:SecureTransport": false } }),
      "deny",
    );
    assert.equal(
      evaluate(policy, {
        action: "s3:GetBucketAcl",
        resource: bucket,
        context: { "aws:SourceArn": trailArn, "aws:SecureTransport": true },
      }),
      "allow",
    );
  });

  it("keeps the trail, its bucket (and the bucket's settings) and its key on destroy: audit logs outlive the stacks", async () => {
    const g = await plan("dev");
    const created = g.resources.filter((r) => r.custom && !r.read && !r.type.startsWith("pulumi:"));
    assert.deepEqual(created.map((r) => r.type).sort(), [
      "aws:cloudtrail/trail:Trail",
      "aws:kms/alias:Alias",
      "aws:kms/key:Key",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
    ]);
    for (const r of created) assert.equal(r.options.retainOnDelete, true, `${r.type} is kept on destroy`);
  });

  it("adopts a trail by name: creates nothing and records the name for the policy", async () => {
    const g = await plan("prod", { adoptedTrailName: "org-trail" });
    const component = one(g, "dms-platform:access:MigrationAuditTrail");
    assert.equal(component.inputs.adoptedTrailName, "org-trail");
    assert.equal(component.outputs.trailName, "org-trail");
    assert.equal(component.outputs.mode, "adopt");
    assert.deepEqual(
      g.resources.filter((r) => r.custom).map((r) => r.type),
      [],
    );
  });

  it("refuses an invalid trail name, naming the argument", async () => {
    await assert.rejects(
      plan("dev", { adoptedTrailName: "a" }),
      (err: unknown) =>
        err instanceof ProgramError && /MigrationAuditTrail "audit": adoptedTrailName: /.test(String(err.cause)),
    );
  });
});
