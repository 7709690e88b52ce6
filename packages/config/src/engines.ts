import { z } from "zod";

/**
 * The database engines the platform migrates between, as sources and targets: RDS MySQL, MariaDB
 * and PostgreSQL, and Aurora MySQL and PostgreSQL. One list for the components, the stacks'
 * config schemas and the CLI.
 */
export const DATABASE_ENGINES = ["mysql", "mariadb", "postgres", "aurora-mysql", "aurora-postgresql"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];
export const databaseEngineSchema = z.enum(DATABASE_ENGINES);
