import { api, ApiError, errorMessage } from '../../api/client';
import type { components } from '../../api/schema';
import type { Page } from '../../api/types';
import { ADMIN_FIELD_MESSAGES, ADMIN_PROBLEM_FIELDS, PROBLEM_MESSAGES } from '../../i18n/id';

/** Shapes of the admin pages, straight from the OpenAPI document. */
export type AdminUser = components['schemas']['UserResponseDto'];
export type Partner = components['schemas']['PartnerResponseDto'];
export type PartnerType = Partner['type'];
export type AuditEntry = components['schemas']['AuditLogResponseDto'];
export type NewUserBody = components['schemas']['CreateUserDto'];
export type UserChangeBody = components['schemas']['UpdateUserDto'];
export type NewPartnerBody = components['schemas']['CreatePartnerDto'];
export type PartnerChangeBody = components['schemas']['UpdatePartnerDto'];

export const PAGE_SIZE = 20;

export interface Refusal {
  message: string;
  fields: Record<string, string>;
}

/**
 * A refusal as an admin form shows it: a line above the form and a message next to each field it
 * concerns. Codes about one field (a taken email) are said at that field in the admin's words, not
 * in the words the public forms use ("Silakan masuk …").
 */
export function refusal(err: unknown): Refusal {
  if (!(err instanceof ApiError)) return { message: errorMessage(err), fields: {} };
  const fields: Record<string, string> = {};
  for (const f of Object.keys(err.fields)) fields[f] = ADMIN_FIELD_MESSAGES[f] ?? err.fields[f];
  const byCode = err.code ? ADMIN_PROBLEM_FIELDS[err.code as keyof typeof ADMIN_PROBLEM_FIELDS] : undefined;
  if (byCode) fields[byCode[0]] = byCode[1];
  const message = Object.keys(fields).length > 0 ? PROBLEM_MESSAGES.validation_failed : err.message;
  return { message, fields };
}

/** Every partner (admins also see inactive ones), page by page: the partner choice of an account needs them all. */
export async function allPartners(): Promise<Partner[]> {
  const out: Partner[] = [];
  for (let page = 1; ; page++) {
    const res = await api<Page<Partner>>('GET', `/partners?limit=100&page=${page}`);
    out.push(...res.data);
    if (out.length >= res.meta.total || res.data.length === 0) return out;
  }
}

/** Query string of the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
