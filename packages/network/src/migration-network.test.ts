import assert from "node:assert/strict";
import { REQUIRED_TAG_KEYS } from "@dms-platform/config";
import { type GraphResource, ProgramError, type ResourceGraph, runProgram } from "@dms-platform/offline";
import { MigrationNetwork, type MigrationNetworkArgs } from "./index.js";

type Env = "dev" | "test" | "prod";

function tagsFor(environment: Env) {
  return {
    Application: "orders",
    Environment: environment,
    Owner: "platform",
    CostCenter: "cc-42",
    DataClassification: "confidential" as const,
  };
}

function argsFor(environment: Env, extra: Partial<MigrationNetworkArgs> = {}): MigrationNetworkArgs {
  return { environment, application: "orders", tags: tagsFor(environment), ...extra };
}

/** Run one MigrationNetwork "net" offline; its outputs become the stack's outputs. */
function build(
  environment: Env,
  extra: Partial<MigrationNetworkArgs> = {},
  mocks?: Parameters<typeof runProgram>[1]["mocks"],
) {
  return runProgram(
    () => {
      const net = new MigrationNetwork("net", argsFor(environment, extra));
      return {
        vpcId: net.vpcId,
        vpcCidr: net.vpcCidr,
        privateSubnetIds: net.privateSubnetIds,
        availabilityZones: net.availabilityZones,
        routeTableIds: net.routeTableIds,
        endpointSecurityGroupId: net.endpointSecurityGroupId,
        kmsKeyArn: net.kmsKeyArn,
        flowLogGroupName: net.flowLogGroupName,
        onPremisesCidrs: net.onPremisesCidrs,
        routedCidrs: net.routedCidrs,
      };
    },
    { project: "test", stack: environment, config: { "aws:region": "eu-west-1" }, ...(mocks ? { mocks } : {}) },
  );
}

const ofType = (graph: ResourceGraph, type: string) => graph.resources.filter((r) => r.type === type);
const one = (graph: ResourceGraph, type: string): GraphResource => {
  const found = ofType(graph, type);
  assert.equal(found.length, 1, `exactly one ${type}`);
  return found[0] as GraphResource;
};
/** IAM's ArnLike on one ARN segment: `*` matches any run of characters, `?` one character. */
function globMatches(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^$()[\]{}|\\]/, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`).test(value);
}
const byUrn = (graph: ResourceGraph, urn: string | undefined) => graph.resources.find((r) => r.urn === urn);

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const FLOW_LOG = "aws:ec2/flowLog:FlowLog";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const KMS_KEY = "aws:kms/key:Key";

/** Resource types the AWS provider cannot tag; every other custom resource must carry the required tags. */
const NOT_TAGGABLE = new Set([
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/route:Route",
  "aws:kms/alias:Alias",
  "aws:iam/rolePolicy:RolePolicy",
]);

describe("MigrationNetwork", () => {
  let prod: ResourceGraph;
  let dev: ResourceGraph;
  before(async () => {
    prod = await build("prod");
    dev = await build("dev");
  });

  it("builds 3 private subnets in 3 distinct AZs in prod and 2 in dev, each with its own route table", () => {
    for (const [graph, count] of [
      [prod, 3],
      [dev, 2],
    ] as const) {
      const vpc = one(graph, VPC);
      assert.equal(vpc.inputs.enableDnsSupport, true);
      assert.equal(vpc.inputs.enableDnsHostnames, true);
      assert.equal(byUrn(graph, vpc.parent)?.type, "dms-platform:network:MigrationNetwork");
      const subnets = ofType(graph, SUBNET);
      assert.equal(subnets.length, count);
      assert.equal(new Set(subnets.map((s) => s.inputs.availabilityZone)).size, count, "distinct AZs");
      assert.deepEqual(
        graph.outputs.availabilityZones,
        subnets.map((s) => s.inputs.availabilityZone),
      );
      assert.deepEqual(
        graph.outputs.privateSubnetIds,
        subnets.map((s) => s.id),
      );
      for (const subnet of subnets) {
        assert.equal(subnet.inputs.mapPublicIpOnLaunch, false);
        assert.equal(subnet.parent, vpc.urn);
        const table = ofType(graph, ROUTE_TABLE).find((t) => t.parent === subnet.urn);
        assert.ok(table, `a route table parented to ${subnet.name}`);
        const association = graph.resources.find((r) => r.parent === table.urn);
        assert.equal(association?.inputs.subnetId, subnet.id);
        assert.equal(association?.inputs.routeTableId, table.id);
      }
    }
    assert.deepEqual(
      ofType(prod, SUBNET).map((s) => s.inputs.cidrBlock),
      ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"],
    );
  });

  it("creates no internet gateway, NAT, public address or route to the internet", () => {
    for (const graph of [prod, dev]) {
      const types = new Set(graph.resources.map((r) => r.type));
      for (const forbidden of [
        "aws:ec2/internetGateway:InternetGateway",
        "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
        "aws:ec2/natGateway:NatGateway",
        "aws:ec2/eip:Eip",
        "aws:ec2/route:Route",
      ]) {
        assert.equal(types.has(forbidden), false, forbidden);
      }
      const text = JSON.stringify(graph.resources.map((r) => r.inputs));
      assert.equal(text.includes("0.0.0.0/0"), false, "no 0.0.0.0/0 anywhere");
      assert.equal(text.includes("::/0"), false, "no ::/0 anywhere");
    }
  });

  it("reaches Secrets Manager, KMS, CloudWatch Logs and monitoring, STS and S3 through endpoints", () => {
    const sg = one(prod, "aws:ec2/securityGroup:SecurityGroup");
    assert.equal(prod.outputs.endpointSecurityGroupId, sg.id);
    const subnetIds = ofType(prod, SUBNET).map((s) => s.id);
    const endpoints = ofType(prod, ENDPOINT);
    const interfaces = endpoints.filter((e) => e.inputs.vpcEndpointType === "Interface");
    assert.deepEqual(
      interfaces.map((e) => e.inputs.serviceName),
      ["secretsmanager", "kms", "logs", "monitoring", "sts"].map((s) => `com.amazonaws.eu-west-1.${s}`),
    );
    for (const e of interfaces) {
      assert.equal(e.inputs.privateDnsEnabled, true, `${e.name} private DNS`);
      assert.deepEqual(e.inputs.subnetIds, subnetIds, `${e.name} in every subnet`);
      assert.deepEqual(e.inputs.securityGroupIds, [sg.id]);
    }
    const s3 = endpoints.find((e) => e.inputs.vpcEndpointType === "Gateway");
    assert.equal(s3?.inputs.serviceName, "com.amazonaws.eu-west-1.s3");
    assert.deepEqual(
      s3?.inputs.routeTableIds,
      ofType(prod, ROUTE_TABLE).map((t) => t.id),
    );
    // The endpoint group admits HTTPS from the VPC range, and nothing else.
    const rules = ofType(prod, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.equal(rules.length, 1);
    assert.equal(rules[0]?.inputs.securityGroupId, sg.id);
    assert.deepEqual(
      [rules[0]?.inputs.ipProtocol, rules[0]?.inputs.fromPort, rules[0]?.inputs.toPort, rules[0]?.inputs.cidrIpv4],
      ["tcp", 443, 443, "10.0.0.0/16"],
    );
    assert.equal(sg.inputs.ingress, undefined, "no inline rules beside the rule resources");
    assert.equal(ofType(prod, "aws:ec2/securityGroupRule:SecurityGroupRule").length, 0);
  });

  it("logs the VPC's flows to a log group kept for the profile's retention and encrypted with a rotating key", () => {
    for (const [graph, days, window, protect] of [
      [prod, 365, 30, true],
      [dev, 30, 7, false],
    ] as const) {
      const vpc = one(graph, VPC);
      const flowLog = one(graph, FLOW_LOG);
      const logGroup = one(graph, LOG_GROUP);
      const key = one(graph, KMS_KEY);
      assert.equal(flowLog.inputs.vpcId, vpc.id);
      assert.equal(flowLog.inputs.trafficType, "ALL");
      assert.equal(flowLog.inputs.logDestinationType, "cloud-watch-logs");
      assert.equal(flowLog.inputs.logDestination, logGroup.outputs.arn);
      assert.equal(logGroup.inputs.retentionInDays, days);
      assert.equal(logGroup.inputs.kmsKeyId, key.outputs.arn);
      assert.equal(graph.outputs.kmsKeyArn, key.outputs.arn);
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.equal(key.inputs.deletionWindowInDays, window);
      assert.equal(key.options.protect, protect);
      const policy = JSON.parse(String(key.inputs.policy)) as {
        Statement: Array<{ Principal?: { Service?: string }; Condition?: Record<string, Record<string, unknown>> }>;
      };
      const logs = policy.Statement.find((s) => s.Principal?.Service === "logs.eu-west-1.amazonaws.com");
      assert.ok(logs);
      // DMS writes task logs to log groups it names itself; the key must cover them too.
      const arns = logs.Condition?.ArnLike?.["kms:EncryptionContext:aws:logs:arn"] as string[];
      // ArnLike: `*` matches any run of characters. Every migration of the environment (the
      // foundation's application or any other, `new-migration`) writes to a log group the key covers.
      const covered = (name: string) =>
        arns.some((arn) => globMatches(arn.slice(arn.indexOf(":log-group:") + ":log-group:".length), name));
      const env = graph === prod ? "prod" : "dev";
      for (const name of [
        `dms-tasks-${env}-orders-replication-dms`,
        `dms-tasks-${env}-catalog-replication-dms`,
        "dms-serverless-replication-dms-0a1b2c3d4e5f",
      ]) {
        assert.ok(covered(name), `${env}: the key covers ${name}`);
      }
      assert.ok(
        !covered(`dms-tasks-${env === "dev" ? "prod" : "dev"}-orders-replication-dms`),
        "not another environment's",
      );
      const role = one(graph, "aws:iam/role:Role");
      assert.equal(flowLog.inputs.iamRoleArn, role.outputs.arn);
      const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as {
        Statement: Array<{ Principal: Record<string, unknown>; Effect: string }>;
      };
      assert.deepEqual(
        trust.Statement.map((s) => s.Principal),
        [{ Service: "vpc-flow-logs.amazonaws.com" }],
      );
    }
  });

  it("adopts the default security group with no ingress or egress rules", () => {
    const sg = one(prod, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
    assert.equal(sg.inputs.vpcId, one(prod, VPC).id);
    assert.deepEqual(sg.inputs.ingress, []);
    assert.deepEqual(sg.inputs.egress, []);
  });

  it("puts all five required tags and a Name from the naming helper on every taggable resource", () => {
    for (const [graph, env] of [
      [prod, "prod"],
      [dev, "dev"],
    ] as const) {
      const taggable = graph.resources.filter((r) => r.custom && !NOT_TAGGABLE.has(r.type));
      assert.ok(taggable.length >= 15, `${taggable.length} taggable resources`);
      for (const r of taggable) {
        const tags = r.inputs.tags as Record<string, string> | undefined;
        for (const key of REQUIRED_TAG_KEYS) assert.ok(tags?.[key], `${r.type} ${r.name} has ${key}`);
        assert.equal(tags?.Environment, env);
        assert.match(tags?.Name ?? "", new RegExp(`^${env}-orders-`), `${r.name} Name`);
      }
      const names = one(graph, LOG_GROUP).inputs.name;
      assert.equal(names, `${env}-orders-vpc-flow-logs`);
      assert.equal(graph.outputs.flowLogGroupName, names);
    }
  });

  it("builds no VPC, subnets or route tables into an existing VPC, and the rest inside it", async () => {
    const existing = {
      vpcId: "vpc-0abc",
      privateSubnetIds: ["subnet-0a", "subnet-0b"],
      routeTableIds: ["rtb-0a", "rtb-0b"],
    };
    const zones: Record<string, string> = { "subnet-0a": "eu-west-1a", "subnet-0b": "eu-west-1b" };
    const graph = await build(
      "dev",
      { existing },
      {
        invokes: {
          "aws:ec2/getSubnet:getSubnet": (inputs) => ({ id: inputs.id, availabilityZone: zones[String(inputs.id)] }),
          "aws:ec2/getVpc:getVpc": (inputs) => ({ id: inputs.id, cidrBlock: "172.31.0.0/16" }),
        },
      },
    );
    for (const type of [VPC, SUBNET, ROUTE_TABLE, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"]) {
      assert.equal(ofType(graph, type).length, 0, `no ${type}`);
    }
    assert.equal(one(graph, FLOW_LOG).inputs.vpcId, "vpc-0abc");
    const interfaces = ofType(graph, ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
    assert.equal(interfaces.length, 5);
    for (const e of interfaces) assert.deepEqual(e.inputs.subnetIds, existing.privateSubnetIds);
    const s3 = ofType(graph, ENDPOINT).find((e) => e.inputs.vpcEndpointType === "Gateway");
    assert.deepEqual(s3?.inputs.routeTableIds, existing.routeTableIds);
    const rule = one(graph, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.equal(rule.inputs.cidrIpv4, "172.31.0.0/16", "HTTPS from the existing VPC's own range");
    assert.deepEqual(graph.outputs.availabilityZones, ["eu-west-1a", "eu-west-1b"]);
    assert.equal(graph.outputs.vpcCidr, "172.31.0.0/16");
    assert.deepEqual(graph.outputs.privateSubnetIds, existing.privateSubnetIds);

    zones["subnet-0b"] = "eu-west-1a";
    await assert.rejects(
      build(
        "dev",
        { existing },
        { invokes: { "aws:ec2/getSubnet:getSubnet": (i) => ({ availabilityZone: zones[String(i.id)] }) } },
      ),
      (err: unknown) => {
        assert.ok(err instanceof ProgramError);
        assert.match(
          err.message,
          /existing\.privateSubnetIds\[1\]: must be in a different availability zone from subnet-0a/,
        );
        return true;
      },
    );
  });

  it("routes on-premises ranges through the transit gateway from every private route table", async () => {
    const onPremisesCidrs = ["192.168.0.0/16", "172.20.0.0/16"];
    const graph = await build("dev", { hybrid: { onPremisesCidrs, transitGatewayId: "tgw-0123" } });
    const routes = ofType(graph, "aws:ec2/route:Route");
    const tables = ofType(graph, ROUTE_TABLE);
    assert.equal(routes.length, tables.length * onPremisesCidrs.length);
    for (const table of tables) {
      const own = routes.filter((r) => r.parent === table.urn);
      assert.deepEqual(
        own.map((r) => [r.inputs.routeTableId, r.inputs.destinationCidrBlock, r.inputs.transitGatewayId]),
        onPremisesCidrs.map((c) => [table.id, c, "tgw-0123"]),
      );
    }
  });

  it("attaches the transit gateway to the VPC in every private subnet and creates each route after the attachment", async () => {
    const graph = await build("prod", {
      hybrid: { onPremisesCidrs: ["192.168.0.0/16"], transitGatewayId: "tgw-0123" },
    });
    const attachment = one(graph, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
    assert.equal(attachment.inputs.transitGatewayId, "tgw-0123");
    assert.equal(attachment.inputs.vpcId, one(graph, VPC).id);
    assert.deepEqual(
      [...(attachment.inputs.subnetIds as string[])].sort(),
      ofType(graph, SUBNET)
        .map((s) => s.id)
        .sort(),
    );
    for (const key of REQUIRED_TAG_KEYS) assert.ok((attachment.inputs.tags as Record<string, string>)[key], key);
    const routes = ofType(graph, "aws:ec2/route:Route");
    assert.equal(routes.length, 3);
    for (const route of routes) assert.ok(route.dependencies.includes(attachment.urn), `${route.name} waits for it`);
  });

  it("attaches the VPN gateway to the VPC, routes after it, and propagates its routes only when asked", async () => {
    const hybrid = { onPremisesCidrs: ["172.16.16.0/20"], vpnGatewayId: "vgw-0abc" };
    const graph = await build("test", { hybrid });
    const attachment = one(graph, "aws:ec2/vpnGatewayAttachment:VpnGatewayAttachment");
    assert.deepEqual(attachment.inputs, { vpcId: one(graph, VPC).id, vpnGatewayId: "vgw-0abc" });
    const routes = ofType(graph, "aws:ec2/route:Route");
    assert.equal(routes.length, 2);
    for (const route of routes) {
      assert.equal(route.inputs.gatewayId, "vgw-0abc");
      assert.ok(route.dependencies.includes(attachment.urn), `${route.name} waits for the attachment`);
    }
    assert.equal(ofType(graph, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation").length, 0);
    const propagating = await build("test", { hybrid: { ...hybrid, propagateVpnRoutes: true } });
    const propagations = ofType(propagating, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation");
    assert.deepEqual(
      propagations.map((p) => p.inputs.routeTableId).sort(),
      ofType(propagating, ROUTE_TABLE)
        .map((t) => t.id)
        .sort(),
    );
  });

  it("attaches nothing to an existing VPC unless asked: its gateway attachment is the VPC owner's", async () => {
    const existing = {
      vpcId: "vpc-0abc",
      privateSubnetIds: ["subnet-0a", "subnet-0b"],
      routeTableIds: ["rtb-0a", "rtb-0b"],
    };
    const zones: Record<string, string> = { "subnet-0a": "eu-west-1a", "subnet-0b": "eu-west-1b" };
    const mocks = {
      invokes: {
        "aws:ec2/getSubnet:getSubnet": (inputs: Record<string, unknown>) => ({
          id: inputs.id,
          availabilityZone: zones[String(inputs.id)],
        }),
        "aws:ec2/getVpc:getVpc": (inputs: Record<string, unknown>) => ({ id: inputs.id, cidrBlock: "172.31.0.0/16" }),
      },
    };
    const hybrid = { onPremisesCidrs: ["192.168.0.0/16"], transitGatewayId: "tgw-0123" };
    const adopted = await build("dev", { existing, hybrid }, mocks);
    assert.equal(ofType(adopted, "aws:ec2transitgateway/vpcAttachment:VpcAttachment").length, 0);
    assert.equal(ofType(adopted, "aws:ec2/route:Route").length, 2);
    const attached = await build("dev", { existing, hybrid: { ...hybrid, gatewayAttachment: "create" } }, mocks);
    assert.deepEqual(one(attached, "aws:ec2transitgateway/vpcAttachment:VpcAttachment").inputs.subnetIds, [
      "subnet-0a",
      "subnet-0b",
    ]);
  });

  it("forwards on-premises domains to the on-premises DNS servers through an outbound resolver in the private subnets", async () => {
    const graph = await build("test", {
      hybrid: {
        onPremisesCidrs: ["172.16.16.0/20"],
        vpnGatewayId: "vgw-0abc",
        dnsForwarding: { domains: ["corp.example.internal"], targetIps: ["172.16.16.10", "172.16.16.11"] },
      },
    });
    assert.deepEqual(graph.outputs.routedCidrs, ["172.16.16.0/20"]);
    const endpoint = one(graph, "aws:route53/resolverEndpoint:ResolverEndpoint");
    assert.equal(endpoint.inputs.direction, "OUTBOUND");
    const subnets = ofType(graph, "aws:ec2/subnet:Subnet");
    assert.deepEqual(
      (endpoint.inputs.ipAddresses as Array<{ subnetId: string }>).map((a) => a.subnetId),
      subnets.map((s) => s.id),
    );
    const rule = one(graph, "aws:route53/resolverRule:ResolverRule");
    assert.equal(rule.inputs.domainName, "corp.example.internal");
    assert.equal(rule.inputs.ruleType, "FORWARD");
    assert.deepEqual(rule.inputs.targetIps, [
      { ip: "172.16.16.10", port: 53 },
      { ip: "172.16.16.11", port: 53 },
    ]);
    const association = one(graph, "aws:route53/resolverRuleAssociation:ResolverRuleAssociation");
    assert.equal(association.inputs.vpcId, one(graph, "aws:ec2/vpc:Vpc").id);
    // The resolver's group reaches the DNS servers on 53 only (UDP and TCP), nothing else.
    const sg = ofType(graph, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "net-resolver-sg");
    const egress = ofType(graph, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter(
      (r) => r.parent === sg?.urn,
    );
    assert.deepEqual(
      egress.map((r) => `${r.inputs.ipProtocol}:${r.inputs.fromPort}-${r.inputs.toPort}:${r.inputs.cidrIpv4}`).sort(),
      [
        "tcp:53-53:172.16.16.10/32",
        "tcp:53-53:172.16.16.11/32",
        "udp:53-53:172.16.16.10/32",
        "udp:53-53:172.16.16.11/32",
      ],
    );
  });

  it("routes nothing and exports no routed range without a gateway", async () => {
    const graph = await build("dev", { hybrid: { onPremisesCidrs: ["192.168.0.0/16"] } });
    assert.equal(ofType(graph, "aws:ec2/route:Route").length, 0);
    assert.deepEqual(graph.outputs.routedCidrs, []);
    assert.deepEqual(graph.outputs.onPremisesCidrs, ["192.168.0.0/16"]);
  });

  it("uses a KMS key passed in instead of creating one", async () => {
    const kmsKeyArn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const graph = await build("test", { kmsKeyArn });
    assert.equal(ofType(graph, KMS_KEY).length, 0);
    assert.equal(one(graph, LOG_GROUP).inputs.kmsKeyId, kmsKeyArn);
    assert.equal(one(graph, LOG_GROUP).inputs.retentionInDays, 90);
    assert.equal(graph.outputs.kmsKeyArn, kmsKeyArn);
  });

  it("fails the program with an error naming the argument path and the rule", async () => {
    const cases: Array<[Partial<MigrationNetworkArgs>, RegExp]> = [
      [{ azCount: 1 }, /MigrationNetwork "net": azCount: must be at least 2/],
      [{ cidrBlock: "10.0.0.0/12" }, /MigrationNetwork "net": cidrBlock: must be a \/16 to \/28/],
      [{ hybrid: { onPremisesCidrs: ["10.0.0.0/24"] } }, /hybrid\.onPremisesCidrs\[0\]: overlaps the VPC range/],
      [{ nat: true } as Partial<MigrationNetworkArgs>, /unknown key "nat"/],
      [
        {
          hybrid: {
            onPremisesCidrs: ["192.168.0.0/16"],
            dnsForwarding: { domains: ["corp.example"], targetIps: ["192.168.0.2"] },
          },
        },
        /hybrid\.dnsForwarding: needs a route to the on-premises DNS servers: give transitGatewayId or vpnGatewayId/,
      ],
      [
        {
          hybrid: {
            onPremisesCidrs: ["192.168.0.0/16"],
            transitGatewayId: "tgw-0123",
            dnsForwarding: { domains: ["corp.example"], targetIps: ["172.31.0.2"] },
          },
        },
        /hybrid\.dnsForwarding\.targetIps\[0\]: is not in hybrid\.onPremisesCidrs \(192\.168\.0\.0\/16\)/,
      ],
    ];
    for (const [extra, expected] of cases) {
      await assert.rejects(build("dev", extra), expected);
    }
  });
});
