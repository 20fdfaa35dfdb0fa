// Preloaded into a benchmarked child (`node -r bench/cpu-report.cjs …`): prints the process's own
// CPU time (user + system, microseconds, from getrusage) to stderr as it exits, so a case can
// compare CPU work at a finer resolution than /usr/bin/time's 10 ms.
"use strict";
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\nOMRL_CPU_US=${user + system}\n`);
});
