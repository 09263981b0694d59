import type { NotificationKind, NotificationPayload } from '../notification-kinds.js';
import type { Rendered } from '../templates.js';

/** One message to one address, as a channel sends it. */
export interface OutgoingMessage {
  notificationId: string;
  /** The row's unique key (kind + subject + recipient + channel): the same for every attempt at this message. */
  uniqueKey: string;
  kind: NotificationKind;
  payload: NotificationPayload;
  rendered: Rendered;
  /** Email address or E.164 phone number. */
  to: string;
  /** Email only: the signed link that turns email off for this recipient. */
  unsubscribeUrl?: string;
}

/** A send that did not happen. `retryable` failures are tried again later (backoff), the rest fail for good. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export interface ChannelSender {
  send(message: OutgoingMessage): Promise<void>;
  close(): Promise<void>;
}

/**
 * Error text as it may be stored and shown to staff: addresses and long digit runs (phone numbers)
 * that a remote server echoes back are masked, and the text is cut short.
 */
export function redact(text: string): string {
  return text
    .replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<address>')
    .replace(/\+?\d[\d\s-]{7,}\d/g, '<number>')
    .slice(0, 300);
}
