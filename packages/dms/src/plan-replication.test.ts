import assert from "node:assert/strict";
import { ConfigError, getProfile, parseComponentArgs } from "@dms-platform/config";
import { type DmsReplicationArgs, type DmsTaskArgs, dmsReplicationArgsSchema, type EndpointArgs } from "./args.js";
import { selectionRule, tableMappings, transformationRule } from "./documents/index.js";
import { fullLobs } from "./heterogeneous.js";
import { ENDPOINT_SG, KMS_KEY, labArgs, labTask, SRC_SG, TGT_SG } from "./lab.test.fixture.js";
import { planReplication } from "./plan-replication.js";

/** Plan as the constructor does: from the parsed args and the environment's profile. No Pulumi. */
function plan(args: DmsReplicationArgs) {
  const parsed = parseComponentArgs(dmsReplicationArgsSchema, args, "DmsReplication", "lab");
  return planReplication(parsed, getProfile(parsed.environment), "lab");
}

/** Asserts that `args` are refused with an error naming the component, `path` and matching `rule`. */
function refuses(args: DmsReplicationArgs, path: string, rule: RegExp) {
  assert.throws(
    () => plan(args),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, `a ConfigError, got ${String(err)}`);
      assert.equal(err.path, path);
      assert.match(err.rule, rule);
      assert.ok(err.message.startsWith(`DmsReplication "lab": ${path}: `), err.message);
      return true;
    },
  );
}

function shop(host: string, cidrBlocks: string[]): EndpointArgs {
  return {
    external: {
      hostname: host,
      port: 3306,
      engine: "mysql",
      databaseName: "shop",
      secretArn: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${host}-AbCdEf`,
      secretKmsKeyArn: KMS_KEY,
      cidrBlocks,
    },
  };
}

function shopTask(source: string): DmsTaskArgs {
  return {
    name: `${source}-shop`,
    source,
    migrationType: "full-load-and-cdc",
    tableMappings: tableMappings(
      selectionRule({ schema: "shop", table: "%" }),
      transformationRule({ target: "schema", schema: "shop", action: "rename", value: source }),
    ),
  };
}

function consolidation(sources: Record<string, EndpointArgs>, tasks: DmsTaskArgs[]): DmsReplicationArgs {
  const { source: _source, ...rest } = labArgs("dev");
  return { ...rest, sources, tasks };
}

describe("planReplication", () => {
  it("resolves the lab (dev): the profile's instance, names, reach by reference, SSL and protection", () => {
    const p = plan(labArgs("dev"));
    assert.deepEqual(p.capacity, {
      kind: "instance",
      instanceClass: "dms.t3.medium",
      allocatedStorageGb: 50,
      multiAz: false,
      replicationInstanceId: "dev-lab-replication-dms",
      logGroupName: "dms-tasks-dev-lab-replication-dms",
    });
    assert.equal(p.securityGroup.name, "dev-lab-dms");
    assert.equal(p.subnetGroupId, "dev-lab-replication-dms");
    assert.deepEqual(
      p.securityGroup.rules.egress.map((r) => [r.key, r.port, r.referencedSecurityGroupId]),
      [
        ["egress-source", 3306, SRC_SG],
        ["egress-target", 3306, TGT_SG],
        ["egress-endpoints", 443, ENDPOINT_SG],
      ],
    );
    assert.deepEqual(
      p.securityGroup.rules.ingress.map((r) => [r.key, r.securityGroupId]),
      [
        ["ingress-source", SRC_SG],
        ["ingress-target", TGT_SG],
      ],
    );
    assert.deepEqual(
      p.sources.map((s) => [s.endpointPlan.short, s.endpointPlan.sslMode]),
      [["src", "require"]],
    );
    assert.equal("short" in p.target && p.target.short, "tgt");
    assert.deepEqual(p.replicationOptions, { protect: false, deleteBeforeReplace: true });
    assert.equal(p.tasks.length, 1);
    assert.equal(p.tasks[0]?.source, p.sources[0]);
    assert.equal(p.tasks[0]?.identifier, "dev-lab-customers-dms");
    assert.equal(p.tasks[0]?.serverless, undefined);
    assert.match(p.tasks[0]?.documents.tableMappingsJson ?? "", /"customers"/);
    assert.deepEqual(p.warnings, []);
  });

  it("takes explicit capacity over the profile's, and the profile's Serverless range by default", () => {
    const explicit = plan(labArgs("dev", { capacity: { kind: "instance", allocatedStorageGb: 500, multiAz: true } }));
    assert.deepEqual(explicit.capacity, {
      kind: "instance",
      instanceClass: "dms.t3.medium",
      allocatedStorageGb: 500,
      multiAz: true,
      replicationInstanceId: "dev-lab-replication-dms",
      logGroupName: "dms-tasks-dev-lab-replication-dms",
    });
    const serverless = plan(labArgs("dev", { capacity: { kind: "serverless", maxCapacityUnits: 8 } }));
    assert.deepEqual(serverless.capacity, {
      kind: "serverless",
      minCapacityUnits: 1,
      maxCapacityUnits: 8,
      multiAz: false,
    });
    // A Serverless replication's ARN and log group end with its resource identifier, known at plan time.
    assert.deepEqual(serverless.tasks[0]?.serverless, {
      resourceIdentifier: "dev-lab-customers-dms",
      logGroupName: "dms-serverless-replication-dev-lab-customers-dms",
    });
  });

  it("protects prod's replication unless allowReplacement is set, and verifies certificates there", () => {
    const cert = "arn:aws:dms:eu-west-1:123456789012:cert:RDSCABUNDLE";
    const args = labArgs("prod");
    const withCerts = {
      ...args,
      source: { ...args.source, certificateArn: cert } as EndpointArgs,
      target: { ...args.target, certificateArn: cert },
    };
    const prod = plan(withCerts);
    assert.deepEqual(prod.replicationOptions, { protect: true, deleteBeforeReplace: true });
    assert.deepEqual(
      [prod.sources[0]?.endpointPlan.sslMode, "sslMode" in prod.target && prod.target.sslMode],
      ["verify-full", "verify-full"],
    );
    assert.equal(plan({ ...withCerts, allowReplacement: true }).replicationOptions.protect, false);
  });

  it("points each task at the source it names and reaches external sources by CIDR", () => {
    const p = plan(
      consolidation(
        { eu: shop("shop-eu.corp.example", ["172.16.1.0/24"]), us: shop("shop-us.corp.example", ["172.16.2.0/24"]) },
        [shopTask("us"), shopTask("eu")],
      ),
    );
    assert.deepEqual(
      p.tasks.map((t) => [t.task.name, t.source.endpointPlan.short]),
      [
        ["us-shop", "src-us"],
        ["eu-shop", "src-eu"],
      ],
    );
    assert.deepEqual(
      p.securityGroup.rules.egress.map((r) => [r.key, r.cidrIpv4 ?? r.referencedSecurityGroupId]),
      [
        ["egress-source-eu-0", "172.16.1.0/24"],
        ["egress-source-us-0", "172.16.2.0/24"],
        ["egress-target", TGT_SG],
        ["egress-endpoints", ENDPOINT_SG],
      ],
    );
  });

  it("warns, without refusing, about an external database it cannot give a rule to", () => {
    const external = shop("shop.corp.example", []) as { external: Record<string, unknown> };
    delete external.external.cidrBlocks;
    const p = plan(labArgs("dev", { source: external as EndpointArgs }));
    assert.deepEqual(p.warnings, [
      'DmsReplication "lab": the source is external and has no cidrBlocks: the DMS security group gets no egress rule to it, so DMS cannot reach it',
    ]);
    assert.deepEqual(
      p.securityGroup.rules.egress.map((r) => r.key),
      ["egress-target", "egress-endpoints"],
    );
  });

  describe("refuses", () => {
    it("a Serverless minimum above its maximum", () => {
      refuses(
        labArgs("dev", { capacity: { kind: "serverless", minCapacityUnits: 32 } }),
        "capacity.minCapacityUnits",
        /must not exceed maxCapacityUnits \(32 > 4\)/,
      );
    });

    it("a CDC start position or time with Serverless", () => {
      const args = labArgs("dev", { capacity: { kind: "serverless" } });
      args.tasks = [
        labTask(),
        { ...labTask(), name: "later", migrationType: "cdc", cdcStartTime: "2026-01-01T00:00:00Z" },
      ];
      refuses(args, "tasks[1]", /a CDC start position or time is not supported with DMS Serverless/);
    });

    it("two tasks writing one target table, naming the later task's mappings", () => {
      refuses(
        labArgs("dev", { tasks: [labTask(), { ...labTask(), name: "again" }] }),
        "tasks[1].tableMappings",
        /again/,
      );
    });

    it("more tasks than one CloudWatch dashboard can show", () => {
      const tasks = Array.from({ length: 360 }, (_, i) => ({
        name: `t${i}`,
        migrationType: "full-load-and-cdc" as const,
        tableMappings: tableMappings(selectionRule({ schema: "dmslab", table: `t${i}` })),
      }));
      refuses(
        labArgs("dev", { capacity: { kind: "serverless" }, tasks }),
        "tasks",
        /the migration's dashboard: widgets: CloudWatch allows at most 2500 metrics on a dashboard, across all widgets \(got 2520\) \(360 tasks\)/,
      );
    });

    it("two sources whose security-group rules would share a name", () => {
      const args = consolidation(
        {
          a: shop("shop-a.corp.example", ["172.16.1.0/24", "172.16.9.0/24"]),
          "a-1": { ...(labArgs("dev").source as EndpointArgs) },
        },
        [shopTask("a"), shopTask("a-1")],
      );
      refuses(args, "sources", /two sources give the security-group rule "egress-source-a-1": rename one/);
    });

    it("verify-full without a certificate, naming the source's key", () => {
      refuses(
        labArgs("prod"),
        "source.sslMode",
        /sslMode verify-full \(the environment's default\) needs certificateArn/,
      );
      const external = shop("shop-eu.corp.example", ["172.16.1.0/24"]) as { external: Record<string, unknown> };
      external.external.sslMode = "verify-ca";
      refuses(
        consolidation({ eu: external as EndpointArgs }, [shopTask("eu")]),
        "sources.eu.external.sslMode",
        /sslMode verify-ca needs certificateArn/,
      );
    });
  });

  it("warns of a full-LOB table under batch apply, and of DMS-created tables from SQL Server, in the plan", () => {
    const args = labArgs("dev", {
      source: {
        external: {
          hostname: "billing-sql01.corp",
          port: 1433,
          engine: "sqlserver",
          databaseName: "billing",
          secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing-AbCdEf",
          secretKmsKeyArn: KMS_KEY,
          cidrBlocks: ["172.16.20.0/24"],
        },
      },
      tasks: [
        {
          name: "billing",
          migrationType: "full-load-and-cdc",
          tableMappings: tableMappings(
            selectionRule({ schema: "dbo", table: "%" }),
            fullLobs({ schema: "dbo", table: "invoice_pdfs" }),
          ),
          settings: { TargetMetadata: { BatchApplyEnabled: true } },
        },
      ],
    });
    const warnings = plan(args).warnings;
    assert.equal(warnings.length, 2, warnings.join("\n"));
    assert.match(
      warnings[0] ?? "",
      /^DmsReplication "lab": tasks\[0\]: TargetTablePrepMode DROP_AND_CREATE .*identity property/,
    );
    assert.match(
      warnings[1] ?? "",
      /^DmsReplication "lab": tasks\[0\]\.tableMappings\.rules\[1\]: dbo\.invoice_pdfs is in full LOB mode/,
    );
  });
});
