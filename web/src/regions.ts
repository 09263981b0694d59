import { api } from './api/client';
import type { Kecamatan } from './api/types';

/** The 18 kecamatan, loaded once (public reference data; kept for offline use). */
const KEY = 'bm.kecamatan';
let loading: Promise<Kecamatan[]> | null = null;

export function loadKecamatan(): Promise<Kecamatan[]> {
  loading ??= api<Kecamatan[]>('GET', '/regions/kecamatan', { auth: false })
    .then((list) => {
      localStorage.setItem(KEY, JSON.stringify(list));
      return list;
    })
    .catch((err) => {
      loading = null;
      const kept = localStorage.getItem(KEY);
      if (kept) return JSON.parse(kept) as Kecamatan[];
      throw err;
    });
  return loading;
}

export const kecamatanName = (list: Kecamatan[], code: string | null) =>
  code ? (list.find((k) => k.code === code)?.name ?? null) : null;
