export * from "./fixtures.js";
export * from "./server.js";
