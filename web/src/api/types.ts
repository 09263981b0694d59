import type { components } from './schema';

/**
 * The shapes the app reads and sends, named for the app: aliases of the generated `schema.d.ts`
 * (openapi-typescript, `npm run api:types`), so a change of the API shows up here as a type error.
 */
export type Role = 'admin' | 'staff' | 'partner' | 'participant';
export type Pillar = 'digital_skills' | 'digital_ethics' | 'digital_safety' | 'digital_culture';
export type EventFormat = 'offline' | 'online' | 'hybrid';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export type User = components['schemas']['UserResponseDto'];

export type AuthResponse = components['schemas']['AuthResponseDto'];

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number };
}

export type Kecamatan = components['schemas']['KecamatanResponseDto'];

export type Training = components['schemas']['EventResponseDto'];

export type Registration = components['schemas']['RegistrationResponseDto'];

export type ParticipantProfile = components['schemas']['ParticipantResponseDto'];

export type ParticipantExport = components['schemas']['ParticipantExportResponseDto'];

export type CertificateCheck = components['schemas']['CertificateVerificationDto'];

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/** Request bodies come straight from the OpenAPI document (schema.d.ts, generated). */
export type ProfileBody = components['schemas']['ParticipantBodyDto'];
export type RegisterBody = components['schemas']['RegisterDto'];
export type LoginBody = components['schemas']['LoginDto'];

/** In-app notifications (GET /me/notifications): shapes from the OpenAPI document. */
export type AppNotification = components['schemas']['NotificationResponseDto'];
export type NotificationKind = AppNotification['kind'];
export type NotificationPage = components['schemas']['NotificationPageDto'];
export type NotificationPreferencesBody = components['schemas']['NotificationPreferencesDto'];
export type NotificationPreferences = components['schemas']['NotificationPreferencesResponseDto'];
