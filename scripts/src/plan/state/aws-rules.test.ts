import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChangeOp, GraphResource, ResourceChange, StateResource } from "@dms-platform/offline";
import { AWS_RULES, addRuleProblems, majorVersion, recreateCollision, rulesTable } from "./aws-rules.js";

const urnOf = (type: string, name: string) => `urn:pulumi:dev::p::${type}::${name}`;

function stateResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<StateResource> = {},
): StateResource {
  return {
    urn: urnOf(type, name),
    type,
    custom: true,
    inputs,
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    aliases: [],
    ...extra,
  };
}

function graphResource(type: string, name: string, inputs: Record<string, unknown>): GraphResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    custom: true,
    inputs,
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: {
      protect: false,
      retainOnDelete: false,
      ignoreChanges: [],
      replaceOnChanges: [],
      additionalSecretOutputs: [],
      aliases: [],
    },
  };
}

/** One change: the deployed resource (`old`), what the program declares (`now`; absent: deleted). */
function change(
  op: ChangeOp,
  type: string,
  name: string,
  old: Record<string, unknown> | undefined,
  now: Record<string, unknown> | undefined,
  extra: Partial<ResourceChange> & { oldExtra?: Partial<StateResource> } = {},
): ResourceChange {
  const { oldExtra, ...rest } = extra;
  return {
    urn: urnOf(type, name),
    type,
    name,
    op,
    diff: [],
    replaceKeys: [],
    unknownKeys: [],
    deleteBeforeReplace: false,
    problems: [],
    ...(old ? { old: stateResource(type, name, old, oldExtra) } : {}),
    ...(now ? { new: graphResource(type, name, now) } : {}),
    ...rest,
  };
}

/** The problems the rules add to a plan's changes, one string per problem. */
function fire(...changes: ResourceChange[]): string[] {
  addRuleProblems(changes);
  return changes.flatMap((c) => c.problems);
}

const RDS = "aws:rds/instance:Instance";
const DMS_INSTANCE = "aws:dms/replicationInstance:ReplicationInstance";
const TASK = "aws:dms/replicationTask:ReplicationTask";
const BUCKET = "aws:s3/bucket:Bucket";
const SECRET = "aws:secretsmanager/secret:Secret";
const ROLE = "aws:iam/role:Role";

describe("AWS call-time rules", () => {
  describe("rds-deletion-protection", () => {
    it("refuses deleting a database deployed with deletion protection, naming the error and the fix", () => {
      const [problem] = fire(change("delete", RDS, "db", { deletionProtection: true }, undefined));
      assert.match(problem ?? "", /rds\/instance "db" has deletion protection and would be deleted/);
      assert.match(problem ?? "", /Cannot delete protected DB Instance/);
      assert.match(problem ?? "", /deletionProtection: false.*first/);
      assert.match(problem ?? "", /\[rds-deletion-protection\]$/);
    });
    it("lets a database without deletion protection be deleted", () => {
      assert.deepEqual(fire(change("delete", RDS, "db", { deletionProtection: false }, undefined)), []);
    });
  });

  describe("dms-instance-in-use", () => {
    const instance = (op: ChangeOp) =>
      change(op, DMS_INSTANCE, "ri", { replicationInstanceId: "ri-dev" }, op === "delete" ? undefined : {}, {
        deleteBeforeReplace: true,
        replaceKeys: ["replicationInstanceId"],
      });
    const task = (op: ChangeOp, diff: string[] = []) =>
      change(op, TASK, "orders", { replicationTaskId: "orders-dev" }, op === "delete" ? undefined : {}, {
        diff,
        oldExtra: { dependencies: [urnOf(DMS_INSTANCE, "ri")] },
      });
    it("refuses replacing an instance delete-before-replace while a kept task uses it", () => {
      const [problem] = fire(instance("replace"), task("update", ["replicationInstanceArn"]));
      assert.match(
        problem ?? "",
        /replaced delete-before-replace \(replicationInstanceId changed\) while task orders-dev/,
      );
      assert.match(problem ?? "", /InvalidResourceStateFault/);
    });
    it("lets the instance go when its tasks go with it, or move away before a delete", () => {
      assert.deepEqual(fire(instance("replace"), task("replace")), []);
      assert.deepEqual(fire(instance("delete"), task("delete")), []);
      assert.deepEqual(fire(instance("delete"), task("update", ["replicationInstanceArn"])), []);
    });
  });

  describe("dms-major-version-upgrade", () => {
    const upgrade = (from: string, to: string, allow?: boolean) =>
      change(
        "update",
        DMS_INSTANCE,
        "ri",
        { engineVersion: from },
        { engineVersion: to, ...(allow !== undefined ? { allowMajorVersionUpgrade: allow } : {}) },
        { diff: ["engineVersion"] },
      );
    it("refuses 3.4 -> 3.5 without allowMajorVersionUpgrade", () => {
      const [problem] = fire(upgrade("3.4.7", "3.5.4"));
      assert.match(problem ?? "", /engineVersion 3\.4\.7 -> 3\.5\.4 is a major version upgrade/);
    });
    it("lets a minor upgrade, or a major one allowed, through", () => {
      assert.deepEqual(fire(upgrade("3.5.3", "3.5.4")), []);
      assert.deepEqual(fire(upgrade("3.4.7", "3.5.4", true)), []);
    });
    it("counts majors as the services do", () => {
      assert.equal(majorVersion("3.5.4"), "3.5");
      assert.equal(majorVersion("16.4", "postgres"), "16");
      assert.equal(majorVersion("8.0.39", "mysql"), "8.0");
    });
  });

  describe("s3-bucket-not-empty", () => {
    it("refuses deleting a bucket without forceDestroy", () => {
      const [problem] = fire(change("delete", BUCKET, "trail", { bucket: "trail-logs" }, undefined));
      assert.match(problem ?? "", /s3\/bucket "trail" would be deleted without forceDestroy.*BucketNotEmpty/);
    });
    it("lets a bucket with forceDestroy, or a retained one, go", () => {
      assert.deepEqual(fire(change("delete", BUCKET, "t", { forceDestroy: true }, undefined)), []);
      assert.deepEqual(fire(change("delete", BUCKET, "t", {}, undefined, { oldExtra: { retainOnDelete: true } })), []);
    });
  });

  describe("secret-name-scheduled-for-deletion", () => {
    const replaced = (window?: number) =>
      change(
        "replace",
        SECRET,
        "s",
        { name: "dmslab/dev/target", ...(window !== undefined ? { recoveryWindowInDays: window } : {}) },
        { name: "dmslab/dev/target", kmsKeyId: "k2" },
        { deleteBeforeReplace: true, replaceKeys: ["kmsKeyId"] },
      );
    it("refuses re-creating a secret under the name its deleted copy still holds", () => {
      const [problem] = fire(replaced());
      assert.match(problem ?? "", /scheduled for deletion for 30 days/);
    });
    it("lets a secret deleted without recovery window be re-created", () => {
      assert.deepEqual(fire(replaced(0)), []);
    });
  });

  describe("account-roles-deleted", () => {
    it("refuses deleting the account's DMS roles (accountRoles create -> adopt)", () => {
      const [problem] = fire(change("delete", ROLE, "account-roles-vpc", { name: "dms-vpc-role" }, undefined));
      assert.match(problem ?? "", /\(dms-vpc-role\) would be deleted.*accountRoles from create to adopt/);
    });
    it("says what destroying the creating foundation does to the stacks that adopt the roles", () => {
      const roles = change("delete", ROLE, "account-roles-vpc", { name: "dms-vpc-role" }, undefined);
      addRuleProblems([roles], { destroy: true });
      const [problem] = roles.problems;
      assert.match(problem ?? "", /\(dms-vpc-role\) would be deleted by `pulumi destroy` of this foundation/);
      assert.match(problem ?? "", /Destroy this foundation last, after every other stack of the account/);
      assert.doesNotMatch(problem ?? "", /create to adopt/);
    });
    it("lets another role, or a retained account role, go", () => {
      assert.deepEqual(fire(change("delete", ROLE, "r", { name: "orders-dev-s3" }, undefined)), []);
      assert.deepEqual(
        fire(change("delete", ROLE, "r", { name: "dms-vpc-role" }, undefined, { oldExtra: { retainOnDelete: true } })),
        [],
      );
    });
  });

  describe("rds-subnet-group-other-vpc", () => {
    const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
    const SUBNET = "aws:ec2/subnet:Subnet";
    const VPC = "aws:ec2/vpc:Vpc";
    /** The network's VPC (`vpcOp`), one subnet in it, and the DB subnet group moved onto it. */
    const moveTo = (vpcOp: ChangeOp, subnetVpcId?: string) => {
      const vpc = change(vpcOp, VPC, "vpc", { cidrBlock: "10.0.0.0/16" }, { cidrBlock: "10.1.0.0/16" });
      const subnet = change("replace", SUBNET, "private-a", { vpcId: "vpc-old" }, {}, { replaceKeys: ["vpcId"] });
      if (subnet.new) {
        subnet.new.inputs.vpcId = subnetVpcId ?? "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        subnet.new.propertyDependencies = { vpcId: [vpc.urn] };
      }
      const group = change(
        "update",
        SUBNET_GROUP,
        "db-subnets",
        { subnetIds: ["subnet-1"] },
        {},
        {
          diff: ["subnetIds"],
          oldExtra: { outputs: { vpcId: "vpc-old" } },
        },
      );
      if (group.new) group.new.propertyDependencies = { subnetIds: [subnet.urn] };
      return fire(vpc, subnet, group);
    };
    it("refuses moving a DB subnet group onto the subnets of a replaced VPC", () => {
      const [problem, ...others] = moveTo("replace");
      assert.deepEqual(others, []);
      assert.match(
        problem ?? "",
        /rds\/subnetGroup "db-subnets" would be updated to subnets of another VPC than vpc-old/,
      );
      assert.match(problem ?? "", /InvalidParameterValue: The new Subnets are not in the same Vpc/);
      assert.match(problem ?? "", /\[rds-subnet-group-other-vpc\]$/);
      assert.equal(moveTo("update", "vpc-new").length, 1, "a known other VPC id");
    });
    it("lets new subnets of the same VPC through", () => {
      assert.deepEqual(moveTo("update"), []);
      assert.deepEqual(moveTo("update", "vpc-old"), []);
    });
  });

  describe("kms-key-deleted-under-retained-data", () => {
    const KEY = "aws:kms/key:Key";
    const key = (retain = false) =>
      change("delete", KEY, "db-key", { description: "k" }, undefined, { oldExtra: { retainOnDelete: retain } });
    const database = (inputs: Record<string, unknown>) =>
      change("delete", RDS, "db", inputs, undefined, { oldExtra: { dependencies: [urnOf(KEY, "db-key")] } });
    it("refuses deleting a key while the final snapshot it encrypts stays", () => {
      const [problem] = fire(key(), database({ finalSnapshotIdentifier: "db-final-9d1c" }));
      assert.match(
        problem ?? "",
        /kms\/key "db-key" would be deleted \(scheduled for deletion\) while rds\/instance "db" \(its final snapshot\) stays in AWS/,
      );
      assert.match(problem ?? "", /\[kms-key-deleted-under-retained-data\]$/);
      const bucket = change("delete", BUCKET, "logs", {}, undefined, {
        oldExtra: { retainOnDelete: true, dependencies: [urnOf(KEY, "db-key")] },
      });
      assert.match(fire(key(), bucket)[0] ?? "", /s3\/bucket "logs" \(retained\)/);
    });
    it("lets the key go with data that goes too, or stay (retainOnDelete) with the data", () => {
      assert.deepEqual(fire(key(), database({ skipFinalSnapshot: true })), []);
      assert.deepEqual(fire(key(true), database({ finalSnapshotIdentifier: "db-final-9d1c" })), []);
    });
  });

  describe("recreateCollision", () => {
    const fixed = (type: string) => (type === SECRET || type === BUCKET ? ["name", "bucket"] : undefined);
    it("names what a destroy leaves that a re-create collides with", () => {
      assert.match(
        recreateCollision(stateResource(SECRET, "s", { name: "dmslab/dev/target" }), fixed) ?? "",
        /scheduled for deletion for 30 days/,
      );
      assert.match(
        recreateCollision(stateResource(BUCKET, "b", { bucket: "logs" }, { retainOnDelete: true }), fixed) ?? "",
        /is retained: "logs" stays in AWS/,
      );
      assert.match(
        recreateCollision(stateResource(RDS, "db", { finalSnapshotIdentifier: "db-final" }), fixed) ?? "",
        /DBSnapshotAlreadyExists/,
      );
      assert.equal(
        recreateCollision(stateResource(SECRET, "s", { name: "x", recoveryWindowInDays: 0 }), fixed),
        undefined,
      );
      const generated = { propertyDependencies: { name: [urnOf("random:index/randomId:RandomId", "gen")] } };
      assert.equal(recreateCollision(stateResource(SECRET, "s", { name: "x-9d1c" }, generated), fixed), undefined);
    });
    it("reports no final-snapshot collision when the identifier carries a generation made on create", () => {
      // packages/database: finalSnapshotIdentifier `<id>-final-<generation.hex>`, the RandomId a child of the component.
      const generation =
        "urn:pulumi:prod::p::dms-platform:database:MigrationDatabase$random:index/randomId:RandomId::gen";
      const db = stateResource(
        RDS,
        "db",
        { finalSnapshotIdentifier: "prod-dmslab-tgt-final-9d1c" },
        { propertyDependencies: { finalSnapshotIdentifier: [generation] } },
      );
      assert.equal(recreateCollision(db, fixed), undefined);
      // A fixed identifier, or one computed from another resource, still collides.
      const other = { propertyDependencies: { finalSnapshotIdentifier: [urnOf("aws:kms/key:Key", "k")] } };
      assert.match(
        recreateCollision(stateResource(RDS, "db", { finalSnapshotIdentifier: "db-final" }, other), fixed) ?? "",
        /the final snapshot "db-final" stays.*DBSnapshotAlreadyExists/,
      );
    });
  });

  describe("Redshift Serverless", () => {
    const WG = "aws:redshiftserverless/workgroup:Workgroup";
    const NS = "aws:redshiftserverless/namespace:Namespace";
    const SUBNET = "aws:ec2/subnet:Subnet";
    const subnet = (name: string, az: string) => change("create", SUBNET, name, undefined, { availabilityZone: az });
    const workgroup = (inputs: Record<string, unknown>, subnets: ResourceChange[] = []) => {
      const c = change("create", WG, "wg", undefined, { workgroupName: "dev-dmslab-dwh", ...inputs });
      if (c.new) c.new.propertyDependencies = { subnetIds: subnets.map((s) => s.urn) };
      return c;
    };

    it("refuses a base capacity outside 8-512 in units of 8, and a maximum below the base", () => {
      assert.deepEqual(fire(workgroup({ baseCapacity: 32, maxCapacity: 256 })), []);
      const [base] = fire(workgroup({ baseCapacity: 12 }));
      assert.match(
        base ?? "",
        /baseCapacity 12 is not 8 to 512 RPUs in units of 8.*ValidationException.*\[redshift-serverless-capacity\]/,
      );
      const [max] = fire(workgroup({ baseCapacity: 64, maxCapacity: 32 }));
      assert.match(max ?? "", /maxCapacity 32 is below baseCapacity 64/);
      // An update that leaves the capacity alone is not judged again.
      const kept = change("update", WG, "wg", { baseCapacity: 12 }, { baseCapacity: 12, publiclyAccessible: false });
      kept.diff = ["publiclyAccessible"];
      assert.deepEqual(fire(kept), []);
    });

    it("refuses a workgroup on subnets of fewer than three Availability Zones", () => {
      const two = [subnet("a", "eu-west-1a"), subnet("b", "eu-west-1b")];
      const [problem] = fire(...two, workgroup({ baseCapacity: 8 }, two));
      assert.match(
        problem ?? "",
        /subnets in 2 Availability Zones \(eu-west-1a, eu-west-1b\).*network\.azCount.*\[redshift-serverless-subnets-three-azs\]/,
      );
      const three = [...two, subnet("c", "eu-west-1c")];
      assert.deepEqual(fire(...three, workgroup({ baseCapacity: 8 }, three)), []);
    });

    it("refuses a namespace or workgroup name Redshift Serverless does not accept", () => {
      const [problem] = fire(change("create", NS, "ns", undefined, { namespaceName: "Prod_DWH" }));
      assert.match(
        problem ?? "",
        /namespaceName "Prod_DWH" is not 3-64 lowercase letters.*\[redshift-serverless-name\]/,
      );
      assert.deepEqual(fire(change("create", NS, "ns", undefined, { namespaceName: "prod-dmslab-dwh" })), []);
    });
  });

  it("has a source, an error and a precondition for every rule, and unique ids", () => {
    assert.equal(new Set(AWS_RULES.map((r) => r.id)).size, AWS_RULES.length);
    for (const r of AWS_RULES) for (const f of [r.source, r.awsError, r.precondition]) assert.ok(f.length > 10, r.id);
  });

  it("is the table docs/plan.md shows", () => {
    // Biome pads a Markdown table's columns: compare cell by cell.
    const cells = (text: string) =>
      text
        .split("\n")
        .filter((l) => l.startsWith("|"))
        .map((l) =>
          l
            .split(/(?<!\\)\|/)
            .map((c) => c.trim().replace(/^-+$/, "---"))
            .join("|"),
        )
        .join("\n");
    const doc = readFileSync(join(__dirname, "..", "..", "..", "..", "docs", "plan.md"), "utf8");
    const section = doc.slice(doc.indexOf("## What the plan knows AWS would refuse"));
    assert.ok(
      cells(section).startsWith(cells(rulesTable())),
      "docs/plan.md holds rulesTable() (regenerate the table from aws-rules.ts)",
    );
  });
});
