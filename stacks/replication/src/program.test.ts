import assert from "node:assert/strict";
import { join } from "node:path";
import { evaluate, type IamRequest, type PolicyDocument } from "@dms-platform/access/iam-documents";
import { ENVIRONMENTS, readPulumiConfigFile } from "@dms-platform/config";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { PROJECT, program } from "./index.js";
import { reachOf, resolvesOnPremises } from "./routing.js";
import { foundationOutputs, ofType, runStack, stackDir } from "./stack.test.fixture.js";

async function plan(env: string, edit?: (values: Record<string, unknown>) => void): Promise<ResourceGraph> {
  const file = readPulumiConfigFile(join(stackDir, `Pulumi.${env}.yaml`));
  edit?.(file.values);
  return runStack(env, env, file.values);
}

const one = (g: ResourceGraph, type: string) => {
  const [first, ...more] = ofType(g, type);
  assert.ok(first && more.length === 0, `exactly one ${type}`);
  return first;
};

describe("replication stack", () => {
  const graphs = new Map<string, ResourceGraph>();
  before(async () => {
    for (const env of ENVIRONMENTS) graphs.set(env, await plan(env));
  });
  const graph = (env: string) => graphs.get(env) as ResourceGraph;

  it("runs the reference lab's task in every environment: dmslab.customers, full load + CDC, validated", () => {
    for (const env of ENVIRONMENTS) {
      const [task] = ofType(graph(env), "aws:dms/replicationTask:ReplicationTask");
      assert.ok(task, env);
      assert.equal(task.inputs.replicationTaskId, `${env}-dmslab-customers-dms`);
      assert.equal(task.inputs.migrationType, "full-load-and-cdc");
      assert.deepEqual(JSON.parse(String(task.inputs.tableMappings)).rules[0]["object-locator"], {
        "schema-name": "dmslab",
        "table-name": "customers",
      });
      const settings = JSON.parse(String(task.inputs.replicationTaskSettings));
      assert.equal(settings.ValidationSettings.EnableValidation, true);
      assert.equal(settings.Logging.EnableLogging, true);
      // dev's lab source is created empty (startTasks: false); test and prod start a task only
      // after a passing premigration assessment (profile startAfterAssessment): created stopped.
      assert.equal(task.inputs.startReplicationTask, false, env);
    }
  });

  it("starts a task on create where the profile does not gate it on an assessment (dev without startTasks: false)", async () => {
    const started = await plan("dev", (values) => {
      delete values["dms-platform-replication:startTasks"];
    });
    assert.equal(one(started, "aws:dms/replicationTask:ReplicationTask").inputs.startReplicationTask, true);
  });

  it("keeps assessment results in a private, TLS-only, KMS-encrypted bucket that expires them per profile", () => {
    const expected = { dev: [7, true], test: [30, true], prod: [90, false] } as const;
    for (const env of ENVIRONMENTS) {
      const g = graph(env);
      const bucket = one(g, "aws:s3/bucket:Bucket");
      assert.equal(bucket.inputs.bucket, `${env}-dmslab-assessments-123456789012`);
      assert.equal(bucket.inputs.forceDestroy, expected[env][1], env);
      assert.equal((bucket.inputs.tags as Record<string, string>).Environment, env);
      const sse = one(g, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
      assert.deepEqual((sse.inputs.rules as Array<Record<string, unknown>>)[0]?.applyServerSideEncryptionByDefault, {
        sseAlgorithm: "aws:kms",
        kmsMasterKeyId: foundationOutputs(env).kmsKeyArn,
      });
      const lifecycle = one(g, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
      assert.equal(
        (lifecycle.inputs.rules as Array<{ expiration: { days: number } }>)[0]?.expiration.days,
        expected[env][0],
      );
      assert.equal(
        one(g, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule &&
          (one(g, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule as { objectOwnership: string })
            .objectOwnership,
        "BucketOwnerEnforced",
      );
      const policy = JSON.parse(String(one(g, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy)) as PolicyDocument;
      const bucketArn = `arn:aws:s3:::${env}-dmslab-assessments-123456789012`;
      const insecure = {
        action: "s3:GetObject",
        resource: `${bucketArn}/x`,
        context: { "aws:SecureTransport": "false" },
      };
      assert.equal(evaluate(policy, insecure), "deny", env);
    }
  });

  it("lets DMS assume the assessment role only for this account's runs and tasks, to write that bucket only", () => {
    const g = graph("prod");
    const role = ofType(g, "aws:iam/role:Role").find((r) => r.inputs.name === "prod-dmslab-dms-assessment");
    assert.ok(role, "the assessment role");
    const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as PolicyDocument;
    assert.deepEqual(trust.Statement[0]?.Condition, {
      StringEquals: { "aws:SourceAccount": "123456789012" },
      ArnLike: {
        "aws:SourceArn": [
          "arn:aws:dms:eu-west-1:123456789012:assessment-run:*",
          "arn:aws:dms:eu-west-1:123456789012:task:*",
        ],
      },
    });
    const inline = ofType(g, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === "assessments-role-policy");
    const policy = JSON.parse(String(inline?.inputs.policy)) as PolicyDocument;
    const bucket = "arn:aws:s3:::prod-dmslab-assessments-123456789012";
    assert.equal(evaluate(policy, { action: "s3:PutObject", resource: `${bucket}/assessments/x.json` }), "allow");
    assert.equal(evaluate(policy, { action: "s3:ListBucket", resource: bucket }), "allow");
    assert.equal(evaluate(policy, { action: "s3:PutObject", resource: "arn:aws:s3:::another/x" }), "implicit-deny");
    assert.equal(evaluate(policy, { action: "s3:DeleteBucket", resource: bucket }), "implicit-deny");
  });

  it("creates the Serverless replication of a stack with placeholder connections stopped", async () => {
    const values = readPulumiConfigFile(join(stackDir, "Pulumi.catalog-dev.yaml")).values;
    const stopped = one(await runStack("catalog-dev", "dev", values), "aws:dms/replicationConfig:ReplicationConfig");
    assert.equal(stopped.inputs.startReplication, false);
    delete values["dms-platform-replication:startTasks"];
    const started = one(await runStack("catalog-dev", "dev", values), "aws:dms/replicationConfig:ReplicationConfig");
    assert.equal(started.inputs.startReplication, true);
  });

  it("reads the foundation of its environment in the current organisation through a StackReference", () => {
    const g = graph("dev");
    const ref = ofType(g, "pulumi:pulumi:StackReference")[0];
    assert.equal(ref?.inputs.name, "organization/dms-platform-foundation/dev");
    const subnetGroup = ofType(g, "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup")[0];
    assert.deepEqual(subnetGroup?.inputs.subnetIds, ["subnet-dev-a", "subnet-dev-b"]);
    const endpoints = ofType(g, "aws:dms/endpoint:Endpoint");
    assert.deepEqual(
      endpoints.map((e) => e.inputs.secretsManagerArn).sort(),
      [foundationOutputs("dev").labSource?.secretArn, foundationOutputs("dev").target.secretArn].sort(),
    );
    assert.ok(
      endpoints.every((e) => e.inputs.password === undefined),
      "never a password on an endpoint",
    );
  });

  it("watches CDC latency with alarms that notify, and subscribes to task and instance events", () => {
    const alarms = ofType(graph("dev"), "aws:cloudwatch/metricAlarm:MetricAlarm");
    const metrics = alarms.map((a) => a.inputs.metricName);
    assert.ok(metrics.includes("CDCLatencySource") && metrics.includes("CDCLatencyTarget"));
    assert.ok(
      alarms.every((a) => Array.isArray(a.inputs.alarmActions) && (a.inputs.alarmActions as unknown[]).length > 0),
    );
    assert.equal(ofType(graph("dev"), "aws:cloudwatch/eventRule:EventRule").length, 1, "DMS events go to the topic");
  });

  it("exports the console address of the migration's dashboard", () => {
    for (const env of ["dev", "test", "prod"]) {
      const name = `${env}-dmslab-migration-dms`;
      assert.equal(ofType(graph(env), "aws:cloudwatch/dashboard:Dashboard")[0]?.inputs.dashboardName, name);
      assert.match(String(graph(env).outputs.dashboardUrl), new RegExp(`#dashboards/dashboard/${name}$`));
    }
  });

  it("exports no undefined output (the SDK warns of each on every preview)", async () => {
    const serverless = await runStack(
      "catalog-dev",
      "dev",
      readPulumiConfigFile(join(stackDir, "Pulumi.catalog-dev.yaml")).values,
    );
    for (const g of [graph("dev"), graph("test"), graph("prod"), serverless]) {
      assert.deepEqual(
        g.diagnostics.filter((d) => d.message.includes("Undefined value")).map((d) => d.message),
        [],
      );
    }
    assert.equal("replicationInstanceArn" in serverless.outputs, false, "Serverless has no instance");
    assert.equal("deleteGuardPolicy" in graph("dev").outputs, false, "dev has no delete guard");
  });

  it("adopts the account roles in every environment (the foundation creates them), so it can be destroyed and re-created", () => {
    for (const env of ENVIRONMENTS) {
      const names = ofType(graph(env), "aws:iam/role:Role").map((r) => r.inputs.name);
      assert.ok(!names.includes("dms-vpc-role") && !names.includes("dms-cloudwatch-logs-role"), env);
      const roles = ofType(graph(env), "dms-platform:dms:DmsAccountRoles")[0];
      assert.equal(roles?.outputs.mode, "adopt", env);
      assert.match(String(roles?.outputs.vpcRoleArn), /:role\/dms-vpc-role$/, env);
    }
  });

  it("plans the repository's DMS Serverless migration (catalog, dev): a config per task, its alarms and event rule", async () => {
    const g = await runStack(
      "catalog-dev",
      "dev",
      readPulumiConfigFile(join(stackDir, "Pulumi.catalog-dev.yaml")).values,
    );
    assert.equal(ofType(g, "aws:dms/replicationInstance:ReplicationInstance").length, 0);
    const [config, ...others] = ofType(g, "aws:dms/replicationConfig:ReplicationConfig");
    assert.ok(config && others.length === 0);
    assert.equal(config.inputs.replicationConfigIdentifier, "dev-catalog-catalog-full-load-and-cdc-dms");
    assert.deepEqual(config.options.replaceOnChanges, ["replicationType"]);
    const source = ofType(g, "aws:dms/endpoint:Endpoint").find((e) => e.inputs.endpointType === "source");
    assert.equal(source?.inputs.engineName, "postgres");
    assert.equal(source?.inputs.databaseName, "catalog", "PostgreSQL endpoints keep their database name");
    const rule = ofType(g, "aws:cloudwatch/eventRule:EventRule")[0];
    assert.deepEqual(JSON.parse(String(rule?.inputs.eventPattern)).resources, [config.outputs.arn]);
    const alarms = ofType(g, "aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.ok(alarms.some((a) => a.inputs.metricName === "CapacityUtilization"));
  });

  it("reads the foundation named by foundationStack instead, when the stack file gives one", async () => {
    const file = readPulumiConfigFile(join(stackDir, "Pulumi.test.yaml"));
    file.values["dms-platform-replication:foundationStack"] = "acme/dms-platform-foundation/test";
    const g = await runProgram(program, {
      project: PROJECT,
      stack: "test",
      config: file.values,
      stackReferences: { "acme/dms-platform-foundation/test": foundationOutputs("test") },
    });
    assert.equal(ofType(g, "pulumi:pulumi:StackReference")[0]?.inputs.name, "acme/dms-platform-foundation/test");
    const inOrg = await runProgram(program, {
      project: PROJECT,
      stack: "test",
      organization: "acme",
      config: readPulumiConfigFile(join(stackDir, "Pulumi.test.yaml")).values,
      stackReferences: { "acme/dms-platform-foundation/test": foundationOutputs("test") },
    });
    assert.equal(ofType(inOrg, "pulumi:pulumi:StackReference")[0]?.inputs.name, "acme/dms-platform-foundation/test");
  });

  it("reaches each external source through a route of the foundation, and fails naming the key when none carries it", async () => {
    assert.deepEqual(graph("test").outputs.sourceRoutes, { "172.16.16.0/20": "route 172.16.16.0/20" });
    assert.deepEqual(graph("prod").outputs.sourceRoutes, { "172.16.0.0/20": "route 172.16.0.0/20" });
    await assert.rejects(
      plan("test", (v) => {
        const c = v["dms-platform-replication:sourceConnection"] as { external: { cidrBlocks: string[] } };
        c.external.cidrBlocks = ["192.168.50.0/24"];
      }),
      /Pulumi\.test\.yaml: dms-platform-replication:sourceConnection\.external\.cidrBlocks\[0\]: the foundation's network has no route to 192\.168\.50\.0\/24: it routes 172\.16\.16\.0\/20 beyond its VPC 10\.30\.0\.0\/16; add the range to dms-platform-foundation:network\.onPremisesCidrs/,
    );
    assert.deepEqual(reachOf("10.30.4.0/24", "10.30.0.0/16", []), { via: "vpc" });
    assert.equal(resolvesOnPremises("mysql-test.corp.example.internal", ["corp.example.internal"]), true);
    assert.equal(resolvesOnPremises("db.other.example", ["corp.example.internal"]), false);
    assert.equal(resolvesOnPremises("172.16.16.5", []), true);
    const unresolved = await plan("test", (v) => {
      const c = v["dms-platform-replication:sourceConnection"] as { external: { hostname: string } };
      c.external.hostname = "mysql.other.example";
    });
    assert.ok(
      unresolved.diagnostics.some(
        (d) =>
          d.severity === "warning" &&
          d.message.includes(
            "dms-platform-replication:sourceConnection.external.hostname: mysql.other.example is in no domain the foundation forwards",
          ),
      ),
    );
    assert.ok(!graph("test").diagnostics.some((d) => d.message.includes("no domain the foundation forwards")));
    assert.deepEqual(reachOf("172.16.16.5/32", "10.30.0.0/16", ["172.16.16.0/20"]), {
      via: "route",
      routedCidr: "172.16.16.0/20",
    });
  });

  it("refuses an accountRoles key, saying the foundation creates the roles now", async () => {
    await assert.rejects(
      plan("dev", (v) => {
        v["dms-platform-replication:accountRoles"] = "create";
      }),
      /Pulumi\.dev\.yaml: dms-platform-replication:accountRoles: must be removed: a replication stack adopts the account's DMS roles, which the foundation creates; set dms-platform-foundation:accountRoles: create/,
    );
  });

  it("protects prod's task and instance, and makes the endpoints verify the server (verify-full)", () => {
    const g = graph("prod");
    const task = ofType(g, "aws:dms/replicationTask:ReplicationTask")[0];
    const instance = ofType(g, "aws:dms/replicationInstance:ReplicationInstance")[0];
    assert.equal(task?.options.protect, true);
    assert.equal(instance?.options.protect, true);
    assert.equal(instance?.inputs.multiAz, true);
    assert.equal(instance?.inputs.publiclyAccessible, false);
    for (const e of ofType(g, "aws:dms/endpoint:Endpoint")) {
      assert.equal(e.inputs.sslMode, "verify-full");
      assert.match(String(e.inputs.certificateArn), /^arn:aws:dms:/);
    }
    assert.equal(ofType(graph("dev"), "aws:dms/replicationTask:ReplicationTask")[0]?.options.protect, false);
  });

  it("fails on a bad value naming the file and the key", async () => {
    await assert.rejects(
      plan("dev", (v) => {
        const migration = v["dms-platform-replication:migration"] as { tasks: Array<Record<string, unknown>> };
        (migration.tasks[0] as Record<string, unknown>).migrationType = "full";
      }),
      (err: unknown) =>
        err instanceof ProgramError &&
        /Pulumi\.dev\.yaml: dms-platform-replication:migration\.tasks\[0\]\.migrationType: /.test(err.message),
    );
  });

  it("sends a task's allowed setting newer than the catalogue and tags the task with the allowance", async () => {
    const g = await plan("dev", (v) => {
      const migration = v["dms-platform-replication:migration"] as { tasks: Array<Record<string, unknown>> };
      Object.assign(migration.tasks[0] as Record<string, unknown>, {
        settings: { TargetMetadata: { NewerSetting: true } },
        allowUnknownSettings: ["TargetMetadata.NewerSetting"],
      });
    });
    const [task] = ofType(g, "aws:dms/replicationTask:ReplicationTask");
    assert.ok(task);
    assert.equal(JSON.parse(String(task.inputs.replicationTaskSettings)).TargetMetadata.NewerSetting, true);
    assert.equal((task.inputs.tags as Record<string, string>).DmsAllowUnknownSettings, "TargetMetadata.NewerSetting");
  });

  it("refuses an allowUnknownSettings entry that is not a settings path, naming the file and the key", async () => {
    await assert.rejects(
      plan("dev", (v) => {
        const migration = v["dms-platform-replication:migration"] as { tasks: Array<Record<string, unknown>> };
        (migration.tasks[0] as Record<string, unknown>).allowUnknownSettings = ["*"];
      }),
      (err: unknown) =>
        err instanceof ProgramError &&
        /Pulumi\.dev\.yaml: dms-platform-replication:migration\.tasks\[0\]\.allowUnknownSettings\[0\]: must be a dotted settings path/.test(
          err.message,
        ),
    );
  });

  it("keeps the migration definition identical across environments (what promotion copies)", () => {
    const definitions = ENVIRONMENTS.map(
      (env) => readPulumiConfigFile(join(stackDir, `Pulumi.${env}.yaml`)).values["dms-platform-replication:migration"],
    );
    assert.deepEqual(definitions[1], definitions[0]);
    assert.deepEqual(definitions[2], definitions[0]);
  });

  describe("operator access", () => {
    const policy = (env: string, name: string): PolicyDocument | undefined => {
      const p = ofType(graph(env), "aws:iam/policy:Policy").find((r) => r.inputs.name === name);
      return p ? (JSON.parse(String(p.inputs.policy)) as PolicyDocument) : undefined;
    };
    const operators = (env: string) =>
      readPulumiConfigFile(join(stackDir, `Pulumi.${env}.yaml`)).values["dms-platform-replication:operators"] as {
        ciRoleArn: string;
        adminPrincipals: string[];
      };

    it("gives every environment a migration-admin and a migration-viewer; the delete guard only where migrationActive", () => {
      for (const env of ENVIRONMENTS) {
        const roles = ofType(graph(env), "aws:iam/role:Role").map((r) => String(r.inputs.name));
        assert.ok(
          roles.includes(`${env}-dmslab-migration-admin`) && roles.includes(`${env}-dmslab-migration-viewer`),
          env,
        );
        assert.equal(policy(env, `${env}-dmslab-migration-delete-guard`) !== undefined, env !== "dev", env);
        assert.equal(graph(env).outputs.migrationActive, env !== "dev", env);
      }
    });

    it("denies deleting the task to a human while the migration is active, never to the CI role", () => {
      const guard = policy("test", "test-dmslab-migration-delete-guard");
      assert.ok(guard);
      const task = "arn:aws:dms:eu-west-1:123456789012:task:ABCDEFGHIJKLMNOP";
      const tagged = { "aws:ResourceTag/Application": "dmslab", "aws:ResourceTag/Environment": "test" };
      const human = { ...tagged, "aws:PrincipalArn": operators("test").adminPrincipals[0] as string };
      assert.equal(evaluate(guard, { action: "dms:DeleteReplicationTask", resource: task, context: human }), "deny");
      const ci = { ...tagged, "aws:PrincipalArn": operators("test").ciRoleArn };
      assert.equal(
        evaluate(guard, { action: "dms:DeleteReplicationTask", resource: task, context: ci }),
        "implicit-deny",
      );
      assert.deepEqual(JSON.parse(String(graph("test").outputs.deleteGuardPolicy)), guard, "exported, SCP-ready");
    });

    it("lets prod's Identity Center operators assume migration-admin (their sessions carry no MFA key)", () => {
      for (const env of ENVIRONMENTS) {
        const role = ofType(graph(env), "aws:iam/role:Role").find(
          (r) => r.inputs.name === `${env}-dmslab-migration-admin`,
        );
        const trust = JSON.parse(String(role?.inputs.assumeRolePolicy)) as PolicyDocument;
        const sso = operators(env).adminPrincipals.find((p) => p.includes("AWSReservedSSO_")) as string;
        const statement = trust.Statement.find((st) => JSON.stringify(st.Principal).includes(sso));
        assert.ok(statement, `${env}: the Identity Center admin is trusted`);
        assert.equal(statement.Condition, undefined, `${env}: no condition an Identity Center session cannot meet`);
        const admin = policy(env, `${env}-dmslab-migration-admin`);
        assert.ok(admin && !JSON.stringify(admin).includes("MultiFactorAuthPresent"), env);
      }
    });

    it("lets the viewer read, and guards, every task log group the plans create (instance and Serverless)", async () => {
      const catalog = await runStack(
        "catalog-dev",
        "dev",
        readPulumiConfigFile(join(stackDir, "Pulumi.catalog-dev.yaml")).values,
      );
      const policyOf = (g: ResourceGraph, name: string) => {
        const p = ofType(g, "aws:iam/policy:Policy").find((r) => String(r.inputs.name).endsWith(name));
        return p ? (JSON.parse(String(p.inputs.policy)) as PolicyDocument) : undefined;
      };
      const plans = [...ENVIRONMENTS.map((env) => [env, graph(env)] as const), ["catalog-dev", catalog] as const];
      for (const [stack, g] of plans) {
        const names = g.outputs.logGroupNames as string[];
        assert.ok(names.length > 0, stack);
        const account = /^arn:aws:iam::(\d{12}):/.exec(String(g.outputs.viewerRoleArn))?.[1];
        const viewer = policyOf(g, "-migration-viewer");
        const guard = policyOf(g, "-migration-delete-guard");
        assert.ok(viewer && account, stack);
        for (const name of names) {
          const group: string = `arn:aws:logs:eu-west-1:${account}:log-group:${name}`;
          const read: IamRequest = { action: "logs:GetLogEvents", resource: `${group}:log-stream:dms-task-1` };
          assert.equal(evaluate(viewer, read), "allow", `${stack}: the viewer reads ${name}`);
          if (guard) {
            const human = {
              "aws:PrincipalArn": String(operators(stack === "catalog-dev" ? "dev" : stack).adminPrincipals[0]),
            };
            const deletion: IamRequest = { action: "logs:DeleteLogGroup", resource: group, context: human };
            assert.equal(evaluate(guard, deletion), "deny", `${stack}: the guard covers ${name}`);
          }
        }
      }
      // The Serverless log group is named after a digest of the config identifier (over 31 characters).
      assert.match(
        String((catalog.outputs.logGroupNames as string[])[0]),
        /^dms-serverless-replication-dms-[0-9a-f]{27}$/,
      );
    });

    it("records the foundation's audit trail on the operator access", () => {
      const access = (env: string) =>
        graph(env).resources.find((r) => r.type === "dms-platform:access:MigrationOperatorAccess");
      assert.equal(access("prod")?.inputs.auditTrailName, "org-management-trail");
      assert.equal(access("dev")?.inputs.auditTrailName, "dev-dmslab-audit");
    });

    it("refuses an operator that is neither an account id nor a role ARN, naming the file and the key", async () => {
      await assert.rejects(
        plan("prod", (v) => {
          (v["dms-platform-replication:operators"] as { adminPrincipals: string[] }).adminPrincipals = [
            "alice@example.com",
          ];
        }),
        (err: unknown) =>
          err instanceof ProgramError &&
          /Pulumi\.prod\.yaml: dms-platform-replication:operators\.adminPrincipals\[0\]: /.test(err.message),
      );
    });
  });
});
