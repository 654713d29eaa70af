import { encodePprof, encodeProfilesRequest } from '@otlpx/proto';
import { convertCpuProfile } from './cpu-profile-converter.js';
import { toOtlp } from './to-otlp.js';
import { toPprofModel } from './to-pprof.js';

let warmed = false;

/**
 * Runs the window path once on a two-sample profile (convert, toOtlp + encode, toPprof + encode),
 * so that its functions are compiled when ContinuousProfiler starts rather than in the first
 * rotation. Measured on the test VM: the first window's conversion took 6-13 ms, the next ones
 * 0.4-0.8 ms. Once per process; never throws.
 */
export function warmUpWindowPath(): void {
  if (warmed) return;
  warmed = true;
  try {
    const frame = (functionName: string) => ({
      functionName,
      scriptId: '0',
      url: '',
      lineNumber: 0,
      columnNumber: 0,
    });
    const profile = convertCpuProfile(
      {
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2] },
          { id: 2, callFrame: frame('warmUp'), positionTicks: [{ line: 1, ticks: 2 }] },
        ],
        startTime: 0,
        endTime: 20_000,
        samples: [2, 2],
        timeDeltas: [10_000, 10_000],
      },
      { intervalMicros: 10_000, maxSamples: 10, maxStacks: 10, keepIdle: false, attributes: {} },
    );
    encodeProfilesRequest(toOtlp(profile));
    encodePprof(toPprofModel(profile));
  } catch {
    // only a warm-up
  }
}
