export { readRevenueFile, type ReadRevenueFileParameters } from "./read-revenue-file.js";
