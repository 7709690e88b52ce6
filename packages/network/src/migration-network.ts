import { ConfigError, mergeTags, type NameKind, parseComponentArgs, physicalName } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  type GatewayPlan,
  type MigrationNetworkArgs,
  migrationNetworkArgsSchema,
  type NetworkPlan,
  planNetwork,
} from "./args.js";
import { createDnsForwarding } from "./dns-forwarding.js";
import { endpointServiceName, interfaceEndpointSpecs } from "./endpoints.js";
import { type AccountContext, flowLogsPublishPolicy, flowLogsTrustPolicy, networkKeyPolicy } from "./policies.js";

/** The type token of MigrationNetwork. */
export const MIGRATION_NETWORK_TYPE = "dms-platform:network:MigrationNetwork";

/** Flow log records are aggregated over this many seconds (AWS allows 60 or 600; 60 makes a refused connection visible within a minute). */
const FLOW_LOG_AGGREGATION_SECONDS = 60;

/**
 * A private network for database migrations: a VPC without internet gateway or NAT, private
 * subnets in distinct availability zones, interface endpoints for the AWS APIs DMS and RDS call,
 * an S3 gateway endpoint, KMS-encrypted VPC flow logs, and the default security group stripped.
 * With `existing`, the VPC and subnets are yours and only the rest is added.
 *
 * @example
 * ```ts
 * // tags: Application, Environment, Owner, CostCenter, DataClassification
 * const network = new MigrationNetwork("network", { environment: "prod", application: "orders", tags });
 * // 3 private subnets in prod (profile), endpoints, flow logs; then place databases and DMS in it:
 * new MigrationDatabase("target", { environment: "prod", application: "orders", tags, role: "target",
 *   engine: "mysql", vpcId: network.vpcId, subnetIds: network.privateSubnetIds });
 * ```
 * Whole programs: examples/one-source-instance, and examples/external-source-verify-full for the
 * `hybrid` (VPN) hook.
 */
export class MigrationNetwork extends pulumi.ComponentResource {
  /** The VPC's id. */
  readonly vpcId: pulumi.Output<string>;
  /** The VPC's primary IPv4 range. */
  readonly vpcCidr: pulumi.Output<string>;
  /** The private subnets, one per availability zone, in AZ order. */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** The availability zone of each private subnet, in the same order. */
  readonly availabilityZones: pulumi.Output<string[]>;
  /** The private subnets' route tables (on-premises routes and the S3 gateway endpoint are on them). */
  readonly routeTableIds: pulumi.Output<string[]>;
  /** The security group of the interface endpoints (HTTPS from the VPC range only). */
  readonly endpointSecurityGroupId: pulumi.Output<string>;
  /** The customer-managed key encrypting the flow logs: created here unless `kmsKeyArn` was passed. */
  readonly kmsKeyArn: pulumi.Output<string>;
  /** The CloudWatch log group receiving the VPC flow logs. */
  readonly flowLogGroupName: pulumi.Output<string>;
  /** The on-premises ranges of `hybrid` (empty without it), for security groups to name. */
  readonly onPremisesCidrs: pulumi.Output<string[]>;
  /** The on-premises ranges every private route table routes to the gateway (empty without a gateway). */
  readonly routedCidrs: pulumi.Output<string[]>;

  constructor(name: string, args: MigrationNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MIGRATION_NETWORK_TYPE, name, {}, opts);
    // Build from the value the parser returns (checked, copied), never from the raw input.
    const parsed = parseComponentArgs(migrationNetworkArgsSchema, args, "MigrationNetwork", name);
    const plan = planNetwork(parsed);
    const { environment, application } = parsed;
    const nameOf = (kind: NameKind, purpose: string) => physicalName(kind, { environment, application, purpose });
    const tagsFor = (purpose: string) => mergeTags(parsed.tags, { Name: nameOf("tag", purpose) });

    const invokeOpts = { parent: this };
    const partition = aws.getPartitionOutput({}, invokeOpts);
    const region = aws.getRegionOutput({}, invokeOpts).region;
    const account: pulumi.Output<AccountContext> = pulumi
      .all([partition.partition, partition.dnsSuffix, region, aws.getCallerIdentityOutput({}, invokeOpts).accountId])
      .apply(([p, dnsSuffix, r, accountId]) => ({ partition: p, dnsSuffix, region: r, accountId }));

    const serviceName = (service: string) =>
      pulumi.all([partition.reverseDnsPrefix, region]).apply(([prefix, r]) => endpointServiceName(prefix, r, service));

    // The VPC and its subnets: created, or taken from `existing`.
    const layout = parsed.existing
      ? this.existingLayout(name, parsed.existing)
      : this.createLayout(name, plan, tagsFor);
    const { vpcId, vpcCidr, subnetIds, routeTableIds, owner } = layout;

    if (plan.adoptDefaultSecurityGroup) {
      // Adopting the default group with no rules removes AWS's allow-all-within-group rules (CIS AWS 5.4).
      new aws.ec2.DefaultSecurityGroup(
        `${name}-default-sg`,
        { vpcId, ingress: [], egress: [], tags: tagsFor("default") },
        { parent: owner },
      );
    }

    // Hybrid hook: routes to the on-premises ranges through the VPN / Direct Connect / transit gateway.
    const hybrid = parsed.hybrid;
    const target = hybrid?.transitGatewayId
      ? { transitGatewayId: hybrid.transitGatewayId }
      : hybrid?.vpnGatewayId
        ? { gatewayId: hybrid.vpnGatewayId }
        : undefined;
    if (target && plan.gateway) {
      const attachment = this.attachGateway(name, plan.gateway, { vpcId, subnetIds, owner, tagsFor }, target);
      for (const table of layout.routeTables) {
        plan.onPremisesCidrs.forEach((cidr, j) => {
          new aws.ec2.Route(
            `${table.role}-onprem-${j + 1}`,
            { routeTableId: table.id, destinationCidrBlock: cidr, ...target },
            // CreateRoute refuses a gateway that is not attached to the route table's VPC (a transit
            // gateway without a VPC attachment: InvalidTransitGatewayID.NotFound; a VPN gateway:
            // "route table and network gateway belong to different networks"): after the attachment.
            { parent: table.resource ?? this, ...(attachment ? { dependsOn: [attachment] } : {}) },
          );
        });
        if (plan.gateway.kind === "vpn-gateway" && plan.gateway.propagateRoutes && hybrid?.vpnGatewayId) {
          new aws.ec2.VpnGatewayRoutePropagation(
            `${table.role}-vgw-propagation`,
            { vpnGatewayId: hybrid.vpnGatewayId, routeTableId: table.id },
            { parent: table.resource ?? this, ...(attachment ? { dependsOn: [attachment] } : {}) },
          );
        }
      }
    }

    // On-premises names: forwarded to the on-premises DNS servers through the routes above.
    if (plan.dnsForwarding) {
      createDnsForwarding({ name, parent: this, vpcId, subnetIds, nameOf, tagsFor }, plan.dnsForwarding);
    }

    // Interface endpoints behind one security group that admits HTTPS from the VPC range only.
    const endpointSg = new aws.ec2.SecurityGroup(
      `${name}-endpoints-sg`,
      {
        vpcId,
        name: nameOf("security-group", "endpoints"),
        description: "VPC interface endpoints: HTTPS from the VPC range only",
        tags: tagsFor("endpoints"),
      },
      { parent: this },
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoints-https`,
      {
        securityGroupId: endpointSg.id,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: vpcCidr,
        description: "HTTPS to AWS APIs from inside the VPC",
        tags: tagsFor("endpoints-https"),
      },
      { parent: endpointSg },
    );
    for (const spec of interfaceEndpointSpecs(plan.interfaceEndpointServices)) {
      new aws.ec2.VpcEndpoint(
        `${name}-${spec.role}-endpoint`,
        {
          vpcId,
          serviceName: serviceName(spec.service),
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds,
          securityGroupIds: [endpointSg.id],
          tags: tagsFor(`${spec.role}-endpoint`),
        },
        { parent: endpointSg },
      );
    }
    if (plan.s3GatewayEndpoint) {
      new aws.ec2.VpcEndpoint(
        `${name}-s3-endpoint`,
        {
          vpcId,
          serviceName: serviceName("s3"),
          vpcEndpointType: "Gateway",
          routeTableIds,
          tags: tagsFor("s3-endpoint"),
        },
        { parent: this },
      );
    }

    // The key encrypting the flow logs (and offered to the other components through kmsKeyArn).
    let kmsKeyArn: pulumi.Output<string>;
    if (plan.createKmsKey) {
      const key = new aws.kms.Key(
        `${name}-key`,
        {
          description: `${environment} ${application} migration network: VPC flow logs and migration log groups`,
          enableKeyRotation: true,
          deletionWindowInDays: plan.profile.kmsDeletionWindowDays,
          // Log groups named by the naming helper for this environment and application may use it.
          policy: account.apply((ctx) =>
            JSON.stringify(
              networkKeyPolicy(ctx, [
                // The network's flow logs and the platform's own log groups, and the log groups DMS
                // writes task logs to (fixed names: dms-tasks-<instance id>, dms-serverless-replication-<id>).
                // Every migration of the environment uses this key, whatever its application name
                // (instance ids are <env>-<migration>-replication-dms): scope to the environment.
                `${environment}-${application}-*`,
                `dms-tasks-${environment}-*`,
                "dms-serverless-replication-*",
              ]),
            ),
          ),
          tags: tagsFor("network-key"),
        },
        { parent: this, protect: plan.profile.protect },
      );
      new aws.kms.Alias(
        `${name}-key-alias`,
        { name: `alias/${nameOf("kms-alias", "network")}`, targetKeyId: key.keyId },
        { parent: key },
      );
      kmsKeyArn = key.arn;
    } else {
      kmsKeyArn = pulumi.output(parsed.kmsKeyArn as pulumi.Input<string>);
    }

    // VPC flow logs: encrypted log group, and a role only the flow logs service of this account can assume.
    const logGroupName = nameOf("log-group", "vpc-flow-logs");
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      {
        name: logGroupName,
        retentionInDays: plan.flowLogRetentionDays,
        kmsKeyId: kmsKeyArn,
        tags: tagsFor("vpc-flow-logs"),
      },
      { parent: this },
    );
    const role = new aws.iam.Role(
      `${name}-flow-logs-role`,
      {
        name: nameOf("iam-role", "vpc-flow-logs"),
        description: "Publishes the migration VPC's flow logs to CloudWatch Logs",
        assumeRolePolicy: account.apply((ctx) => JSON.stringify(flowLogsTrustPolicy(ctx))),
        tags: tagsFor("vpc-flow-logs"),
      },
      { parent: this },
    );
    const publish = new aws.iam.RolePolicy(
      `${name}-flow-logs-publish`,
      { role: role.id, policy: account.apply((ctx) => JSON.stringify(flowLogsPublishPolicy(ctx, logGroupName))) },
      { parent: role },
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      {
        vpcId,
        trafficType: plan.flowLogTrafficType,
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: FLOW_LOG_AGGREGATION_SECONDS,
        tags: tagsFor("vpc-flow-log"),
      },
      // The role's permissions must exist before the service first delivers.
      { parent: owner, dependsOn: [publish] },
    );

    this.vpcId = vpcId;
    this.vpcCidr = vpcCidr;
    this.privateSubnetIds = pulumi.output(subnetIds);
    this.availabilityZones = layout.availabilityZones;
    this.routeTableIds = pulumi.output(routeTableIds);
    this.endpointSecurityGroupId = endpointSg.id;
    this.kmsKeyArn = kmsKeyArn;
    this.flowLogGroupName = logGroup.name;
    this.onPremisesCidrs = pulumi.output(plan.onPremisesCidrs);
    this.routedCidrs = pulumi.output(plan.routedCidrs);
    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidr: this.vpcCidr,
      privateSubnetIds: this.privateSubnetIds,
      availabilityZones: this.availabilityZones,
      routeTableIds: this.routeTableIds,
      endpointSecurityGroupId: this.endpointSecurityGroupId,
      kmsKeyArn: this.kmsKeyArn,
      flowLogGroupName: this.flowLogGroupName,
      onPremisesCidrs: this.onPremisesCidrs,
      routedCidrs: this.routedCidrs,
    });
  }

  /**
   * Attach the on-premises gateway to the VPC, when the network does (`gatewayAttachment: create`).
   * Transit gateway: a VPC attachment in the private subnets (one per AZ, as the transit gateway
   * places an interface in each), tagged; its transit-gateway-side routing (default route table
   * association and propagation) is left to the gateway's owner: the provider cannot set it on a
   * gateway shared through RAM (terraform-provider-aws v6, internal/service/ec2,
   * resourceTransitGatewayVPCAttachmentCreate). It waits until the attachment is `available` or
   * `pendingAcceptance` (waitTransitGatewayVPCAttachmentCreated): a gateway that does not
   * auto-accept needs its owner to accept it. VPN gateway: AttachVpnGateway, waited to `attached`
   * (resourceVPNGatewayAttachmentCreate); it fails when the gateway is attached to another VPC.
   */
  private attachGateway(
    name: string,
    gateway: GatewayPlan,
    vpc: {
      vpcId: pulumi.Input<string>;
      subnetIds: pulumi.Input<string>[];
      owner: pulumi.Resource;
      tagsFor: (purpose: string) => Record<string, string>;
    },
    target: { transitGatewayId: pulumi.Input<string> } | { gatewayId: pulumi.Input<string> },
  ): pulumi.Resource | undefined {
    if (!gateway.attach) return undefined;
    if ("transitGatewayId" in target) {
      return new aws.ec2transitgateway.VpcAttachment(
        `${name}-tgw-attachment`,
        {
          transitGatewayId: target.transitGatewayId,
          vpcId: vpc.vpcId,
          subnetIds: vpc.subnetIds,
          dnsSupport: "enable",
          tags: vpc.tagsFor("tgw-attachment"),
        },
        // A second attachment of the VPC to the same gateway is refused (DuplicateTransitGatewayAttachment).
        { parent: vpc.owner, deleteBeforeReplace: true },
      );
    }
    return new aws.ec2.VpnGatewayAttachment(
      `${name}-vgw-attachment`,
      { vpcId: vpc.vpcId, vpnGatewayId: target.gatewayId },
      // The gateway attaches to one VPC at a time: detach the old one before attaching anew.
      { parent: vpc.owner, deleteBeforeReplace: true },
    );
  }

  /** The VPC, one private subnet and route table per AZ; no internet gateway, no NAT. */
  private createLayout(name: string, plan: NetworkPlan, tagsFor: (purpose: string) => Record<string, string>): Layout {
    const planned = plan.vpc;
    if (!planned) throw new Error(`MigrationNetwork "${name}": no VPC planned`);
    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      { cidrBlock: planned.cidrBlock, enableDnsSupport: true, enableDnsHostnames: true, tags: tagsFor("vpc") },
      { parent: this },
    );
    const count = planned.subnets.length;
    const zones: pulumi.Output<string[]> = planned.availabilityZones
      ? pulumi.output(planned.availabilityZones)
      : aws
          .getAvailabilityZonesOutput(
            // Local and Wavelength zones are opt-in; DMS and RDS Multi-AZ need regular zones.
            { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
            { parent: this },
          )
          .names.apply((names) => {
            if (names.length < count) {
              throw new ConfigError(
                `MigrationNetwork "${name}"`,
                "azCount",
                `the region has ${names.length} available availability zones, fewer than ${count}`,
              );
            }
            return names.slice(0, count);
          });
    const routeTables: Layout["routeTables"] = [];
    const subnets = planned.subnets.map((s) => {
      const role = `${name}-private-${s.letter}`;
      const subnet = new aws.ec2.Subnet(
        role,
        {
          vpcId: vpc.id,
          cidrBlock: s.cidrBlock,
          availabilityZone: zones.apply((z) => z[s.index] ?? ""),
          mapPublicIpOnLaunch: false,
          tags: tagsFor(`private-${s.letter}`),
        },
        { parent: vpc },
      );
      const table = new aws.ec2.RouteTable(
        `${role}-rt`,
        { vpcId: vpc.id, tags: tagsFor(`private-${s.letter}-rt`) },
        { parent: subnet },
      );
      new aws.ec2.RouteTableAssociation(
        `${role}-rta`,
        { subnetId: subnet.id, routeTableId: table.id },
        { parent: table },
      );
      routeTables.push({ role, id: table.id, resource: table });
      return subnet;
    });
    return {
      owner: vpc,
      vpcId: vpc.id,
      vpcCidr: vpc.cidrBlock,
      subnetIds: subnets.map((s) => s.id),
      availabilityZones: pulumi.all(subnets.map((s) => s.availabilityZone)),
      routeTableIds: routeTables.map((t) => t.id),
      routeTables,
    };
  }

  /** The caller's VPC: its range and the subnets' zones are read, and the zones checked to be distinct. */
  private existingLayout(name: string, existing: NonNullable<MigrationNetworkArgs["existing"]>): Layout {
    const vpcId = pulumi.output(existing.vpcId);
    const subnetZones = existing.privateSubnetIds.map(
      (id) => aws.ec2.getSubnetOutput({ id }, { parent: this }).availabilityZone,
    );
    const availabilityZones = pulumi
      .all([pulumi.all(existing.privateSubnetIds), pulumi.all(subnetZones)])
      .apply(([ids, zones]) => {
        zones.forEach((zone, i) => {
          const j = zones.indexOf(zone);
          if (j < i) {
            throw new ConfigError(
              `MigrationNetwork "${name}"`,
              `existing.privateSubnetIds[${i}]`,
              `must be in a different availability zone from ${ids[j]} (both in ${zone})`,
            );
          }
        });
        return zones;
      });
    return {
      owner: this,
      vpcId,
      vpcCidr: aws.ec2.getVpcOutput({ id: vpcId }, { parent: this }).cidrBlock,
      subnetIds: existing.privateSubnetIds,
      availabilityZones,
      routeTableIds: existing.routeTableIds,
      routeTables: existing.routeTableIds.map((id, i) => ({ role: `${name}-rt-${i + 1}`, id })),
    };
  }
}

/** Where the rest of the network is built. */
interface Layout {
  /** Parent of the VPC-scoped children (flow log, default security group): the VPC, or the component. */
  owner: pulumi.Resource;
  vpcId: pulumi.Output<string>;
  vpcCidr: pulumi.Output<string>;
  subnetIds: pulumi.Input<string>[];
  availabilityZones: pulumi.Output<string[]>;
  routeTableIds: pulumi.Input<string>[];
  routeTables: Array<{ role: string; id: pulumi.Input<string>; resource?: aws.ec2.RouteTable }>;
}
