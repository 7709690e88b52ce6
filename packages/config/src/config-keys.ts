import type { Environment } from "./environments.js";
import { ConfigError } from "./errors.js";

/**
 * The config keys of the `aws` provider (@pulumi/aws 7.48.0, `config/vars.d.ts`: one export per
 * key). A test compares this list with the installed package, so an upgrade that adds a key fails
 * until it is listed here.
 */
export const AWS_PROVIDER_CONFIG_KEYS = [
  "accessKey",
  "allowedAccountIds",
  "assumeRoleWithWebIdentity",
  "assumeRoles",
  "customCaBundle",
  "defaultTags",
  "ec2MetadataServiceEndpoint",
  "ec2MetadataServiceEndpointMode",
  "endpoints",
  "forbiddenAccountIds",
  "httpProxy",
  "httpsProxy",
  "ignoreTags",
  "insecure",
  "maxRetries",
  "noProxy",
  "profile",
  "region",
  "retryMode",
  "s3UsEast1RegionalEndpoint",
  "s3UsePathStyle",
  "secretKey",
  "sharedConfigFiles",
  "sharedCredentialsFiles",
  "skipCredentialsValidation",
  "skipMetadataApiCheck",
  "skipRegionValidation",
  "skipRequestingAccountId",
  "stsRegion",
  "tagPolicyCompliance",
  "token",
  "tokenBucketRateLimiterCapacity",
  "useDualstackEndpoint",
  "useFipsEndpoint",
  "userAgents",
] as const;

/**
 * The `pulumi:*` keys the Pulumi CLI reads (Pulumi docs, "Configuration", section "Pulumi
 * Configuration Options": `pulumi:disable-default-providers`, `pulumi:tags`; "Resource names",
 * autonaming configuration: `pulumi:autonaming`), plus `pulumi:template`, which older `pulumi new`
 * wrote into stack files and the CLI still accepts.
 */
export const PULUMI_CONFIG_KEYS = ["autonaming", "disable-default-providers", "tags", "template"] as const;

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * The known name closest to `given`, when it is close enough to be a slip (a different letter case,
 * or a few letters off for its length); undefined otherwise.
 */
export function closestName(given: string, known: readonly string[]): string | undefined {
  const lower = given.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: { name: string; d: number } | undefined;
  for (const name of known) {
    const d = distance(lower, name.toLowerCase());
    if (d <= Math.max(1, Math.floor(name.length / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** `did you mean "x"?` for a near miss, else the list of what is known. */
export function suggestion(given: string, known: readonly string[], render = (k: string) => k): string {
  const near = closestName(given, known);
  return near !== undefined ? `did you mean "${render(near)}"?` : `known: ${known.map(render).join(", ")}`;
}

/**
 * Refuse a config key the stack would not read: every key of a stack file must be in the stack's
 * own namespace (its project name), or a key of a provider the stack uses (`aws:*`), or one the
 * Pulumi CLI reads (`pulumi:*`). A misspelt namespace (`Dms-Platform-Replication:alarmEmails`) or
 * provider key (`aws:regoin`) is otherwise silently ignored by the program and by the provider:
 * prod's alarms then reach nobody, or the provider runs with its default. Keys of the stack's own
 * namespace are checked by its schema (parseStackConfig), which names the near miss too.
 */
export function checkConfigNamespaces(
  values: Readonly<Record<string, unknown>>,
  file: string,
  project: string,
  providers: Readonly<Record<string, readonly string[]>> = { aws: AWS_PROVIDER_CONFIG_KEYS },
): void {
  const known: Record<string, readonly string[]> = { ...providers, pulumi: PULUMI_CONFIG_KEYS };
  const namespaces = [project, ...Object.keys(known)];
  for (const fullKey of Object.keys(values)) {
    const sep = fullKey.indexOf(":");
    if (sep < 0) continue;
    const ns = fullKey.slice(0, sep);
    const key = fullKey.slice(sep + 1);
    if (ns === project) continue;
    const keys = known[ns];
    if (!keys) {
      const near = closestName(ns, namespaces);
      const hint =
        near !== undefined
          ? `did you mean "${near}:${key}"?`
          : `the stack reads only ${namespaces.map((n) => `${n}:*`).join(", ")}`;
      throw new ConfigError(
        file,
        fullKey,
        `unknown config namespace "${ns}": nothing reads this key, so its value would be ignored; ${hint}`,
      );
    }
    if (!keys.includes(key)) {
      throw new ConfigError(
        file,
        fullKey,
        `unknown ${ns} config key "${key}": the ${ns === "pulumi" ? "Pulumi CLI" : `${ns} provider`} would ignore it; ${suggestion(key, keys, (k) => `${ns}:${k}`)}`,
      );
    }
  }
}

/**
 * `aws:*` switches that weaken every call the provider makes (TLS verification off, calls sent to
 * other endpoints than AWS's, credentials or the account not checked). Dev may use them against a
 * local emulator; test and prod may not (refuseWeakProviderSettings).
 */
const WEAKENING_AWS_SETTINGS: ReadonlyArray<{ key: string; weak: (v: unknown) => boolean; why: string }> = [
  { key: "aws:insecure", weak: isTrue, why: "turns off TLS certificate verification for every AWS call" },
  { key: "aws:endpoints", weak: (v) => v !== undefined, why: "sends AWS calls to endpoints other than AWS's own" },
  {
    key: "aws:skipCredentialsValidation",
    weak: isTrue,
    why: "skips checking the credentials with STS, so the account they belong to is never confirmed",
  },
  {
    key: "aws:skipRequestingAccountId",
    weak: isTrue,
    why: "skips reading the account id, so aws:allowedAccountIds cannot be enforced",
  },
  {
    key: "aws:skipRegionValidation",
    weak: isTrue,
    why: "lets the provider call a region name AWS does not have",
  },
  {
    key: "aws:customCaBundle",
    weak: (v) => v !== undefined,
    why: "trusts certificate authorities other than the system's for every AWS call",
  },
  { key: "aws:httpProxy", weak: (v) => v !== undefined, why: "routes AWS calls through a proxy" },
  { key: "aws:httpsProxy", weak: (v) => v !== undefined, why: "routes AWS calls through a proxy" },
  {
    key: "aws:ec2MetadataServiceEndpoint",
    weak: (v) => v !== undefined,
    why: "reads credentials from a metadata endpoint other than the instance's own",
  },
];

function isTrue(v: unknown): boolean {
  return v === true || v === "true";
}

/**
 * Refuse, in test and prod, the provider settings that weaken every AWS call of the stack. Dev may
 * point the provider at an emulator. Errors name the key and say what the setting does.
 */
export function refuseWeakProviderSettings(
  values: Readonly<Record<string, unknown>>,
  file: string,
  environment: Environment,
): void {
  if (environment === "dev") return;
  for (const setting of WEAKENING_AWS_SETTINGS) {
    const value = values[setting.key];
    if (value === undefined || !setting.weak(value)) continue;
    throw new ConfigError(
      file,
      setting.key,
      `must not be set in ${environment}: it ${setting.why}; remove it (\`pulumi config rm ${setting.key}\`) (got ${typeof value === "string" ? value : JSON.stringify(value)})`,
    );
  }
}

/**
 * `aws:allowedAccountIds` as the provider reads it: a list of 12-digit account ids, each a string
 * (YAML reads an unquoted 012345678901 as the number 12345678901, losing the leading zero, and the
 * provider then compares against the wrong account). Returns the ids, or undefined when unset.
 */
export function readAllowedAccountIds(values: Readonly<Record<string, unknown>>, file: string): string[] | undefined {
  let raw = values["aws:allowedAccountIds"];
  if (raw === undefined) return undefined;
  if (typeof raw === "string") {
    try {
      raw = JSON.parse(raw);
    } catch {
      // A plain string is no list; reported below.
    }
  }
  if (!Array.isArray(raw)) {
    throw new ConfigError(
      file,
      "aws:allowedAccountIds",
      `must be a list of 12-digit account ids (got ${JSON.stringify(raw)})`,
    );
  }
  raw.forEach((id, i) => {
    if (typeof id === "string" && /^\d{12}$/.test(id)) return;
    const hint =
      typeof id === "number"
        ? `; quote it ("${String(id).padStart(12, "0")}"?): YAML reads an unquoted number and drops leading zeros`
        : "";
    throw new ConfigError(
      file,
      `aws:allowedAccountIds[${i}]`,
      `must be a 12-digit account id as a quoted string${hint} (got ${JSON.stringify(id)})`,
    );
  });
  return raw as string[];
}
