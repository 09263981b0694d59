import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Kecamatan } from './kecamatan.entity.js';

/** The kecamatan reference data (rows come by migration) as other modules may ask about it. */
@Injectable()
export class RegionsService {
  /** Whether `code` is a kecamatan of Kabupaten Purbalingga (read in the caller's transaction). */
  isKecamatan(em: EntityManager, code: string): Promise<boolean> {
    return em.existsBy(Kecamatan, { code });
  }
}
