/**
 * The customer-managed KMS key of a database-like component (MigrationDatabase, RedshiftWarehouse,
 * RedshiftServerlessWarehouse) and its alias: rotation on, the key policy `databaseKeyPolicy` writes
 * once the partition, region and account are known.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { databaseKeyPolicy, type KeyPolicyContext } from "./key-policy.js";

/** What the key is for and how it is named. */
export interface DatabaseKeyArgs {
  /** The key's description. */
  description: string;
  /** The name prefix of the log groups CloudWatch Logs may encrypt with the key (and only those). */
  logGroupNamePrefix: string;
  /** The waiting period before a deleted key is gone. */
  deletionWindowInDays: number;
  /** The alias, without `alias/`. */
  aliasName: string;
  /** The key's tags. */
  tags: Record<string, string>;
}

/**
 * A key `<name>-key` with the alias `<name>-key-alias` (a child of the key). `owner` parents the
 * account and region look-ups; `opts` are the key's own (parent, protect, retainOnDelete).
 */
export function databaseKey(
  owner: pulumi.Resource,
  name: string,
  args: DatabaseKeyArgs,
  opts: pulumi.CustomResourceOptions,
): aws.kms.Key {
  const invokeOpts = { parent: owner };
  const partition = aws.getPartitionOutput({}, invokeOpts);
  const context: pulumi.Output<KeyPolicyContext> = pulumi
    .all([
      partition.partition,
      partition.dnsSuffix,
      aws.getRegionOutput({}, invokeOpts).region,
      aws.getCallerIdentityOutput({}, invokeOpts).accountId,
    ])
    .apply(([p, dnsSuffix, region, accountId]) => ({ partition: p, dnsSuffix, region, accountId }));
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: args.description,
      policy: context.apply((ctx) => JSON.stringify(databaseKeyPolicy(ctx, args.logGroupNamePrefix))),
      enableKeyRotation: true,
      deletionWindowInDays: args.deletionWindowInDays,
      tags: args.tags,
    },
    opts,
  );
  new aws.kms.Alias(`${name}-key-alias`, { name: `alias/${args.aliasName}`, targetKeyId: key.keyId }, { parent: key });
  return key;
}
