import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pLimit from 'p-limit';
import { unavailable } from '../errors.ts';
import type { ProcessedImage } from './image-pipeline.ts';
import { UnreadableMediaError } from './inspect-errors.ts';

export type { ProcessedImage } from './image-pipeline.ts';

/** Image types decoded, re-encoded and served inline. Anything else (SVG, BMP, HEIC…) is kept as a plain file. */
export const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** A message to the image process: decode `input` (a file sniffed as `mime`), write its outputs into `workDir`. */
export interface ImageJob {
  id: string;
  input: string;
  mime: string;
  workDir: string;
}

/** The image process's answer to the job `id`: the image, or why it is not one (415), or another failure. */
export type ImageAnswer = { id: string } & ({ image: ProcessedImage } | { unreadable: string } | { failed: string });

const WORKER = fileURLToPath(new URL('./image-worker.ts', import.meta.url));
/** The server's sources are TypeScript run through tsx (`node --import tsx`); so is the image process. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/**
 * The nice(1) value of the image process: 10, where the server runs at 0. When the event loop wakes up it has the
 * earlier deadline and takes the core from image work within a time slice, and image work gets about a tenth of a
 * core against one busy thread at 0 (weights 110 against 1024, sched(7)): a photo is slower on a saturated machine,
 * not starved, as it could be at 19 (weight 15).
 */
export const IMAGE_NICE = 10;

/**
 * One image at a time: a 12 MP photo takes about 0.4 s of CPU, and one at a time already keeps a core busy while
 * photos arrive. More in parallel would finish no sooner on a small machine and would hold more decoded pixels
 * (up to 256 MiB each, see MAX_INPUT_PIXELS) in memory at once.
 */
const imageJobs = pLimit(1);
let worker: ChildProcess | null = null;

/** The image process, started on first use and again after it ends; it holds this process open only while busy. */
function imageProcess(): ChildProcess {
  if (worker?.connected) return worker;
  // Its own Node options only (the server's, e.g. --inspect or --cpu-prof, are not for it).
  const child = fork(WORKER, [String(IMAGE_NICE)], {
    execArgv: ['--import', TSX],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const forget = () => {
    if (worker === child) worker = null;
  };
  child.on('exit', forget);
  // A failed start, or a failed send (the job in flight fails by its own listener).
  child.on('error', forget);
  worker = child;
  return child;
}

/** The image process's pid while it runs (for tests and diagnostics). */
export function imageProcessPid(): number | undefined {
  return worker?.pid;
}

function run(job: ImageJob): Promise<ProcessedImage> {
  const child = imageProcess();
  child.ref();
  child.channel?.ref();
  return new Promise<ProcessedImage>((resolve, reject) => {
    const onMessage = (answer: ImageAnswer) => {
      if (answer.id !== job.id) return;
      settle();
      if ('image' in answer) resolve(answer.image);
      else if ('unreadable' in answer) reject(new UnreadableMediaError(answer.unreadable));
      else reject(new Error(`image process: ${answer.failed}`));
    };
    // A decoder that crashes on an input ends the process by a signal (not the server's): that input is not a
    // readable image. An exit with a code, or no process at all, is the server's trouble: 503.
    const onExit = (_code: number | null, signal: string | null) => {
      settle();
      reject(
        signal
          ? new UnreadableMediaError(`the image could not be decoded (the decoder stopped: ${signal})`)
          : unavailable('images cannot be decoded now; try again shortly'),
      );
    };
    const settle = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onExit);
      child.unref();
      child.channel?.unref();
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onExit);
    child.send(job);
  });
}

/**
 * Decodes and measures an image sniffed as one of IMAGE_TYPES, and writes a clean copy and a thumbnail into
 * `workDir` (image-pipeline.ts), in the image process (image-worker.ts): a child process at a lower CPU priority,
 * not a worker thread, because sharp's work runs on libuv's thread pool and libvips' threads, which a thread of
 * the server could not lower without lowering the server's own file work with them. On a small machine the
 * decoder's threads otherwise take turns on the CPU with the event loop, and text messages wait (`pnpm bench
 * --media`). It also keeps a decoder crash on a hostile file out of the server.
 * @throws UnreadableMediaError (415) when it does not decode, is too large to decode, or crashes the decoder.
 */
export function processImage(input: string, mime: string, workDir: string): Promise<ProcessedImage> {
  return imageJobs(() => run({ id: randomUUID(), input, mime, workDir }));
}
