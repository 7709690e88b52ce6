import assert from "node:assert/strict";
import fc from "fast-check";
import { cidrInterval, internetReachProblem, opensToInternet, publicAddressCount } from "./index.js";

const ipv4Cidr = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }))
  .map(([address, prefix]) => {
    const size = 2 ** (32 - prefix);
    const base = address - (address % size);
    return `${[24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join(".")}/${prefix}`;
  });

/** The two halves of a CIDR block one bit longer (a /32 is its own half). */
function halves(cidr: string): string[] {
  const [address, prefixText] = cidr.split("/") as [string, string];
  const prefix = Number(prefixText);
  if (prefix === 32) return [cidr];
  const base = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const half = 2 ** (31 - prefix);
  const fmt = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
  return [`${fmt(base)}/${prefix + 1}`, `${fmt(base + half)}/${prefix + 1}`];
}

const privateCidr = fc.constantFrom("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10").chain((net) => {
  const [address, prefixText] = net.split("/") as [string, string];
  const prefix = Number(prefixText);
  const base = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  return fc
    .tuple(fc.integer({ min: prefix, max: 32 }), fc.integer({ min: 0, max: 2 ** (32 - prefix) - 1 }))
    .map(([p, offset]) => {
      const size = 2 ** (32 - p);
      const start = base + offset - (offset % size);
      return `${[24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join(".")}/${p}`;
    });
});

describe("opensToInternet", () => {
  it("finds the internet in 0.0.0.0/0, ::/0 and in ranges that only together cover it", () => {
    assert.equal(opensToInternet(["0.0.0.0/0"]), true);
    assert.equal(opensToInternet(["::/0"]), true);
    assert.equal(opensToInternet(["0.0.0.0/1", "128.0.0.0/1"]), true);
    // Two public /9s: neither reaches a /8's worth on its own, together they do.
    assert.equal(opensToInternet(["16.0.0.0/9"]), false);
    assert.equal(opensToInternet(["16.128.0.0/9"]), false);
    assert.equal(opensToInternet(["16.0.0.0/9", "16.128.0.0/9"]), true);
    assert.equal(opensToInternet(["2000::/3"]), true);
  });

  it("leaves private, on-premises and small public ranges alone", () => {
    assert.equal(opensToInternet(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]), false);
    assert.equal(opensToInternet(["203.0.113.0/24", "198.51.100.7/32"]), false);
    assert.equal(opensToInternet(["fd00::/8"]), false);
    assert.equal(opensToInternet([]), false);
  });

  it("counts overlapping ranges once", () => {
    assert.equal(publicAddressCount(["8.8.8.0/24", "8.8.8.0/25", "8.8.8.128/25"]).ipv4, 256n);
  });

  it("judges a range like its two halves (splitting never hides the internet)", () => {
    fc.assert(
      fc.property(fc.array(ipv4Cidr, { minLength: 1, maxLength: 6 }), fc.nat(), (cidrs, pick) => {
        const i = pick % cidrs.length;
        const split = [...cidrs.slice(0, i), ...halves(cidrs[i] as string), ...cidrs.slice(i + 1)];
        assert.equal(opensToInternet(split), opensToInternet(cidrs));
      }),
    );
  });

  it("does not depend on order or duplicates, and adding ranges never closes it", () => {
    fc.assert(
      fc.property(fc.array(ipv4Cidr, { maxLength: 6 }), ipv4Cidr, (cidrs, extra) => {
        const open = opensToInternet(cidrs);
        assert.equal(opensToInternet([...cidrs].reverse().concat(cidrs)), open);
        if (open) assert.equal(opensToInternet([...cidrs, extra]), true);
      }),
    );
  });

  it("never finds the internet in private address space, however it is split", () => {
    fc.assert(fc.property(fc.array(privateCidr, { maxLength: 20 }), (cidrs) => !opensToInternet(cidrs)));
  });

  it("always finds it when the whole IPv4 space is split into random pieces", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (picks) => {
        let cidrs = ["0.0.0.0/0"];
        for (const p of picks) {
          const i = p % cidrs.length;
          cidrs = [...cidrs.slice(0, i), ...halves(cidrs[i] as string), ...cidrs.slice(i + 1)];
        }
        return opensToInternet(cidrs);
      }),
    );
  });

  it("names the ranges and the fix", () => {
    assert.equal(
      internetReachProblem(["0.0.0.0/1", "128.0.0.0/1"]),
      '"0.0.0.0/1", "128.0.0.0/1" together reach the internet (at least a /8 of public IPv4 or a /32 of public IPv6 addresses); name the private or on-premises networks that need access',
    );
    assert.equal(internetReachProblem(["10.0.0.0/16"]), undefined);
  });

  it("parses IPv6 shorthand and refuses what is no CIDR", () => {
    assert.deepEqual(cidrInterval("2001:db8::/32")?.family, "ipv6");
    assert.equal(cidrInterval("10.0.0.0/33"), undefined);
    assert.equal(cidrInterval("not-a-cidr"), undefined);
    assert.equal(cidrInterval("1::2::3/64"), undefined);
  });
});
