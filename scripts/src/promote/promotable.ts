/**
 * What `dms-platform promote` copies between environments, declared once. Everything a stack config
 * holds is either promotable (the migration definition: identical in dev, test and prod) or
 * environment-specific (never touched by a promotion); docs/promotion.md lists both, generated from
 * this module, and a test fails when a key of a real stack file is in neither list.
 */

/** A config key path: `<namespace>:<key>` then, after dots, keys inside its (mapping) value. */
export type KeyPathText = `${string}:${string}`;

export interface ClassifiedKey {
  /**
   * `dms-platform-foundation:target.engine`: the config key, then keys inside its value; a segment
   * `<name>` stands for every key of a mapping of named entries (`targets.<name>.engine`).
   */
  path: KeyPathText;
  /** What the value is, in the words of docs/promotion.md. */
  what: string;
}

/** How one stack (a directory under `stacks/`) is promoted. */
export interface StackPromotion {
  /** The stack's directory (and `--stack` value): foundation, replication. */
  stack: string;
  /** Copied from the source environment's file; removed from the target when the source has none. */
  promotable: readonly ClassifiedKey[];
  /** Never read nor written by a promotion: what differs between environments. */
  environmentSpecific: readonly ClassifiedKey[];
}

/** The environments a promotion may go from and to: one step along dev -> test -> prod. */
export const PROMOTIONS = [
  { from: "dev", to: "test" },
  { from: "test", to: "prod" },
] as const;

const AWS_KEYS: readonly ClassifiedKey[] = [
  { path: "aws:region", what: "the AWS region the stack deploys to" },
  { path: "aws:allowedAccountIds", what: "the AWS account of the environment (the provider refuses any other)" },
  {
    path: "aws:defaultTags",
    what: "the provider's default tags: Environment, Owner, CostCenter, DataClassification, Application",
  },
];

/** The promotion of each stack, in dependency order (the registry's). */
export const STACK_PROMOTIONS: readonly StackPromotion[] = [
  {
    stack: "foundation",
    promotable: [
      { path: "dms-platform-foundation:application", what: "the application name, part of every physical name" },
      { path: "dms-platform-foundation:target.engine", what: "the target database engine" },
      { path: "dms-platform-foundation:target.engineVersion", what: "the target engine version" },
      {
        path: "dms-platform-foundation:target.autoMinorVersionUpgrade",
        what: "whether RDS upgrades the target's minor version (off to pin a full engineVersion)",
      },
      { path: "dms-platform-foundation:target.databaseName", what: "the database created on the target" },
      { path: "dms-platform-foundation:target.licenseModel", what: "the Oracle or SQL Server target's license model" },
      { path: "dms-platform-foundation:target.characterSetName", what: "the Oracle target's character set" },
      { path: "dms-platform-foundation:targets.<name>.engine", what: "each further target database's engine" },
      { path: "dms-platform-foundation:targets.<name>.engineVersion", what: "each further target's engine version" },
      {
        path: "dms-platform-foundation:targets.<name>.autoMinorVersionUpgrade",
        what: "whether RDS upgrades each further target's minor version",
      },
      {
        path: "dms-platform-foundation:targets.<name>.databaseName",
        what: "the database created on each further target",
      },
      {
        path: "dms-platform-foundation:targets.<name>.licenseModel",
        what: "an Oracle or SQL Server further target's license model",
      },
      {
        path: "dms-platform-foundation:targets.<name>.characterSetName",
        what: "an Oracle further target's character set",
      },
      { path: "dms-platform-foundation:warehouse.engine", what: "the analytics warehouse engine (redshift)" },
      { path: "dms-platform-foundation:warehouse.databaseName", what: "the warehouse database DMS writes to" },
      {
        path: "dms-platform-foundation:warehouse.kind",
        what: "a provisioned Redshift cluster or Redshift Serverless (serverless needs network.azCount 3 in the target environment)",
      },
    ],
    environmentSpecific: [
      ...AWS_KEYS,
      { path: "dms-platform-foundation:environment", what: "the environment (equal to the stack name)" },
      {
        path: "dms-platform-foundation:accountRoles",
        what: "create the account's DMS roles (one foundation per account) or adopt them",
      },
      {
        path: "dms-platform-foundation:network",
        what: "VPC CIDR, AZ count, on-premises CIDRs, their gateway and DNS forwarding",
      },
      { path: "dms-platform-foundation:target.instanceClass", what: "the target's instance class (size)" },
      { path: "dms-platform-foundation:target.allocatedStorageGb", what: "the target's storage (size)" },
      { path: "dms-platform-foundation:target.multiAz", what: "the target's multi-AZ override" },
      {
        path: "dms-platform-foundation:target.masterPasswordVersion",
        what: "the target's master password version (raise it to rotate the password)",
      },
      {
        path: "dms-platform-foundation:targets.<name>.instanceClass",
        what: "each further target's instance class (size)",
      },
      {
        path: "dms-platform-foundation:targets.<name>.allocatedStorageGb",
        what: "each further target's storage (size)",
      },
      { path: "dms-platform-foundation:targets.<name>.multiAz", what: "each further target's multi-AZ override" },
      {
        path: "dms-platform-foundation:targets.<name>.masterPasswordVersion",
        what: "each further target's master password version (raise it to rotate the password)",
      },
      { path: "dms-platform-foundation:labSource", what: "the reference lab's source database (dev only)" },
      { path: "dms-platform-foundation:audit", what: "the account's CloudTrail trail: created, or adopted by name" },
      { path: "dms-platform-foundation:quotas", what: "DMS quotas AWS raised for the account and region" },
      { path: "dms-platform-foundation:warehouse.nodeType", what: "the warehouse's node type (size)" },
      { path: "dms-platform-foundation:warehouse.numberOfNodes", what: "the warehouse's node count (size)" },
      {
        path: "dms-platform-foundation:warehouse.snapshotRetentionDays",
        what: "the warehouse's automated snapshot retention",
      },
      { path: "dms-platform-foundation:warehouse.baseCapacity", what: "the serverless warehouse's base RPUs (size)" },
      { path: "dms-platform-foundation:warehouse.maxCapacity", what: "the serverless warehouse's most RPUs (size)" },
      {
        path: "dms-platform-foundation:warehouse.adminPasswordVersion",
        what: "the warehouse's admin password version (raise it to rotate the password)",
      },
    ],
  },
  {
    stack: "replication",
    promotable: [
      { path: "dms-platform-replication:application", what: "the application name, part of every physical name" },
      {
        path: "dms-platform-replication:migration",
        what: "the migration definition: source and target engines and databases, tasks with their table mappings and settings",
      },
    ],
    environmentSpecific: [
      ...AWS_KEYS,
      { path: "dms-platform-replication:environment", what: "the environment (equal to the stack name)" },
      { path: "dms-platform-replication:foundationStack", what: "the foundation stack of the environment" },
      { path: "dms-platform-replication:capacity", what: "replication instance or Serverless capacity (sizes)" },
      {
        path: "dms-platform-replication:sourceConnection",
        what: "where the source is: host, port, secret, CA certificate, CIDRs",
      },
      {
        path: "dms-platform-replication:sourceConnections",
        what: "where each source of a consolidation is, by source name (as sourceConnection)",
      },
      {
        path: "dms-platform-replication:targetCertificateArn",
        what: "the account's imported RDS CA certificate",
      },
      { path: "dms-platform-replication:alarmEmails", what: "e-mail subscribers of the alarm topic" },
      { path: "dms-platform-replication:allowReplacement", what: "whether replacing protected tasks is allowed" },
      {
        path: "dms-platform-replication:startTasks",
        what: "whether tasks start on create (false: dev's empty lab source, placeholder connections)",
      },
      {
        path: "dms-platform-replication:schemaConversion",
        what: "DMS Schema Conversion beside the replication (instance profile, data providers, project)",
      },
      {
        path: "dms-platform-replication:operators",
        what: "who operates the migration: admin and viewer principals, the CI role, the delete guard, MFA",
      },
    ],
  },
];

/** `dms-platform-foundation:target.engine` -> ["dms-platform-foundation:target", "engine"]. */
export function splitKeyPath(path: string): [string, ...string[]] {
  const [key, ...rest] = path.split(".");
  return [key ?? path, ...rest];
}

/** The segment of a listed path that stands for every key of a mapping of named entries. */
export const NAMED_ENTRY = "<name>";

/** Whether a concrete key path is the listed path `listed` (a `<name>` segment matches any key). */
function pathMatches(listed: string, path: string): boolean {
  const a = listed.split(".");
  const b = path.split(".");
  return a.length === b.length && a.every((part, i) => part === NAMED_ENTRY || part === b[i]);
}

/** Whether the listed path `listed` lies strictly inside the concrete path `path` (look deeper). */
function pathBelow(listed: string, path: string): boolean {
  const a = listed.split(".");
  const b = path.split(".");
  return a.length > b.length && b.every((part, i) => a[i] === NAMED_ENTRY || a[i] === part);
}

/**
 * The concrete key paths of `paths` in the given stack configs: a `<name>` segment becomes every
 * key the configs hold at that place (the union, so an entry only one side has is added or removed).
 */
export function concretePaths(
  paths: readonly string[],
  ...configs: ReadonlyArray<Readonly<Record<string, unknown>>>
): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (!path.split(".").includes(NAMED_ENTRY)) {
      out.push(path);
      continue;
    }
    let prefixes = [""];
    for (const part of splitKeyPath(path)) {
      prefixes = prefixes.flatMap((prefix) => {
        if (part !== NAMED_ENTRY) return [prefix === "" ? part : `${prefix}.${part}`];
        const names = new Set<string>();
        for (const config of configs) {
          const value = valueAt(config, prefix);
          if (value !== null && typeof value === "object" && !Array.isArray(value)) {
            for (const k of Object.keys(value)) names.add(k);
          }
        }
        return [...names].map((name) => `${prefix}.${name}`);
      });
    }
    out.push(...prefixes);
  }
  return out;
}

/** The promotion of a stack by its directory name, if it is promoted. */
export function promotionOf(stack: string): StackPromotion | undefined {
  return STACK_PROMOTIONS.find((p) => p.stack === stack);
}

/**
 * Where a config value sits in the lists: "promotable", "environment-specific", "partial" when only
 * keys inside it are listed (look deeper), undefined when nothing is.
 */
export function classify(
  promotion: StackPromotion,
  path: string,
): "promotable" | "environment-specific" | "partial" | undefined {
  if (promotion.promotable.some((k) => pathMatches(k.path, path))) return "promotable";
  if (promotion.environmentSpecific.some((k) => pathMatches(k.path, path))) return "environment-specific";
  const all = [...promotion.promotable, ...promotion.environmentSpecific];
  if (all.some((k) => pathBelow(k.path, path))) return "partial";
  return undefined;
}

/**
 * The key paths of a stack config (`namespace:key` -> value) that no list classifies; a promotion
 * test asserts there are none in the repo's stack files, so a new key gets a decision.
 */
export function unclassifiedKeys(promotion: StackPromotion, values: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const walk = (path: string, value: unknown): void => {
    const c = classify(promotion, path);
    if (c === "promotable" || c === "environment-specific") return;
    if (c === "partial" && typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(`${path}.${k}`, v);
      return;
    }
    out.push(path);
  };
  for (const [key, value] of Object.entries(values)) walk(key, value);
  return out;
}

/** A value with object keys sorted, so two documents compare by meaning, not key order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The value at a key path (`dms-platform-foundation:target.engine`) of a stack file's `config`. */
function valueAt(config: Readonly<Record<string, unknown>>, path: string): unknown {
  const [key, ...rest] = splitKeyPath(path);
  let value: unknown = config[key];
  for (const part of rest) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}

/**
 * The promotable keys whose value differs between two versions of a stack's config (the `config`
 * maps of `Pulumi.<stack>.yaml`): what only a promotion may change in test and prod. Comments,
 * order and environment-specific keys do not count.
 */
export function promotableChanges(
  promotion: StackPromotion,
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
): string[] {
  return concretePaths(
    promotion.promotable.map((k) => k.path),
    before,
    after,
  ).filter(
    (path) => JSON.stringify(canonical(valueAt(before, path))) !== JSON.stringify(canonical(valueAt(after, path))),
  );
}
