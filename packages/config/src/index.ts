export * from "./component-args.js";
export * from "./environments.js";
export * from "./errors.js";
export * from "./key-policy.js";
export * from "./load.js";
export * from "./naming.js";
export * from "./stack.js";
export * from "./tags.js";
