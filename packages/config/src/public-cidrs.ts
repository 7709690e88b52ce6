/**
 * Whether a set of CIDR blocks opens something to the internet: one pure function for the stack
 * config checks and the policy pack alike, so `0.0.0.0/0`, `0.0.0.0/1` + `128.0.0.0/1`, or a
 * list of /4s that together span the address space are judged the same. IPv4 and IPv6; no Pulumi.
 */

/** A half-open address interval [start, end) in one address family. */
interface Interval {
  start: bigint;
  end: bigint;
}

type Family = "ipv4" | "ipv6";

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/**
 * Address space that is not the internet, by IANA's special-purpose registries (RFC 6890 and its
 * updates): private (RFC 1918), shared (RFC 6598), loopback, link-local, documentation, benchmark,
 * multicast and reserved. Everything else in IPv4 is public.
 */
const IPV4_NOT_PUBLIC = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "224.0.0.0/3",
];

/** IPv6's internet is the global unicast space (RFC 4291 section 2.4), less documentation (RFC 3849). */
const IPV6_PUBLIC = ["2000::/3"];
const IPV6_NOT_PUBLIC = ["2001:db8::/32"];

/**
 * A range this large of public addresses is "the internet" for a database port: 2^24 IPv4
 * addresses (a /8's worth; no organisation's own network needs a database reachable from more),
 * and 2^96 IPv6 addresses (a /32, a whole ISP allocation).
 */
export const PUBLIC_REACH_LIMIT: Record<Family, bigint> = { ipv4: 2n ** 24n, ipv6: 2n ** 96n };

function parseIpv4(address: string): bigint | undefined {
  const parts = address.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256n + BigInt(p), 0n);
}

function parseIpv6(address: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(address)) return undefined;
  const halves = address.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string | undefined) => (s ? s.split(":") : []);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => "0"), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => acc * 65536n + BigInt(`0x${g}`), 0n);
}

/** A CIDR block as its family and interval (host bits ignored, as AWS normalises them); undefined when not a CIDR. */
export function cidrInterval(cidr: string): { family: Family; start: bigint; end: bigint } | undefined {
  const slash = cidr.indexOf("/");
  if (slash < 0) return undefined;
  const address = cidr.slice(0, slash);
  const prefixText = cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const family: Family = address.includes(":") ? "ipv6" : "ipv4";
  const value = family === "ipv4" ? parseIpv4(address) : parseIpv6(address);
  const prefix = Number(prefixText);
  const bits = BITS[family];
  if (value === undefined || prefix > bits) return undefined;
  const size = 2n ** BigInt(bits - prefix);
  const start = value - (value % size);
  return { family, start, end: start + size };
}

const bigMax = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const bigMin = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Sorted, non-overlapping union of intervals. */
function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) {
      last.end = bigMax(last.end, i.end);
    } else {
      out.push({ start: i.start, end: i.end });
    }
  }
  return out;
}

/** Addresses of `a` (a union) inside `b` (a union). */
function intersectionSize(a: Interval[], b: Interval[]): bigint {
  let total = 0n;
  for (const x of a) {
    for (const y of b) {
      const start = bigMax(x.start, y.start);
      const end = bigMin(x.end, y.end);
      if (end > start) total += end - start;
    }
  }
  return total;
}

function intervals(cidrs: readonly string[], family: Family): Interval[] {
  return cidrs.flatMap((c) => {
    const i = cidrInterval(c);
    return i && i.family === family ? [{ start: i.start, end: i.end }] : [];
  });
}

/** The public (internet) address space of a family, as a union of intervals. */
function publicSpace(family: Family): Interval[] {
  const whole = family === "ipv4" ? [{ start: 0n, end: 2n ** 32n }] : union(intervals(IPV6_PUBLIC, "ipv6"));
  const excluded = union(intervals(family === "ipv4" ? IPV4_NOT_PUBLIC : IPV6_NOT_PUBLIC, family));
  const out: Interval[] = [];
  for (const w of whole) {
    let cursor = w.start;
    for (const e of excluded) {
      if (e.end <= cursor || e.start >= w.end) continue;
      if (e.start > cursor) out.push({ start: cursor, end: e.start });
      cursor = bigMax(e.end, cursor);
    }
    if (cursor < w.end) out.push({ start: cursor, end: w.end });
  }
  return out;
}

const PUBLIC: Record<Family, Interval[]> = { ipv4: publicSpace("ipv4"), ipv6: publicSpace("ipv6") };

/** How many public (internet) addresses a set of CIDR blocks reaches, per family, counting overlaps once. */
export function publicAddressCount(cidrs: readonly string[]): Record<Family, bigint> {
  return {
    ipv4: intersectionSize(union(intervals(cidrs, "ipv4")), PUBLIC.ipv4),
    ipv6: intersectionSize(union(intervals(cidrs, "ipv6")), PUBLIC.ipv6),
  };
}

/**
 * Whether CIDR blocks, taken together, open what they admit to the internet: they reach at least
 * PUBLIC_REACH_LIMIT public addresses of a family. `0.0.0.0/0`, `::/0`, `0.0.0.0/1` with
 * `128.0.0.0/1`, and `0.0.0.0/1` alone do; private ranges, and an organisation's own public /24,
 * do not. Strings that are no CIDR are ignored (the caller's schema reports them).
 */
export function opensToInternet(cidrs: readonly string[]): boolean {
  const count = publicAddressCount(cidrs);
  return count.ipv4 >= PUBLIC_REACH_LIMIT.ipv4 || count.ipv6 >= PUBLIC_REACH_LIMIT.ipv6;
}

/** The rule broken by CIDR blocks that open to the internet, for messages; undefined when they do not. */
export function internetReachProblem(cidrs: readonly string[]): string | undefined {
  if (!opensToInternet(cidrs)) return undefined;
  const shown = cidrs.map((c) => JSON.stringify(c)).join(", ");
  const together = cidrs.length > 1 ? "together reach" : "reaches";
  return `${shown} ${together} the internet (at least a /8 of public IPv4 or a /32 of public IPv6 addresses); name the private or on-premises networks that need access`;
}

/** A zod refinement for a list of CIDR blocks: refused when they together reach the internet (internetReachProblem). */
export function refuseInternetReach(
  cidrs: readonly string[],
  ctx: { addIssue(issue: { code: "custom"; message: string; input?: unknown }): void },
): void {
  const problem = internetReachProblem(cidrs);
  if (problem) ctx.addIssue({ code: "custom", message: problem, input: cidrs });
}
