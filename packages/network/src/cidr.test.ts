import assert from "node:assert/strict";
import fc from "fast-check";
import {
  AWS_MAX_PREFIX,
  cidrProblem,
  contains,
  defaultSubnetNewBits,
  formatCidr,
  type Ipv4Network,
  networkSize,
  overlaps,
  parseCidr,
  splitCidr,
} from "./cidr.js";

/** An arbitrary valid network of prefix length in [min, max]. */
function network(min: number, max: number): fc.Arbitrary<Ipv4Network> {
  return fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map(([prefix, address]) => ({ prefix, base: address - (address % networkSize(prefix)) }));
}

describe("cidr", () => {
  it("parses and formats a network round trip", () => {
    assert.deepEqual(parseCidr("10.20.0.0/16"), { base: (10 * 256 + 20) * 65536, prefix: 16 });
    fc.assert(fc.property(network(0, 32), (n) => assert.deepEqual(parseCidr(formatCidr(n)), n)));
  });

  it("refuses malformed blocks, out-of-range octets and prefixes, and host bits, saying which", () => {
    assert.match(cidrProblem("10.0.0.0") ?? "", /must be an IPv4 CIDR block/);
    assert.match(cidrProblem("10.0.0.0/16/2") ?? "", /must be an IPv4 CIDR block/);
    assert.match(cidrProblem("10.0.256.0/24") ?? "", /octet above 255/);
    assert.match(cidrProblem("10.0.0.0/33") ?? "", /prefix length above 32/);
    assert.match(cidrProblem("10.0.0.1/16") ?? "", /host bits set; the network is 10\.0\.0\.0\/16/);
    assert.equal(cidrProblem("192.168.4.0/22"), undefined);
  });

  it("tells overlap and containment apart", () => {
    const vpc = parseCidr("10.0.0.0/16");
    assert.equal(overlaps(vpc, parseCidr("10.0.128.0/17")), true);
    assert.equal(overlaps(vpc, parseCidr("10.1.0.0/16")), false);
    assert.equal(overlaps(parseCidr("10.0.0.0/8"), vpc), true);
    assert.equal(contains(vpc, parseCidr("10.0.128.0/17")), true);
    assert.equal(contains(parseCidr("10.0.128.0/17"), vpc), false);
  });

  it("splits a VPC into subnets that never overlap and stay inside it", () => {
    fc.assert(
      fc.property(network(16, 26), fc.integer({ min: 1, max: 6 }), (vpc, count) => {
        const newBits = defaultSubnetNewBits(count);
        fc.pre(vpc.prefix + newBits <= AWS_MAX_PREFIX);
        const subnets = splitCidr(vpc, newBits, count);
        assert.equal(subnets.length, count);
        for (const [i, s] of subnets.entries()) {
          assert.ok(contains(vpc, s), `${formatCidr(s)} inside ${formatCidr(vpc)}`);
          assert.equal(cidrProblem(formatCidr(s)), undefined);
          for (const other of subnets.slice(i + 1)) assert.equal(overlaps(s, other), false);
        }
      }),
    );
  });

  it("numbers subnets stably: dev's two are the first two of prod's three", () => {
    const vpc = parseCidr("10.0.0.0/16");
    const dev = splitCidr(vpc, defaultSubnetNewBits(2), 2).map(formatCidr);
    const prod = splitCidr(vpc, defaultSubnetNewBits(3), 3).map(formatCidr);
    assert.deepEqual(prod, ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"]);
    assert.deepEqual(prod.slice(0, 2), dev);
  });

  it("refuses a split that does not fit", () => {
    assert.throws(() => splitCidr(parseCidr("10.0.0.0/16"), 1, 3), /holds 2 subnets of \/17, not 3/);
    assert.throws(() => splitCidr(parseCidr("10.0.0.0/28"), 5, 2), /cannot add 5 prefix bits/);
  });
});
