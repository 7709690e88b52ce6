// `dms-platform preflight` and `dms-platform validate`: live checks against real databases.
export type { ColumnInfo, TableInfo, ValueKind } from "./catalog.js";
export type { CliContextLike, LiveCommandIo } from "./commands.js";
export { registerPreflightCommand, registerValidateCommand } from "./commands.js";
export type { ConnectionOptions, TlsMode } from "./connection.js";
export { databaseSecretSchema, parseConnection, TLS_MODES } from "./connection.js";
export { LiveConnectionError, LiveUsageError } from "./errors.js";
export { formatPreflightText, formatValidateText } from "./format.js";
export { canonicalRow, canonicalValue } from "./normalize.js";
export type { CheckStatus, PreflightCheck, PreflightOptions, PreflightReport } from "./preflight.js";
export { runPreflight } from "./preflight.js";
export type { FirstDifference, TableStatus, TableValidation, ValidateOptions, ValidateReport } from "./validate.js";
export { runValidate } from "./validate.js";
