import { contains, parseCidr } from "@dms-platform/network";

/** One CIDR DMS must reach beyond its own subnets, with the config key that names it. */
export interface Destination {
  /** The key path in the stack file, e.g. `sourceConnection.external.cidrBlocks[0]`. */
  path: string;
  cidr: string;
}

/** How a destination is reached: inside the VPC, through a routed on-premises range, or not at all. */
export type Reach = { via: "vpc" } | { via: "route"; routedCidr: string } | { via: "none" };

/**
 * Whether the foundation's network carries traffic to `cidr`: the VPC's own range is local to every
 * route table; beyond it only the on-premises ranges the foundation routes to its transit or virtual
 * private gateway (`routedCidrs`) lead anywhere (no internet gateway, no NAT). Pure.
 */
export function reachOf(cidr: string, vpcCidr: string, routedCidrs: readonly string[]): Reach {
  const net = parseCidr(cidr);
  if (contains(parseCidr(vpcCidr), net)) return { via: "vpc" };
  const routedCidr = routedCidrs.find((r) => contains(parseCidr(r), net));
  return routedCidr ? { via: "route", routedCidr } : { via: "none" };
}

/** The external destinations of the config's source connections (`sourceConnection` or `sourceConnections.<name>`). */
export function externalDestinations(connections: {
  sourceConnection?: { external?: { cidrBlocks: string[] } } | { foundationOutput: string };
  sourceConnections?: Record<string, { external?: { cidrBlocks: string[] } } | { foundationOutput: string }>;
}): Destination[] {
  const of = (at: string, c: { external?: { cidrBlocks: string[] } } | { foundationOutput: string } | undefined) =>
    c && "external" in c && c.external
      ? c.external.cidrBlocks.map((cidr, i) => ({ path: `${at}.external.cidrBlocks[${i}]`, cidr }))
      : [];
  return [
    ...of("sourceConnection", connections.sourceConnection),
    ...Object.entries(connections.sourceConnections ?? {}).flatMap(([name, c]) => of(`sourceConnections.${name}`, c)),
  ];
}

/** The external sources' host names, with the key that names each. */
export function externalHostnames(connections: Parameters<typeof externalDestinations>[0]): Destination[] {
  const of = (at: string, c: unknown) =>
    c && typeof c === "object" && "external" in c
      ? [{ path: `${at}.external.hostname`, cidr: String((c as { external: { hostname: string } }).external.hostname) }]
      : [];
  return [
    ...of("sourceConnection", connections.sourceConnection),
    ...Object.entries(connections.sourceConnections ?? {}).flatMap(([name, c]) => of(`sourceConnections.${name}`, c)),
  ];
}

/**
 * Whether the VPC resolver can answer for `hostname` through on-premises forwarding: an IPv4 address
 * needs no resolving; a name must be one of `forwardedDomains` or under one. (Anything else resolves
 * only if public DNS or a private hosted zone of the VPC knows it.)
 */
export function resolvesOnPremises(hostname: string, forwardedDomains: readonly string[]): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname)) return true;
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return forwardedDomains.some((d) => name === d || name.endsWith(`.${d}`));
}
