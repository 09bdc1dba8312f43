/** The shapes of a send as the chat service takes and answers it (`ChatService.check`, `send`). */
import type { Message, MessageKind } from '@pairchat/schema';

/** What a person asks for when they send a message (a `send` frame, or the REST send with the chat's peer). */
export interface SendCommand {
  /** The recipient's user id. */
  to: string;
  /** The sender's own id for the message: a resend with it is answered with the first message. */
  clientId: string;
  /** `"text"` when absent. */
  kind?: MessageKind | undefined;
  /** Trimmed text, 1–4000 characters, for a text message (checked by the schema at the edge). */
  content?: string | undefined;
  /** The media file of an image, file or voice message. */
  mediaId?: string | undefined;
  /** The seq of a message of the same pair that this one quotes. */
  replyTo?: number | undefined;
  /**
   * An opaque id of where the command came from (the WebSocket route passes its connection id): the `message`
   * event is not delivered there, since that place answers the sender itself (an ack).
   */
  origin?: string | undefined;
}

export interface SendResult {
  message: Message;
  /** false for an idempotent resend: nothing new was stored. */
  created: boolean;
}

/** A send that passed every check. `store()` hands it to the store before it returns (see `ChatService.check`). */
export interface CheckedSend {
  store(): Promise<SendResult>;
}
