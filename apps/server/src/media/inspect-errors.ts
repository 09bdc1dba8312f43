import { AppError } from '../errors.ts';

/**
 * An upload whose bytes are not what it must be to be served as an image or voice: a "PNG" that is not one, an
 * image too large to decode, a voice recording that is not Opus with a duration. Answered 415, as the contract says.
 */
export class UnreadableMediaError extends AppError {
  constructor(message: string) {
    super('unsupported_media_type', message);
  }
}
