// A fresh profiler's start-up work goes on in other threads after start() returns (V8's profiler
// thread builds its code map from the code-creation events of every compiled function: measured
// 11 ms of CPU after the first start, 1 ms after later ones). settled() waits, idle, until the
// process uses < 5 % CPU over 20 ms (at most 0.5 s), so a timed chunk is steady state.
export async function settled() {
  for (let i = 0; i < 25; i++) {
    const c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 20));
    const c = process.cpuUsage(c0);
    if (c.user + c.system < 1000) return;
  }
}
