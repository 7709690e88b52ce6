import type { NameKind } from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { DnsForwarding } from "./args.js";

/** What the forwarding needs from the network that hosts it. */
export interface DnsForwardingContext {
  name: string;
  parent: pulumi.Resource;
  vpcId: pulumi.Input<string>;
  /** The private subnets (two AZs at least): the endpoint puts one address in each. */
  subnetIds: pulumi.Input<string>[];
  nameOf: (kind: NameKind, purpose: string) => string;
  tagsFor: (purpose: string) => Record<string, string>;
}

/** The rule key of a domain, for logical and physical names: `corp.example.internal` -> `corp-example-internal`. */
export function domainKey(domain: string): string {
  return domain.replace(/\./g, "-");
}

/**
 * Route 53 Resolver outbound forwarding: an outbound endpoint in the private subnets, behind a
 * security group that reaches only the on-premises DNS servers on port 53 (UDP and TCP), one
 * FORWARD rule per domain to those servers, each associated with the VPC. DMS then resolves
 * on-premises host names (an external source's `hostname`) through the VPC resolver.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-outbound-queries.html
 */
export function createDnsForwarding(
  ctx: DnsForwardingContext,
  forwarding: DnsForwarding,
): aws.route53.ResolverEndpoint {
  const { name, nameOf, tagsFor } = ctx;
  const sg = new aws.ec2.SecurityGroup(
    `${name}-resolver-sg`,
    {
      vpcId: ctx.vpcId,
      name: nameOf("security-group", "resolver"),
      description: "Route 53 Resolver outbound endpoint: DNS to the on-premises servers only",
      tags: tagsFor("resolver"),
    },
    { parent: ctx.parent },
  );
  forwarding.targetIps.forEach((ip, i) => {
    for (const protocol of ["udp", "tcp"] as const) {
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-resolver-dns-${protocol}-${i + 1}`,
        {
          securityGroupId: sg.id,
          ipProtocol: protocol,
          fromPort: 53,
          toPort: 53,
          cidrIpv4: `${ip}/32`,
          description: `DNS (${protocol.toUpperCase()}) to the on-premises server ${ip}`,
          tags: tagsFor(`resolver-dns-${protocol}-${i + 1}`),
        },
        { parent: sg },
      );
    }
  });
  const endpoint = new aws.route53.ResolverEndpoint(
    `${name}-resolver`,
    {
      name: nameOf("route53-resolver", "outbound"),
      direction: "OUTBOUND",
      securityGroupIds: [sg.id],
      ipAddresses: ctx.subnetIds.map((subnetId) => ({ subnetId })),
      tags: tagsFor("resolver"),
    },
    { parent: ctx.parent },
  );
  for (const domain of forwarding.domains) {
    const key = domainKey(domain);
    const rule = new aws.route53.ResolverRule(
      `${name}-forward-${key}`,
      {
        name: nameOf("route53-resolver", `forward-${key}`),
        domainName: domain,
        ruleType: "FORWARD",
        resolverEndpointId: endpoint.id,
        targetIps: forwarding.targetIps.map((ip) => ({ ip, port: 53 })),
        tags: tagsFor(`forward-${key}`),
      },
      { parent: endpoint },
    );
    new aws.route53.ResolverRuleAssociation(
      `${name}-forward-${key}-vpc`,
      { resolverRuleId: rule.id, vpcId: ctx.vpcId },
      { parent: rule },
    );
  }
  return endpoint;
}
