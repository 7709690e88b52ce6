export {
  loadReplicationConfig,
  migrationSchema,
  PROJECT,
  type ReplicationConfig,
  replicationConfigSchema,
} from "./config.js";
export { declareReplication, program, project } from "./program.js";
