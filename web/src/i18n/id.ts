/**
 * Every text the app shows, in Bahasa Indonesia: one dictionary, so nothing English reaches a person.
 * Problem codes (src/common/problem-codes.ts, PROBLEM_CODES) each have their own sentence; an unknown code
 * falls back to its HTTP status, then to a general sentence.
 */
import type { components } from '../api/schema.js';

type ProblemCode = components['schemas']['ProblemCode'];
/**
 * Typed from the OpenAPI document's ProblemCode enum: a code the API adds without a sentence here fails the type check.
 */
export const PROBLEM_MESSAGES: Record<ProblemCode, string> = {
  // generic, one per status
  bad_request: 'Permintaan tidak dapat diproses. Periksa isian Anda lalu coba lagi.',
  validation_failed: 'Ada isian yang belum benar. Periksa kolom yang ditandai.',
  unauthorized: 'Sesi Anda telah berakhir. Silakan masuk lagi.',
  forbidden: 'Anda tidak memiliki izin untuk melakukan ini.',
  not_found: 'Data yang Anda cari tidak ditemukan.',
  request_timeout: 'Permintaan terlalu lama. Coba lagi.',
  conflict: 'Tindakan ini bertentangan dengan keadaan data saat ini. Muat ulang halaman lalu coba lagi.',
  payload_too_large: 'Data yang dikirim terlalu besar.',
  unsupported_media_type: 'Format data tidak didukung.',
  rule_broken: 'Tindakan ini tidak sesuai dengan aturan yang berlaku.',
  rate_limited: 'Terlalu banyak percobaan. Tunggu sebentar lalu coba lagi.',
  headers_too_large: 'Permintaan terlalu besar.',
  internal_error: 'Terjadi gangguan pada server. Coba lagi beberapa saat lagi.',
  service_unavailable: 'Layanan sedang sibuk atau tidak dapat dihubungi. Coba lagi beberapa saat lagi.',
  // specific reasons
  invalid_json: 'Data yang dikirim tidak terbaca. Muat ulang halaman lalu coba lagi.',
  invalid_credentials: 'Email atau kata sandi salah.',
  login_locked: 'Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi.',
  token_revoked: 'Sesi Anda telah dicabut. Silakan masuk lagi.',
  email_taken: 'Email ini sudah terdaftar. Silakan masuk dengan email tersebut.',
  event_full: 'Kuota pelatihan ini sudah penuh.',
  registration_closed: 'Pendaftaran pelatihan ini sudah ditutup.',
  registration_not_open: 'Pendaftaran pelatihan ini belum dibuka.',
  event_not_open: 'Pelatihan ini tidak sedang membuka pendaftaran.',
  already_registered: 'Anda sudah terdaftar di pelatihan ini.',
  profile_required: 'Lengkapi profil peserta Anda terlebih dahulu.',
  nik_taken: 'NIK ini tidak dapat digunakan. Jika ini NIK Anda, hubungi petugas Dinkominfo.',
  slot_taken: 'Jadwal ini sudah dipakai. Pilih jadwal lain.',
  outside_opening_hours: 'Jadwal berada di luar jam buka studio.',
  off_grid: 'Jam mulai harus mengikuti pembagian waktu studio.',
  in_closure: 'Studio tutup pada jadwal tersebut.',
  notice_too_short: 'Pengajuan terlalu mendadak. Ajukan lebih awal.',
  too_long: 'Durasi melebihi batas yang diizinkan.',
  too_far_ahead: 'Jadwal terlalu jauh ke depan.',
  in_past: 'Waktu yang dipilih sudah lewat.',
  booking_cap_reached: 'Batas jumlah pengajuan aktif sudah tercapai.',
  booking_started: 'Jadwal ini sudah dimulai sehingga tidak dapat diubah.',
  wrong_status: 'Status data tidak memungkinkan tindakan ini.',
  ticket_other_event: 'Tiket ini untuk pelatihan lain.',
  registration_cancelled: 'Pendaftaran ini sudah dibatalkan.',
  registration_waitlisted: 'Pendaftaran ini masih di daftar tunggu.',
  not_attended: 'Sertifikat tersedia setelah Anda tercatat hadir.',
  certificate_issued: 'Sertifikat sudah diterbitkan.',
  capacity_below_confirmed: 'Kuota tidak boleh lebih kecil dari jumlah peserta yang sudah terkonfirmasi.',
  partner_name_taken: 'Nama mitra ini sudah dipakai.',
  idempotency_key_reused: 'Pengiriman ini bertabrakan dengan pengiriman sebelumnya. Muat ulang halaman lalu coba lagi.',
  idempotency_key_in_use: 'Pengiriman yang sama masih diproses. Tunggu sebentar lalu muat ulang halaman.',
  account_inactive: 'Akun Anda tidak aktif. Hubungi petugas Dinkominfo.',
  token_invalid: 'Sesi Anda tidak berlaku. Silakan masuk lagi.',
  token_expired: 'Sesi Anda telah berakhir. Silakan masuk lagi.',
  token_reused: 'Sesi Anda dihentikan demi keamanan. Silakan masuk lagi.',
  invalid_phone: 'Nomor HP tidak dikenali. Tulis seperti 081234567890.',
  self_demotion: 'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.',
  unknown_partner: 'Mitra tersebut tidak ada.',
  own_partner_only: 'Anda hanya dapat mengelola data mitra Anda sendiri.',
  partner_fields_forbidden: 'Sebagian isian mitra hanya dapat diubah oleh admin.',
  partner_inactive: 'Mitra ini sudah tidak aktif.',
  no_partner_account: 'Akun Anda belum terhubung dengan mitra. Hubungi admin.',
  nik_invalid: 'NIK harus 16 angka dan sesuai aturan NIK.',
  nik_mismatch: 'NIK tidak cocok dengan tanggal lahir atau jenis kelamin.',
  guardian_required: 'Peserta di bawah 18 tahun memerlukan nama dan persetujuan orang tua atau wali.',
  unknown_kecamatan: 'Pilih kecamatan di Kabupaten Purbalingga.',
  unknown_participant: 'Peserta tersebut tidak ada.',
  event_ended: 'Pelatihan ini sudah selesai.',
  self_registration_only: 'Peserta mendaftar untuk dirinya sendiri.',
  already_cancelled: 'Pendaftaran ini sudah dibatalkan sebelumnya.',
  checked_in: 'Peserta sudah tercatat hadir, jadi pendaftaran tidak dapat dibatalkan.',
  event_cancelled: 'Pelatihan ini dibatalkan.',
  check_in_not_open: 'Pencatatan kehadiran dibuka pada hari pelatihan.',
  scan_in_future: 'Waktu pindai berada di masa depan. Periksa jam perangkat.',
  scan_before_event: 'Waktu pindai sebelum hari pelatihan. Periksa jam perangkat.',
  participant_erased: 'Data peserta ini sudah dihapus.',
  invalid_range: 'Rentang waktu tidak benar: akhir harus setelah awal.',
  studio_capacity_exceeded: 'Jumlah tamu melebihi kapasitas studio.',
  booking_not_started: 'Jadwal ini belum dimulai.',
  event_not_online: 'Kode presensi hanya untuk pelatihan daring atau hibrida.',
  not_registered: 'Anda belum terdaftar di pelatihan ini.',
  attendance_code_invalid: 'Kode presensi salah. Periksa kembali kode dari panitia.',
  attendance_code_expired: 'Kode presensi sudah tidak berlaku. Minta kode baru kepada panitia.',
  quiz_not_set: 'Soal untuk pilar ini belum tersedia.',
  quiz_changed: 'Soal baru saja diperbarui. Muat ulang halaman lalu kerjakan lagi.',
  quiz_closed: 'Tes ini tidak sedang dibuka.',
  quiz_already_taken: 'Anda sudah mengerjakan tes ini.',
  evaluation_already_given: 'Anda sudah memberi penilaian untuk pelatihan ini.',
  invalid_unsubscribe_token: 'Tautan berhenti berlangganan tidak berlaku. Atur pemberitahuan dari halaman akun Anda.',
};

export const STATUS_MESSAGES: Record<number, string> = {
  400: PROBLEM_MESSAGES.bad_request,
  401: PROBLEM_MESSAGES.unauthorized,
  403: PROBLEM_MESSAGES.forbidden,
  404: PROBLEM_MESSAGES.not_found,
  409: PROBLEM_MESSAGES.conflict,
  413: PROBLEM_MESSAGES.payload_too_large,
  422: PROBLEM_MESSAGES.rule_broken,
  429: PROBLEM_MESSAGES.rate_limited,
  503: PROBLEM_MESSAGES.service_unavailable,
};

export const GENERAL_ERROR = 'Terjadi kesalahan. Coba lagi beberapa saat lagi.';
export const NETWORK_ERROR =
  'Tidak ada koneksi internet. Periksa jaringan Anda lalu coba lagi — isian Anda tidak hilang.';

/** What each field must hold, said the way the form asks for it (the API's own field messages are English). */
export const FIELD_MESSAGES: Record<string, string> = {
  email: 'Tulis alamat email yang benar, misalnya nama@contoh.id.',
  password: 'Kata sandi minimal 8 karakter.',
  fullName: 'Tulis nama lengkap Anda (minimal 2 huruf).',
  phone: 'Tulis nomor HP yang benar, misalnya 081234567890.',
  nik: 'NIK harus 16 angka dan sesuai dengan tanggal lahir serta jenis kelamin Anda.',
  birthDate: 'Pilih tanggal lahir yang benar.',
  gender: 'Pilih jenis kelamin.',
  kecamatanCode: 'Pilih kecamatan.',
  village: 'Tulis nama desa atau kelurahan.',
  occupation: 'Pilih pekerjaan.',
  consent: 'Anda perlu menyetujui pemrosesan data pribadi untuk melanjutkan.',
  guardianName: 'Tulis nama orang tua atau wali.',
  guardianConsent: 'Orang tua atau wali perlu menyetujui pemrosesan data pribadi.',
};
export const FIELD_FALLBACK = 'Isian ini belum benar.';

export const PILLARS: Record<string, string> = {
  digital_skills: 'Cakap Digital',
  digital_ethics: 'Etis Digital',
  digital_safety: 'Aman Digital',
  digital_culture: 'Budaya Digital',
};

export const FORMATS: Record<string, string> = { offline: 'Luring', online: 'Daring', hybrid: 'Luring dan daring' };

export const OCCUPATIONS: Record<string, string> = {
  student: 'Pelajar/mahasiswa',
  teacher: 'Guru/pendidik',
  civil_servant: 'Aparatur sipil negara',
  village_official: 'Perangkat desa',
  umkm: 'Pelaku UMKM',
  farmer: 'Petani',
  homemaker: 'Ibu/bapak rumah tangga',
  senior_citizen: 'Warga lanjut usia',
  worker: 'Pekerja/karyawan',
  general: 'Masyarakat umum',
};

export const GENDERS: Record<string, string> = { male: 'Laki-laki', female: 'Perempuan' };

export const REGISTRATION_STATUSES: Record<string, string> = {
  confirmed: 'Terkonfirmasi',
  waitlisted: 'Daftar tunggu',
  cancelled: 'Dibatalkan',
};

export const EVENT_STATUSES: Record<string, string> = {
  draft: 'Draf',
  published: 'Dibuka',
  completed: 'Selesai',
  cancelled: 'Dibatalkan',
};

export const CONSENT_TEXT =
  'Saya menyetujui Dinas Komunikasi dan Informatika Kabupaten Purbalingga memproses data pribadi saya ' +
  '(nama, NIK, tanggal lahir, jenis kelamin, nomor HP, alamat) untuk pendaftaran, pencatatan kehadiran, ' +
  'penerbitan sertifikat, dan laporan program Bangga Macapat, sesuai Undang-Undang Nomor 27 Tahun 2022 ' +
  'tentang Pelindungan Data Pribadi. Saya dapat mengunduh atau menghapus data saya kapan saja dari halaman ini.';

export const GUARDIAN_CONSENT_TEXT =
  'Karena peserta berusia di bawah 18 tahun, orang tua atau wali memberikan persetujuan atas pemrosesan data ' +
  'pribadi anak (UU 27/2022 Pasal 25).';

type NotificationKind = components['schemas']['NotificationResponseDto']['kind'];
/**
 * What each notification is about, shown above its own title; typed from the API so a new kind needs its label here.
 */
export const NOTIFICATION_KINDS: Record<NotificationKind, string> = {
  registration_confirmed: 'Pendaftaran terkonfirmasi',
  registration_waitlisted: 'Masuk daftar tunggu',
  registration_promoted: 'Naik dari daftar tunggu',
  event_changed: 'Perubahan jadwal atau tempat',
  event_cancelled: 'Pelatihan dibatalkan',
  event_reminder_day: 'Pengingat H-1',
  event_reminder_2h: 'Pengingat 2 jam lagi',
  certificate_available: 'Sertifikat tersedia',
  booking_requested: 'Permintaan pemakaian studio',
  booking_approved: 'Pemakaian studio disetujui',
  booking_rejected: 'Pemakaian studio ditolak',
  booking_cancelled: 'Pemakaian studio dibatalkan',
  booking_reminder_day: 'Pengingat pemakaian studio',
  event_message: 'Pesan dari panitia',
};

// ---- Staff console: trainings and participants (/staf/pelatihan, /staf/peserta) ----

/** What each training field must hold, for the staff's create/edit form. */
export const EVENT_FIELD_MESSAGES: Record<string, string> = {
  title: 'Tulis judul pelatihan (3 sampai 200 karakter).',
  description: 'Tulis deskripsi pelatihan.',
  pillar: 'Pilih pilar literasi digital.',
  format: 'Pilih bentuk pelatihan: luring, daring, atau keduanya.',
  venue: 'Tulis nama tempat (paling banyak 200 karakter).',
  kecamatanCode: 'Pilih kecamatan di Kabupaten Purbalingga.',
  onlineUrl: 'Tulis tautan lengkap yang diawali https://, misalnya https://meet.google.com/abc-defg-hij.',
  startsAt: 'Isi tanggal dan jam mulai yang benar.',
  endsAt: 'Waktu selesai harus setelah waktu mulai.',
  capacity: 'Kuota berupa angka 1 sampai 100.000.',
  waitlistEnabled: 'Pilih apakah daftar tunggu dibuka.',
  registrationOpensAt: 'Pendaftaran harus dibuka sebelum pendaftaran ditutup (atau sebelum pelatihan mulai).',
  registrationClosesAt: 'Pendaftaran tidak boleh ditutup setelah pelatihan selesai.',
  targetGroups: 'Pilih sasaran peserta dari daftar.',
  partnerIds: 'Pilih mitra dari daftar.',
  reason: 'Tulis alasan pembatalan (minimal 3 karakter).',
  capacity_below_confirmed: 'Kuota tidak boleh lebih kecil dari jumlah peserta yang sudah terkonfirmasi.',
};

/** The participant form filled in by staff for someone else: the same fields, said about the participant. */
export const STAFF_PARTICIPANT_FIELD_MESSAGES: Record<string, string> = {
  fullName: 'Tulis nama lengkap peserta (minimal 2 huruf).',
  nik: 'NIK harus 16 angka dan sesuai dengan tanggal lahir serta jenis kelamin peserta.',
  email: 'Tulis alamat email yang benar, atau kosongkan.',
  consent: 'Peserta perlu menyetujui pemrosesan data pribadinya.',
  guardianName: 'Tulis nama orang tua atau wali.',
  guardianConsent: 'Orang tua atau wali perlu menyetujui pemrosesan data pribadi peserta.',
  nik_taken: 'NIK ini sudah tercatat pada peserta lain. Cari peserta tersebut dengan NIK-nya.',
};

export const STAFF_CONSENT_TEXT =
  'Peserta menyetujui Dinas Komunikasi dan Informatika Kabupaten Purbalingga memproses data pribadinya ' +
  '(nama, NIK, tanggal lahir, jenis kelamin, nomor HP, alamat) untuk pendaftaran, pencatatan kehadiran, ' +
  'penerbitan sertifikat, dan laporan program Bangga Macapat, sesuai Undang-Undang Nomor 27 Tahun 2022 ' +
  'tentang Pelindungan Data Pribadi. Bacakan atau tunjukkan pernyataan ini kepada peserta sebelum mencentang.';

/** The status filter of the staff's training list (`all` is GET /events?status=all). */
export const STAFF_EVENT_FILTERS: Record<string, string> = {
  all: 'Semua status',
  draft: 'Draf',
  published: 'Dibuka',
  completed: 'Selesai',
  cancelled: 'Dibatalkan',
};

// ---- Admin pages (/admin/pengguna, /admin/mitra, /admin/audit) ----

export const ROLE_LABELS: Record<components['schemas']['UserResponseDto']['role'], string> = {
  admin: 'Admin',
  staff: 'Petugas Dinkominfo',
  partner: 'Mitra',
  participant: 'Peserta',
};

export const PARTNER_TYPE_LABELS: Record<components['schemas']['PartnerResponseDto']['type'], string> = {
  community: 'Komunitas',
  private: 'Swasta',
  government: 'Pemerintah',
  media: 'Media',
  education: 'Pendidikan',
  ngo: 'Lembaga swadaya masyarakat',
};

export const AUDIT_ACTION_LABELS: Record<components['schemas']['AuditLogResponseDto']['action'], string> = {
  create: 'dibuat',
  update: 'diubah',
  delete: 'dihapus',
};

/** The API's audit entity types (the @Audited names on the server's entities). */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: 'Akun pengguna',
  partner: 'Mitra',
  event: 'Pelatihan',
  event_partner: 'Mitra pelatihan',
  registration: 'Pendaftaran',
  participant: 'Data peserta',
  check_in: 'Kehadiran',
  attendance_code: 'Kode presensi',
  certificate: 'Sertifikat',
  studio: 'Studio',
  studio_closure: 'Penutupan studio',
  booking: 'Pemakaian studio',
  quiz_version: 'Soal tes',
};

/** Names of the fields an audit entry shows; a field not named here is shown as the API names it. */
export const AUDIT_FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  email: 'Email',
  fullName: 'Nama lengkap',
  phone: 'Nomor HP',
  role: 'Peran',
  partnerId: 'ID mitra',
  isActive: 'Aktif',
  name: 'Nama',
  type: 'Jenis',
  description: 'Deskripsi',
  contactName: 'Nama kontak',
  contactEmail: 'Email kontak',
  contactPhone: 'Nomor HP kontak',
  website: 'Situs web',
  title: 'Judul',
  status: 'Status',
  startsAt: 'Mulai',
  endsAt: 'Selesai',
  capacity: 'Kuota',
  venue: 'Tempat',
  reason: 'Alasan',
  topic: 'Topik',
  createdAt: 'Dibuat',
  updatedAt: 'Diperbarui',
};

/** What each admin form field must hold, said the way the form asks for it. */
export const ADMIN_FIELD_MESSAGES: Record<string, string> = {
  email: 'Tulis alamat email yang benar, misalnya nama@contoh.id.',
  password: 'Kata sandi minimal 8 karakter.',
  fullName: 'Tulis nama lengkap pemilik akun.',
  role: 'Pilih peran.',
  partnerId: 'Pilih mitra untuk akun mitra.',
  name: 'Tulis nama mitra (2 sampai 150 karakter).',
  type: 'Pilih jenis mitra.',
  description: 'Deskripsi terlalu panjang.',
  contactName: 'Nama kontak terlalu panjang.',
  contactEmail: 'Tulis email kontak yang benar, misalnya nama@contoh.id.',
  contactPhone: 'Tulis nomor HP yang benar, misalnya 081234567890.',
  website: 'Tulis alamat situs lengkap, misalnya https://contoh.id.',
};

/** Refusals that concern one field of an admin form: the field and what to say there. */
export const ADMIN_PROBLEM_FIELDS: Partial<Record<ProblemCode, [string, string]>> = {
  email_taken: ['email', 'Email ini sudah dipakai akun lain.'],
  unknown_partner: ['partnerId', 'Mitra ini tidak ada. Muat ulang halaman lalu pilih lagi.'],
  partner_name_taken: ['name', 'Nama mitra ini sudah dipakai.'],
  invalid_phone: ['contactPhone', 'Nomor HP tidak dikenali. Tulis seperti 081234567890.'],
  self_demotion: ['role', 'Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.'],
};

// ── Studio media center (/mitra/studio, /staf/studio) ─────────────────────────────────────────────

type BookingStatus = components['schemas']['BookingResponseDto']['status'];
/** Booking statuses as partners and staff read them; typed from the API so a new status needs its word here. */
export const BOOKING_STATUSES: Record<BookingStatus, string> = {
  pending: 'Menunggu persetujuan',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  cancelled: 'Dibatalkan',
  completed: 'Selesai',
  no_show: 'Tidak hadir',
};

/** Monday = 1 … Sunday = 7, as the studio's opening hours number them. */
export const WEEKDAYS: Record<number, string> = {
  1: 'Senin',
  2: 'Selasa',
  3: 'Rabu',
  4: 'Kamis',
  5: 'Jumat',
  6: 'Sabtu',
  7: 'Minggu',
};

/** What each field of the booking, closure and studio forms must hold (the API's own field messages are English). */
export const STUDIO_FIELD_MESSAGES: Record<string, string> = {
  topic: 'Tulis topik kegiatan (2–200 karakter).',
  description: 'Deskripsi paling banyak 5000 karakter.',
  guestCount: 'Tulis jumlah tamu 0–1000.',
  startsAt: 'Pilih waktu mulai yang benar.',
  endsAt: 'Waktu selesai harus setelah waktu mulai.',
  reason: 'Tulis alasan (minimal 2 karakter).',
  openingHours:
    'Jam buka belum benar: jam tutup harus setelah jam buka, dan rentang di satu hari tidak boleh bertumpuk.',
  slotMinutes: 'Satuan waktu 5–480 menit.',
  bufferMinutes: 'Jeda 0–480 menit.',
  minNoticeHours: 'Pemberitahuan minimal 0–720 jam.',
  maxDurationMinutes: 'Durasi terpanjang 5–1440 menit.',
  maxAdvanceDays: 'Batas pemesanan ke depan 1–366 hari.',
  maxActiveBookingsPerPartner: 'Batas per mitra 1–100 jadwal.',
};

// ── Learning outcomes, attendance codes and reports (issues 13 and 16) ──

/** The `groupBy` values of GET /reports/participation and /reports/outcomes, as the select names them. */
export const REPORT_GROUPS: Record<string, string> = {
  kecamatan: 'Kecamatan tempat tinggal peserta',
  event_kecamatan: 'Kecamatan tempat pelatihan',
  pillar: 'Pilar',
  gender: 'Jenis kelamin',
  age_group: 'Kelompok umur',
  occupation: 'Pekerjaan',
  month: 'Bulan',
  partner: 'Mitra',
};

export const QUIZ_PHASES: Record<'pre' | 'post', string> = { pre: 'Tes awal', post: 'Tes akhir' };
/** The path segment of /akun/tes/:eventId/:phase for each API phase. */
export const QUIZ_PHASE_PATHS: Record<'pre' | 'post', string> = { pre: 'awal', post: 'akhir' };

/** Why a test cannot be taken now (closedReason of GET /registrations/:id/quiz), said for the phase. */
export const QUIZ_CLOSED: Record<string, string> = {
  quiz_closed: 'Tes awal hanya bisa dikerjakan setelah mendaftar dan sebelum pelatihan dimulai.',
  not_attended: 'Tes akhir dan penilaian terbuka setelah Anda tercatat hadir.',
  quiz_already_taken: 'Anda sudah mengerjakan tes ini.',
  quiz_not_set: 'Soal untuk pilar pelatihan ini belum disiapkan panitia.',
};

export const RATING_LABELS: Record<number, string> = {
  1: '1 — Sangat kurang',
  2: '2 — Kurang',
  3: '3 — Cukup',
  4: '4 — Baik',
  5: '5 — Sangat baik',
};
