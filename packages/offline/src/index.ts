export {
  AnalyzerError,
  type AnalyzerInfoSummary,
  AnalyzerSession,
  evaluatePoliciesGrpc,
} from "./analyzer-client.js";
export {
  digest,
  INVOKE_MOCKS,
  type InvokeMock,
  type MockContext,
  type MockOverrides,
  RESOURCE_MOCKS,
  type ResourceMock,
} from "./aws-mocks.js";
export {
  CheckpointError,
  type CheckpointOptions,
  OFFLINE_CIPHERTEXT,
  readCheckpoint,
  type StackState,
  type StateResource,
  stackReferenceOutputs,
  writeCheckpoint,
} from "./checkpoint.js";
export {
  type ChangeDecision,
  type ChangeOp,
  type DecidedResource,
  type DiffContext,
  type DiffSchema,
  decideChange,
  differingPaths,
  diffStack,
  expectedTagsAll,
  hasUnknown,
  pathMatches,
  type ResourceChange,
  type StackDiff,
  sameValue,
} from "./diff.js";
export {
  type EvaluateOptions,
  evaluatePolicies,
  PolicyEvaluationError,
  type Violation,
  violationsAt,
} from "./evaluate.js";
export {
  type GraphProvider,
  type GraphResource,
  providerOf,
  type ResourceGraph,
  type ResourceOptions,
  SECRET,
  type SecretOrigin,
  UNKNOWN,
} from "./graph.js";
export {
  checkJsonSchema,
  ENFORCEMENT_LEVELS,
  type PolicyConfigDocument,
  PolicyConfigError,
  type ResolvedPolicyConfig,
  resolvePolicyConfig,
} from "./policy-config.js";
export {
  DEFAULT_ORGANIZATION,
  defaultTagsOf,
  ProgramError,
  type RunProgramOptions,
  runProgram,
} from "./run-program.js";
export { displayValue, plainValue } from "./values.js";
