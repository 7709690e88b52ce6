import { existsSync } from "node:fs";
import { join } from "node:path";
import { ENVIRONMENTS, readPulumiConfigFile } from "@dms-platform/config";

/** The key of the foundation stack that creates the account's DMS roles. */
export const ACCOUNT_ROLES_KEY = "dms-platform-foundation:accountRoles";

/** A stack file's config as read from disk: what the account check needs. */
export interface StackFileValues {
  /** The file as shown to the user (`foundation/Pulumi.dev.yaml`, as other plan errors show it). */
  shown: string;
  values: Readonly<Record<string, unknown>>;
}

/**
 * Stacks of different environments that would create the same account-level resources (the DMS
 * roles dms-vpc-role and dms-cloudwatch-logs-role, fixed names, one per account) in one AWS
 * account, as `aws:allowedAccountIds` names it: the second `pulumi up` would fail with
 * EntityAlreadyExists. Returns one message per clash, naming the file, the key and the fix. A file
 * without `aws:allowedAccountIds` cannot be placed and is not compared.
 */
export function accountRoleClashes(files: readonly StackFileValues[]): string[] {
  const creators = new Map<string, StackFileValues[]>();
  for (const file of files) {
    if (file.values[ACCOUNT_ROLES_KEY] !== "create") continue;
    const accounts = file.values["aws:allowedAccountIds"];
    if (!Array.isArray(accounts)) continue;
    for (const account of accounts.map(String)) creators.set(account, [...(creators.get(account) ?? []), file]);
  }
  const messages: string[] = [];
  for (const [account, [first, ...others]] of creators) {
    if (!first) continue;
    for (const other of others) {
      messages.push(
        `${other.shown}: ${ACCOUNT_ROLES_KEY}: creates dms-vpc-role and dms-cloudwatch-logs-role in account ${account} (aws:allowedAccountIds), which ${first.shown} also creates: set ${ACCOUNT_ROLES_KEY}: adopt in all but one foundation of that account (docs/accounts.md) (got "create")`,
      );
    }
  }
  return messages;
}

/** The foundation's stack files of every environment under `stacksDir` (those that exist), shown as `foundation/Pulumi.<env>.yaml`. */
export function foundationStackFiles(stacksDir: string): StackFileValues[] {
  return ENVIRONMENTS.flatMap((env) => {
    const path = join(stacksDir, "foundation", `Pulumi.${env}.yaml`);
    if (!existsSync(path)) return [];
    return [{ shown: `foundation/Pulumi.${env}.yaml`, values: readPulumiConfigFile(path).values }];
  });
}
