import { ApiProperty } from '@nestjs/swagger';

/** One of the 18 kecamatan of Kabupaten Purbalingga (GET /regions/kecamatan). */
export class KecamatanResponseDto {
  @ApiProperty({ example: '33.03.09', description: 'Kemendagri code' }) code: string;
  @ApiProperty({ example: 'Bobotsari' }) name: string;
}
