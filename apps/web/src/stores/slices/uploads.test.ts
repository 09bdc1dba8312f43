import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore } from '../app-store.ts';
import type { UploadItem } from './uploads.ts';

let store = createAppStore();
const s = () => store.getState();
const item = (id: string, extra: Partial<UploadItem> = {}): UploadItem => ({
  id,
  chatId: 'c1',
  file: new Blob(['x']),
  name: `${id}.png`,
  voiceMs: null,
  progress: 0,
  status: 'uploading',
  error: null,
  abort: null,
  ...extra,
});

beforeEach(() => {
  store = createAppStore();
});

describe('uploads slice', () => {
  it('follows an upload from progress to failure and back to uploading from 0 on retry', () => {
    s().addUpload(item('u1'));
    s().uploadProgress('u1', 0.4);
    expect(s().uploads.u1!.progress).toBe(0.4);
    s().uploadProgress('u1', 7);
    expect(s().uploads.u1!.progress).toBe(1);
    s().uploadFailed('u1', 'payload_too_large');
    expect(s().uploads.u1).toMatchObject({ status: 'failed', error: 'payload_too_large', abort: null });
    const abort = () => undefined;
    s().uploadStarted('u1', abort);
    expect(s().uploads.u1).toMatchObject({ status: 'uploading', progress: 0, error: null, abort });
  });

  it('removes only the upload named, ignores unknown ids, and sign-out drops them all', () => {
    s().addUpload(item('u1'));
    s().addUpload(item('u2'));
    s().uploadProgress('nope', 0.5);
    s().removeUpload('u1');
    expect(Object.keys(s().uploads)).toEqual(['u2']);
    s().signedOut();
    expect(s().uploads).toEqual({});
  });
});
