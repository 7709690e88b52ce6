import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import type { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import {
  evaluatePolicies,
  PolicyConfigError,
  ProgramError,
  type ResourceGraph,
  resolvePolicyConfig,
  runProgram,
  SECRET,
  UNKNOWN,
} from "./index.js";

const opts = { project: "demo", stack: "dev", config: { "aws:region": "eu-west-1" } };

function vpcProgram() {
  const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16", tags: { Name: "demo" } });
  const subnets = ["a", "b", "c"].map(
    (az) =>
      new aws.ec2.Subnet(`private-${az}`, {
        vpcId: vpc.id,
        cidrBlock: `10.0.${az.charCodeAt(0) - 97}.0/24`,
        availabilityZone: `eu-west-1${az}`,
      }),
  );
  return { vpcId: vpc.id, subnetIds: subnets.map((s) => s.id) };
}

describe("runProgram", () => {
  it("captures exactly the resources a program of raw aws resources registers", async () => {
    const graph = await runProgram(vpcProgram, opts);
    assert.deepEqual(
      graph.resources.map((r) => `${r.type}::${r.name}`),
      [
        "pulumi:pulumi:Stack::demo-dev",
        "aws:ec2/vpc:Vpc::vpc",
        "aws:ec2/subnet:Subnet::private-a",
        "aws:ec2/subnet:Subnet::private-b",
        "aws:ec2/subnet:Subnet::private-c",
      ],
    );
    const vpc = graph.resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
    assert.ok(vpc);
    assert.equal(vpc.urn, "urn:pulumi:dev::demo::aws:ec2/vpc:Vpc::vpc");
    assert.equal(vpc.parent, "urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev");
    assert.deepEqual(vpc.inputs, { cidrBlock: "10.0.0.0/16", tags: { Name: "demo" } });
    assert.match(vpc.id ?? "", /^vpc-[0-9a-f]{17}$/);
    const subnet = graph.resources.find((r) => r.name === "private-b");
    assert.equal(subnet?.inputs.vpcId, vpc.id, "the subnet receives the VPC's id");
    assert.deepEqual(subnet?.dependencies, [vpc.urn]);
    assert.equal((graph.outputs.subnetIds as string[]).length, 3);
    assert.equal(graph.outputs.vpcId, vpc.id);
  });

  it("records parents, protect, retainOnDelete, deleteBeforeReplace and ignoreChanges", async () => {
    const graph = await runProgram(() => {
      class Comp extends pulumi.ComponentResource {
        constructor(name: string) {
          super("test:index:Comp", name, {}, {});
          new aws.kms.Key(
            `${name}-key`,
            { enableKeyRotation: true },
            {
              parent: this,
              protect: true,
              retainOnDelete: true,
              deleteBeforeReplace: true,
              ignoreChanges: ["description"],
            },
          );
          this.registerOutputs({});
        }
      }
      new Comp("c");
    }, opts);
    const key = graph.resources.find((r) => r.type === "aws:kms/key:Key");
    assert.ok(key);
    assert.equal(key.urn, "urn:pulumi:dev::demo::test:index:Comp$aws:kms/key:Key::c-key");
    assert.equal(key.parent, "urn:pulumi:dev::demo::test:index:Comp::c");
    assert.equal(key.options.protect, true);
    assert.equal(key.options.retainOnDelete, true);
    assert.equal(key.options.deleteBeforeReplace, true);
    assert.deepEqual(key.options.ignoreChanges, ["description"]);
    assert.match(String(key.outputs.arn), /^arn:aws:kms:eu-west-1:123456789012:key\//);
  });

  it("never lets a secret value reach the graph", async () => {
    let seen = "";
    const graph = await runProgram(() => {
      const pw = new random.RandomPassword("pw", { length: 24, special: false });
      pw.result.apply((v) => {
        seen = v;
      });
      const secret = new aws.secretsmanager.Secret("s", {});
      new aws.secretsmanager.SecretVersion("sv", { secretId: secret.id, secretString: pw.result });
      new aws.ssm.Parameter("p", { type: "SecureString", value: pulumi.secret("hunter2-plaintext") });
      return { password: pw.result };
    }, opts);
    assert.ok(seen.length === 24, "the program itself can use the value");
    const text = JSON.stringify(graph);
    assert.ok(!text.includes(seen), "generated password must not appear");
    assert.ok(!text.includes("hunter2-plaintext"), "pulumi.secret input must not appear");
    assert.equal(graph.outputs.password, SECRET);
    const version = graph.resources.find((r) => r.name === "sv");
    assert.equal(version?.inputs.secretString, SECRET);
  });

  it("answers the invokes components use with realistic values", async () => {
    const graph = await runProgram(async () => {
      const azs = await aws.getAvailabilityZones({ state: "available" });
      const id = await aws.getCallerIdentity({});
      const region = await aws.getRegion({});
      const partition = await aws.getPartition({});
      const doc = await aws.iam.getPolicyDocument({
        statements: [
          {
            actions: ["kms:Decrypt"],
            resources: ["*"],
            principals: [{ type: "Service", identifiers: ["logs.amazonaws.com"] }],
          },
        ],
      });
      return {
        azs: azs.names.slice(0, 3),
        account: id.accountId,
        region: region.region,
        partition: partition.partition,
        doc: doc.json,
      };
    }, opts);
    assert.deepEqual(graph.outputs.azs, ["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    assert.equal(graph.outputs.account, "123456789012");
    assert.equal(graph.outputs.region, "eu-west-1");
    assert.equal(graph.outputs.partition, "aws");
    assert.deepEqual(JSON.parse(String(graph.outputs.doc)).Statement[0], {
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: "*",
      Principal: { Service: "logs.amazonaws.com" },
    });
  });

  it("supplies another stack's outputs to a StackReference, and names a missing one", async () => {
    const graph = await runProgram(
      () => {
        const ref = new pulumi.StackReference("org/foundation/dev");
        return { vpc: ref.getOutput("vpcId") };
      },
      { ...opts, stackReferences: { "org/foundation/dev": { vpcId: "vpc-123" } } },
    );
    assert.equal(graph.outputs.vpc, "vpc-123");
    const ref = graph.resources.find((r) => r.type === "pulumi:pulumi:StackReference");
    assert.equal(ref?.read, true, "a StackReference is a read, and the graph keeps it");
    assert.equal(ref?.inputs.name, "org/foundation/dev");
    assert.equal(ref?.urn, "urn:pulumi:dev::demo::pulumi:pulumi:StackReference::org/foundation/dev");
    await assert.rejects(
      runProgram(() => new pulumi.StackReference("org/other/dev"), opts),
      (err: unknown) => err instanceof ProgramError && /StackReference "org\/other\/dev"/.test(err.message),
    );
  });

  it("synthesises the default aws provider from the stack's aws config", async () => {
    const graph = await runProgram(vpcProgram, {
      ...opts,
      config: { "aws:region": "eu-west-1", "aws:defaultTags": { tags: { Owner: "team" } } },
    });
    assert.equal(graph.providers.length, 1);
    const provider = graph.providers[0];
    assert.equal(provider?.type, "pulumi:providers:aws");
    assert.equal(provider?.isDefault, true);
    assert.equal(provider?.inputs.region, "eu-west-1");
    assert.equal(
      provider?.inputs.defaultTags,
      '{"tags":{"Owner":"team"}}',
      "structured config arrives as JSON, as from the CLI",
    );
    const vpc = graph.resources.find((r) => r.type === "aws:ec2/vpc:Vpc");
    assert.ok(vpc?.options.provider?.startsWith(`${provider?.urn}::`));
    assert.deepEqual(vpc?.outputs.tagsAll, { Owner: "team", Name: "demo" });
  });

  it("fails with the program's error, for a throw and for a rejected output", async () => {
    await assert.rejects(
      runProgram(() => {
        throw new Error("bad arg: azCount must be >= 2");
      }, opts),
      /demo\/dev: bad arg: azCount must be >= 2/,
    );
    await assert.rejects(
      runProgram(() => {
        const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
        new aws.ec2.Subnet("s", {
          vpcId: vpc.id,
          cidrBlock: vpc.cidrBlock.apply((c) => {
            throw new Error(`cannot split ${c}`);
          }),
        });
      }, opts),
      /cannot split 10\.0\.0\.0\/16/,
    );
  });

  it("runs programs one after another without leaking resources, config or stack name", async () => {
    const first = await runProgram(
      () => {
        new aws.s3.BucketV2("only-in-first", {});
        return { project: pulumi.getProject(), stack: pulumi.getStack(), value: new pulumi.Config("one").get("value") };
      },
      { project: "one", stack: "dev", config: { "one:value": "a", "aws:region": "us-east-1" } },
    );
    const second = await runProgram(
      () => ({
        project: pulumi.getProject(),
        stack: pulumi.getStack(),
        value: new pulumi.Config("one").get("value") ?? "unset",
      }),
      { project: "two", stack: "prod" },
    );
    assert.deepEqual(first.outputs, { project: "one", stack: "dev", value: "a" });
    assert.deepEqual(second.outputs, { project: "two", stack: "prod", value: "unset" });
    assert.equal(second.resources.length, 1, "only the stack resource");
    assert.ok(second.resources.every((r) => !r.name.includes("only-in-first")));
    const [a, b] = await Promise.all([
      runProgram(vpcProgram, opts),
      runProgram(vpcProgram, { ...opts, stack: "test" }),
    ]);
    assert.equal(a.resources.length, 5);
    assert.equal(b.resources.length, 5);
    assert.ok(
      b.resources.every((r) => r.urn.startsWith("urn:pulumi:test::")),
      "concurrent runs keep their own stack",
    );
  });

  it("answers pulumi.getOrganization() as the CLI does: a self-managed backend's, or the one given", async () => {
    const program = () => ({ organization: pulumi.getOrganization() });
    const selfManaged = await runProgram(program, { project: "one", stack: "dev" });
    assert.equal(selfManaged.outputs.organization, "organization");
    const cloud = await runProgram(program, { project: "one", stack: "dev", organization: "acme" });
    assert.equal(cloud.outputs.organization, "acme");
  });

  it("restores Error.stackTraceLimit after a run", async () => {
    const before = Error.stackTraceLimit;
    await runProgram(vpcProgram, opts);
    await runProgram(() => {
      throw new Error("x");
    }, opts).catch(() => undefined);
    assert.equal(Error.stackTraceLimit, before);
  });
});

// Policies written the way a pack author writes them.
const vpcHasName: ResourceValidationPolicy = {
  name: "vpc-has-name",
  description: "VPCs carry a Name tag.",
  enforcementLevel: "advisory",
  validateResource: validateResourceOfType(aws.ec2.Vpc, (vpc, _args, report) => {
    if (!vpc.tags?.Name) report("tags.Name is missing; set a Name tag.");
  }),
};
const subnetNotPublic: ResourceValidationPolicy = {
  name: "subnet-no-public-ip",
  description: "Subnets do not map public IPs on launch.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (args.type !== "aws:ec2/subnet:Subnet") return;
    if (args.props.mapPublicIpOnLaunch !== false)
      report(`mapPublicIpOnLaunch is ${String(args.props.mapPublicIpOnLaunch)}; set false.`);
  },
};
const minSubnets: StackValidationPolicy = {
  name: "min-subnets",
  description: "At least N subnets.",
  enforcementLevel: "advisory",
  configSchema: { properties: { min: { type: "integer", minimum: 1, default: 2 } } },
  validateStack: (args, report) => {
    const { min } = args.getConfig<{ min: number }>();
    const n = args.resources.filter((r) => r.type === "aws:ec2/subnet:Subnet").length;
    if (n < min) report(`${n} subnets, need ${min}`);
    const sub = args.resources.find((r) => r.type === "aws:ec2/subnet:Subnet");
    if (sub && sub.parent?.type !== "pulumi:pulumi:Stack") report("subnet parent not linked");
    if (sub && sub.dependencies[0]?.type !== "aws:ec2/vpc:Vpc") report("subnet dependency not linked");
  },
};
const providerRegion: ResourceValidationPolicy = {
  name: "provider-region",
  description: "Resources are in an allowed region.",
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!args.type.startsWith("aws:")) return;
    const region = args.provider?.props.region;
    if (region !== "eu-west-1") report(`region ${String(region)}`);
  },
};
const policies: Policy[] = [vpcHasName, subnetNotPublic, minSubnets, providerRegion];

describe("evaluatePolicies", () => {
  let graph: ResourceGraph;
  before(async () => {
    graph = await runProgram(vpcProgram, opts);
  });

  it("reports a violation on the right urn with the policy's level", async () => {
    const violations = await evaluatePolicies(graph, policies);
    const subnet = violations.filter((v) => v.policy === "subnet-no-public-ip");
    assert.equal(subnet.length, 3);
    assert.deepEqual(
      subnet.map((v) => v.urn).sort(),
      graph.resources
        .filter((r) => r.type === "aws:ec2/subnet:Subnet")
        .map((r) => r.urn)
        .sort(),
    );
    assert.equal(subnet[0]?.enforcementLevel, "mandatory");
    assert.equal(subnet[0]?.message, "mapPublicIpOnLaunch is undefined; set false.");
    assert.equal(subnet[0]?.policyPack, "dms-platform");
    assert.ok(!violations.some((v) => v.policy === "vpc-has-name"), "the VPC has a Name tag");
    assert.ok(
      !violations.some((v) => v.policy === "provider-region"),
      "the default provider's region is visible to policies",
    );
  });

  it("lets a config document change levels: per policy over all over the policy's own", async () => {
    const lowered = await evaluatePolicies(graph, policies, { config: { all: "advisory" } });
    assert.ok(
      lowered.filter((v) => v.policy === "subnet-no-public-ip").every((v) => v.enforcementLevel === "advisory"),
    );
    const mixed = await evaluatePolicies(graph, policies, {
      config: { all: "advisory", "subnet-no-public-ip": { enforcementLevel: "mandatory" } },
    });
    assert.ok(mixed.filter((v) => v.policy === "subnet-no-public-ip").every((v) => v.enforcementLevel === "mandatory"));
    const disabled = await evaluatePolicies(graph, policies, { config: { "subnet-no-public-ip": "disabled" } });
    assert.ok(!disabled.some((v) => v.policy === "subnet-no-public-ip"));
    const remediate = await evaluatePolicies(graph, policies, { config: { "subnet-no-public-ip": "remediate" } });
    assert.ok(
      remediate.filter((v) => v.policy === "subnet-no-public-ip").every((v) => v.enforcementLevel === "mandatory"),
    );
  });

  it("uses the pack's level when neither config nor policy sets one", async () => {
    const noLevel: ResourceValidationPolicy = { ...subnetNotPublic, name: "no-level", enforcementLevel: undefined };
    const v = await evaluatePolicies(graph, [noLevel], { packEnforcementLevel: "mandatory" });
    assert.ok(v.length > 0 && v.every((x) => x.enforcementLevel === "mandatory"));
  });

  it("gives stack policies linked resources and their config with schema defaults", async () => {
    const v = await evaluatePolicies(graph, [minSubnets], { config: { "min-subnets": { min: 4 } } });
    assert.deepEqual(
      v.map((x) => x.message),
      ["3 subnets, need 4"],
    );
    assert.deepEqual(await evaluatePolicies(graph, [minSubnets]), [], "default min 2 is met and links are set");
  });

  it("refuses a config naming an unknown policy or breaking a config schema", () => {
    assert.throws(
      () => resolvePolicyConfig(policies, { "no-such-policy": "mandatory" }, { file: "prod.json" }),
      PolicyConfigError,
    );
    assert.throws(
      () => resolvePolicyConfig(policies, { "min-subnets": { min: 0 } }, { file: "prod.json" }),
      /prod\.json: min-subnets\.min: must be >= 1/,
    );
    assert.throws(() => resolvePolicyConfig(policies, { all: "strict" as never }), /must be one of advisory/);
  });

  it("reports an unknown value as an advisory 'can't run during preview', never a crash", async () => {
    const withUnknown: ResourceGraph = {
      ...graph,
      resources: graph.resources.map((r) =>
        r.type === "aws:ec2/subnet:Subnet" ? { ...r, inputs: { ...r.inputs, mapPublicIpOnLaunch: UNKNOWN } } : r,
      ),
    };
    const v = (await evaluatePolicies(withUnknown, [subnetNotPublic])).filter(
      (x) => x.policy === "subnet-no-public-ip",
    );
    assert.equal(v.length, 3);
    for (const x of v) {
      assert.equal(x.enforcementLevel, "advisory");
      assert.match(
        x.message,
        /can't run policy 'subnet-no-public-ip' .* during preview: string value at \.mapPublicIpOnLaunch/,
      );
    }
  });

  it("honours notApplicable and names the policy when one throws", async () => {
    const na: ResourceValidationPolicy = {
      name: "na",
      description: "d",
      validateResource: (args) => args.notApplicable("not mine"),
    };
    assert.deepEqual(await evaluatePolicies(graph, [na]), []);
    const broken: ResourceValidationPolicy = {
      name: "broken",
      description: "d",
      validateResource: () => {
        throw new TypeError("oops");
      },
    };
    await assert.rejects(
      evaluatePolicies(graph, [broken]),
      /policy "broken" failed on urn:pulumi:dev::demo::pulumi:pulumi:Stack::demo-dev: oops/,
    );
  });
});
