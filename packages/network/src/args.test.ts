import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, checkProfileDefaults, parseComponentArgs } from "@dms-platform/config";
import { migrationNetworkArgsSchema, planNetwork } from "./args.js";

const tags = {
  Application: "orders",
  Environment: "dev",
  Owner: "platform",
  CostCenter: "cc-42",
  DataClassification: "confidential",
} as const;
const base = { environment: "dev", application: "orders", tags };

function parse(args: Record<string, unknown>) {
  return parseComponentArgs(migrationNetworkArgsSchema, { ...base, ...args }, "MigrationNetwork", "net");
}

/** Asserts that `args` are refused with an error naming `path` and matching `rule`. */
function refuses(args: Record<string, unknown>, path: string, rule: RegExp) {
  assert.throws(
    () => parse(args),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError, `a ConfigError, got ${String(err)}`);
      assert.equal(err.path, path);
      assert.match(err.rule, rule);
      assert.ok(err.message.startsWith(`MigrationNetwork "net": ${path || "(root)"}: `), err.message);
      return true;
    },
  );
}

describe("MigrationNetwork args", () => {
  it("plans the profile's subnets with computed, non-overlapping CIDRs", () => {
    const dev = planNetwork(parse({}));
    assert.deepEqual(
      dev.vpc?.subnets.map((s) => s.cidrBlock),
      ["10.0.0.0/18", "10.0.64.0/18"],
    );
    const prod = planNetwork(parse({ environment: "prod", tags: { ...tags, Environment: "prod" } }));
    assert.equal(prod.vpc?.subnets.length, 3);
    assert.equal(prod.flowLogRetentionDays, 365);
    const custom = planNetwork(parse({ cidrBlock: "172.16.0.0/20", azCount: 3, subnetPrefixLength: 24 }));
    assert.deepEqual(
      custom.vpc?.subnets.map((s) => `${s.letter}:${s.cidrBlock}`),
      ["a:172.16.0.0/24", "b:172.16.1.0/24", "c:172.16.2.0/24"],
    );
  });

  it("refuses one availability zone", () => {
    refuses({ azCount: 1 }, "azCount", /at least 2/);
    refuses({ availabilityZones: ["eu-west-1a"] }, "availabilityZones", /at least 2/);
    refuses({ availabilityZones: ["eu-west-1a", "eu-west-1a"] }, "availabilityZones", /distinct/);
  });

  it("refuses invalid CIDR blocks", () => {
    refuses({ cidrBlock: "10.0.0.0/33" }, "cidrBlock", /prefix length above 32/);
    refuses({ cidrBlock: "10.0.0.1/16" }, "cidrBlock", /host bits set/);
    refuses({ cidrBlock: "10.0.0.0/8" }, "cidrBlock", /\/16 to \/28/);
    refuses({ cidrBlock: "10.0.0.0/27", azCount: 3 }, "cidrBlock", /cannot hold 3 subnets of \/29/);
    refuses({ subnetPrefixLength: 17, azCount: 3 }, "subnetPrefixLength", /cannot hold 3 subnets of \/17/);
    refuses({ hybrid: { onPremisesCidrs: ["192.168.0.0"] } }, "hybrid.onPremisesCidrs[0]", /IPv4 CIDR block/);
  });

  it("refuses on-premises ranges that overlap the VPC or each other, or are the whole internet", () => {
    refuses({ hybrid: { onPremisesCidrs: ["10.0.128.0/20"] } }, "hybrid.onPremisesCidrs[0]", /overlaps the VPC range/);
    refuses(
      { hybrid: { onPremisesCidrs: ["192.168.0.0/16", "192.168.10.0/24"] } },
      "hybrid.onPremisesCidrs[1]",
      /overlaps hybrid\.onPremisesCidrs\[0\]/,
    );
    refuses({ hybrid: { onPremisesCidrs: ["0.0.0.0/0"] } }, "hybrid.onPremisesCidrs[0]", /must not be 0\.0\.0\.0\/0/);
    refuses(
      { hybrid: { onPremisesCidrs: ["192.168.0.0/16"], transitGatewayId: "tgw-0a1", gatewayAttachment: "existing" } },
      "hybrid.gatewayAttachment",
      /must be "create" when the network creates the VPC/,
    );
    refuses(
      { hybrid: { onPremisesCidrs: ["192.168.0.0/16"], gatewayAttachment: "create" } },
      "hybrid.gatewayAttachment",
      /needs a gateway to attach/,
    );
    refuses(
      { hybrid: { onPremisesCidrs: ["192.168.0.0/16"], transitGatewayId: "tgw-0a1", propagateVpnRoutes: true } },
      "hybrid.propagateVpnRoutes",
      /needs vpnGatewayId/,
    );
    refuses(
      { hybrid: { onPremisesCidrs: ["192.168.0.0/16"], transitGatewayId: "tgw-0a1", vpnGatewayId: "vgw-0b2" } },
      "hybrid.vpnGatewayId",
      /not both/,
    );
  });

  it("refuses unknown keys, at the top level and inside nested objects", () => {
    refuses({ natGateway: true }, "", /unknown key "natGateway"/);
    refuses(
      { existing: { vpcId: "vpc-0a1", privateSubnetIds: ["subnet-1", "subnet-2"], routeTableIds: ["rtb-1"], igw: 1 } },
      "existing",
      /unknown key "igw"/,
    );
  });

  it("refuses settings that cannot apply: VPC layout with existing, short retention, mismatched tags", () => {
    const existing = { vpcId: "vpc-0a1", privateSubnetIds: ["subnet-1", "subnet-2"], routeTableIds: ["rtb-1"] };
    refuses({ existing, azCount: 3 }, "azCount", /not used with existing/);
    refuses({ existing: { ...existing, privateSubnetIds: ["subnet-1"] } }, "existing.privateSubnetIds", /at least 2/);
    refuses({ flowLogRetentionDays: 14 }, "flowLogRetentionDays", /at least the dev profile's 30 days/);
    refuses({ flowLogRetentionDays: 42 }, "flowLogRetentionDays", /CloudWatch Logs retention value/);
    refuses({ tags: { ...tags, Environment: "prod" } }, "tags.Environment", /must equal the environment "dev"/);
    refuses({ kmsKeyArn: "my-key" }, "kmsKeyArn", /KMS key ARN/);
  });

  it("plans no VPC, and leaves the default security group alone, for an existing VPC unless asked", () => {
    const existing = { vpcId: "vpc-0a1", privateSubnetIds: ["subnet-1", "subnet-2"], routeTableIds: ["rtb-1"] };
    const plan = planNetwork(parse({ existing }));
    assert.equal(plan.vpc, undefined);
    assert.equal(plan.adoptDefaultSecurityGroup, false);
    assert.equal(
      planNetwork(parse({ existing: { ...existing, adoptDefaultSecurityGroup: true } })).adoptDefaultSecurityGroup,
      true,
    );
  });
});

describe("MigrationNetworkArgs doc comments", () => {
  it("state the environment profiles' values where a default comes from the profile", () => {
    const source = readFileSync(join(__dirname, "..", "src", "args.ts"), "utf8");
    const { checked, problems } = checkProfileDefaults(source, "packages/network/src/args.ts");
    assert.deepEqual(problems, []);
    assert.deepEqual(checked, ["azCount: profile.azCount", "flowLogRetentionDays: profile.logRetentionDays"]);
  });
});
