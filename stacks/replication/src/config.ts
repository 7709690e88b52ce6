import { principalSchema, roleArnSchema } from "@dms-platform/access/iam-documents";
import {
  type Environment,
  environmentSchema,
  namePartSchema,
  parseStackConfig,
  readDefaultTags,
  type StackTags,
} from "@dms-platform/config";
import { z } from "zod";

/** The Pulumi project name, also the config namespace of this stack. */
export const PROJECT = "dms-platform-replication";

const engineSchema = z.enum(["mysql", "mariadb", "postgres", "aurora-mysql", "aurora-postgresql"]);
const arn = (service: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:${service}:[a-z0-9-]+:\\d{12}:.+$`), `must be a ${service} ARN`);

/** One replication task of the migration definition. Its table mappings and settings are validated by the DMS component. */
const taskSchema = z
  .object({
    /** Task name: a part of the task identifier `<env>-<app>-<name>-dms`. */
    name: namePartSchema,
    /** What the task does. */
    migrationType: z.enum(["full-load", "cdc", "full-load-and-cdc"]),
    /** DMS table mappings (selection and transformation rules), as a DMS JSON document. */
    tableMappings: z.record(z.string(), z.unknown()),
    /** Task settings merged over the platform defaults. */
    settings: z.record(z.string(), z.unknown()).optional(),
    /** CDC start position (native log position) for cdc tasks. */
    cdcStartPosition: z.string().optional(),
    /** CDC start time (RFC 3339) for cdc tasks. */
    cdcStartTime: z.string().optional(),
    /** Start the task once created. */
    start: z.boolean().optional(),
    /** Wave the task belongs to (later waves can be added without touching running ones). */
    wave: z.number().int().min(1).optional(),
  })
  .strict();

/** The promotable part: identical in dev, test and prod. */
export const migrationSchema = z
  .object({
    /** Engine and database of the source. */
    source: z.object({ engine: engineSchema, databaseName: z.string().min(1) }).strict(),
    /** Engine and database of the target (the foundation's target database). */
    target: z.object({ engine: engineSchema, databaseName: z.string().min(1) }).strict(),
    /** The tasks. */
    tasks: z.array(taskSchema).min(1, "a migration has at least one task"),
  })
  .strict();

/** The validated config of the replication stack. */
export const replicationConfigSchema = z
  .object({
    /** The environment; must equal the Environment tag. */
    environment: environmentSchema,
    /** Application name, part of every physical name. */
    application: namePartSchema,
    /** The foundation stack of this environment (`<org>/dms-platform-foundation/<env>`), read through a StackReference. */
    foundationStack: z.string().regex(/^[\w.-]+\/[\w.-]+\/[\w.-]+$/, "must be <organization>/<project>/<stack>"),
    /** Create the account-level DMS roles, or adopt the ones another stack of this account created. */
    accountRoles: z.enum(["create", "adopt"]),
    /** Replication capacity: an instance, or DMS Serverless. Sizes default to the profile. */
    capacity: z.discriminatedUnion("kind", [
      z
        .object({
          kind: z.literal("instance"),
          instanceClass: z
            .string()
            .regex(/^dms\.[a-z0-9]+\.[a-z0-9]+$/, "must be a DMS instance class such as dms.t3.medium")
            .optional(),
          allocatedStorageGb: z.number().int().min(5).max(6144).optional(),
          engineVersion: z.string().optional(),
          multiAz: z.boolean().optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal("serverless"),
          minCapacityUnits: z.number().int().min(1).optional(),
          maxCapacityUnits: z.number().int().min(1).optional(),
          multiAz: z.boolean().optional(),
        })
        .strict(),
    ]),
    /** Where the source is: a database of the foundation stack (dev's lab source), or an external host. */
    sourceConnection: z.union([
      z.object({ foundationOutput: z.enum(["labSource"]) }).strict(),
      z
        .object({
          external: z
            .object({
              hostname: z.string().min(1),
              port: z.number().int().min(1).max(65535),
              secretArn: arn("secretsmanager"),
              secretKmsKeyArn: arn("kms"),
              /** DMS certificate (imported CA) to verify the source's TLS certificate; required for verify-full. */
              certificateArn: arn("dms").optional(),
              /** The host's network (on premises), for the DMS security group's egress. */
              cidrBlocks: z
                .array(z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, "must be an IPv4 CIDR"))
                .min(1, "name the network the source is in"),
            })
            .strict(),
        })
        .strict(),
    ]),
    /**
     * DMS certificate (the imported RDS CA bundle) to verify the target's TLS certificate; needed
     * where the profile's SSL mode is verify-full (prod). Imported once per account (docs/dms.md).
     */
    targetCertificateArn: arn("dms").optional(),
    /** E-mail addresses subscribed to the alarm topic. */
    alarmEmails: z.array(z.email()).optional(),
    /** Allow changes that replace tasks or the instance (a full reload) where the profile protects them. */
    allowReplacement: z.boolean().optional(),
    /** The migration definition (promoted unchanged between environments). */
    migration: migrationSchema,
    /**
     * Who operates the migration (environment-specific, never promoted): the `migration-admin` and
     * `migration-viewer` roles and the delete guard (docs/access.md).
     */
    operators: z
      .object({
        /** May assume migration-admin: 12-digit account ids, SSO permission-set role ARNs, the CI's OIDC role ARN. */
        adminPrincipals: z.array(principalSchema).min(1, "name at least one admin principal"),
        /** May assume migration-viewer (same forms). */
        viewerPrincipals: z.array(principalSchema).min(1, "name at least one viewer principal"),
        /** The CI's role (it runs `pulumi up`): exempt from the delete guard and from prod's MFA condition. */
        ciRoleArn: roleArnSchema,
        /**
         * The delete guard: while true nobody but the CI role may delete the tasks, the replication
         * instance or the task log groups. Set false (and `pulumi up`) before `pulumi destroy`.
         */
        migrationActive: z.boolean(),
        /** Task changes and deletes need MFA or the CI role. @default true in prod, false elsewhere */
        requireMfa: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export type ReplicationConfig = z.output<typeof replicationConfigSchema> & { tags: StackTags };

/** Validate the stack's config (values keyed `namespace:key`, from YAML or from the Pulumi runtime). */
export function loadReplicationConfig(values: Readonly<Record<string, unknown>>, file: string): ReplicationConfig {
  const config = parseStackConfig(replicationConfigSchema, values, { file, namespace: PROJECT });
  const tags = readDefaultTags(values, file, config.environment as Environment);
  return { ...config, tags };
}
