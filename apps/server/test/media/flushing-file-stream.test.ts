import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { tempDir } from '@pairchat/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlushingFileStream } from '../../src/media/flushing-file-stream.ts';

const MiB = 1024 * 1024;

/** `bytes` in chunks of `size` (the last one shorter), as a request body arrives. */
const chunksOf = (bytes: Buffer, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );

/** The real FileHandle class's prototype, to count the fdatasyncs the stream asks for. */
async function fileHandlePrototype(dir: string) {
  const handle = await fsp.open(path.join(dir, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle) as { datasync(): Promise<void> };
}

describe('FlushingFileStream: an upload hands its bytes to the disk as it goes', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes every byte, in a new private file, with an fdatasync every flushAfterBytes and one at the end', async () => {
    const dir = tempDir();
    const datasync = vi.spyOn(await fileHandlePrototype(dir), 'datasync');
    const bytes = randomBytes(3.5 * MiB + 17);
    const file = path.join(dir, 'upload');
    await pipeline(
      chunksOf(bytes, 64 * 1024 + 3),
      new FlushingFileStream(file, { mode: 0o600, flushAfterBytes: MiB, syncAtEnd: true }),
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // Three full MiB as they come, then what is left when the stream ends.
    expect(datasync).toHaveBeenCalledTimes(4);
  });

  it('with flushAfterBytes 0 and no sync at the end, asks the disk for nothing (a spool that is only read)', async () => {
    const dir = tempDir();
    const datasync = vi.spyOn(await fileHandlePrototype(dir), 'datasync');
    const bytes = randomBytes(2 * MiB);
    const file = path.join(dir, 'spool');
    await pipeline(
      chunksOf(bytes, 64 * 1024),
      new FlushingFileStream(file, { mode: 0o600, flushAfterBytes: 0, syncAtEnd: false }),
    );
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(datasync).not.toHaveBeenCalled();
  });

  it('never writes over a file that exists, and a source that fails rejects the pipeline', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'taken');
    fs.writeFileSync(file, 'kept');
    const opts = { mode: 0o600, flushAfterBytes: MiB, syncAtEnd: true };
    await expect(pipeline(chunksOf(Buffer.from('new'), 2), new FlushingFileStream(file, opts))).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('kept');

    const failing = Readable.from(
      (async function* () {
        yield randomBytes(1000);
        throw new Error('the client went away');
      })(),
    );
    const cut = new FlushingFileStream(path.join(dir, 'cut'), opts);
    await expect(pipeline(failing, cut)).rejects.toThrow('the client went away');
    // Its file handle is closed (the pipeline settles on the error without waiting for that; a leak never closes).
    if (!cut.closed) await new Promise((resolve) => cut.once('close', resolve));
    expect(cut.destroyed).toBe(true);
  });
});
