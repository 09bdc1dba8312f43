import type { ServerFrame } from '@pairchat/schema';
import WebSocket from 'ws';

/** Every outgoing frame is typed as a ServerFrame and passes through here. */
export function sendFrame(socket: WebSocket, frame: ServerFrame): void {
  sendEncoded(socket, JSON.stringify(frame));
}

/** For one frame going to many sockets: encode once, send the text to each. */
export function encodeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

/** Unsent bytes a socket may hold before it is treated as a slow consumer. */
const bufferLimits = new WeakMap<WebSocket, number>();

export function limitBuffer(socket: WebSocket, bytes: number): void {
  bufferLimits.set(socket, bytes);
}

/**
 * Sends unless the socket is closing. A socket whose peer does not read fast enough would make the server hold
 * ever more data for it: past its limit it is closed with 1013 ("try again later"); the client reconnects and
 * catches up from the store.
 */
export function sendEncoded(socket: WebSocket, text: string): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  socket.send(text);
  const limit = bufferLimits.get(socket);
  if (limit !== undefined && socket.bufferedAmount > limit) {
    socket.close(1013, 'too slow: reconnect and catch up');
    // The close frame waits behind the unsent data; do not wait for a peer that does not read.
    setTimeout(() => socket.terminate(), 2000).unref();
  }
}
