import assert from "node:assert/strict";
import { forcesReplacement, PROVIDER_SCHEMAS, providerSchemaOf } from "./provider-schema.js";

describe("the provider schema table", () => {
  it("cites a source and keeps names among known inputs for every type", () => {
    for (const [type, schema] of Object.entries(PROVIDER_SCHEMAS)) {
      assert.match(schema.source, /\S+ \S+/, type);
      for (const name of schema.fixedName ?? []) {
        // A fixed physical name is always something the provider cannot change in place.
        assert.ok(forcesReplacement(schema.forceNew, name) || type === "aws:rds/instance:Instance", `${type} ${name}`);
      }
    }
  });

  it("replaces a task for a new endpoint but moves it to another instance", () => {
    const task = providerSchemaOf("aws:dms/replicationTask:ReplicationTask");
    assert.ok(task);
    assert.equal(forcesReplacement(task.forceNew, "sourceEndpointArn"), true);
    assert.equal(forcesReplacement(task.forceNew, "replicationInstanceArn"), false);
    assert.equal(forcesReplacement(task.forceNew, "tableMappings"), false);
  });

  it("replaces an Aurora cluster for a new database or subnet group, not for a new version or class", () => {
    const cluster = providerSchemaOf("aws:rds/cluster:Cluster");
    const instance = providerSchemaOf("aws:rds/clusterInstance:ClusterInstance");
    assert.ok(cluster && instance);
    assert.equal(forcesReplacement(cluster.forceNew, "databaseName"), true);
    assert.equal(forcesReplacement(cluster.forceNew, "dbSubnetGroupName"), true);
    assert.equal(forcesReplacement(cluster.forceNew, "engineVersion"), false);
    assert.equal(forcesReplacement(cluster.forceNew, "storageType"), false, "ForceNew only off Aurora");
    assert.equal(forcesReplacement(instance.forceNew, "instanceClass"), false);
    assert.equal(forcesReplacement(instance.forceNew, "clusterIdentifier"), true);
  });

  it("matches nested paths in and around a ForceNew block field", () => {
    const config = providerSchemaOf("aws:dms/replicationConfig:ReplicationConfig");
    assert.ok(config);
    assert.equal(forcesReplacement(config.forceNew, "computeConfig.kmsKeyId"), true);
    assert.equal(forcesReplacement(config.forceNew, "computeConfig"), true);
    assert.equal(forcesReplacement(config.forceNew, "computeConfig.maxCapacityUnits"), false);
  });
});
