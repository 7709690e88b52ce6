import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, checkProfileDefaults, parseComponentArgs } from "@dms-platform/config";
import { dmsReplicationArgsSchema } from "./args.js";

describe("DmsReplicationArgs doc comments", () => {
  it("state the environment profiles' values where a default comes from the profile", () => {
    const source = readFileSync(join(__dirname, "..", "src", "args.ts"), "utf8");
    const { checked, problems } = checkProfileDefaults(source, "packages/dms/src/args.ts");
    assert.deepEqual(problems, []);
    assert.deepEqual(checked, [
      "instanceClass: profile.replicationInstanceClass",
      "allocatedStorageGb: profile.replicationAllocatedStorageGb",
      "multiAz: profile.multiAz",
      "minCapacityUnits: profile.serverlessCapacity.min",
      "maxCapacityUnits: profile.serverlessCapacity.max",
      "multiAz: profile.multiAz",
      "sslMode: profile.endpointSslMode",
    ]);
  });
});

describe("dmsReplicationArgsSchema endpoint settings", () => {
  const tags = {
    Application: "lab",
    Environment: "dev",
    Owner: "platform",
    CostCenter: "cc-42",
    DataClassification: "internal",
  } as const;
  const endpoint = (engine: string, settings: Record<string, unknown>) => ({
    engine,
    address: "db.example.internal",
    port: 5432,
    databaseName: "app",
    secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app-AbCdEf",
    secretKmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/app",
    settings,
  });
  const args = (settings: Record<string, unknown>) => ({
    environment: "dev",
    application: "lab",
    tags,
    vpcId: "vpc-0a",
    subnetIds: ["subnet-0a", "subnet-0b"],
    endpointSecurityGroupId: "sg-0a",
    kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:key/net",
    capacity: { kind: "instance" },
    source: endpoint("postgres", settings),
    target: endpoint("postgres", {}),
    tasks: [{ name: "app", migrationType: "full-load", tableMappings: "{}" }],
  });
  const failure = (settings: Record<string, unknown>) => {
    try {
      parseComponentArgs(dmsReplicationArgsSchema, args(settings), "DmsReplication", "r");
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    return assert.fail("expected a ConfigError");
  };

  it("checks each setting's value as the engine family's settings type it, naming the path", () => {
    assert.match(failure({ pluginName: "wal2json" }), /^DmsReplication "r": source\.settings\.pluginName: /);
    assert.match(failure({ heartbeatEnable: "yes" }), /^DmsReplication "r": source\.settings\.heartbeatEnable: /);
    assert.match(
      failure({ serverTimezone: "UTC" }),
      /source\.settings\.serverTimezone: is not a postgres endpoint setting/,
    );
    const parsed = parseComponentArgs(
      dmsReplicationArgsSchema,
      args({ pluginName: "pglogical", heartbeatFrequency: 5 }),
      "DmsReplication",
      "r",
    );
    assert.deepEqual((parsed.source as { settings?: unknown }).settings, {
      pluginName: "pglogical",
      heartbeatFrequency: 5,
    });
  });
});
