// Preloaded (node -r) into a measured process: writes its peak RSS in bytes to $MPU_BENCH_RSS_FILE on exit.
'use strict';
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.MPU_BENCH_RSS_FILE) writeFileSync(process.env.MPU_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
