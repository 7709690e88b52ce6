import assert from "node:assert/strict";
import { getProfile } from "@dms-platform/config";
import { resolveCapacity, serverlessResourceIdentifier } from "./capacity.js";
import { resolveSslMode } from "./engines.js";
import { REPLACEMENT_PROPERTIES, replicationResourceOptions } from "./replacement.js";

describe("resolveCapacity", () => {
  it("fills an instance from the profile and keeps explicit values", () => {
    const { capacity } = resolveCapacity({ kind: "instance", allocatedStorageGb: 500 }, getProfile("prod"));
    assert.deepEqual(capacity, {
      kind: "instance",
      instanceClass: "dms.r5.large",
      allocatedStorageGb: 500,
      multiAz: true,
    });
  });

  it("passes allowMajorVersionUpgrade through with the engine version it allows", () => {
    const { capacity } = resolveCapacity(
      { kind: "instance", engineVersion: "3.5.4", allowMajorVersionUpgrade: true },
      getProfile("dev"),
    );
    assert.equal(capacity.kind === "instance" && capacity.allowMajorVersionUpgrade, true);
  });

  it("refuses a Serverless minimum above the maximum", () => {
    const { error } = resolveCapacity({ kind: "serverless", minCapacityUnits: 32 }, getProfile("dev"));
    assert.deepEqual(error, { path: "capacity.minCapacityUnits", rule: "must not exceed maxCapacityUnits (32 > 4)" });
  });
});

describe("serverlessResourceIdentifier", () => {
  it("is the config identifier when it fits DMS's 31 characters, else a stable digest", () => {
    assert.equal(serverlessResourceIdentifier("dev-lab-customers-dms"), "dev-lab-customers-dms");
    const long = "prod-orders-customers-and-invoices-dms";
    const id = serverlessResourceIdentifier(long);
    assert.match(id, /^dms-[0-9a-f]{27}$/);
    assert.equal(id.length, 31);
    assert.equal(serverlessResourceIdentifier(long), id);
  });
});

describe("replication resource options", () => {
  it("protect in prod unless replacement is allowed, and always delete before replacing", () => {
    assert.deepEqual(replicationResourceOptions(getProfile("prod"), false), {
      protect: true,
      deleteBeforeReplace: true,
    });
    assert.deepEqual(replicationResourceOptions(getProfile("prod"), true), {
      protect: false,
      deleteBeforeReplace: true,
    });
    assert.deepEqual(replicationResourceOptions(getProfile("dev"), false), {
      protect: false,
      deleteBeforeReplace: true,
    });
  });

  it("list the task inputs that force a full reload, as the provider's schema does", () => {
    // Moving a task to another instance is an update (MoveReplicationTask), not a replacement.
    assert.deepEqual([...REPLACEMENT_PROPERTIES["aws:dms/replicationTask:ReplicationTask"]].sort(), [
      "replicationTaskId",
      "resourceIdentifier",
      "sourceEndpointArn",
      "targetEndpointArn",
    ]);
  });
});

describe("resolveSslMode", () => {
  const prod = getProfile("prod");
  it("uses verify-full with a certificate and the profile's mode otherwise", () => {
    assert.deepEqual(resolveSslMode(getProfile("dev"), undefined, true), { sslMode: "verify-full" });
    assert.deepEqual(resolveSslMode(getProfile("dev"), undefined, false), { sslMode: "require" });
    assert.deepEqual(resolveSslMode(prod, "require", false), { sslMode: "require" });
  });

  it("reports verify-full without a certificate", () => {
    assert.match(resolveSslMode(prod, undefined, false).error ?? "", /needs certificateArn/);
  });
});
