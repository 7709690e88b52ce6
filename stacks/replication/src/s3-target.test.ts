import assert from "node:assert/strict";
import { ConfigError } from "@dms-platform/config";
import { ProgramError } from "@dms-platform/offline";
import { loadReplicationConfig } from "./config.js";
import { ofType, runStack, stackValues } from "./stack.test.fixture.js";

const NS = "dms-platform-replication";

/** The repository's stack with its target replaced by an S3 data lake (`s3` as the user writes it). */
function lake(stack: string, s3: Record<string, unknown>) {
  const values = stackValues(stack);
  (values[`${NS}:migration`] as { target: unknown }).target = { s3 };
  return values;
}

describe("replication stack with an S3 data-lake target", () => {
  it("plans an S3 endpoint, its bucket and role instead of the foundation's target database", async () => {
    const graph = await runStack(
      "test",
      "test",
      lake("test", { bucketFolder: "lake", datePartitionSequence: "YYYYMMDDHH" }),
    );
    const endpoint = ofType(graph, "aws:dms/s3Endpoint:S3Endpoint")[0]?.inputs;
    assert.equal(endpoint?.bucketFolder, "lake");
    assert.equal(endpoint?.datePartitionSequence, "yyyymmddhh");
    assert.equal(endpoint?.serverSideEncryptionKmsKeyId, "arn:aws:kms:eu-west-1:111122223333:key/network-test");
    assert.equal(
      ofType(graph, "aws:dms/endpoint:Endpoint").filter((e) => e.inputs.endpointType === "target").length,
      0,
    );
    assert.equal(
      ofType(graph, "aws:s3/bucket:Bucket").filter((b) => String(b.inputs.bucket).includes("datalake")).length,
      1,
    );
  });

  it("names the stack file and the key of a value under migration.target.s3 it refuses", () => {
    assert.throws(
      () => loadReplicationConfig(lake("test", { parquetVersion: "parquet-3-0" }), "Pulumi.test.yaml"),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.match(
          err.message,
          /^Pulumi\.test\.yaml: dms-platform-replication:migration\.target\.s3\.parquetVersion: /,
        );
        return true;
      },
    );
    assert.throws(
      () => loadReplicationConfig(lake("test", { bucket: "x" }), "Pulumi.test.yaml"),
      /migration\.target\.s3: .*bucket/,
    );
  });

  it("names the task's settings key when a task asks for full LOB mode on S3", async () => {
    const values = lake("test", {});
    const migration = values[`${NS}:migration`] as { tasks: Array<Record<string, unknown>> };
    (migration.tasks[0] as Record<string, unknown>).settings = {
      TargetMetadata: { FullLobMode: true, LimitedSizeLobMode: false },
    };
    await assert.rejects(runStack("test", "test", values), (err: unknown) => {
      assert.ok(err instanceof ProgramError);
      assert.match(
        err.message,
        /Pulumi\.test\.yaml: dms-platform-replication:migration\.tasks\[0\]\.settings\.TargetMetadata\.FullLobMode: full LOB mode is not supported/,
      );
      return true;
    });
  });
});
