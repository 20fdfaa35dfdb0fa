// Module hooks (node --import ./record-loads.mjs): appends every module URL the process loads
// to the file named by OMRL_RECORD_LOADS, one per line.
import { appendFileSync } from "node:fs";

export async function load(url, context, nextLoad) {
  if (process.env.OMRL_RECORD_LOADS) appendFileSync(process.env.OMRL_RECORD_LOADS, `${url}\n`);
  return nextLoad(url, context);
}
