import { z } from 'zod';
import { IdSchema, PasswordSchema, UserSchema } from './entities.ts';
import { hasControlCharacter, isBlankText, isWellFormedText, visibleLength } from './text.ts';

/**
 * Contacts, blocks, profiles and accounts (contract: contacts, requests, blocks, `PATCH /api/me`, password,
 * sessions). The seed's friend list (好友列表) becomes contacts made by a request and its acceptance, as in WeChat
 * (添加朋友 → 新的朋友 → 通过验证).
 */

/** The most characters (grapheme clusters) of a display name, a remark and a request's note. */
export const DISPLAY_NAME_MAX = 32;
export const REMARK_MAX = 32;
/** WeChat's friend-request message (验证消息) is short; ours holds up to 100 characters. */
export const REQUEST_NOTE_MAX = 100;

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): in a name they turn the
 * text shown around it (a display name "\u202Eana" reads "ana" backwards and can pass for another person, the
 * spoofing of Unicode Technical Report #36 §2.1). The web shows each name isolated (`dir="auto"`) already.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Why `text` (already trimmed) is not a short free text of `min`–`max` user-visible characters, or null:
 * ill-formed, with a control character (typed text has none; a line break in a name would break every list it is
 * shown in) or a bidi control, blank when it must not be, or too long. `what` names the field in the message. The
 * UTF-16 length is bounded first (16 units a character, room for the longest emoji ZWJ sequences) so counting
 * work stays small.
 */
export function shortTextProblem(text: string, what: string, min: 0 | 1, max: number): string | null {
  if (text.length > max * 16) return `${what} is ${min} to ${max} characters`;
  if (!isWellFormedText(text)) return `${what} must be well-formed Unicode text (no lone surrogates)`;
  if (hasControlCharacter(text)) return `${what} cannot contain control characters`;
  if (BIDI_CONTROLS.test(text)) return `${what} cannot contain bidirectional controls`;
  if (min === 1 && isBlankText(text)) return `${what} cannot be blank`;
  if (min === 0 && text !== '' && isBlankText(text)) return `${what} cannot be only invisible characters`;
  if (visibleLength(text, max + 1) > max) return `${what} is ${min} to ${max} characters`;
  return null;
}

/** A zod schema for {@link shortTextProblem}: the value is trimmed, then checked. */
function shortText(what: string, min: 0 | 1, max: number) {
  return z
    .string()
    .transform((s) => s.trim())
    .check((ctx) => {
      const problem = shortTextProblem(ctx.value, what, min, max);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    });
}

/** A display name: 1–32 characters of any text (letters of any script, emoji, spaces inside); the sign-in name stays. */
export const DisplayNameSchema = shortText('a display name', 1, DISPLAY_NAME_MAX);
/** My private name for a contact (备注): 0–32 characters; `""` removes it. */
export const RemarkSchema = shortText('a remark', 0, REMARK_MAX);
/** The note of a contact request (验证消息): 0–100 characters. */
export const RequestNoteSchema = shortText('a note', 0, REQUEST_NOTE_MAX);

/** One of my contacts: the person, my remark for them (`""` when none), and whether they are online now. */
export const ContactSchema = z.object({ user: UserSchema, remark: z.string(), online: z.boolean() });
export type Contact = z.infer<typeof ContactSchema>;

/** An open contact request from `from` to `to`. */
export const ContactRequestSchema = z.object({
  id: IdSchema,
  from: UserSchema,
  to: UserSchema,
  note: z.string(),
  date: z.iso.datetime(),
});
export type ContactRequest = z.infer<typeof ContactRequestSchema>;

/** `GET /api/contacts`. */
export const ContactsAnswerSchema = z.object({ contacts: z.array(ContactSchema) });
export type ContactsAnswer = z.infer<typeof ContactsAnswerSchema>;
/** `POST /api/contacts/requests {userId, note?}`. */
export const ContactRequestBodySchema = z.strictObject({ userId: IdSchema, note: RequestNoteSchema.optional() });
export type ContactRequestBody = z.infer<typeof ContactRequestBodySchema>;
export const ContactRequestAnswerSchema = z.object({ request: ContactRequestSchema });
export type ContactRequestAnswer = z.infer<typeof ContactRequestAnswerSchema>;
/** `GET /api/contacts/requests`: the requests still open, to me and from me, newest first. */
export const ContactRequestsAnswerSchema = z.object({
  incoming: z.array(ContactRequestSchema),
  outgoing: z.array(ContactRequestSchema),
});
export type ContactRequestsAnswer = z.infer<typeof ContactRequestsAnswerSchema>;
export const ContactAnswerSchema = z.object({ contact: ContactSchema });
export type ContactAnswer = z.infer<typeof ContactAnswerSchema>;
/** `PATCH /api/contacts/:userId {remark}`. */
export const RemarkBodySchema = z.strictObject({ remark: RemarkSchema });
export type RemarkBody = z.infer<typeof RemarkBodySchema>;
/** `/api/contacts/:userId`, `/api/blocks/:userId`. */
export const UserParamsSchema = z.object({ userId: IdSchema });
/** `/api/contacts/requests/:id`, `/api/me/sessions/:id`. */
export const IdParamsSchema = z.object({ id: IdSchema });
/** `GET /api/blocks`: the people I have blocked. */
export const BlocksAnswerSchema = z.object({ users: z.array(UserSchema) });
export type BlocksAnswer = z.infer<typeof BlocksAnswerSchema>;

/** `PATCH /api/me {displayName?, avatar?}`: at least one; `avatar` is a media id of an image I uploaded, or null. */
export const PatchMeBodySchema = z
  .strictObject({ displayName: DisplayNameSchema.optional(), avatar: IdSchema.nullable().optional() })
  .refine(
    (b) => b.displayName !== undefined || b.avatar !== undefined,
    'nothing to change: send displayName or avatar',
  );
export type PatchMeBody = z.infer<typeof PatchMeBodySchema>;

/** `POST /api/me/password {current, next}`: `current` is any string of sane length (a wrong one is a 401). */
export const PasswordBodySchema = z.strictObject({ current: z.string().min(1).max(1024), next: PasswordSchema });
export type PasswordBody = z.infer<typeof PasswordBodySchema>;
/** `DELETE /api/me {password}`: deleting my account asks for my password again (a stolen cookie cannot). */
export const DeleteMeBodySchema = z.strictObject({ password: z.string().min(1).max(1024) });
export type DeleteMeBody = z.infer<typeof DeleteMeBodySchema>;

/** One of my sessions (a signed-in browser): `userAgent` as it was sent at sign-in (null when none). */
export const SessionSchema = z.object({
  id: IdSchema,
  current: z.boolean(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
});
export type Session = z.infer<typeof SessionSchema>;
/** `GET /api/me/sessions`: most recently seen first. */
export const SessionsAnswerSchema = z.object({ sessions: z.array(SessionSchema) });
export type SessionsAnswer = z.infer<typeof SessionsAnswerSchema>;
