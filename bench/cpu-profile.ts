import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { resolve } from 'node:path';

/**
 * CPU profile of the measured server: `BENCH_NODE_ARGS="--import ./dist-bench/bench/cpu-profile.js" npm run bench`
 * (BENCH_SCENARIOS narrows it to one route) writes bench/results/platform.cpuprofile when the server is
 * stopped, for Chrome DevTools or speedscope. Plain `--cpu-prof` writes nothing here: Nest's shutdown hook
 * re-raises SIGTERM, which ends the process before Node's exit hooks run.
 */
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');

// Runs before Nest's own SIGTERM listener; the in-thread inspector answers synchronously.
process.prependOnceListener('SIGTERM', () => {
  session.post('Profiler.stop', (err, result) => {
    if (!err)
      writeFileSync(
        resolve(process.env.BENCH_PROFILE_FILE ?? 'bench/results/platform.cpuprofile'),
        JSON.stringify(result.profile),
      );
  });
});
