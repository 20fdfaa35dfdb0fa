export { readRevenueFile, type ReadRevenueFileParameters } from "./readRevenueFile.js";
