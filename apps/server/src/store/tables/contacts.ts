/**
 * The contacts tables of the storage port (see `../port.ts`): who is whose contact (each side with its own remark)
 * and the open contact requests. The rules (who may ask whom, what acceptance means, the frames) live in
 * `contacts/contacts-service.ts` above these tables; WeChat's friend list (好友列表) and its requests (新的朋友).
 */

/** One side of a contact pair: `ownerId` has `contactId` as a contact, under `remark` (`""` for none). */
export interface ContactRecord {
  ownerId: string;
  contactId: string;
  /** The owner's private name for the contact (备注), 0–32 characters, checked above the port. */
  remark: string;
  /** ISO 8601: when the two became contacts. */
  since: string;
}

/** An open request from `fromId` to `toId`, with its note; at most one open per ordered pair. */
export interface ContactRequestRecord {
  id: string;
  fromId: string;
  toId: string;
  note: string;
  /** ISO 8601. */
  date: string;
}

/** Contacts, stored as two sides per pair so each person's list and remark is one indexed read. */
export interface ContactTable {
  /**
   * Makes `a` and `b` each other's contacts: a side that exists keeps its remark and date, a missing one is added
   * with remark `""` and `since`. Idempotent, so a retry after a crash between the two sides completes it.
   */
  connect(a: string, b: string, since: string): Promise<void>;
  /** Removes both sides; true when either existed. */
  disconnect(a: string, b: string): Promise<boolean>;
  /** The owner's side with this contact, or null. */
  get(ownerId: string, contactId: string): Promise<ContactRecord | null>;
  /** The owner's contacts, oldest first (`since`, then contact id). */
  list(ownerId: string): Promise<ContactRecord[]>;
  /** Sets the owner's remark for the contact; the side afterwards, or null when they are not the owner's contact. */
  setRemark(ownerId: string, contactId: string, remark: string): Promise<ContactRecord | null>;
  /** Removes every side either owned by the person or naming them (account deletion). */
  forgetUser(userId: string): Promise<void>;
}

/** Open contact requests. Accepting, declining or becoming contacts deletes a request (the service does). */
export interface ContactRequestTable {
  /** @throws DuplicateError when a request from `fromId` to `toId` is open already. */
  add(request: ContactRequestRecord): Promise<void>;
  get(id: string): Promise<ContactRequestRecord | null>;
  /** The open request from `fromId` to `toId`, or null. */
  between(fromId: string, toId: string): Promise<ContactRequestRecord | null>;
  /** Deletes it; true when it was there (two callers racing: one true). */
  delete(id: string): Promise<boolean>;
  /** Open requests to the person, newest first (`date`, then id). */
  incoming(userId: string): Promise<ContactRequestRecord[]>;
  /** Open requests from the person, newest first (`date`, then id). */
  outgoing(userId: string): Promise<ContactRequestRecord[]>;
  /** Removes every request from or to the person (account deletion). */
  forgetUser(userId: string): Promise<void>;
}
