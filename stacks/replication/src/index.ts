export {
  loadReplicationConfig,
  migrationSchema,
  PROJECT,
  type ReplicationConfig,
  replicationConfigSchema,
} from "./config.js";
export {
  checkReplicationStack,
  listMigrationStacks,
  migrationNameProblem,
  parseReplicationStackName,
  replicationStackName,
} from "./migrations.js";
export { declareReplication, program, project } from "./program.js";
