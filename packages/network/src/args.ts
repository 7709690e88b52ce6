import {
  type Assert,
  componentContextSchema,
  type Environment,
  type EnvironmentProfile,
  getProfile,
  input,
  isEnvironment,
  type RequiredTags,
  type SameKeys,
  type SameValues,
} from "@dms-platform/config";
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  AWS_MAX_PREFIX,
  AWS_MIN_PREFIX,
  cidrProblem,
  contains,
  defaultSubnetNewBits,
  formatCidr,
  type Ipv4Network,
  overlaps,
  parseCidr,
  splitCidr,
} from "./cidr.js";
import { DEFAULT_INTERFACE_ENDPOINT_SERVICES } from "./endpoints.js";

/** A VPC you already have; MigrationNetwork then creates no VPC, subnets or route tables. */
export interface ExistingVpc {
  /** The VPC to build the endpoints, security group and flow log in. */
  vpcId: pulumi.Input<string>;
  /** Its private subnets (at least two, in distinct AZs); interface endpoints go in each. */
  privateSubnetIds: pulumi.Input<string>[];
  /** The route tables of those subnets; the S3 gateway endpoint and on-premises routes are added to them. */
  routeTableIds: pulumi.Input<string>[];
  /**
   * Adopt the VPC's default security group and strip its rules. @default false: the VPC belongs to
   * someone else and workloads may rely on its default group; turn on once they do not.
   */
  adoptDefaultSecurityGroup?: boolean;
}

/** Where a site-to-site VPN or Direct Connect attaches: the on-premises ranges and the gateway that reaches them. */
export interface HybridConnectivity {
  /** On-premises CIDR blocks that routes and security groups may name; never 0.0.0.0/0, never overlapping the VPC. */
  onPremisesCidrs: string[];
  /** Route the on-premises CIDRs to this transit gateway (attached to the VPC per `gatewayAttachment`). @default no routes */
  transitGatewayId?: pulumi.Input<string>;
  /**
   * Route the on-premises CIDRs to this virtual private gateway (VPN or Direct Connect). A virtual
   * private gateway attaches to one VPC at a time (EC2 AttachVpnGateway). @default no routes
   */
  vpnGatewayId?: pulumi.Input<string>;
  /**
   * Who attaches the gateway to the VPC. `create`: the network does (a transit gateway VPC
   * attachment in the private subnets, or a VPN gateway attachment) and creates every route after
   * it, as CreateRoute fails for a gateway not attached to the route table's VPC. `existing`: the
   * gateway is already attached to the VPC (only possible with `existing`, a VPC created here has no
   * attachment yet). @default "create" when the network creates the VPC, "existing" with `existing`
   */
  gatewayAttachment?: "create" | "existing";
  /**
   * Let the virtual private gateway propagate the routes it learns (BGP) into the private route
   * tables, besides the static routes to `onPremisesCidrs`. Only with `vpnGatewayId`. @default false
   */
  propagateVpnRoutes?: boolean;
  /**
   * Resolve on-premises names from the VPC: a Route 53 Resolver outbound endpoint in the private
   * subnets forwards queries for `domains` (and their subdomains) to the on-premises DNS servers
   * `targetIps` (inside `onPremisesCidrs`, reached through the gateway above). @default none
   */
  dnsForwarding?: DnsForwarding;
}

/** Forward DNS queries for on-premises domains to on-premises DNS servers. */
export interface DnsForwarding {
  /** Domains resolved on premises, e.g. `corp.example.internal`. */
  domains: string[];
  /** IPv4 addresses of the on-premises DNS servers (port 53). */
  targetIps: string[];
}

/** Arguments of MigrationNetwork. Defaults come from the environment's profile (`getProfile(environment)`). */
export interface MigrationNetworkArgs {
  /** The stack's environment; selects the profile of defaults. */
  environment: Environment;
  /** Application name, a part of every physical name (`<env>-<app>-<purpose>`). */
  application: string;
  /** The five required tags (plus any extra), set on every taggable child; Environment must equal `environment`. */
  tags: RequiredTags & Record<string, string>;
  /** The VPC's IPv4 range, /16 to /28 as AWS allows. @default "10.0.0.0/16" */
  cidrBlock?: string;
  /** Number of private subnets, one per availability zone (at least 2). @default profile.azCount: dev 2, test 2, prod 3 */
  azCount?: number;
  /** Exact availability zones (distinct, at least 2) instead of the region's first `azCount` available ones. @default the first `azCount` zones of `aws.getAvailabilityZones` (opt-in zones excluded) */
  availabilityZones?: string[];
  /** Prefix length of each private subnet. @default the VPC's + 2 (four equal slots, so a third AZ can be added without renumbering) */
  subnetPrefixLength?: number;
  /** Use an existing VPC instead of creating one; only endpoints, security group, flow log and key are added. @default create a VPC */
  existing?: ExistingVpc;
  /** On-premises ranges and the gateway that reaches them (the VPN / Direct Connect hook). @default none */
  hybrid?: HybridConnectivity;
  /** Interface endpoints to create (service short names). @default ["secretsmanager", "kms", "logs", "monitoring", "sts"] */
  interfaceEndpointServices?: string[];
  /** Create the S3 gateway endpoint on the private route tables. @default true */
  s3GatewayEndpoint?: boolean;
  /** Use this customer-managed KMS key (its policy must let CloudWatch Logs use it) instead of creating one. @default a new key with rotation on */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days the flow log group keeps events: a CloudWatch Logs retention value, at least the profile's. @default profile.logRetentionDays: dev 30, test 90, prod 365 */
  flowLogRetentionDays?: number;
  /** Which traffic the flow log records. @default "ALL" */
  flowLogTrafficType?: "ALL" | "ACCEPT" | "REJECT";
}

/** The values CloudWatch Logs accepts for retentionInDays (PutRetentionPolicy), "never expire" excluded. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const DEFAULT_VPC_CIDR = "10.0.0.0/16";
/** More AZs than this is not a migration network (and more than most regions have). */
export const MAX_AZ_COUNT = 6;

const cidrString = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** A `pulumi.Input<T>`: a T checked by `schema`, or an Output or Promise taken as is. */
const pulumiInput = <S extends z.ZodType>(schema: S) => input<S, pulumi.Input<z.input<S>>>(schema);

function idSchema(prefix: string) {
  return pulumiInput(z.string().regex(new RegExp(`^${prefix}-[0-9a-f]+$`), `must be an id starting with ${prefix}-`));
}

function distinct(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
}

const fieldsNotUsedWithExisting = ["cidrBlock", "azCount", "availabilityZones", "subnetPrefixLength"] as const;

/** The zod schema of MigrationNetworkArgs: unknown keys are errors, cross-field rules name the field they concern. */
export const migrationNetworkArgsSchema = componentContextSchema
  .extend({
    cidrBlock: cidrString.optional(),
    azCount: z
      .number()
      .int("must be a whole number")
      .min(2, "must be at least 2: DMS replication subnet groups and Multi-AZ RDS need two availability zones")
      .max(MAX_AZ_COUNT, `must be at most ${MAX_AZ_COUNT}`)
      .optional(),
    availabilityZones: z
      .array(z.string().regex(/^[a-z]{2}(?:-[a-z0-9]+)+[a-z]$/, "must be an availability zone name such as eu-west-1a"))
      .min(2, "must name at least 2 availability zones: DMS replication subnet groups need two")
      .max(MAX_AZ_COUNT, `must name at most ${MAX_AZ_COUNT} availability zones`)
      .refine(distinct, "must name distinct availability zones")
      .optional(),
    subnetPrefixLength: z
      .number()
      .int("must be a whole number")
      .min(AWS_MIN_PREFIX, `must be between ${AWS_MIN_PREFIX} and ${AWS_MAX_PREFIX} (AWS subnet sizes)`)
      .max(AWS_MAX_PREFIX, `must be between ${AWS_MIN_PREFIX} and ${AWS_MAX_PREFIX} (AWS subnet sizes)`)
      .optional(),
    existing: z
      .strictObject({
        vpcId: idSchema("vpc"),
        privateSubnetIds: z
          .array(idSchema("subnet"))
          .min(
            2,
            "must list at least 2 subnets in distinct availability zones: DMS replication subnet groups need two",
          ),
        routeTableIds: z.array(idSchema("rtb")).min(1, "must list the route tables of the private subnets"),
        adoptDefaultSecurityGroup: z.boolean().optional(),
      })
      .optional(),
    hybrid: z
      .strictObject({
        onPremisesCidrs: z.array(cidrString).min(1, "must list at least one on-premises CIDR block"),
        transitGatewayId: idSchema("tgw").optional(),
        vpnGatewayId: idSchema("vgw").optional(),
        gatewayAttachment: z.enum(["create", "existing"]).optional(),
        propagateVpnRoutes: z.boolean().optional(),
        dnsForwarding: z
          .strictObject({
            domains: z
              .array(
                z
                  .string()
                  .regex(
                    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
                    "must be a lowercase DNS domain such as corp.example.internal",
                  ),
              )
              .min(1, "must list at least one domain")
              .refine(distinct, "must not list a domain twice"),
            targetIps: z
              .array(z.ipv4({ error: "must be an IPv4 address" }))
              .min(1, "must list at least one DNS server")
              .max(6, "must list at most 6 DNS servers (Route 53 Resolver rule limit)"),
          })
          .optional(),
      })
      .optional(),
    interfaceEndpointServices: z
      .array(z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, "must be a service short name such as secretsmanager"))
      .refine(distinct, "must not list a service twice")
      .optional(),
    s3GatewayEndpoint: z.boolean().optional(),
    kmsKeyArn: pulumiInput(
      z.string().regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/, "must be a KMS key ARN"),
    ).optional(),
    flowLogRetentionDays: z
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `must be a CloudWatch Logs retention value: ${LOG_RETENTION_DAYS.join(", ")}`,
      })
      .optional(),
    flowLogTrafficType: z.enum(["ALL", "ACCEPT", "REJECT"]).optional(),
  })
  .strict()
  .superRefine((args, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (args.existing) {
      for (const key of fieldsNotUsedWithExisting) {
        if (args[key] !== undefined) issue([key], "is not used with existing (the VPC and its subnets already exist)");
      }
    }
    if (args.azCount !== undefined && args.availabilityZones && args.azCount !== args.availabilityZones.length) {
      issue(
        ["azCount"],
        `must equal the number of availabilityZones (${args.availabilityZones.length}) when both are given`,
      );
    }
    const profile = isEnvironment(args.environment) ? getProfile(args.environment) : undefined;
    if (profile && args.flowLogRetentionDays !== undefined && args.flowLogRetentionDays < profile.logRetentionDays) {
      issue(
        ["flowLogRetentionDays"],
        `must be at least the ${profile.environment} profile's ${profile.logRetentionDays} days (got ${args.flowLogRetentionDays})`,
      );
    }
    let vpc: Ipv4Network | undefined;
    if (!args.existing && cidrProblem(args.cidrBlock ?? DEFAULT_VPC_CIDR) === undefined) {
      vpc = parseCidr(args.cidrBlock ?? DEFAULT_VPC_CIDR);
      if (vpc.prefix < AWS_MIN_PREFIX || vpc.prefix > AWS_MAX_PREFIX) {
        issue(["cidrBlock"], `must be a /${AWS_MIN_PREFIX} to /${AWS_MAX_PREFIX} (AWS VPC sizes; got /${vpc.prefix})`);
        vpc = undefined;
      }
    }
    if (vpc && profile) {
      const azCount = args.availabilityZones?.length ?? args.azCount ?? profile.azCount;
      const subnetPrefix = args.subnetPrefixLength ?? vpc.prefix + defaultSubnetNewBits(azCount);
      if (subnetPrefix <= vpc.prefix) {
        issue(["subnetPrefixLength"], `must be longer than the VPC's /${vpc.prefix} (got /${subnetPrefix})`);
      } else if (subnetPrefix > AWS_MAX_PREFIX || 2 ** (subnetPrefix - vpc.prefix) < azCount) {
        const path = args.subnetPrefixLength === undefined ? "cidrBlock" : "subnetPrefixLength";
        issue(
          [path],
          `${formatCidr(vpc)} cannot hold ${azCount} subnets of /${subnetPrefix} (AWS subnets are /${AWS_MIN_PREFIX} to /${AWS_MAX_PREFIX})`,
        );
      }
    }
    if (args.hybrid) {
      const { onPremisesCidrs } = args.hybrid;
      const parsed = onPremisesCidrs.map((c) => (cidrProblem(c) === undefined ? parseCidr(c) : undefined));
      parsed.forEach((network, i) => {
        if (!network) return;
        const path = ["hybrid", "onPremisesCidrs", i];
        if (network.prefix === 0) {
          issue(path, "must not be 0.0.0.0/0: name the on-premises networks, never the whole internet");
        } else if (vpc && overlaps(network, vpc)) {
          issue(path, `overlaps the VPC range ${formatCidr(vpc)}: traffic to it would never leave the VPC`);
        } else {
          const j = parsed.findIndex((other, k) => k < i && other !== undefined && overlaps(other, network));
          if (j >= 0) issue(path, `overlaps hybrid.onPremisesCidrs[${j}] (${onPremisesCidrs[j]})`);
        }
      });
      if (args.hybrid.transitGatewayId !== undefined && args.hybrid.vpnGatewayId !== undefined) {
        issue(["hybrid", "vpnGatewayId"], "give either transitGatewayId or vpnGatewayId, not both");
      }
      const hasGateway = args.hybrid.transitGatewayId !== undefined || args.hybrid.vpnGatewayId !== undefined;
      if (args.hybrid.gatewayAttachment !== undefined && !hasGateway) {
        issue(["hybrid", "gatewayAttachment"], "needs a gateway to attach: give transitGatewayId or vpnGatewayId");
      } else if (args.hybrid.gatewayAttachment === "existing" && !args.existing) {
        issue(
          ["hybrid", "gatewayAttachment"],
          'must be "create" when the network creates the VPC: nothing can be attached to a VPC before it exists, and CreateRoute fails for a gateway not attached to the VPC (got "existing")',
        );
      }
      if (args.hybrid.propagateVpnRoutes === true && args.hybrid.vpnGatewayId === undefined) {
        issue(["hybrid", "propagateVpnRoutes"], "needs vpnGatewayId: only a virtual private gateway propagates routes");
      }
      const forwarding = args.hybrid.dnsForwarding;
      if (forwarding) {
        if (args.hybrid.transitGatewayId === undefined && args.hybrid.vpnGatewayId === undefined) {
          issue(
            ["hybrid", "dnsForwarding"],
            "needs a route to the on-premises DNS servers: give transitGatewayId or vpnGatewayId",
          );
        }
        forwarding.targetIps.forEach((ip, i) => {
          const host = parseCidr(`${ip}/32`);
          if (!parsed.some((network) => network !== undefined && contains(network, host))) {
            issue(
              ["hybrid", "dnsForwarding", "targetIps", i],
              `is not in hybrid.onPremisesCidrs (${onPremisesCidrs.join(", ")}): the VPC has no route to it (got "${ip}")`,
            );
          }
        });
      }
    }
  });

// One source of truth: the interface (the documentation) and the schema (the validation) accept the
// same values, at the top level and in each nested object; a drift is a compile error naming the field.
type NetworkInput = z.input<typeof migrationNetworkArgsSchema>;
export type MigrationNetworkArgsMatchSchema = [
  SameValues<MigrationNetworkArgs, NetworkInput>,
  Assert<SameKeys<MigrationNetworkArgs, NetworkInput>>,
  Assert<SameKeys<ExistingVpc, NonNullable<NetworkInput["existing"]>>>,
  Assert<SameKeys<HybridConnectivity, NonNullable<NetworkInput["hybrid"]>>>,
];

/** The args after validation. */
export type ParsedMigrationNetworkArgs = z.output<typeof migrationNetworkArgsSchema>;

/** One private subnet the network creates. */
export interface PlannedSubnet {
  /** 0-based index; also the index of its availability zone. */
  index: number;
  /** `a`, `b`, `c`...: the role suffix of its names (`private-a`). */
  letter: string;
  cidrBlock: string;
}

/** Everything MigrationNetwork decides before it declares a resource. */
export interface NetworkPlan {
  profile: EnvironmentProfile;
  /** The VPC to create, or undefined when `existing` is used. */
  vpc?: { cidrBlock: string; subnets: PlannedSubnet[]; availabilityZones?: string[] };
  interfaceEndpointServices: string[];
  s3GatewayEndpoint: boolean;
  adoptDefaultSecurityGroup: boolean;
  onPremisesCidrs: string[];
  /** The on-premises ranges every private route table routes to the gateway (none without a gateway). */
  routedCidrs: string[];
  /** The gateway the routes go to, and whether the network attaches it to the VPC (none without a gateway). */
  gateway?: GatewayPlan;
  /** DNS forwarding to on-premises servers, when asked for. */
  dnsForwarding?: DnsForwarding;
  flowLogRetentionDays: number;
  flowLogTrafficType: "ALL" | "ACCEPT" | "REJECT";
  createKmsKey: boolean;
}

/** The on-premises gateway: which kind, whether the network attaches it, and route propagation. */
export type GatewayPlan =
  | { kind: "transit-gateway"; attach: boolean }
  | { kind: "vpn-gateway"; attach: boolean; propagateRoutes: boolean };

/** The gateway of `hybrid`, attached by the network unless the VPC (and so its attachment) is the caller's. */
export function planGateway(args: ParsedMigrationNetworkArgs): GatewayPlan | undefined {
  const hybrid = args.hybrid;
  if (!hybrid) return undefined;
  const attach = (hybrid.gatewayAttachment ?? (args.existing ? "existing" : "create")) === "create";
  if (hybrid.transitGatewayId !== undefined) return { kind: "transit-gateway", attach };
  if (hybrid.vpnGatewayId !== undefined) {
    return { kind: "vpn-gateway", attach, propagateRoutes: hybrid.propagateVpnRoutes ?? false };
  }
  return undefined;
}

/** Resolve validated args and the environment profile into the plan the component declares. */
export function planNetwork(args: ParsedMigrationNetworkArgs): NetworkPlan {
  const profile = getProfile(args.environment);
  const gateway = planGateway(args);
  let vpc: NetworkPlan["vpc"];
  if (!args.existing) {
    const network = parseCidr(args.cidrBlock ?? DEFAULT_VPC_CIDR);
    const azCount = args.availabilityZones?.length ?? args.azCount ?? profile.azCount;
    const newBits = (args.subnetPrefixLength ?? network.prefix + defaultSubnetNewBits(azCount)) - network.prefix;
    const subnets = splitCidr(network, newBits, azCount).map((s, index) => ({
      index,
      letter: String.fromCharCode(97 + index),
      cidrBlock: formatCidr(s),
    }));
    vpc = { cidrBlock: formatCidr(network), subnets };
    if (args.availabilityZones) vpc.availabilityZones = [...args.availabilityZones];
  }
  return {
    profile,
    ...(vpc ? { vpc } : {}),
    interfaceEndpointServices: [...(args.interfaceEndpointServices ?? DEFAULT_INTERFACE_ENDPOINT_SERVICES)],
    s3GatewayEndpoint: args.s3GatewayEndpoint ?? true,
    adoptDefaultSecurityGroup: args.existing ? (args.existing.adoptDefaultSecurityGroup ?? false) : true,
    onPremisesCidrs: [...(args.hybrid?.onPremisesCidrs ?? [])],
    routedCidrs:
      args.hybrid && (args.hybrid.transitGatewayId !== undefined || args.hybrid.vpnGatewayId !== undefined)
        ? [...args.hybrid.onPremisesCidrs]
        : [],
    ...(gateway ? { gateway } : {}),
    ...(args.hybrid?.dnsForwarding
      ? {
          dnsForwarding: {
            domains: [...args.hybrid.dnsForwarding.domains],
            targetIps: [...args.hybrid.dnsForwarding.targetIps],
          },
        }
      : {}),
    flowLogRetentionDays: args.flowLogRetentionDays ?? profile.logRetentionDays,
    flowLogTrafficType: args.flowLogTrafficType ?? "ALL",
    createKmsKey: args.kmsKeyArn === undefined,
  };
}
