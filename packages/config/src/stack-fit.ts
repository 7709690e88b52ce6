import { readAllowedAccountIds } from "./config-keys.js";
import { ConfigError } from "./errors.js";

/** A stack file as read (project config applied), and how reports name it. */
export interface PlacedStackFile {
  /** The file as reports name it (`stacks/replication/Pulumi.dev.yaml`). */
  file: string;
  /** Its config values (`namespace:key` -> value). */
  values: Readonly<Record<string, unknown>>;
}

/**
 * Refuse a stack that reads another through a StackReference from another region or account than
 * that stack's, comparing `aws:region` and `aws:allowedAccountIds` of the two stack files (the
 * provider's own settings: it refuses credentials of an account outside the list, and calls the
 * region's endpoints). Only what is provably a mismatch: both regions set and different, or both
 * account lists set and sharing no account.
 *
 * Why it cannot work: the replication declares its security group in the foundation's VPC, its
 * replication subnet group over the foundation's subnets, and an ingress rule on the foundation
 * database's security group. A VPC, its subnets and security groups are regional (a subnet group's
 * subnets are in the AWS Region of the call: DMS API Reference, CreateReplicationSubnetGroup), and
 * a security group can only be changed by the account that owns it, even in a shared VPC (Amazon VPC
 * User Guide, "Share your VPC with other accounts", responsibilities and permissions of participants).
 */
export function checkReferencedStackPlacement(
  referencing: PlacedStackFile,
  referenced: PlacedStackFile,
  reference: { name: string },
): void {
  const regionOf = (values: PlacedStackFile["values"]) =>
    typeof values["aws:region"] === "string" && values["aws:region"] !== ""
      ? (values["aws:region"] as string)
      : undefined;
  const via = `the stack it reads, ${reference.name}`;
  const here = regionOf(referencing.values);
  const there = regionOf(referenced.values);
  if (here !== undefined && there !== undefined && here !== there) {
    throw new ConfigError(
      referencing.file,
      "aws:region",
      `must be the region of ${via}: ${referenced.file} has aws:region ${there}, and DMS can only use a VPC, subnets and security groups of its own region; set the same aws:region in both files (got "${here}")`,
    );
  }
  const ours = readAllowedAccountIds(referencing.values, referencing.file);
  const theirs = readAllowedAccountIds(referenced.values, referenced.file);
  if (ours?.length && theirs?.length && !ours.some((id) => theirs.includes(id))) {
    throw new ConfigError(
      referencing.file,
      "aws:allowedAccountIds",
      `must share an account with ${via}: ${referenced.file} has aws:allowedAccountIds ${theirs.join(", ")}, and only the account that owns its database's security group can add the ingress rule from DMS; list the same account in both files (got ${ours.join(", ")})`,
    );
  }
}
