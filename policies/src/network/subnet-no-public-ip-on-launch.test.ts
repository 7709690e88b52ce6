import { T } from "../lib/types.js";
import { describePolicy, UNKNOWN } from "../testing/harness.js";
import { subnetNoPublicIpOnLaunch } from "./subnet-no-public-ip-on-launch.js";

describePolicy(subnetNoPublicIpOnLaunch, {
  passes: [
    {
      title: "a private subnet",
      fixture: { type: T.subnet, inputs: { cidrBlock: "10.0.0.0/24", mapPublicIpOnLaunch: false } },
    },
    { title: "a subnet leaving it unset (false)", fixture: { type: T.subnet, inputs: { cidrBlock: "10.0.1.0/24" } } },
  ],
  fails: [
    {
      title: "a subnet mapping public IPs",
      fixture: { type: T.subnet, inputs: { cidrBlock: "10.0.2.0/24", mapPublicIpOnLaunch: true } },
      messages: ["mapPublicIpOnLaunch is true; set mapPublicIpOnLaunch: false (or leave it unset)"],
    },
  ],
  unknown: { fixture: { type: T.subnet, inputs: { mapPublicIpOnLaunch: UNKNOWN } }, path: "mapPublicIpOnLaunch" },
  levels: { dev: "mandatory", test: "mandatory", prod: "mandatory" },
});
