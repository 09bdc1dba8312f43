import { z } from 'zod';
import { isWellFormedText } from './text.ts';

/** Opaque ids. They never contain `_`, which joins two of them into a pair key. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'not an id');
export type Id = z.infer<typeof IdSchema>;

/** 8–128 characters, well-formed: a lone surrogate would reach the password hash as U+FFFD, so two passwords would meet. */
export const PasswordSchema = z
  .string()
  .min(8)
  .max(128)
  .refine(isWellFormedText, 'a password must be well-formed text');

/**
 * A person: `name` is the unique sign-in name; `displayName` (1–32 characters of any text) is shown instead when
 * set; `avatar` is the media id of their square profile image, or null; `deleted` is true once the account was
 * deleted (its messages stay in others' histories under "Deleted account"). The three are optional so that older
 * answers still parse; the server always sends them.
 */
export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  displayName: z.string().nullable().optional(),
  avatar: IdSchema.nullable().optional(),
  deleted: z.boolean().optional(),
});
export type User = z.infer<typeof UserSchema>;

export const UserWithPresenceSchema = UserSchema.extend({ online: z.boolean() });
export type UserWithPresence = z.infer<typeof UserWithPresenceSchema>;

/** A client's own id for a message, so a resend is recognised and never stored twice. */
export const ClientIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'a clientId has only letters, digits and "._:-"');

export const SeqSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The pair's canonical key: both ids in ascending order, joined by `_`. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}_${b}` : `${b}_${a}`;
}
