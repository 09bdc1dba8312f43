// The image process: a child of the server (forked by images.ts) that decodes uploaded images with sharp, one at a
// time, at the lower CPU priority given as its argument (a nice value, images.ts: IMAGE_NICE). Messages: in, an
// ImageJob; out, one ImageAnswer per job. It exits when the server goes away (its IPC channel closes).
import fs from 'node:fs';
import os from 'node:os';
import type { ImageAnswer, ImageJob } from './images.ts';

/**
 * Lowers every thread of this process to `nice`. Linux sets the priority of a thread, not of a process
 * (setpriority(2), NOTES), so each thread already started (V8's, libuv's pool) is set from /proc; threads started
 * later (libvips') inherit it. Elsewhere the call on pid 0 covers the process. Failing is not fatal: only slower.
 */
function lowerPriority(nice: number): void {
  try {
    os.setPriority(0, nice);
    const threads = fs.existsSync('/proc/self/task') ? fs.readdirSync('/proc/self/task') : [];
    for (const tid of threads) os.setPriority(Number(tid), nice);
  } catch (err) {
    process.emitWarning(`image process: priority not lowered (${String(err)})`);
  }
}

lowerPriority(Number(process.argv[2] ?? 10));
// Loaded after the priority is set, so libvips' threads start at it.
const { decodeImage, NotAnImageError } = await import('./image-pipeline.ts');

const answer = (message: ImageAnswer) => process.send?.(message);

process.on('message', (job: ImageJob) => {
  decodeImage(job.input, job.mime, job.workDir).then(
    (image) => answer({ id: job.id, image }),
    (err: unknown) =>
      answer(
        err instanceof NotAnImageError
          ? { id: job.id, unreadable: err.message }
          : { id: job.id, failed: err instanceof Error ? err.message : String(err) },
      ),
  );
});
process.on('disconnect', () => process.exit(0));
