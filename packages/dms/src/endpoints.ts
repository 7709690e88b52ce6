import {
  ConfigError,
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
  type DatabaseEngine,
  dmsEngineName,
  type EndpointEngineSettings,
  endpointDatabaseName,
  endpointEngineSettings,
  resolveSslMode,
  secretEndpointSettingsProblem,
} from "./engines.js";

/** What every endpoint of a DmsReplication shares. */
export interface EndpointContext {
  component: string;
  name: string;
  parent: pulumi.Resource;
  parts: Omit<NameParts, "purpose">;
  tags: Record<string, string>;
  profile: EnvironmentProfile;
  kmsKeyArn: pulumi.Input<string>;
  /** The stack's region, for the regional DMS principal and kms:ViaService. */
  region: pulumi.Input<string>;
}

/** An endpoint's args, flattened over the database and external variants. */
export interface ResolvedEndpoint {
  engine: DatabaseEngine;
  databaseName: string;
  secretArn: pulumi.Input<string>;
  secretKmsKeyArn: pulumi.Input<string>;
  sslMode?: "require" | "verify-ca" | "verify-full";
  certificateArn?: pulumi.Input<string>;
  settings?: EndpointEngineSettings;
}

export function resolveEndpoint(e: EndpointArgs): ResolvedEndpoint {
  return isExternal(e) ? e.external : e;
}

/** The trust policy of an endpoint's Secrets Manager access role: the regional DMS principal. */
export function secretAccessTrustPolicy(region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: `dms.${region}.amazonaws.com` }, Action: "sts:AssumeRole" }],
  });
}

/** Read that one secret, decrypt with that one key (and only through Secrets Manager). */
export function secretAccessPolicy(secretArn: string, secretKmsKeyArn: string, region: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTheEndpointSecret",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        Resource: secretArn,
      },
      {
        Sid: "DecryptTheSecretThroughSecretsManager",
        Effect: "Allow",
        Action: "kms:Decrypt",
        Resource: secretKmsKeyArn,
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

/**
 * A DMS endpoint reading its credentials from Secrets Manager through a dedicated access role
 * (https://docs.aws.amazon.com/dms/latest/userguide/security_iam_secretsmanager.html): no user
 * name, password, server name or port on the endpoint itself. `sourceName` is the key of one of
 * several `sources`.
 */
export function createEndpoint(
  ctx: EndpointContext,
  side: "source" | "target",
  args: EndpointArgs,
  sourceName?: string,
) {
  const e = resolveEndpoint(args);
  const short = endpointShortName(side, sourceName);
  const ssl = resolveSslMode(ctx.profile, e.sslMode, e.certificateArn !== undefined);
  if (ssl.error) {
    const at = sourceName === undefined ? [side] : ["sources", sourceName];
    throw new ConfigError(
      `${ctx.component} "${ctx.name}"`,
      formatPath([...at, ...(isExternal(args) ? ["external"] : []), "sslMode"]),
      ssl.error,
    );
  }

  const settingsProblem = secretEndpointSettingsProblem(e.engine, e.settings);
  if (settingsProblem) {
    const at = sourceName === undefined ? [side] : ["sources", sourceName];
    throw new ConfigError(
      `${ctx.component} "${ctx.name}"`,
      formatPath([...at, ...(isExternal(args) ? ["external"] : []), "settings", "targetDbType"]),
      settingsProblem,
    );
  }

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
        .apply(([secret, key, region]) => secretAccessPolicy(secret, key, region)),
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
      sslMode: ssl.sslMode,
      ...(e.certificateArn !== undefined ? { certificateArn: e.certificateArn } : {}),
      kmsKeyArn: ctx.kmsKeyArn,
      ...endpointEngineSettings(e.engine, side, e.settings),
      // DMS refuses ModifyEndpoint while a task using the endpoint runs; with this set the provider
      // stops those tasks, modifies the endpoint and resumes them (resourceEndpointUpdate,
      // terraform-provider-aws v6.x, issue 27661). Every endpoint of ours may have running tasks.
      pauseReplicationTasks: true,
      tags: mergeTags(ctx.tags, { Name: endpointId }),
    },
    // The fixed endpointId would collide with a create-before-delete replacement.
    { parent: ctx.parent, dependsOn: [policy], deleteBeforeReplace: true },
  );
  return { endpoint, role, engine: e.engine };
}
