import { resourcePolicy } from "../lib/policy.js";
import { T } from "../lib/types.js";

export const subnetNoPublicIpOnLaunch = resourcePolicy({
  name: "subnet-no-public-ip-on-launch",
  concern: "network",
  description:
    "Subnets do not assign public IPv4 addresses on launch (mapPublicIpOnLaunch), so a replication instance or database placed in them is not reachable from the internet by accident.",
  control: "Security Hub EC2.15",
  enforcementLevel: "mandatory",
  types: [T.subnet],
  validate: (props, _args, report) => {
    if (props.mapPublicIpOnLaunch === true) {
      report("mapPublicIpOnLaunch is true; set mapPublicIpOnLaunch: false (or leave it unset)");
    }
  },
});
