import type { Gender } from './nik.js';
import type { Occupation } from './participant-rules.js';

/** Indonesian wording for spreadsheets and reports that staff hand in. */
export const GENDER_LABELS: Record<Gender, string> = { male: 'Laki-laki', female: 'Perempuan' };

export const OCCUPATION_LABELS: Record<Occupation, string> = {
  student: 'Pelajar/Mahasiswa',
  teacher: 'Guru/Pendidik',
  civil_servant: 'Aparatur Sipil Negara',
  village_official: 'Perangkat Desa',
  umkm: 'Pelaku UMKM',
  farmer: 'Petani',
  homemaker: 'Ibu Rumah Tangga',
  senior_citizen: 'Lansia',
  worker: 'Pekerja/Karyawan',
  general: 'Masyarakat Umum',
};
