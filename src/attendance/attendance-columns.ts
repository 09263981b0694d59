import { formatIndonesianDateTime } from '../common/indonesian-date.js';
import type { TableColumn } from '../common/tabular-export.js';
import { GENDER_LABELS, OCCUPATION_LABELS } from '../participants/participant-labels.js';
import type { AttendanceRowDto } from './dto/attendance.dto.js';

const SOURCE_LABELS = { self: 'Daftar mandiri', staff: 'Didaftarkan petugas', walk_in: 'Datang langsung' } as const;

/** "5 April 2023 09.12" in WIB: what a staff member in Purbalingga reads without converting. */
export function formatWib(d: Date | null): string | null {
  return d ? formatIndonesianDateTime(d) : null;
}

/** The attendance sheet as staff hand it in: Indonesian headers, WIB times, masked NIK only. */
export function attendanceColumns(): TableColumn<AttendanceRowDto & { no: number }>[] {
  return [
    { header: 'No', width: 6, value: (r) => r.no },
    { header: 'Nama', width: 30, value: (r) => r.fullName },
    { header: 'NIK (disamarkan)', width: 20, value: (r) => r.nikMasked },
    { header: 'Jenis Kelamin', width: 14, value: (r) => GENDER_LABELS[r.gender] },
    { header: 'Kecamatan', width: 18, value: (r) => r.kecamatanName },
    { header: 'Desa/Kelurahan', width: 18, value: (r) => r.village },
    { header: 'Pekerjaan', width: 16, value: (r) => OCCUPATION_LABELS[r.occupation] },
    { header: 'Kode Tiket', width: 13, value: (r) => r.ticketCode },
    { header: 'Cara Daftar', width: 20, value: (r) => SOURCE_LABELS[r.source] },
    { header: 'Waktu Daftar (WIB)', width: 24, value: (r) => formatWib(r.registeredAt) },
    { header: 'Hadir', width: 8, value: (r) => (r.attended ? 'Ya' : 'Tidak') },
    { header: 'Waktu Hadir (WIB)', width: 24, value: (r) => formatWib(r.checkedInAt) },
    { header: 'Petugas', width: 24, value: (r) => r.checkedInByName },
  ];
}
