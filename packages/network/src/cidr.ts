/**
 * IPv4 CIDR arithmetic for the migration network: parsing with readable errors, overlap and
 * containment, and the split of a VPC range into equal private subnets. Pure; no Pulumi.
 */

/** An IPv4 network: its first address as an unsigned 32-bit integer and its prefix length. */
export interface Ipv4Network {
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** The number of addresses in a network of this prefix length. */
export function networkSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/** Render an address (unsigned 32-bit integer) as dotted quad. */
export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** Render a network as `a.b.c.d/p`. */
export function formatCidr(network: Ipv4Network): string {
  return `${formatAddress(network.base)}/${network.prefix}`;
}

/**
 * Why `text` is not an IPv4 network in CIDR notation, or undefined when it is one. A range with
 * host bits set (`10.0.0.1/16`) is refused rather than silently truncated: AWS normalises it, and
 * the plan would then show a range nobody typed.
 */
export function cidrProblem(text: string): string | undefined {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return `must be an IPv4 CIDR block such as 10.0.0.0/16 (got "${text}")`;
  const octets = match.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return `has an octet above 255 (got "${text}")`;
  const prefix = Number(match[5]);
  if (prefix > 32) return `has a prefix length above 32 (got "${text}")`;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (base % networkSize(prefix) !== 0) {
    const network = { base: base - (base % networkSize(prefix)), prefix };
    return `has host bits set; the network is ${formatCidr(network)} (got "${text}")`;
  }
  return undefined;
}

/** Parse a CIDR block; throws with the rule broken (see cidrProblem). */
export function parseCidr(text: string): Ipv4Network {
  const problem = cidrProblem(text);
  if (problem) throw new Error(problem);
  const match = CIDR_PATTERN.exec(text) as RegExpExecArray;
  const base = match
    .slice(1, 5)
    .map(Number)
    .reduce((acc, o) => acc * 256 + o, 0);
  return { base, prefix: Number(match[5]) };
}

/** Whether two networks share any address. */
export function overlaps(a: Ipv4Network, b: Ipv4Network): boolean {
  return a.base < b.base + networkSize(b.prefix) && b.base < a.base + networkSize(a.prefix);
}

/** Whether `inner` lies entirely inside `outer`. */
export function contains(outer: Ipv4Network, inner: Ipv4Network): boolean {
  return inner.base >= outer.base && inner.base + networkSize(inner.prefix) <= outer.base + networkSize(outer.prefix);
}

/**
 * Split `vpc` into `count` consecutive subnets of `newBits` more prefix bits each (Terraform's
 * `cidrsubnet(vpc, newBits, i)` for i = 0..count-1). Throws when they do not fit.
 */
export function splitCidr(vpc: Ipv4Network, newBits: number, count: number): Ipv4Network[] {
  const prefix = vpc.prefix + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || prefix > 32) {
    throw new Error(`cannot add ${newBits} prefix bits to a /${vpc.prefix}`);
  }
  if (count > 2 ** newBits) {
    throw new Error(`a /${vpc.prefix} holds ${2 ** newBits} subnets of /${prefix}, not ${count}`);
  }
  return Array.from({ length: count }, (_, i) => ({ base: vpc.base + i * networkSize(prefix), prefix }));
}

/**
 * How many prefix bits each private subnet adds to the VPC's by default: enough for four subnets
 * (or eight when more than four AZs are asked for). Reserving four slots keeps the numbering stable:
 * dev's two subnets are the first two of prod's three, and a third AZ can be added later without
 * renumbering (and so replacing) the existing subnets.
 */
export function defaultSubnetNewBits(azCount: number): number {
  return Math.max(2, Math.ceil(Math.log2(azCount)));
}

/** AWS VPC and subnet size limits: a VPC's primary block is /16 to /28, and so is a subnet. */
export const AWS_MIN_PREFIX = 16;
export const AWS_MAX_PREFIX = 28;
