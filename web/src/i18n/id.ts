/**
 * Every text the app shows, in Bahasa Indonesia: one dictionary, so nothing English reaches a person.
 * Problem codes (src/common/problem-codes.ts, PROBLEM_CODES) each have their own sentence; an unknown code
 * falls back to its HTTP status, then to a general sentence.
 */
import type { components } from '../api/schema.js';

type ProblemCode = components['schemas']['ProblemCode'];
/** Typed from the OpenAPI document's ProblemCode enum: a code the API adds without a sentence here fails the type check. */
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
/** What each notification is about, shown above its own title; typed from the API so a new kind needs its label here. */
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
