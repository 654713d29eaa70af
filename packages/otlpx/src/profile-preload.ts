/**
 * Loaded with `node --import` into the program `otlpx profile` runs: starts a CPU profiler before
 * the program's own code, and when the process exits (normally, by `process.exit`, or by SIGINT /
 * SIGTERM / SIGHUP) stops it and writes the pprof file, the optional flame graph and a small JSON
 * summary for the parent. Everything here is synchronous because the `exit` event is.
 */
import { writeFileSync } from 'node:fs';
import { CpuProfiler, renderFlameGraph, toPprof } from '@otlpx/profiling';
import { type PreloadConfig, summarizeCpuProfile } from './profile-summary.js';

const config = JSON.parse(process.env.OTLPX_PROFILE_CONFIG ?? 'null') as PreloadConfig | null;
// Not inherited by the program's own child processes: they are not what was asked for.
delete process.env.OTLPX_PROFILE_CONFIG;

if (config !== null) {
  const profiler = new CpuProfiler({ frequency: config.hz });
  profiler.start();
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    try {
      const profile = profiler.stop();
      writeFileSync(config.pprof, toPprof(profile));
      if (config.html) writeFileSync(config.html, renderFlameGraph(profile));
      writeFileSync(config.summary, JSON.stringify(summarizeCpuProfile(profile)));
    } catch (err) {
      process.stderr.write(`otlpx profile: could not write the profile: ${(err as Error).message}\n`);
    }
  };
  process.on('exit', finish);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      finish();
      // Then die of the signal as the program would have without this listener.
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}
