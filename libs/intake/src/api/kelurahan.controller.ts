import { Public } from '@lastri/auth';
import { findKecamatan, KELURAHAN } from '@lastri/kernel';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '@lastri/service-host';

export interface KelurahanView {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
}

const KELURAHAN_VIEW = {
  type: 'object',
  required: ['kelurahan'],
  properties: {
    kelurahan: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'name', 'kecamatanCode', 'kecamatanName'],
        properties: {
          code: { type: 'string', pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$', example: '35.75.04.1011' },
          name: { type: 'string', example: 'Kandangsapi' },
          kecamatanCode: { type: 'string', example: '35.75.04' },
          kecamatanName: { type: 'string', example: 'Panggungrejo' },
        },
      },
    },
  },
};

/** Built once: the list is part of the code, and changes only with a release. */
const ALL_KELURAHAN: { kelurahan: KelurahanView[] } = {
  kelurahan: KELURAHAN.map((kelurahan) => ({
    code: kelurahan.code,
    name: kelurahan.name,
    kecamatanCode: kelurahan.kecamatanCode,
    kecamatanName: findKecamatan(kelurahan.kecamatanCode)?.name ?? '',
  })),
};

/**
 * The 34 kelurahan of Kota Pasuruan an address may name. Public on purpose: the codes are
 * published administrative data (Kemendagri), hold nothing about residents, and a client needs them
 * to fill in a form before anyone has signed in; so they may also be cached.
 */
@ApiTags('kelurahan')
@Controller('kelurahan')
export class KelurahanController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOperation({ summary: 'The kelurahan of Kota Pasuruan: codes, names and their kecamatan (public)' })
  @ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Echoed back. Default: a new id.' })
  @ApiOkResponse({ description: 'All kelurahan, ordered by code.', schema: KELURAHAN_VIEW })
  @ApiProblemResponses(400, 429)
  list(): { kelurahan: KelurahanView[] } {
    return ALL_KELURAHAN;
  }
}
