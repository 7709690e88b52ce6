import assert from "node:assert/strict";
import { dmsNamePattern, missingRequiredTags } from "@dms-platform/config";
import { ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import type { DatabaseEndpointArgs, DmsReplicationArgs } from "./args.js";
import { parseDashboardBody } from "./dashboard.js";
import { DmsAccountRoles } from "./dms-account-roles.js";
import { DmsReplication } from "./dms-replication.js";
import { selectionRule, tableMappings } from "./documents/index.js";
import {
  ENDPOINT_SG,
  KMS_KEY,
  labArgs,
  labTags,
  labTask,
  ofType,
  one,
  REGION,
  runOptions,
  SRC_SECRET,
  SRC_SG,
  TGT_SG,
} from "./lab.test.fixture.js";

const T = {
  instance: "aws:dms/replicationInstance:ReplicationInstance",
  task: "aws:dms/replicationTask:ReplicationTask",
  config: "aws:dms/replicationConfig:ReplicationConfig",
  endpoint: "aws:dms/endpoint:Endpoint",
  subnetGroup: "aws:dms/replicationSubnetGroup:ReplicationSubnetGroup",
  events: "aws:dms/eventSubscription:EventSubscription",
  rule: "aws:cloudwatch/eventRule:EventRule",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  topic: "aws:sns/topic:Topic",
  role: "aws:iam/role:Role",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
};

/** Resource types that take no tags. */
const UNTAGGABLE = new Set([
  // aws_cloudwatch_dashboard has no tags argument (terraform-provider-aws v6.x, cloudwatch/dashboard.go).
  "aws:cloudwatch/dashboard:Dashboard",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:cloudwatch/eventTarget:EventTarget",
]);

async function run(args: DmsReplicationArgs, withRoles: "create" | "adopt" | false = "create"): Promise<ResourceGraph> {
  return runProgram(() => {
    const accountRoles = withRoles
      ? new DmsAccountRoles("roles", {
          environment: args.environment,
          application: args.application,
          tags: args.tags,
          mode: withRoles,
        })
      : undefined;
    const replication = new DmsReplication("lab", { ...args, ...(accountRoles ? { accountRoles } : {}) });
    return { taskArns: replication.taskArns, alarmTopicArn: replication.alarmTopicArn };
  }, runOptions(args.environment));
}

async function failure(args: DmsReplicationArgs): Promise<string> {
  try {
    await run(args, false);
  } catch (err) {
    assert.ok(err instanceof ProgramError, String(err));
    return err.message;
  }
  assert.fail("the program should have failed");
}

describe("DmsReplication", () => {
  describe("with a replication instance (the reference lab, dev)", () => {
    let graph: ResourceGraph;
    before(async () => {
      graph = await run(labArgs("dev"));
    });

    it("declares a private, KMS-encrypted instance with the profile's class, storage and multi-AZ", () => {
      const instance = one(graph, T.instance);
      assert.equal(instance.inputs.replicationInstanceId, "dev-lab-replication-dms");
      assert.equal(instance.inputs.publiclyAccessible, false);
      assert.equal(instance.inputs.kmsKeyArn, KMS_KEY);
      assert.equal(instance.inputs.autoMinorVersionUpgrade, true);
      assert.equal(instance.inputs.multiAz, false);
      assert.equal(instance.inputs.replicationInstanceClass, "dms.t3.medium");
      assert.equal(instance.inputs.allocatedStorage, 50);
      assert.equal(instance.options.protect, false, "dev does not protect");
    });

    it("sends the lab's mapping and the platform's settings as canonical JSON", () => {
      const task = one(graph, T.task);
      assert.equal(task.inputs.replicationTaskId, "dev-lab-customers-dms");
      assert.equal(task.inputs.migrationType, "full-load-and-cdc");
      assert.equal(
        task.inputs.tableMappings,
        '{"rules":[{"object-locator":{"schema-name":"dmslab","table-name":"customers"},"rule-action":"include","rule-id":"1","rule-name":"1","rule-type":"selection"}]}',
      );
      const settings = JSON.parse(String(task.inputs.replicationTaskSettings));
      assert.equal(settings.Logging.EnableLogging, true);
      assert.deepEqual(
        settings.Logging.LogComponents.map((c: { Id: string; Severity: string }) => `${c.Id}=${c.Severity}`),
        ["SOURCE_UNLOAD", "SOURCE_CAPTURE", "TARGET_LOAD", "TARGET_APPLY", "TASK_MANAGER"].map(
          (id) => `${id}=LOGGER_SEVERITY_DEFAULT`,
        ),
      );
      assert.equal(settings.Logging.CloudWatchLogGroup, undefined);
      assert.equal(settings.ValidationSettings.EnableValidation, true);
      assert.equal(task.inputs.startReplicationTask, true);
    });

    it("creates the task log group DMS writes to, with the profile's retention and the key, before the task", () => {
      const logGroup = one(graph, T.logGroup);
      assert.equal(logGroup.inputs.name, "dms-tasks-dev-lab-replication-dms");
      assert.equal(logGroup.inputs.retentionInDays, 30);
      assert.equal(logGroup.inputs.kmsKeyId, KMS_KEY);
      assert.ok(one(graph, T.task).dependencies.includes(logGroup.urn));
    });

    it("makes the subnet group, instance and task wait for the account roles' policy attachments", () => {
      const attachments = ofType(graph, T.attachment).map((a) => a.urn);
      assert.equal(attachments.length, 2);
      for (const type of [T.subnetGroup, T.instance, T.task]) {
        const deps = one(graph, type).dependencies;
        for (const a of attachments) assert.ok(deps.includes(a), `${type} depends on ${a}`);
      }
    });

    it("gives no endpoint a password: credentials come from Secrets Manager through a dedicated role", () => {
      const endpoints = ofType(graph, T.endpoint);
      assert.equal(endpoints.length, 2);
      for (const e of endpoints) {
        for (const key of ["password", "username", "serverName", "port"]) assert.equal(e.inputs[key], undefined, key);
        assert.equal(e.inputs.sslMode, "require");
        assert.equal(e.inputs.kmsKeyArn, KMS_KEY);
      }
      const source = endpoints.find((e) => e.inputs.endpointType === "source");
      assert.equal(source?.inputs.secretsManagerArn, SRC_SECRET);
      assert.equal(source?.inputs.engineName, "mysql");
      const role = ofType(graph, T.role).find((r) => r.inputs.name === "dev-lab-dms-src-secret");
      assert.ok(role);
      assert.equal(source?.inputs.secretsManagerAccessRoleArn, role.outputs.arn);
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
      assert.deepEqual(trust.Statement[0].Principal, { Service: `dms.${REGION}.amazonaws.com` });
      const policy = graph.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.parent === role.urn);
      const doc = JSON.parse(String(policy?.inputs.policy));
      assert.deepEqual(
        doc.Statement.map((s: { Resource: string }) => s.Resource),
        [SRC_SECRET, KMS_KEY],
      );
    });

    it("lets DMS reach only the databases (by security-group reference) and the VPC endpoints on 443", () => {
      const egress = ofType(graph, T.egress).map((r) => `${r.inputs.referencedSecurityGroupId}:${r.inputs.fromPort}`);
      assert.deepEqual(egress.sort(), [`${ENDPOINT_SG}:443`, `${SRC_SG}:3306`, `${TGT_SG}:3306`].sort());
      assert.ok(ofType(graph, T.egress).every((r) => r.inputs.cidrIpv4 === undefined));
      const dmsSg = one(graph, "aws:ec2/securityGroup:SecurityGroup");
      const ingress = ofType(graph, T.ingress);
      assert.deepEqual(ingress.map((r) => r.inputs.securityGroupId).sort(), [SRC_SG, TGT_SG].sort());
      assert.ok(ingress.every((r) => r.inputs.referencedSecurityGroupId === dmsSg.id && r.inputs.fromPort === 3306));
    });

    it("alarms on CDC latency with the task's resource id and on the instance, all notifying the topic", () => {
      const topic = one(graph, T.topic);
      assert.equal(topic.inputs.kmsMasterKeyId, KMS_KEY);
      const alarms = ofType(graph, T.alarm);
      assert.deepEqual(alarms.map((a) => a.inputs.metricName).sort(), [
        "CDCLatencySource",
        "CDCLatencyTarget",
        "CPUUtilization",
        "FreeStorageSpace",
        "FreeableMemory",
      ]);
      const taskArn = String(one(graph, T.task).outputs.replicationTaskArn);
      for (const alarm of alarms) {
        assert.equal(alarm.inputs.namespace, "AWS/DMS");
        assert.deepEqual(alarm.inputs.alarmActions, [topic.outputs.arn]);
        const dims = alarm.inputs.dimensions as Record<string, string>;
        assert.equal(dims.ReplicationInstanceIdentifier, "dev-lab-replication-dms");
        if (String(alarm.inputs.metricName).startsWith("CDCLatency")) {
          assert.equal(dims.ReplicationTaskIdentifier, taskArn.split(":").pop());
          assert.notEqual(dims.ReplicationTaskIdentifier, "dev-lab-customers-dms", "the resource id, not the name");
        }
      }
    });

    it("builds a dashboard named by the naming rules over the task's metrics, deleted before any replacement", () => {
      const dashboard = one(graph, T.dashboard);
      assert.equal(dashboard.inputs.dashboardName, "dev-lab-migration-dms");
      assert.equal(dashboard.options.deleteBeforeReplace, true);
      const body = parseDashboardBody(String(dashboard.inputs.dashboardBody));
      const resourceId = String(one(graph, T.task).outputs.replicationTaskArn).split(":").pop();
      const latency = body.widgets.find((w) => w.type === "metric" && w.properties.title === "customers: CDC latency");
      assert.ok(latency?.type === "metric");
      assert.deepEqual(latency.properties.metrics[0]?.slice(0, 6), [
        "AWS/DMS",
        "CDCLatencySource",
        "ReplicationInstanceIdentifier",
        "dev-lab-replication-dms",
        "ReplicationTaskIdentifier",
        resourceId,
      ]);
      assert.equal(latency.properties.region, REGION);
    });

    it("lets EventBridge rules and CloudWatch alarms of this account publish to the topic", () => {
      const topic = one(graph, T.topic);
      const policy = one(graph, "aws:sns/topicPolicy:TopicPolicy");
      const doc = JSON.parse(String(policy.inputs.policy));
      const events = doc.Statement.find((s: { Sid: string }) => s.Sid === "EventBridgeRules");
      assert.deepEqual(events.Principal, { Service: "events.amazonaws.com" });
      assert.equal(events.Resource, topic.outputs.arn);
      assert.equal(events.Condition.ArnLike["aws:SourceArn"], `arn:aws:events:${REGION}:123456789012:rule/*`);
      assert.ok(doc.Statement.some((s: { Sid: string }) => s.Sid === "CloudWatchAlarms"));
      assert.ok(!doc.Statement.some((s: { Sid: string }) => s.Sid === "DmsEventSubscriptions"));
    });

    it("routes every DMS event of the instance and its tasks to the topic through one EventBridge rule", () => {
      assert.equal(ofType(graph, T.events).length, 0, "no DMS event subscription (sourceIds force a replacement)");
      const rule = one(graph, T.rule);
      assert.equal(rule.inputs.name, "dev-lab-events");
      assert.equal(rule.inputs.state, "ENABLED");
      const pattern = JSON.parse(String(rule.inputs.eventPattern));
      const instance = one(graph, T.instance);
      const task = one(graph, T.task);
      assert.deepEqual(pattern.source, ["aws.dms"]);
      assert.deepEqual(
        pattern.resources,
        [instance.outputs.replicationInstanceArn, task.outputs.replicationTaskArn].sort(),
      );
      assert.deepEqual(rule.propertyDependencies.eventPattern?.sort(), [instance.urn, task.urn].sort());
      const target = one(graph, "aws:cloudwatch/eventTarget:EventTarget");
      assert.equal(target.inputs.rule, "dev-lab-events");
      assert.equal(target.inputs.arn, one(graph, T.topic).outputs.arn);
    });

    it("tags every taggable resource and names every DMS identifier <env>-<app>-<purpose>-dms", () => {
      for (const r of graph.resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
        if (UNTAGGABLE.has(r.type)) continue;
        assert.deepEqual(missingRequiredTags(r.inputs.tags as Record<string, unknown>), [], `${r.type} ${r.name}`);
      }
      const ids = [
        one(graph, T.instance).inputs.replicationInstanceId,
        one(graph, T.task).inputs.replicationTaskId,
        one(graph, T.subnetGroup).inputs.replicationSubnetGroupId,
        ...ofType(graph, T.endpoint).map((e) => e.inputs.endpointId),
        ...ofType(graph, T.events).map((e) => e.inputs.name),
      ];
      for (const id of ids) assert.match(String(id), dmsNamePattern("dev"));
    });
  });

  it("sends identical documents whatever the key order of the mapping and settings given", async () => {
    const reverse = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverse)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .reverse()
                .map((k) => [k, reverse((v as Record<string, unknown>)[k])]),
            )
          : v;
    const settings = { ErrorBehavior: { DataErrorPolicy: "LOG_ERROR", ApplyErrorDeletePolicy: "IGNORE_RECORD" } };
    const a = labArgs("dev", { tasks: [{ ...labTask(), settings }] });
    const b = labArgs("dev", {
      tasks: [
        {
          ...labTask(),
          tableMappings: reverse(labTask().tableMappings) as object,
          settings: reverse(settings) as object,
        },
      ],
    });
    const [ta, tb] = [one(await run(a), T.task), one(await run(b), T.task)];
    assert.equal(tb.inputs.tableMappings, ta.inputs.tableMappings);
    assert.equal(tb.inputs.replicationTaskSettings, ta.inputs.replicationTaskSettings);
  });

  it("reaches an on-premises source by hostname and CIDR, with credentials still from Secrets Manager", async () => {
    const args = labArgs("dev", {
      source: {
        external: {
          hostname: "mysql.corp.example.com",
          port: 3307,
          engine: "mariadb",
          databaseName: "dmslab",
          secretArn: SRC_SECRET,
          secretKmsKeyArn: KMS_KEY,
          cidrBlocks: ["192.168.10.0/24"],
        },
      },
    });
    const graph = await run(args);
    const source = ofType(graph, T.endpoint).find((e) => e.inputs.endpointType === "source");
    assert.equal(source?.inputs.engineName, "mariadb");
    assert.equal(source?.inputs.serverName, undefined);
    assert.equal(source?.inputs.secretsManagerArn, SRC_SECRET);
    const egress = ofType(graph, T.egress).find((r) => r.inputs.cidrIpv4 === "192.168.10.0/24");
    assert.equal(egress?.inputs.fromPort, 3307);
    assert.equal(ofType(graph, T.ingress).length, 1, "only the target database gets an ingress rule");
  });

  it("warns when an external database has no CIDR blocks to reach", async () => {
    const args = labArgs("dev");
    args.source = {
      external: {
        hostname: "db.corp",
        port: 3306,
        engine: "mysql",
        databaseName: "dmslab",
        secretArn: SRC_SECRET,
        secretKmsKeyArn: KMS_KEY,
      },
    };
    const graph = await run(args);
    assert.ok(
      graph.diagnostics.some(
        (d) => d.severity === "warning" && /the source is external and has no cidrBlocks/.test(d.message),
      ),
    );
  });

  describe("with DMS Serverless", () => {
    it("declares one ReplicationConfig per task with the network, key and the profile's capacity", async () => {
      const graph = await run(labArgs("test", { capacity: { kind: "serverless" } }));
      assert.equal(ofType(graph, T.instance).length, 0);
      assert.equal(ofType(graph, T.task).length, 0);
      const config = one(graph, T.config);
      assert.equal(config.inputs.replicationConfigIdentifier, "test-lab-customers-dms");
      assert.equal(config.inputs.replicationType, "full-load-and-cdc");
      const compute = config.inputs.computeConfig as Record<string, unknown>;
      assert.equal(compute.kmsKeyId, KMS_KEY);
      assert.equal(compute.minCapacityUnits, 2);
      assert.equal(compute.maxCapacityUnits, 16);
      assert.equal(compute.multiAz, false);
      assert.equal(compute.replicationSubnetGroupId, "test-lab-replication-dms");
      const logGroup = one(graph, T.logGroup);
      assert.equal(logGroup.inputs.name, `dms-serverless-replication-${config.inputs.resourceIdentifier}`);
      assert.ok(config.dependencies.includes(logGroup.urn));
      assert.deepEqual(
        ofType(graph, T.alarm)
          .map((a) => a.inputs.metricName)
          .sort(),
        ["CDCLatencySource", "CDCLatencyTarget", "CapacityUtilization"],
      );
      // DMS Serverless publishes under ReplicationConfigId = <account>:<resource id> (alarms.ts).
      const account = String(config.outputs.arn).split(":")[4];
      const metricDims = { ReplicationConfigId: `${account}:${config.inputs.resourceIdentifier}` };
      for (const alarm of ofType(graph, T.alarm)) {
        assert.deepEqual(alarm.inputs.dimensions, metricDims, String(alarm.inputs.metricName));
        assert.equal(alarm.inputs.treatMissingData, "missing", "a metric that never arrives is not OK");
      }
      const body = parseDashboardBody(String(one(graph, T.dashboard).inputs.dashboardBody));
      const rows = body.widgets.flatMap((w) => (w.type === "metric" ? w.properties.metrics : []));
      assert.ok(rows.length > 0);
      for (const row of rows)
        assert.deepEqual(row.slice(2, 4), ["ReplicationConfigId", metricDims.ReplicationConfigId]);
      const pattern = JSON.parse(String(one(graph, T.rule).inputs.eventPattern));
      assert.deepEqual(pattern.resources, [config.outputs.arn], "the Serverless config's events");
    });

    it("refuses more tasks than one CloudWatch dashboard can show, naming the limit", async () => {
      const tasks = Array.from({ length: 360 }, (_, i) => ({
        name: `t${i}`,
        migrationType: "full-load-and-cdc" as const,
        tableMappings: tableMappings(selectionRule({ schema: "dmslab", table: `t${i}` })),
      }));
      const message = await failure(labArgs("dev", { capacity: { kind: "serverless" }, tasks }));
      assert.match(
        message,
        /DmsReplication "lab": tasks: the migration's dashboard: widgets: CloudWatch allows at most 2500 metrics on a dashboard, across all widgets \(got 2520\) \(360 tasks\): split the tasks into two migrations/,
      );
    });

    it("refuses a CDC start position, which a ReplicationConfig cannot take", async () => {
      const args = labArgs("dev", { capacity: { kind: "serverless" } });
      args.tasks = [{ ...labTask(), migrationType: "cdc", cdcStartPosition: "mysql-bin.000024:373" }];
      assert.match(
        await failure(args),
        /tasks\[0\]: a CDC start position or time is not supported with DMS Serverless/,
      );
    });
  });

  describe("in prod", () => {
    const prodArgs = (extra: Partial<DmsReplicationArgs> = {}) => {
      const args = labArgs("prod", extra);
      const cert = "arn:aws:dms:eu-west-1:123456789012:cert:RDSCABUNDLE";
      return {
        ...args,
        source: { ...(args.source as DatabaseEndpointArgs), certificateArn: cert },
        target: { ...(args.target as DatabaseEndpointArgs), certificateArn: cert },
      };
    };

    it("protects the instance and tasks, so a replacing change fails at preview", async () => {
      const graph = await run(prodArgs());
      for (const type of [T.instance, T.task]) {
        assert.equal(one(graph, type).options.protect, true, type);
        assert.equal(one(graph, type).options.deleteBeforeReplace, true, type);
      }
      assert.equal(one(graph, T.instance).inputs.multiAz, true);
      assert.ok(ofType(graph, T.endpoint).every((e) => e.inputs.sslMode === "verify-full"));
    });

    it("lifts the protection when allowReplacement is set", async () => {
      const graph = await run(prodArgs({ allowReplacement: true }));
      assert.equal(one(graph, T.instance).options.protect, false);
      assert.equal(one(graph, T.task).options.protect, false);
    });

    it("refuses verify-full without a certificate", async () => {
      assert.match(
        await failure(labArgs("prod")),
        /source\.sslMode: sslMode verify-full \(the environment's default\) needs certificateArn/,
      );
    });
  });

  it("sends a setting newer than the catalogue when the task allows it, and tags the task with the allowance", async () => {
    const args = labArgs();
    args.tasks = [
      {
        ...labTask(),
        settings: { TargetMetadata: { NewerSetting: true } },
        allowUnknownSettings: ["TargetMetadata.NewerSetting"],
      },
    ];
    const graph = await run(args);
    const [task] = graph.resources.filter((r) => r.type === "aws:dms/replicationTask:ReplicationTask");
    assert.ok(task);
    const settings = JSON.parse(String(task.inputs.replicationTaskSettings)) as {
      TargetMetadata: Record<string, unknown>;
    };
    assert.equal(settings.TargetMetadata.NewerSetting, true);
    assert.equal((task.inputs.tags as Record<string, string>).DmsAllowUnknownSettings, "TargetMetadata.NewerSetting");
  });

  describe("refuses bad args with the argument path and the rule", () => {
    it("a wrong migration type", async () => {
      const args = labArgs();
      args.tasks = [{ ...labTask(), migrationType: "full" as "cdc" }];
      assert.match(
        await failure(args),
        /DmsReplication "lab": tasks\[0\]\.migrationType: .*full-load, cdc, full-load-and-cdc/,
      );
    });

    it("an sslMode of none", async () => {
      const args = labArgs();
      args.source = { ...args.source, sslMode: "none" as "require" } as DmsReplicationArgs["source"];
      assert.match(
        await failure(args),
        /source\.sslMode: must be one of require, verify-ca, verify-full: SSL is never off/,
      );
    });

    it("a table mapping breaking a DMS rule, with its JSON path", async () => {
      const args = labArgs();
      args.tasks = [
        {
          name: "customers",
          migrationType: "full-load",
          tableMappings: {
            rules: [
              {
                "rule-type": "selection",
                "rule-id": "1",
                "rule-name": "1",
                "rule-action": "keep",
                "object-locator": { "schema-name": "dmslab", "table-name": "customers" },
              },
            ],
          },
        },
      ];
      assert.match(await failure(args), /tasks\[0\]\.tableMappings\.rules\[0\]/);
    });

    it("task settings that lower a required log component below the default severity", async () => {
      const args = labArgs();
      args.tasks = [
        {
          ...labTask(),
          settings: { Logging: { LogComponents: [{ Id: "SOURCE_CAPTURE", Severity: "LOGGER_SEVERITY_ERROR" }] } },
        },
      ];
      assert.match(
        await failure(args),
        /tasks\[0\]\.settings\.Logging\.LogComponents\[1\]\.Severity: SOURCE_CAPTURE must log at LOGGER_SEVERITY_DEFAULT or above/,
      );
    });

    it("a misplaced task setting, naming the section it belongs in", async () => {
      const args = labArgs();
      args.tasks = [{ ...labTask(), settings: { TargetMetadata: { TargetTablePrepMode: "DO_NOTHING" } } }];
      assert.match(
        await failure(args),
        /tasks\[0\]\.settings\.TargetMetadata\.TargetTablePrepMode: not a TargetMetadata setting; it belongs in FullLoadSettings/,
      );
    });

    it("an allowUnknownSettings entry that is not a dotted settings path", async () => {
      const args = labArgs();
      args.tasks = [{ ...labTask(), allowUnknownSettings: ["Logging.LogComponents[0].Foo"] }];
      assert.match(await failure(args), /tasks\[0\]\.allowUnknownSettings\[0\]: must be a dotted settings path/);
    });

    it("a PostgreSQL setting on a MySQL endpoint", async () => {
      const args = labArgs();
      args.source = { ...args.source, settings: { slotName: "dms" } } as DmsReplicationArgs["source"];
      assert.match(await failure(args), /source\.settings\.slotName: is not a mysql endpoint setting/);
    });

    it("tags whose Environment is not the environment", async () => {
      assert.match(
        await failure(labArgs("dev", { tags: labTags("prod") })),
        /tags\.Environment: must equal the environment "dev"/,
      );
    });
  });
});
