import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  CheckpointError,
  type DiffSchema,
  diffStack,
  readCheckpoint,
  runProgram,
  SECRET,
  UNKNOWN,
  writeCheckpoint,
} from "./index.js";

const opts = { project: "demo", stack: "dev", config: { "aws:region": "eu-west-1" } };

// A slice of the provider's schemas (the full table is @dms-platform/config PROVIDER_SCHEMAS).
const SCHEMAS: Record<string, DiffSchema> = {
  "aws:ec2/vpc:Vpc": { forceNew: ["cidrBlock"] },
  "aws:ec2/subnet:Subnet": { forceNew: ["availabilityZone", "cidrBlock", "vpcId"] },
  "aws:iam/role:Role": {
    forceNew: ["name", "namePrefix", "path"],
    fixedName: ["name"],
    jsonInputs: ["assumeRolePolicy"],
  },
};
const schemaOf = (type: string) => SCHEMAS[type];

interface Shape {
  cidr?: string;
  protect?: boolean;
  roleName?: string;
  path?: string;
  deleteBeforeReplace?: boolean;
  policy?: string;
  roleLogicalName?: string;
  retain?: boolean;
}

function program(shape: Shape = {}) {
  return () => {
    const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: shape.cidr ?? "10.0.0.0/16" }, { protect: shape.protect ?? false });
    new aws.ec2.Subnet("private-a", { vpcId: vpc.id, cidrBlock: "10.0.0.0/24", availabilityZone: "eu-west-1a" });
    new aws.iam.Role(
      shape.roleLogicalName ?? "role",
      {
        name: shape.roleName ?? "dms-vpc-role",
        path: shape.path ?? "/",
        assumeRolePolicy:
          shape.policy ??
          JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] }),
      },
      {
        ...(shape.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
        ...(shape.retain ? { retainOnDelete: true } : {}),
      },
    );
    return { vpcId: vpc.id };
  };
}

async function stateOf(shape: Shape = {}) {
  const graph = await runProgram(program(shape), opts);
  return readCheckpoint(JSON.stringify(writeCheckpoint(graph)), "demo.dev.state.json");
}

const op = (d: ReturnType<typeof diffStack>, name: string) => d.changes.find((c) => c.name === name);

describe("checkpoints", () => {
  it("writes what `pulumi stack export` prints, with secrets in the secret envelope", async () => {
    const graph = await runProgram(() => {
      new aws.secretsmanager.SecretVersion("pw", { secretId: "s", secretString: pulumi.secret("hunter2") });
    }, opts);
    const text = JSON.stringify(writeCheckpoint(graph));
    assert.doesNotMatch(text, /hunter2/);
    const doc = JSON.parse(text) as { version: number; deployment: { resources: Array<Record<string, unknown>> } };
    assert.equal(doc.version, 3);
    const version = doc.deployment.resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion");
    assert.ok(version);
    assert.deepEqual((version.inputs as Record<string, unknown>).secretString, {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "offline:unknown",
    });
    assert.ok(doc.deployment.resources.some((r) => String(r.type).startsWith("pulumi:providers:aws")));
    const back = readCheckpoint(text, "x.json");
    assert.equal(back.resources.find((r) => r.type.endsWith("SecretVersion"))?.inputs.secretString, SECRET);
  });

  it("refuses a file that is not a version 3 export, naming the file and the path", () => {
    assert.throws(
      () => readCheckpoint(JSON.stringify({ version: 2, deployment: {} }), "state/a.json"),
      (err: unknown) => err instanceof CheckpointError && /^state\/a\.json: version: must be 3/.test(err.message),
    );
    assert.throws(() => readCheckpoint("{", "b.json"), /b\.json: not valid JSON/);
    assert.throws(
      () =>
        readCheckpoint(
          JSON.stringify({
            version: 3,
            deployment: { manifest: { time: "t", magic: "", version: "v3" }, resources: [{}] },
          }),
          "c.json",
        ),
      /c\.json: deployment\.resources\[0\]\.urn/,
    );
  });
});

describe("diffStack", () => {
  it("finds nothing to do when the program matches its own state", async () => {
    const d = diffStack(await stateOf(), await runProgram(program(), opts), schemaOf);
    assert.deepEqual(
      d.changes.filter((c) => c.op !== "same").map((c) => `${c.op} ${c.name}`),
      [],
    );
  });

  it("replaces the VPC for a new CIDR and the subnet hanging on it, with the reasons", async () => {
    const d = diffStack(await stateOf(), await runProgram(program({ cidr: "10.1.0.0/16" }), opts), schemaOf);
    assert.deepEqual(op(d, "vpc")?.replaceKeys, ["cidrBlock"]);
    assert.equal(op(d, "private-a")?.op, "replace");
    assert.deepEqual(op(d, "private-a")?.replaceKeys, ["vpcId"]);
    assert.deepEqual(op(d, "private-a")?.unknownKeys, ["vpcId"]);
    const subnet = d.preview.resources.find((r) => r.name === "private-a");
    assert.equal(subnet?.inputs.vpcId, UNKNOWN, "preview cannot know the new VPC's id");
    assert.equal(d.preview.resources.find((r) => r.name === "vpc")?.outputs.cidrBlock, "10.1.0.0/16");
    assert.equal(op(d, "role")?.op, "same");
  });

  it("ignores inputs a real export lists as the provider's defaults", async () => {
    const graph = await runProgram(program(), opts);
    const exported = writeCheckpoint(graph) as { deployment: { resources: Array<Record<string, unknown>> } };
    const vpc = exported.deployment.resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
    assert.ok(vpc);
    vpc.inputs = { ...(vpc.inputs as object), enableDnsSupport: true, __defaults: ["enableDnsSupport"] };
    const d = diffStack(readCheckpoint(JSON.stringify(exported), "x.json"), graph, schemaOf);
    assert.equal(op(d, "vpc")?.op, "same");
  });

  it("compares JSON documents by meaning", async () => {
    const reordered = JSON.stringify({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow" }],
      Version: "2012-10-17",
    });
    const d = diffStack(await stateOf(), await runProgram(program({ policy: reordered }), opts), schemaOf);
    assert.equal(op(d, "role")?.op, "same");
    const changed = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "sts:AssumeRole" }],
    });
    const d2 = diffStack(await stateOf(), await runProgram(program({ policy: changed }), opts), schemaOf);
    assert.equal(op(d2, "role")?.op, "update");
    assert.deepEqual(op(d2, "role")?.diff, ["assumeRolePolicy"]);
  });

  it("reports replacing a protected resource as a problem", async () => {
    const d = diffStack(
      await stateOf({ protect: true }),
      await runProgram(program({ cidr: "10.1.0.0/16", protect: true }), opts),
      schemaOf,
    );
    assert.match(op(d, "vpc")?.problems[0] ?? "", /protected and would be replaced \(cidrBlock changed\)/);
  });

  it("reports a fixed name replaced create-before-delete, and not when deleted first", async () => {
    const d = diffStack(await stateOf(), await runProgram(program({ path: "/service/" }), opts), schemaOf);
    assert.equal(op(d, "role")?.op, "replace");
    assert.match(op(d, "role")?.problems[0] ?? "", /physical name "dms-vpc-role" is fixed/);
    const dbr = diffStack(
      await stateOf(),
      await runProgram(program({ path: "/service/", deleteBeforeReplace: true }), opts),
      schemaOf,
    );
    assert.deepEqual(op(dbr, "role")?.problems, []);
  });

  it("reports a create that collides with a retained resource the delete leaves behind", async () => {
    const d = diffStack(
      await stateOf({ retain: true }),
      await runProgram(program({ roleLogicalName: "account-role" }), opts),
      schemaOf,
    );
    assert.equal(op(d, "account-role")?.op, "create");
    assert.equal(op(d, "role")?.op, "delete");
    assert.match(op(d, "account-role")?.problems[0] ?? "", /retainOnDelete\) leaves behind/);
  });
});
