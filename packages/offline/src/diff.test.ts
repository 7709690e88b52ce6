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
  type StackState,
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

/** What `pulumi preview` shows for `prog` against `state`: the program run against it, then diffed. */
async function planAgainst(state: StackState, prog: () => unknown, config: Record<string, unknown> = opts.config) {
  const graph = await runProgram(prog, { ...opts, config, against: { state, schemaOf } });
  return diffStack(state, graph, schemaOf);
}

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
    const d = await planAgainst(await stateOf(), program());
    assert.deepEqual(
      d.changes.filter((c) => c.op !== "same").map((c) => `${c.op} ${c.name}`),
      [],
    );
  });

  it("replaces the VPC for a new CIDR and the subnet hanging on it, with the reasons", async () => {
    const d = await planAgainst(await stateOf(), program({ cidr: "10.1.0.0/16" }));
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
    const d = await planAgainst(readCheckpoint(JSON.stringify(exported), "x.json"), program());
    assert.equal(op(d, "vpc")?.op, "same");
  });

  it("answers unchanged resources with the state's ids and outputs, so what reads them is real", async () => {
    const exported = writeCheckpoint(await runProgram(program(), opts)) as {
      deployment: { resources: Array<Record<string, unknown>> };
    };
    // As after a real `pulumi up`: the provider's ids, everywhere they were used.
    const text = JSON.stringify(exported).replaceAll(/vpc-[0-9a-f]{17}/g, "vpc-0a1b2c3d4e5f60718");
    const d = await planAgainst(readCheckpoint(text, "x.json"), program());
    assert.deepEqual(
      d.changes.filter((c) => c.op !== "same").map((c) => c.name),
      [],
    );
    assert.equal(d.preview.resources.find((r) => r.name === "vpc")?.id, "vpc-0a1b2c3d4e5f60718");
    assert.equal(d.preview.resources.find((r) => r.name === "private-a")?.inputs.vpcId, "vpc-0a1b2c3d4e5f60718");
    assert.equal(d.preview.outputs.vpcId, "vpc-0a1b2c3d4e5f60718");
  });

  it("spreads unknowns through apply, JSON documents and names taken from an ARN of a replaced resource", async () => {
    const derived = (cidr: string) => () => {
      const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: cidr });
      new aws.iam.Policy("policy", {
        name: "reader",
        policy: vpc.arn.apply((arn) =>
          JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: arn }] }),
        ),
      });
      new aws.ssm.Parameter("vpc-name", {
        name: "/demo/vpc",
        type: "String",
        value: vpc.arn.apply((a) => a.split("/")[1] ?? ""),
      });
      new aws.ssm.Parameter("fixed", {
        name: "/demo/fixed",
        type: "String",
        value: "x",
        description: pulumi.interpolate`cidr ${vpc.cidrBlock}`,
      });
      return { vpcArn: vpc.arn };
    };
    const state = readCheckpoint(
      JSON.stringify(writeCheckpoint(await runProgram(derived("10.0.0.0/16"), opts))),
      "x.json",
    );
    const same = await planAgainst(state, derived("10.0.0.0/16"));
    assert.deepEqual(
      same.changes.filter((c) => c.op !== "same").map((c) => c.name),
      [],
    );
    const d = await planAgainst(state, derived("10.1.0.0/16"));
    assert.equal(op(d, "vpc")?.op, "replace");
    assert.equal(d.preview.resources.find((r) => r.name === "vpc")?.id, undefined, "a replaced resource has no id yet");
    assert.equal(op(d, "policy")?.op, "update");
    assert.deepEqual(op(d, "policy")?.unknownKeys, ["policy"]);
    assert.deepEqual(op(d, "vpc-name")?.unknownKeys, ["value"]);
    // The CIDR is the VPC's own input, echoed back by the provider: known, and changed.
    assert.equal(d.preview.resources.find((r) => r.name === "fixed")?.inputs.description, "cidr 10.1.0.0/16");
    assert.equal(d.preview.outputs.vpcArn, UNKNOWN);
  });

  it("reads a real export: tagsAll, nested defaults, omitted empty values, encrypted secrets, any order", async () => {
    const config = { ...opts.config, "aws:defaultTags": { tags: { Owner: "data" } } };
    const tagged = () => {
      const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16", tags: { Name: "v" }, enableDnsHostnames: false });
      new aws.ec2.SecurityGroup("sg", {
        vpcId: vpc.id,
        description: "db",
        ingress: [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.0.0.0/16"] }],
      });
      new aws.secretsmanager.SecretVersion("pw", { secretId: "s", secretString: pulumi.secret("hunter2") });
    };
    const exported = writeCheckpoint(await runProgram(tagged, { ...opts, config })) as {
      deployment: { resources: Array<Record<string, unknown>> };
    };
    const resources = exported.deployment.resources;
    const vpc = resources.find((r) => r.type === "aws:ec2/vpc:Vpc") as { inputs: Record<string, unknown> };
    delete vpc.inputs.enableDnsHostnames;
    vpc.inputs.tagsAll = { Name: "v", Owner: "data" };
    vpc.inputs.__defaults = ["instanceTenancy"];
    vpc.inputs.instanceTenancy = "default";
    const sg = resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup") as {
      inputs: { ingress: Array<Record<string, unknown>> } & Record<string, unknown>;
    };
    sg.inputs.ingress = [{ ...sg.inputs.ingress[0], self: false, ipv6CidrBlocks: [], __defaults: ["self"] }];
    sg.inputs.tagsAll = { Owner: "data" };
    sg.inputs.revokeRulesOnDelete = false;
    const pw = resources.find((r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion") as {
      inputs: Record<string, unknown>;
    };
    pw.inputs.secretString = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      ciphertext: "AAABAKz",
    };
    resources.reverse();
    const state = readCheckpoint(JSON.stringify(exported), "real.json");
    const d = await planAgainst(state, tagged, config);
    assert.deepEqual(
      d.changes.filter((c) => c.op !== "same").map((c) => `${c.op} ${c.name} ${c.diff.join(",")}`),
      [],
    );
    // A new default tag reaches every tagged resource's tagsAll, as the provider computes it.
    const retagged = { ...opts.config, "aws:defaultTags": { tags: { Owner: "platform" } } };
    const d2 = await planAgainst(state, tagged, retagged);
    assert.deepEqual(op(d2, "vpc")?.diff, ["tagsAll"]);
    assert.equal(op(d2, "vpc")?.op, "update");
  });

  it("keeps each StackReference output known unless the referenced stack changes it", async () => {
    const reader = () => {
      const ref = new pulumi.StackReference("org/foundation/dev");
      new aws.ec2.SecurityGroup("sg", { vpcId: ref.getOutput("vpcId"), description: ref.requireOutput("purpose") });
    };
    const refs = { "org/foundation/dev": { vpcId: "vpc-0123456789abcdef0", purpose: "dms" } };
    const state = readCheckpoint(
      JSON.stringify(writeCheckpoint(await runProgram(reader, { ...opts, stackReferences: refs }))),
      "x.json",
    );
    const graph = await runProgram(reader, {
      ...opts,
      stackReferences: { "org/foundation/dev": { vpcId: UNKNOWN, purpose: "dms" } },
      against: { state, schemaOf },
    });
    const sg = graph.resources.find((r) => r.name === "sg");
    assert.equal(sg?.inputs.vpcId, UNKNOWN);
    assert.equal(sg?.inputs.description, "dms", "an unchanged output of the same stack stays known");
  });

  it("compares JSON documents by meaning", async () => {
    const reordered = JSON.stringify({
      Statement: [{ Action: "sts:AssumeRole", Effect: "Allow" }],
      Version: "2012-10-17",
    });
    const d = await planAgainst(await stateOf(), program({ policy: reordered }));
    assert.equal(op(d, "role")?.op, "same");
    const changed = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Action: "sts:AssumeRole" }],
    });
    const d2 = await planAgainst(await stateOf(), program({ policy: changed }));
    assert.equal(op(d2, "role")?.op, "update");
    assert.deepEqual(op(d2, "role")?.diff, ["assumeRolePolicy"]);
  });

  it("reports replacing a protected resource as a problem", async () => {
    const d = await planAgainst(await stateOf({ protect: true }), program({ cidr: "10.1.0.0/16", protect: true }));
    assert.match(op(d, "vpc")?.problems[0] ?? "", /protected and would be replaced \(cidrBlock changed\)/);
  });

  it("reports a fixed name replaced create-before-delete, and not when deleted first", async () => {
    const d = await planAgainst(await stateOf(), program({ path: "/service/" }));
    assert.equal(op(d, "role")?.op, "replace");
    assert.match(op(d, "role")?.problems[0] ?? "", /physical name "dms-vpc-role" is fixed/);
    const dbr = await planAgainst(await stateOf(), program({ path: "/service/", deleteBeforeReplace: true }));
    assert.deepEqual(op(dbr, "role")?.problems, []);
  });

  it("reports a create that collides with a retained resource the delete leaves behind", async () => {
    const d = await planAgainst(await stateOf({ retain: true }), program({ roleLogicalName: "account-role" }));
    assert.equal(op(d, "account-role")?.op, "create");
    assert.equal(op(d, "role")?.op, "delete");
    assert.match(op(d, "account-role")?.problems[0] ?? "", /retainOnDelete\) leaves behind/);
  });
});
