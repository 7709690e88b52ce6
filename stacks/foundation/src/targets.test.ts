import assert from "node:assert/strict";
import { join } from "node:path";
import { ENVIRONMENTS, readPulumiConfigFile } from "@dms-platform/config";
import { type GraphResource, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "./index.js";

const stackDir = join(__dirname, "..");
const NS = "dms-platform-foundation";

async function plan(env: string, edit?: (values: Record<string, unknown>) => void): Promise<ResourceGraph> {
  const file = readPulumiConfigFile(join(stackDir, `Pulumi.${env}.yaml`));
  edit?.(file.values);
  return runProgram(program, { project: PROJECT, stack: env, config: file.values, secretKeys: file.secureKeys });
}

const ofType = (g: ResourceGraph, type: string): GraphResource[] => g.resources.filter((r) => r.type === type);
/** The resources of the database component `name` and its children (a child's parent chain ends at it). */
const under = (g: ResourceGraph, name: string): GraphResource[] => {
  const component = g.resources.find((r) => r.type === "dms-platform:database:MigrationDatabase" && r.name === name);
  assert.ok(component, `no MigrationDatabase ${name}`);
  const urns = new Set([component.urn]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of g.resources) {
      if (r.parent !== undefined && urns.has(r.parent) && !urns.has(r.urn)) {
        urns.add(r.urn);
        grew = true;
      }
    }
  }
  return g.resources.filter((r) => urns.has(r.urn));
};
/** The physical names AWS holds unique per account and region, of every resource that has one. */
const physicalNames = (g: ResourceGraph): string[] =>
  g.resources.flatMap((r) =>
    // A cluster instance's clusterIdentifier is its cluster's: only its own identifier counts.
    [r.inputs.identifier ?? r.inputs.clusterIdentifier ?? r.inputs.name]
      .filter((v): v is string => typeof v === "string")
      .map((v) => `${r.type} ${v}`),
  );

describe("foundation stack: further targets (dms-platform-foundation:targets)", () => {
  const graphs = new Map<string, ResourceGraph>();
  before(async () => {
    for (const env of ENVIRONMENTS) graphs.set(env, await plan(env));
  });
  const graph = (env: string) => graphs.get(env) as ResourceGraph;

  it("builds the claims target as a private, encrypted Aurora PostgreSQL cluster in every environment", () => {
    for (const env of ENVIRONMENTS) {
      const claims = under(graph(env), "claims-target");
      const [cluster, ...more] = claims.filter((r) => r.type === "aws:rds/cluster:Cluster");
      assert.ok(cluster && more.length === 0, env);
      assert.equal(cluster.inputs.clusterIdentifier, `${env}-dmslab-claims-tgt`);
      assert.equal(cluster.inputs.engine, "aurora-postgresql");
      assert.equal(cluster.inputs.databaseName, "claims");
      assert.equal(cluster.inputs.storageEncrypted, true);
      const instances = claims.filter((r) => r.type === "aws:rds/clusterInstance:ClusterInstance");
      assert.ok(instances.length >= 1, env);
      for (const i of instances) assert.equal(i.inputs.publiclyAccessible, false, `${env} ${i.name}`);
      // TLS forced through the cluster parameter group, as on every PostgreSQL target.
      const params = claims.find((r) => r.type === "aws:rds/clusterParameterGroup:ClusterParameterGroup");
      const forced = ((params?.inputs.parameters ?? []) as Array<{ name: string; value: string }>).find(
        (p) => p.name === "rds.force_ssl",
      );
      assert.equal(forced?.value, "1", env);
    }
    // prod's profile: protected, deletion protection, a writer and a reader (multi-AZ); its instance class from the file.
    const prod = under(graph("prod"), "claims-target");
    const cluster = prod.find((r) => r.type === "aws:rds/cluster:Cluster");
    assert.equal(cluster?.inputs.deletionProtection, true);
    assert.equal(cluster?.options.protect, true);
    const instances = prod.filter((r) => r.type === "aws:rds/clusterInstance:ClusterInstance");
    assert.ok(instances.length >= 2, "multi-AZ in prod");
    for (const i of instances) assert.equal(i.inputs.instanceClass, "db.r6g.large");
  });

  it("exports each further target as targets.<name>, with what the replication stack reads", () => {
    for (const env of ENVIRONMENTS) {
      const targets = graph(env).outputs.targets as Record<string, Record<string, unknown>>;
      assert.deepEqual(Object.keys(targets), ["claims"], env);
      const claims = targets.claims as Record<string, unknown>;
      assert.equal(claims.engine, "aurora-postgresql");
      assert.equal(claims.databaseName, "claims");
      assert.equal(claims.identifier, `${env}-dmslab-claims-tgt`);
      assert.equal(claims.port, 5432);
      for (const key of ["address", "secretArn", "secretKmsKeyArn", "securityGroupId"]) {
        assert.ok(claims[key] !== undefined, `${env}: targets.claims.${key}`);
      }
      assert.notEqual(claims.address, (graph(env).outputs.target as Record<string, unknown>).address);
    }
  });

  it("leaves the existing target's URNs and physical names as they were without targets (day 2)", async () => {
    for (const env of ENVIRONMENTS) {
      const without = await plan(env, (values) => {
        delete values[`${NS}:targets`];
      });
      const withTargets = graph(env);
      const before = without.resources.map((r) => r.urn).sort();
      const claims = new Set(under(withTargets, "claims-target").map((r) => r.urn));
      const after = withTargets.resources.map((r) => r.urn).filter((urn) => !claims.has(urn));
      // Nothing renamed or replaced: the same URNs, and the target's inputs unchanged.
      assert.deepEqual(after.sort(), before, env);
      const inputs = (g: ResourceGraph) =>
        under(g, "target").map((r) => JSON.stringify([r.urn, r.inputs.identifier, r.inputs.name]));
      assert.deepEqual(inputs(withTargets), inputs(without), env);
      assert.ok(!("targets" in without.outputs), `${env}: no targets output without targets`);
    }
  });

  it("gives every target its own physical names", () => {
    for (const env of ENVIRONMENTS) {
      const names = physicalNames(graph(env));
      const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
      assert.deepEqual(duplicates, [], env);
    }
  });

  it("builds two further targets side by side, each with its own identifiers", async () => {
    const g = await plan("test", (values) => {
      const targets = values[`${NS}:targets`] as Record<string, unknown>;
      targets.ledger = { engine: "postgres", engineVersion: "16", databaseName: "ledger" };
    });
    const ids = ofType(g, "aws:rds/instance:Instance").map((r) => r.inputs.identifier);
    assert.ok(ids.includes("test-dmslab-ledger-tgt"), String(ids));
    assert.deepEqual(Object.keys(g.outputs.targets as object).sort(), ["claims", "ledger"]);
    const names = physicalNames(g);
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
  });

  it("refuses a wrong engine, a bad name or a misspelt key, naming the key", async () => {
    await assert.rejects(
      plan("test", (values) => {
        (values[`${NS}:targets`] as Record<string, Record<string, unknown>>).claims = {
          engine: "aurora-postgres",
          databaseName: "claims",
        };
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:targets\.claims\.engine: /,
    );
    await assert.rejects(
      plan("test", (values) => {
        values[`${NS}:targets`] = { Claims_DB: { engine: "aurora-postgresql", databaseName: "claims" } };
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:targets\.Claims_DB: .*lowercase letters and digits/,
    );
    await assert.rejects(
      plan("test", (values) => {
        (values[`${NS}:targets`] as Record<string, Record<string, unknown>>).claims = {
          engine: "aurora-postgresql",
          databaseName: "claims",
          instanceClas: "db.r6g.large",
        };
      }),
      // Inside a database, as inside `target`: the unknown key at its path (parseStackConfig).
      /Pulumi\.test\.yaml: dms-platform-foundation:targets\.claims: unknown key "instanceClas"/,
    );
    await assert.rejects(
      plan("test", (values) => {
        const targets = values[`${NS}:targets`] as Record<string, unknown>;
        values[`${NS}:tagets`] = targets;
        delete values[`${NS}:targets`];
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:tagets: .*did you mean "(dms-platform-foundation:)?targets"/,
    );
  });

  it("names targets.<name>.licenseModel for a value the database component refuses", async () => {
    await assert.rejects(
      plan("prod", (values) => {
        (values[`${NS}:targets`] as Record<string, Record<string, unknown>>).claims = {
          engine: "oracle-ee",
          databaseName: "CLAIMS",
          instanceClass: "db.r5.large",
          licenseModel: "license-included",
        };
      }),
      /Pulumi\.prod\.yaml: dms-platform-foundation:targets\.claims\.licenseModel: oracle-ee takes "bring-your-own-license"/,
    );
  });

  it("names targets.<name>.engineVersion for a version the component refuses", async () => {
    await assert.rejects(
      plan("test", (values) => {
        (values[`${NS}:targets`] as Record<string, Record<string, unknown>>).claims = {
          engine: "aurora-postgresql",
          engineVersion: "16.6",
          databaseName: "claims",
        };
      }),
      /Pulumi\.test\.yaml: dms-platform-foundation:targets\.claims\.engineVersion: /,
    );
  });
});
