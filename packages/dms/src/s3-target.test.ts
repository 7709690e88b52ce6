import assert from "node:assert/strict";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { DatabaseEndpointArgs, DmsReplicationArgs } from "./args.js";
import { DmsAccountRoles } from "./dms-account-roles.js";
import { DmsReplication } from "./dms-replication.js";
import { ACCOUNT, KMS_KEY, labArgs, ofType, one, REGION, runOptions } from "./lab.test.fixture.js";
import { planS3Target, s3TargetAccessPolicy, s3TargetTrustPolicy, tlsOnlyBucketPolicy } from "./s3-target.js";

const T = {
  s3Endpoint: "aws:dms/s3Endpoint:S3Endpoint",
  endpoint: "aws:dms/endpoint:Endpoint",
  bucket: "aws:s3/bucket:Bucket",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  task: "aws:dms/replicationTask:ReplicationTask",
};

/** The lab's MySQL source written to an S3 data lake. */
function lakeArgs(environment: "dev" | "test" | "prod", s3: Record<string, unknown> = {}): DmsReplicationArgs {
  const base = labArgs(environment);
  const source = { ...(base.source as DatabaseEndpointArgs), sslMode: "require" as const };
  return { ...base, source, target: { s3 } as DmsReplicationArgs["target"] };
}

async function run(args: DmsReplicationArgs): Promise<ResourceGraph> {
  return runProgram(() => {
    const accountRoles = new DmsAccountRoles("roles", {
      environment: args.environment,
      application: args.application,
      tags: args.tags,
      mode: "create",
    });
    new DmsReplication("lab", { ...args, accountRoles });
  }, runOptions(args.environment));
}

describe("S3 data-lake target", () => {
  it("writes Parquet with date folders, SSE-KMS with the migration's key, to a bucket the account owns", async () => {
    const graph = await run(lakeArgs("prod"));
    assert.equal(ofType(graph, T.endpoint).length, 1, "only the source is a database endpoint");
    const endpoint = one(graph, T.s3Endpoint).inputs;
    const bucket = one(graph, T.bucket).inputs;
    assert.equal(bucket.bucket, `prod-lab-datalake-${ACCOUNT}`);
    assert.equal(bucket.forceDestroy, false, "prod's lake is never emptied by a destroy");
    assert.deepEqual(
      {
        endpointId: endpoint.endpointId,
        endpointType: endpoint.endpointType,
        bucketName: endpoint.bucketName,
        bucketFolder: endpoint.bucketFolder,
        dataFormat: endpoint.dataFormat,
        parquetVersion: endpoint.parquetVersion,
        datePartitionEnabled: endpoint.datePartitionEnabled,
        datePartitionSequence: endpoint.datePartitionSequence,
        datePartitionDelimiter: endpoint.datePartitionDelimiter,
        timestampColumnName: endpoint.timestampColumnName,
        includeOpForFullLoad: endpoint.includeOpForFullLoad,
        cdcInsertsAndUpdates: endpoint.cdcInsertsAndUpdates,
        encryptionMode: endpoint.encryptionMode,
        serverSideEncryptionKmsKeyId: endpoint.serverSideEncryptionKmsKeyId,
        expectedBucketOwner: endpoint.expectedBucketOwner,
        sslMode: endpoint.sslMode,
      },
      {
        endpointId: "prod-lab-tgt-dms",
        endpointType: "target",
        bucketName: `prod-lab-datalake-${ACCOUNT}`,
        bucketFolder: "dms",
        dataFormat: "parquet",
        parquetVersion: "parquet-2-0",
        datePartitionEnabled: true,
        datePartitionSequence: "yyyymmdd",
        datePartitionDelimiter: "SLASH",
        timestampColumnName: "dms_commit_ts",
        includeOpForFullLoad: true,
        cdcInsertsAndUpdates: false,
        encryptionMode: "SSE_KMS",
        serverSideEncryptionKmsKeyId: KMS_KEY,
        expectedBucketOwner: ACCOUNT,
        sslMode: "require",
      },
    );
    assert.equal(endpoint.kmsKeyArn, undefined, "the deprecated, ForceNew kmsKeyArn is never sent");
    assert.equal(endpoint.cdcPath, undefined, "cdcPath only with preserveTransactions");
  });

  it("keeps the bucket private: public access blocked, ACLs disabled, TLS only, SSE-KMS, versioned in prod", async () => {
    const graph = await run(lakeArgs("prod"));
    const pab = one(graph, T.publicAccessBlock).inputs;
    assert.deepEqual(
      [pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets],
      [true, true, true, true],
    );
    assert.deepEqual(one(graph, T.ownership).inputs.rule, { objectOwnership: "BucketOwnerEnforced" });
    const policy = JSON.parse(String(one(graph, T.bucketPolicy).inputs.policy));
    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    assert.equal(policy.Statement[0].Effect, "Deny");
    const rule = (one(graph, T.encryption).inputs.rules as Array<Record<string, Record<string, unknown>>>)[0];
    assert.deepEqual(rule?.applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: KMS_KEY });
    assert.equal(ofType(graph, T.versioning).length, 1);
    const lifecycle = (one(graph, T.lifecycle).inputs.rules as Array<Record<string, unknown>>)[0];
    assert.equal(lifecycle?.expiration, undefined, "prod keeps the lake's current objects");
    assert.deepEqual(lifecycle?.noncurrentVersionExpiration, { noncurrentDays: 90 });
  });

  it("expires dev's lake after 30 days, unversioned, and lets destroy empty it", async () => {
    const graph = await run(lakeArgs("dev"));
    assert.equal(one(graph, T.bucket).inputs.forceDestroy, true);
    assert.equal(ofType(graph, T.versioning).length, 0);
    const lifecycle = (one(graph, T.lifecycle).inputs.rules as Array<Record<string, unknown>>)[0];
    assert.deepEqual(lifecycle?.expiration, { days: 30 });
    assert.equal(lifecycle?.noncurrentVersionExpiration, undefined);
  });

  it("gives DMS a role scoped to the folder and the key, trusted only for this account's DMS resources", async () => {
    const graph = await run(lakeArgs("test", { bucketFolder: "lake/orders" }));
    const role = ofType(graph, T.role).find((r) => r.inputs.name === "test-lab-dms-tgt-s3");
    assert.ok(role, "the S3 target role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
    assert.deepEqual(trust.Statement[0].Principal, { Service: "dms.amazonaws.com" });
    assert.deepEqual(trust.Statement[0].Condition, {
      StringEquals: { "aws:SourceAccount": ACCOUNT },
      ArnLike: { "aws:SourceArn": `arn:aws:dms:${REGION}:${ACCOUNT}:*` },
    });
    const policy = ofType(graph, T.rolePolicy).find((p) => p.inputs.name === "write-data-lake");
    const statements = JSON.parse(String(policy?.inputs.policy)).Statement;
    const bucketArn = `arn:aws:s3:::test-lab-datalake-${ACCOUNT}`;
    assert.deepEqual(statements[0].Resource, `${bucketArn}/lake/orders/*`);
    assert.deepEqual(statements[0].Action, ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectTagging"]);
    assert.deepEqual([statements[1].Action, statements[1].Resource], ["s3:ListBucket", bucketArn]);
    assert.deepEqual([statements[2].Resource, statements[2].Action], [KMS_KEY, ["kms:GenerateDataKey", "kms:Decrypt"]]);
    assert.equal(JSON.stringify(statements).includes('"*"'), false, "no wildcard resource or action");
  });

  it("reaches S3 through the gateway endpoint's prefix list, and opens no database port for the target", async () => {
    const graph = await run(lakeArgs("dev"));
    const egress = ofType(graph, T.egress).map((r) => r.inputs);
    const s3 = egress.find((e) => e.prefixListId !== undefined);
    assert.deepEqual([s3?.fromPort, s3?.toPort, s3?.ipProtocol], [443, 443, "tcp"]);
    assert.equal(ofType(graph, T.ingress).length, 1, "only the source database admits DMS");
  });

  it("turns validation off for the S3 target's tasks and refuses full LOB mode", async () => {
    const graph = await run(lakeArgs("prod"));
    const settings = JSON.parse(String(one(graph, T.task).inputs.replicationTaskSettings));
    assert.equal(settings.ValidationSettings.EnableValidation, false);
    assert.equal(settings.TargetMetadata.FullLobMode, false);
    const args = lakeArgs("prod");
    const task = {
      ...args.tasks[0],
      settings: { TargetMetadata: { FullLobMode: true, LimitedSizeLobMode: false } },
    } as DmsReplicationArgs["tasks"][0];
    await assert.rejects(run({ ...args, tasks: [task] }), (err: unknown) => {
      assert.ok(err instanceof ProgramError);
      assert.match(
        err.message,
        /DmsReplication "lab": tasks\[0\]\.settings\.TargetMetadata\.FullLobMode: full LOB mode is not supported with an Amazon S3 target/,
      );
      return true;
    });
  });

  it("refuses an unknown key or value under target.s3, naming it", async () => {
    await assert.rejects(run(lakeArgs("dev", { datePartitionSequence: "weekly" })), (err: unknown) => {
      assert.match(
        String((err as Error).message),
        /target\.s3\.datePartitionSequence: must be one of yyyymmdd, yyyymmddhh/,
      );
      return true;
    });
    await assert.rejects(run(lakeArgs("dev", { bucket: "mine" })), /target\.s3/);
  });
});

describe("planS3Target", () => {
  it("sends the date sequence lower case and the delimiter upper case, as the provider reads them back", () => {
    const p = planS3Target(
      "dev",
      { environment: "dev", application: "lab" },
      {
        s3: { datePartitionSequence: "YYYYMMDDHH", datePartitionDelimiter: "dash", preserveTransactions: true },
      },
    );
    assert.equal(p.settings.datePartitionSequence, "yyyymmddhh");
    assert.equal(p.settings.datePartitionDelimiter, "DASH");
    assert.equal(p.settings.cdcPath, "dms/cdc-transactions");
  });

  it("writes policy documents with no public principal but the TLS deny", () => {
    const ctx = { partition: "aws", region: REGION, accountId: ACCOUNT };
    assert.doesNotMatch(s3TargetTrustPolicy(ctx), /"AWS"/);
    assert.match(tlsOnlyBucketPolicy("arn:aws:s3:::b"), /"Effect":"Deny","Principal":"\*"/);
    assert.match(s3TargetAccessPolicy("arn:aws:s3:::b", "dms", KMS_KEY, REGION), /s3\.eu-west-1\.amazonaws\.com/);
  });
});
