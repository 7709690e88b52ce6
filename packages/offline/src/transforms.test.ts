import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runProgram } from "./index.js";

const opts = { project: "demo", stack: "dev", config: { "aws:region": "eu-west-1" } };

/** A component with one subnet child, as our components parent theirs. */
class Net extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Net", name, {}, opts);
    new aws.ec2.Subnet(`${name}-subnet`, { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" }, { parent: this });
    this.registerOutputs({});
  }
}

/** A transform that appends its label to the subnet's Name tag, so the order it ran in shows. */
const tagging =
  (label: string): pulumi.ResourceTransform =>
  (args) => {
    if (args.type !== "aws:ec2/subnet:Subnet") return undefined;
    const tags = (args.props.tags ?? {}) as Record<string, string>;
    return { props: { ...args.props, tags: { ...tags, Name: `${tags.Name ?? ""}${label}` } }, opts: args.opts };
  };

const subnetOf = async (program: () => void) => {
  const graph = await runProgram(program, opts);
  const subnet = graph.resources.find((r) => r.type === "aws:ec2/subnet:Subnet");
  assert.ok(subnet, "a subnet");
  return subnet;
};

describe("runProgram applies transforms as the engine does", () => {
  it("applies a resource's own transforms, in order, and async ones", async () => {
    const subnet = await subnetOf(() => {
      new aws.ec2.Subnet(
        "s",
        { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" },
        {
          transforms: [
            tagging("a"),
            async (args) => {
              await new Promise((resolve) => setTimeout(resolve, 5));
              return tagging("b")(args);
            },
          ],
        },
      );
    });
    assert.deepEqual(subnet.inputs.tags, { Name: "ab" });
  });

  it("lets a component's transforms reach its children: own first, then the parent's, then the stack's", async () => {
    const subnet = await subnetOf(() => {
      pulumi.runtime.registerResourceTransform(tagging("stack"));
      new Net("n", { transforms: [tagging("-parent-")] });
    });
    assert.deepEqual(subnet.inputs.tags, { Name: "-parent-stack" });
  });

  it("applies stack transforms only to resources registered after them", async () => {
    // The SDK holds each registration until pending stack transforms are registered, so a resource
    // constructed in the same tick is transformed too; one already registered is not.
    const graph = await runProgram(async () => {
      const before = new aws.ec2.Subnet("before", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" });
      await new Promise((resolve) => before.urn.apply(resolve));
      pulumi.runtime.registerResourceTransform(tagging("x"));
      new aws.ec2.Subnet("after", { vpcId: "vpc-1", cidrBlock: "10.0.1.0/24" });
    }, opts);
    const tags = (name: string) => graph.resources.find((r) => r.name === name)?.inputs.tags;
    assert.equal(tags("before"), undefined);
    assert.deepEqual(tags("after"), { Name: "x" });
  });

  it("takes the options a transform returns (protect off, ignoreChanges) whole", async () => {
    const subnet = await subnetOf(() => {
      new aws.ec2.Subnet(
        "s",
        { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" },
        {
          protect: true,
          transforms: [
            (args) => ({ props: args.props, opts: { ...args.opts, protect: false, ignoreChanges: ["tags"] } }),
          ],
        },
      );
    });
    assert.equal(subnet.options.protect, false);
    assert.deepEqual(subnet.options.ignoreChanges, ["tags"]);
  });

  it("still applies the older transformations (the SDK's own)", async () => {
    const subnet = await subnetOf(() => {
      new Net("n", {
        transformations: [
          (args) =>
            args.type === "aws:ec2/subnet:Subnet"
              ? { props: { ...args.props, mapPublicIpOnLaunch: true }, opts: args.opts }
              : undefined,
        ],
      });
    });
    assert.equal(subnet.inputs.mapPublicIpOnLaunch, true);
  });

  it("fails the run with the transform's error", async () => {
    await assert.rejects(
      runProgram(() => {
        new aws.ec2.Subnet(
          "s",
          { vpcId: "vpc-1", cidrBlock: "10.0.0.0/24" },
          {
            transforms: [
              () => {
                throw new Error("no subnets here");
              },
            ],
          },
        );
      }, opts),
      /no subnets here/,
    );
  });
});
