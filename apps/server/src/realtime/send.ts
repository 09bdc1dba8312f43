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

export function sendEncoded(socket: WebSocket, text: string): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(text);
}
