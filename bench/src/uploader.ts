// The media scenario's uploader, a child process of the generator (media.ts forks it): uploads the files it is
// given, each in its own loop, back to back, from `go` until `stop`. In its own process so that the uploads' client
// work (reading 25 MiB from disk and writing it to a socket, a few hundred ms of CPU per file) never runs on the
// generator's event loop, which timestamps the text messages measured meanwhile: on one process, that work showed
// as latency of the server. Messages: in, `go` then `stop` (in-flight uploads are aborted); out, `ready` once the
// files are open, then `{done}`: how many uploads of each file reached 201, in the order given.
import fs from 'node:fs';
import { uploadOnce, uploadPaced, type UploadFile } from './upload.ts';

/** argv[2], JSON: where to upload, as whom, and which files (`path` on disk, `name` and `type` as a browser sends). */
export interface UploaderArgs {
  base: string;
  token: string;
  files: { path: string; name: string; type: string }[];
  /** Each upload's body at this many bytes per second (a client's uplink); absent: as fast as the server reads. */
  bytesPerSecond?: number;
}

export type UploaderReport = { done: number[] };

const args = JSON.parse(process.argv[2] ?? '{}') as UploaderArgs;
const send = (message: 'ready' | UploaderReport) => process.send?.(message);
const files: UploadFile[] = await Promise.all(
  args.files.map(async (f) => ({ name: f.name, blob: await fs.openAsBlob(f.path, { type: f.type }) })),
);
const stop = new AbortController();
const done = files.map(() => 0);

async function loop(i: number): Promise<void> {
  while (!stop.signal.aborted) {
    try {
      if (args.bytesPerSecond)
        await uploadPaced(args.base, args.token, args.files[i]!, args.bytesPerSecond, stop.signal);
      else await uploadOnce(args.base, args.token, files[i]!, stop.signal);
      done[i]!++;
    } catch (err) {
      if (!stop.signal.aborted) throw err;
    }
  }
}

let running: Promise<unknown> = Promise.resolve();
process.on('message', (message: 'go' | 'stop') => {
  if (message === 'go') running = Promise.all(files.map((_, i) => loop(i)));
  else {
    stop.abort();
    void running.then(() => {
      send({ done });
      process.disconnect();
    });
  }
});
send('ready');
