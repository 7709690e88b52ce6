export { type FoundationConfig, foundationConfigSchema, loadFoundationConfig, PROJECT } from "./config.js";
export { type DatabaseOutputs, declareFoundation, program, project } from "./program.js";
