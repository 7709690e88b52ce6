import {
  ConfigError,
  type DmsSslMode,
  type EnvironmentProfile,
  formatPath,
  mergeTags,
  type NameParts,
  physicalName,
} from "@dms-platform/config";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type EndpointArgs, isExternal } from "./args.js";
import {
  type OracleEndpointSettings,
  oracleSettingsProblems,
  type SettingsProblem,
  type SourceHosting,
  type SqlServerEndpointSettings,
  sqlServerSettingsProblems,
} from "./commercial-engines.js";
import {
  dmsEngineName,
  type EndpointEngine,
  type EndpointEngineSettings,
  endpointDatabaseName,
  endpointEngineSettings,
  resolveSslMode,
  secretEndpointSettingsProblem,
} from "./engines.js";
import { type RedshiftStaging, redshiftEndpointSettings } from "./redshift-endpoint.js";

/** What every endpoint of a DmsReplication shares. */
export interface EndpointContext {
  name: string;
  parent: pulumi.Resource;
  parts: Omit<NameParts, "purpose">;
  tags: Record<string, string>;
  kmsKeyArn: pulumi.Input<string>;
  /** The stack's region, for the regional DMS principal and kms:ViaService. */
  region: pulumi.Input<string>;
}

/** An endpoint's args, flattened over the database and external variants. */
export interface ResolvedEndpoint {
  engine: EndpointEngine;
  /** Where the database runs (external endpoints say; a database endpoint is an RDS database). */
  hosting?: SourceHosting;
  databaseName: string;
  secretArn: pulumi.Input<string>;
  secretKmsKeyArn: pulumi.Input<string>;
  sslMode?: "require" | "verify-ca" | "verify-full";
  certificateArn?: pulumi.Input<string>;
  settings?: EndpointEngineSettings;
}

export function resolveEndpoint(e: EndpointArgs): ResolvedEndpoint {
  return isExternal(e) ? e.external : { ...e, hosting: "rds" };
}

/** The trust policy of an endpoint's Secrets Manager access role: the regional DMS principal. */
export function secretAccessTrustPolicy(region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: `dms.${region}.amazonaws.com` }, Action: "sts:AssumeRole" }],
  });
}

/**
 * Read that one secret, decrypt with that one key (and only through Secrets Manager). An Oracle
 * endpoint reading ASM through Binary Reader also reads its ASM secret with the same role
 * (`secretsManagerOracleAsmAccessRoleArn`), and decrypts it with that secret's key.
 */
export function secretAccessPolicy(
  secretArn: string,
  secretKmsKeyArn: string,
  region: string,
  asm?: { secretArn: string; secretKmsKeyArn: string },
): string {
  const one = (list: string[]) => {
    const unique = [...new Set(list)];
    return unique.length === 1 ? unique[0] : unique;
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTheEndpointSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: one([secretArn, ...(asm ? [asm.secretArn] : [])]),
      },
      {
        Sid: "DecryptTheSecretThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: one([secretKmsKeyArn, ...(asm ? [asm.secretKmsKeyArn] : [])]),
        Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` } },
      },
    ],
  });
}

/**
 * The short role of an endpoint in logical and physical names: `src`/`tgt`, or `src-<name>` for a
 * named source of a consolidation (so the one-source names stay exactly as they were).
 */
export function endpointShortName(side: "source" | "target", sourceName?: string): string {
  if (side === "target") return "tgt";
  return sourceName === undefined ? "src" : `src-${sourceName}`;
}

/** One endpoint of a DmsReplication, decided before anything is declared. */
export interface PlannedEndpoint {
  side: "source" | "target";
  /** The key of one of several `sources`; undefined for `source` and `target`. */
  sourceName?: string;
  /** `src`, `src-<name>` or `tgt`: the endpoint's part of logical and physical names. */
  short: string;
  /** The endpoint's args, flattened over the database and external variants. */
  resolved: ResolvedEndpoint;
  /** The SSL mode sent to DMS: explicit, else verify-full with a certificate, else the profile's; "none" for Redshift. */
  sslMode: DmsSslMode;
}

/**
 * Decide one endpoint: its names and its SSL mode. Refuses (ConfigError naming `where` and the
 * key as the user wrote it) a verifying SSL mode without a certificate, and engine settings a
 * Secrets Manager endpoint cannot take.
 */
export function planEndpoint(
  where: string,
  profile: Pick<EnvironmentProfile, "endpointSslMode">,
  side: "source" | "target",
  args: EndpointArgs,
  sourceName?: string,
): PlannedEndpoint {
  const e = resolveEndpoint(args);
  const at = [
    ...(sourceName === undefined ? [side] : ["sources", sourceName]),
    ...(isExternal(args) ? ["external"] : []),
  ];
  if (e.engine === "redshift" && side === "source") {
    throw new ConfigError(
      where,
      formatPath([...at, "engine"]),
      'DMS writes to Amazon Redshift but does not read from it: "redshift" is a target engine only (docs/analytics-targets.md)',
    );
  }
  const ssl =
    e.engine === "redshift"
      ? redshiftSslMode(e)
      : resolveSslMode(profile, e.sslMode, e.certificateArn !== undefined, e.engine);
  if (ssl.error) throw new ConfigError(where, formatPath([...at, "sslMode"]), ssl.error);
  const settingsProblem = secretEndpointSettingsProblem(e.engine, e.settings);
  if (settingsProblem) throw new ConfigError(where, formatPath([...at, "settings", "targetDbType"]), settingsProblem);
  const [commercial] = commercialSettingsProblems(e, side);
  if (commercial) throw new ConfigError(where, formatPath([...at, "settings", commercial.key]), commercial.message);
  return {
    side,
    ...(sourceName !== undefined ? { sourceName } : {}),
    short: endpointShortName(side, sourceName),
    resolved: e,
    sslMode: ssl.sslMode,
  };
}

/**
 * A Redshift endpoint's SSL mode: none, the only one DMS takes ("SSL connections to Amazon Redshift
 * target endpoints aren't supported"; the endpoint already connects over SSL and loads through S3:
 * DMS User Guide, CHAP_Security.SSL). The warehouse's parameter group still requires SSL.
 */
function redshiftSslMode(e: ResolvedEndpoint): { sslMode: DmsSslMode; error?: string } {
  if (e.sslMode !== undefined || e.certificateArn !== undefined) {
    return {
      sslMode: "none",
      error: `DMS supports no SSL mode for a Redshift target (CHAP_Security.SSL.md): the endpoint connects over Redshift's own SSL; remove ${e.sslMode !== undefined ? "sslMode" : "certificateArn"}`,
    };
  }
  return { sslMode: "none" };
}

/** Oracle's and SQL Server's settings problems for this side and hosting (none for other engines). */
function commercialSettingsProblems(e: ResolvedEndpoint, side: "source" | "target"): SettingsProblem[] {
  const hosting = e.hosting ?? "self-managed";
  if (e.engine === "oracle") return oracleSettingsProblems((e.settings ?? {}) as OracleEndpointSettings, side, hosting);
  if (e.engine === "sqlserver") {
    return sqlServerSettingsProblems((e.settings ?? {}) as SqlServerEndpointSettings, side, hosting);
  }
  return [];
}

/** The ASM secret an Oracle endpoint reads besides its own, when it has one. */
function asmSecretOf(e: ResolvedEndpoint): { secretArn: string; secretKmsKeyArn: string } | undefined {
  if (e.engine !== "oracle") return undefined;
  const settings = (e.settings ?? {}) as OracleEndpointSettings;
  if (settings.secretsManagerOracleAsmSecretId === undefined || settings.asmSecretKmsKeyArn === undefined) {
    return undefined;
  }
  return { secretArn: settings.secretsManagerOracleAsmSecretId, secretKmsKeyArn: settings.asmSecretKmsKeyArn };
}

/**
 * A DMS endpoint reading its credentials from Secrets Manager through a dedicated access role
 * (https://docs.aws.amazon.com/dms/latest/userguide/security_iam_secretsmanager.html): no user
 * name, password, server name or port on the endpoint itself. planEndpoint decides it.
 */
export function createEndpoint(ctx: EndpointContext, planned: PlannedEndpoint, redshift?: RedshiftStaging) {
  const { side, sourceName, short, resolved: e } = planned;
  const roleName = physicalName("iam-role", { ...ctx.parts, purpose: `dms-${short}-secret` });
  const role = new aws.iam.Role(
    `${ctx.name}-${short}-secret-role`,
    {
      name: roleName,
      description: `DMS ${sourceName === undefined ? side : `source ${sourceName}`} endpoint: reads its one Secrets Manager secret`,
      assumeRolePolicy: pulumi.output(ctx.region).apply(secretAccessTrustPolicy),
      tags: mergeTags(ctx.tags, { Name: roleName }),
    },
    { parent: ctx.parent },
  );
  const policy = new aws.iam.RolePolicy(
    `${ctx.name}-${short}-secret-policy`,
    {
      role: role.name,
      name: "read-endpoint-secret",
      policy: pulumi
        .all([e.secretArn, e.secretKmsKeyArn, ctx.region])
        .apply(([secret, key, region]) => secretAccessPolicy(secret, key, region, asmSecretOf(e))),
    },
    { parent: role },
  );

  const endpointId = physicalName("dms-endpoint", { ...ctx.parts, purpose: short });
  const endpoint = new aws.dms.Endpoint(
    `${ctx.name}-${short}`,
    {
      endpointId,
      endpointType: side,
      engineName: dmsEngineName(e.engine),
      ...endpointDatabaseName(e.engine, e.databaseName),
      secretsManagerArn: e.secretArn,
      secretsManagerAccessRoleArn: role.arn,
      sslMode: planned.sslMode,
      ...(e.certificateArn !== undefined ? { certificateArn: e.certificateArn } : {}),
      kmsKeyArn: ctx.kmsKeyArn,
      ...withAsmRole(endpointEngineSettings(e.engine, side, e.settings), role.arn),
      ...(redshift ? { redshiftSettings: redshiftEndpointSettings(redshift) } : {}),
      // DMS refuses ModifyEndpoint while a task using the endpoint runs; with this set the provider
      // stops those tasks, modifies the endpoint and resumes them (resourceEndpointUpdate,
      // terraform-provider-aws v6.x, issue 27661). Every endpoint of ours may have running tasks.
      pauseReplicationTasks: true,
      tags: mergeTags(ctx.tags, { Name: endpointId }),
    },
    // The fixed endpointId would collide with a create-before-delete replacement.
    { parent: ctx.parent, dependsOn: [policy, ...(redshift?.dependencies ?? [])], deleteBeforeReplace: true },
  );
  return { endpoint, role, engine: e.engine };
}

/** Give an Oracle endpoint that reads an ASM secret the endpoint's own access role to read it with. */
function withAsmRole(
  settings: ReturnType<typeof endpointEngineSettings>,
  roleArn: pulumi.Output<string>,
): Omit<ReturnType<typeof endpointEngineSettings>, "oracleSettings"> & {
  oracleSettings?: Record<string, pulumi.Input<unknown>>;
} {
  const oracle = settings.oracleSettings;
  if (oracle?.secretsManagerOracleAsmSecretId === undefined) return settings;
  return { ...settings, oracleSettings: { ...oracle, secretsManagerOracleAsmAccessRoleArn: roleArn } };
}
