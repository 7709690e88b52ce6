import { ConfigError, readAllowedAccountIds, SECURE_PLACEHOLDER } from "@dms-platform/config";

/** The region and account of an ARN (`arn:<partition>:<service>:<region>:<account>:<resource>`). */
function placeOf(arn: string): { service: string; region: string; account: string } | undefined {
  const m = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):/.exec(arn);
  return m ? { service: m[1] as string, region: m[2] as string, account: m[3] as string } : undefined;
}

/** One ARN of the config with the rule its placement must follow. */
interface PlacedArn {
  /** The config key, as written (`sourceConnection.external.secretArn`). */
  key: string;
  arn: string | undefined;
  /** Must be in the stack's account too (not only its region). */
  sameAccount: boolean;
  why: string;
}

const CERTIFICATE_WHY =
  "a DMS certificate is a resource of one account and region (ImportCertificate), and an endpoint can only use one of its own";
const KMS_WHY =
  "KMS keys are regional, and Secrets Manager encrypts a secret with a key of the secret's own region (a replica in another region names a key of its own: Secrets Manager API, ReplicaRegionType.KmsKeyId)";

/**
 * Refuse ARNs the stack cannot use where they are: a DMS certificate of another region or account
 * than the stack's, and a secret's KMS key of another region than the secret. The stack's region is `aws:region`; its account is `aws:allowedAccountIds` when that names
 * one. A secret or key of another account stays allowed: Secrets Manager and KMS grant access across
 * accounts through resource policies. Encrypted values (SECURE_PLACEHOLDER) are checked under the CLI.
 */
export function checkArnPlacement(
  values: Readonly<Record<string, unknown>>,
  file: string,
  namespace: string,
  config: {
    sourceConnection?: unknown;
    sourceConnections?: Record<string, unknown> | undefined;
    targetCertificateArn?: string | undefined;
  },
): void {
  const region = typeof values["aws:region"] === "string" ? (values["aws:region"] as string) : undefined;
  const accounts = readAllowedAccountIds(values, file);
  const arns: PlacedArn[] = [
    { key: "targetCertificateArn", arn: config.targetCertificateArn, sameAccount: true, why: CERTIFICATE_WHY },
  ];
  const connections: Array<[string, unknown]> = [
    ["sourceConnection", config.sourceConnection],
    ...Object.entries(config.sourceConnections ?? {}).map(([n, c]): [string, unknown] => [`sourceConnections.${n}`, c]),
  ];
  const secretPairs: Array<{ at: string; secret: string | undefined; key: string | undefined }> = [];
  for (const [at, connection] of connections) {
    const external = (connection as { external?: Record<string, string | undefined> } | undefined)?.external;
    if (!external) continue;
    arns.push({
      key: `${at}.external.certificateArn`,
      arn: external.certificateArn,
      sameAccount: true,
      why: CERTIFICATE_WHY,
    });
    secretPairs.push({ at, secret: external.secretArn, key: external.secretKmsKeyArn });
  }
  const stackPlace = `the stack's (aws:region ${region ?? "unset"}${accounts?.length === 1 ? `, account ${accounts[0]}` : ""})`;
  for (const { key, arn, sameAccount, why } of arns) {
    if (arn === undefined || arn === SECURE_PLACEHOLDER) continue;
    const place = placeOf(arn);
    if (!place) continue;
    if (region !== undefined && place.region !== region) {
      throw new ConfigError(
        file,
        `${namespace}:${key}`,
        `is in region ${place.region}, not ${stackPlace}: ${why} (got "${arn}")`,
      );
    }
    if (sameAccount && accounts?.length && !accounts.includes(place.account)) {
      throw new ConfigError(
        file,
        `${namespace}:${key}`,
        `is in account ${place.account}, not ${accounts.length === 1 ? stackPlace : `one of aws:allowedAccountIds (${accounts.join(", ")})`}: ${why} (got "${arn}")`,
      );
    }
  }
  for (const { at, secret, key } of secretPairs) {
    if (!secret || !key || secret === SECURE_PLACEHOLDER || key === SECURE_PLACEHOLDER) continue;
    const s = placeOf(secret);
    const k = placeOf(key);
    if (s && k && s.region !== k.region) {
      throw new ConfigError(
        file,
        `${namespace}:${at}.external.secretKmsKeyArn`,
        `is in region ${k.region}, not the secret's (${s.region}): ${KMS_WHY} (got "${key}")`,
      );
    }
  }
}
