import { afterEach, beforeEach } from 'vitest';
import { DiagCapture } from './diag-capture.js';
import { TestReceiver } from './receiver.js';

/** Per test: a fresh receiver on 127.0.0.1 and a diag capture, both torn down afterwards. */
export function useReceiver(): { receiver: TestReceiver; diag: DiagCapture } {
  const ctx = { receiver: undefined as unknown as TestReceiver, diag: new DiagCapture() };
  beforeEach(async () => {
    ctx.diag.install();
    ctx.receiver = await TestReceiver.start();
  });
  afterEach(async () => {
    await ctx.receiver.close();
    ctx.diag.uninstall();
  });
  return ctx;
}
