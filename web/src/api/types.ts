import type { components } from './schema';

/**
 * The response shapes the app reads, written from shared/api-contract.md. The generated `schema.d.ts`
 * (openapi-typescript, `npm run api:types`) gives the request paths; most responses have no schema in the
 * OpenAPI document yet, so the shapes used are spelled out here.
 */
export type Role = 'admin' | 'staff' | 'partner' | 'participant';
export type Pillar = 'digital_skills' | 'digital_ethics' | 'digital_safety' | 'digital_culture';
export type EventFormat = 'offline' | 'online' | 'hybrid';
export type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

export interface User {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  partnerId: string | null;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface Page<T> {
  data: T[];
  meta: { page: number; limit: number; total: number };
}

export interface Kecamatan {
  code: string;
  name: string;
}

export interface Training {
  id: string;
  title: string;
  description: string;
  pillar: Pillar;
  format: EventFormat;
  venue: string | null;
  kecamatanCode: string | null;
  onlineUrl: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
  waitlistEnabled: boolean;
  registrationOpensAt: string | null;
  registrationClosesAt: string;
  status: 'draft' | 'published' | 'completed' | 'cancelled';
  confirmedCount: number;
  waitlistedCount: number;
  seatsLeft: number;
  partners: { id: string; name: string }[];
}

export interface Registration {
  id: string;
  eventId: string;
  participantId: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  ticketCode: string;
  createdAt: string;
  cancelledAt: string | null;
  certificateNumber: string | null;
  checkedInAt?: string | null;
}

export interface ParticipantProfile {
  id: string;
  fullName: string;
  nikMasked: string | null;
  gender: 'male' | 'female';
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  kecamatanCode: string;
  village: string | null;
  occupation: string;
  guardianName: string | null;
  guardianConsent: boolean;
}

export interface ParticipantExport {
  profile: ParticipantProfile & { nik: string | null };
  registrations: (Registration & { checkedInAt: string | null })[];
}

export interface CertificateCheck {
  valid: true;
  number: string;
  participantName: string | null;
  eventTitle: string;
  eventDate: string;
  issuedAt: string;
  nameErased?: true;
}

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
/** `available` is an object of two booleans (the document only says "object"). */
export type NotificationPreferences = NotificationPreferencesBody & { available: { email: boolean; whatsapp: boolean } };
