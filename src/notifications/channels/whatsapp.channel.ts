import { type ChannelSender, type OutgoingMessage, redact, SendFailure } from './channel.js';

/** WhatsApp template parameters may not hold newlines, tabs or more than four spaces in a row. */
const param = (s: string) =>
  s
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/ {4,}/g, '   ')
    .slice(0, 1000) || '-';

/** Failures before a connection existed: the request cannot have reached WhatsApp, so another try is safe. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function neverSent(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  return [cause?.code, ...(cause?.errors ?? []).map((e) => e.code)].some((code) => !!code && NEVER_SENT.has(code));
}

/**
 * WhatsApp Business Cloud API: POST {apiUrl}/{phoneNumberId}/messages with a pre-approved template per
 * kind (named as the kind, language `id`) whose body takes the rendered parameters. 429 and 5xx are
 * retried; any other 4xx (bad number, unknown template) fails for good. The API has no idempotency key,
 * so a request that may have reached it without an answer (a timeout, a connection cut mid-request) is
 * not tried again: it fails for staff to see rather than risk a second message (see dispatcher.ts).
 */
export class WhatsAppChannel implements ChannelSender {
  private readonly endpoint: string;

  constructor(
    apiUrl: string,
    phoneNumberId: string,
    private readonly token: string,
    private readonly timeoutMs = 15_000,
  ) {
    this.endpoint = `${apiUrl.replace(/\/+$/, '')}/${encodeURIComponent(phoneNumberId)}/messages`;
  }

  async send(m: OutgoingMessage): Promise<void> {
    const body = {
      messaging_product: 'whatsapp',
      to: m.to,
      type: 'template',
      template: {
        name: m.kind,
        language: { code: 'id' },
        components: [
          { type: 'body', parameters: m.rendered.whatsappParams.map((text) => ({ type: 'text', text: param(text) })) },
        ],
      },
    };
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      if (neverSent(err)) throw new SendFailure(redact(`whatsapp unreachable: ${(err as Error).message}`), true);
      // The explanation first: redact() keeps 300 characters.
      throw new SendFailure(
        redact(
          `whatsapp no answer: the request may have reached WhatsApp; not sent again, ` +
            `so nobody gets it twice (${(err as Error).name}: ${(err as Error).message})`,
        ),
        false,
      );
    }
    if (res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      return;
    }
    const detail = await res.json().then(
      (b) => (b as { error?: { message?: string } } | null)?.error?.message ?? '',
      () => '',
    );
    throw new SendFailure(redact(`whatsapp ${res.status}: ${detail}`), res.status === 429 || res.status >= 500);
  }

  async close(): Promise<void> {}
}
