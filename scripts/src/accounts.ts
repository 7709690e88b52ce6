import { existsSync } from "node:fs";
import { join } from "node:path";
import { type DmsQuotas, dmsQuotasSchema, ENVIRONMENTS, parseWithSchema, readStackConfig } from "@dms-platform/config";
import { CliError } from "./errors.js";

/** The key of the foundation stack that creates the account's DMS roles. */
export const ACCOUNT_ROLES_KEY = "dms-platform-foundation:accountRoles";

/** A stack file's config as read from disk: what the account check needs. */
export interface StackFileValues {
  /** The file as shown to the user (`foundation/Pulumi.dev.yaml`, as other plan errors show it). */
  shown: string;
  values: Readonly<Record<string, unknown>>;
}

/** An account-level resource a foundation may create, and how its stack file says so. */
interface AccountLevelResource {
  /** The config key that decides it. */
  key: string;
  /** Whether the file's config creates it. */
  creates(values: Readonly<Record<string, unknown>>): boolean;
  /** What is created, for the message. */
  what: string;
  /** The fix, in the stack file's terms. */
  fix: string;
  /** The value given, for the message's "(got …)". */
  got(values: Readonly<Record<string, unknown>>): string;
}

/** The audit key of the foundation: `{}` or unset creates the account's trail, `{ trailName }` adopts one. */
export const AUDIT_KEY = "dms-platform-foundation:audit";

const ACCOUNT_LEVEL: readonly AccountLevelResource[] = [
  {
    key: ACCOUNT_ROLES_KEY,
    creates: (v) => v[ACCOUNT_ROLES_KEY] === "create",
    what: "creates dms-vpc-role and dms-cloudwatch-logs-role",
    fix: `set ${ACCOUNT_ROLES_KEY}: adopt in all but one foundation of that account`,
    got: (v) => JSON.stringify(v[ACCOUNT_ROLES_KEY]),
  },
  {
    key: AUDIT_KEY,
    creates: (v) => {
      const audit = v[AUDIT_KEY];
      return audit === undefined || (typeof audit === "object" && audit !== null && !("trailName" in audit));
    },
    what: "creates the account's CloudTrail trail",
    fix: `set ${AUDIT_KEY}.trailName to the name of that trail to adopt it`,
    got: (v) => JSON.stringify(v[AUDIT_KEY] ?? "unset: create"),
  },
];

/**
 * Stacks of different environments that would create the same account-level resources in one AWS
 * account, as `aws:allowedAccountIds` names it: the DMS roles dms-vpc-role and
 * dms-cloudwatch-logs-role (fixed names: the second `pulumi up` would fail with EntityAlreadyExists)
 * and the account's CloudTrail trail (a second trail records every call twice, and is paid twice).
 * Returns one message per clash, naming the file, the key and the fix. A file without
 * `aws:allowedAccountIds` cannot be placed and is not compared.
 */
export function accountRoleClashes(files: readonly StackFileValues[]): string[] {
  const messages: string[] = [];
  for (const resource of ACCOUNT_LEVEL) {
    const creators = new Map<string, StackFileValues[]>();
    for (const file of files) {
      if (!resource.creates(file.values)) continue;
      const accounts = file.values["aws:allowedAccountIds"];
      if (!Array.isArray(accounts)) continue;
      for (const account of accounts.map(String)) creators.set(account, [...(creators.get(account) ?? []), file]);
    }
    for (const [account, [first, ...others]] of creators) {
      if (!first) continue;
      for (const other of others) {
        messages.push(
          `${other.shown}: ${resource.key}: ${resource.what} in account ${account} (aws:allowedAccountIds), which ${first.shown} also creates: ${resource.fix} (docs/accounts.md) (got ${resource.got(other.values)})`,
        );
      }
    }
  }
  return messages;
}

/**
 * The foundation's stack files of every environment under `stacksDir` (those that exist), shown as
 * `foundation/Pulumi.<env>.yaml`, with the project-level config of its Pulumi.yaml applied as the CLI
 * applies it (an `aws:allowedAccountIds` given once for the project counts for every stack).
 */
export function foundationStackFiles(stacksDir: string): StackFileValues[] {
  return ENVIRONMENTS.flatMap((env) => {
    const path = join(stacksDir, "foundation", `Pulumi.${env}.yaml`);
    if (!existsSync(path)) return [];
    return [{ shown: `foundation/Pulumi.${env}.yaml`, values: readStackConfig(path, env).values }];
  });
}

/** The foundation's key declaring the DMS quotas AWS raised for its account and region. */
export const QUOTAS_KEY = "dms-platform-foundation:quotas";

/** Where a stack file deploys: its one account (`aws:allowedAccountIds`) and `aws:region`. */
export function placementOf(values: Readonly<Record<string, unknown>>): { account?: string; region?: string } {
  let accounts = values["aws:allowedAccountIds"];
  if (typeof accounts === "string") {
    try {
      accounts = JSON.parse(accounts);
    } catch {
      accounts = undefined;
    }
  }
  const region = values["aws:region"];
  return {
    ...(Array.isArray(accounts) && accounts.length === 1 ? { account: String(accounts[0]) } : {}),
    ...(typeof region === "string" && region !== "" ? { region } : {}),
  };
}

/**
 * The raised DMS quotas the foundations declare (`dms-platform-foundation:quotas`), each for the
 * foundation's account and region. Two foundations of one account and region declaring different
 * values for a quota is refused (exit 2): AWS has one value.
 */
export function raisedQuotas(
  files: readonly StackFileValues[],
): Array<{ account: string; region: string; quotas: DmsQuotas; file: string }> {
  const declared: Array<{ account: string; region: string; quotas: DmsQuotas; file: string }> = [];
  for (const file of files) {
    if (file.values[QUOTAS_KEY] === undefined) continue;
    const quotas = parseWithSchema(dmsQuotasSchema, file.values[QUOTAS_KEY], file.shown, QUOTAS_KEY);
    const { account, region } = placementOf(file.values);
    if (!account || !region) {
      throw new CliError(
        `${file.shown}: ${QUOTAS_KEY}: a raised quota belongs to one account and region: set aws:allowedAccountIds to that one account and aws:region`,
      );
    }
    for (const other of declared.filter((d) => d.account === account && d.region === region)) {
      for (const [quota, value] of Object.entries(quotas)) {
        const theirs = other.quotas[quota as keyof DmsQuotas];
        if (theirs !== undefined && theirs !== value) {
          throw new CliError(
            `${file.shown}: ${QUOTAS_KEY}.${quota}: account ${account} in ${region} has one quota, but ${other.file} declares ${theirs}: give both the value AWS granted (got ${value})`,
          );
        }
      }
    }
    declared.push({ account, region, quotas, file: file.shown });
  }
  return declared;
}
