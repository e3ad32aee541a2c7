// Views: the dates every page shows are formatted with Intl directly, as luxon would format them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { Config } from '../../src/config-types.js';
import type { TimeView } from '../../src/render/view-types.js';
import { formatTime } from '../../src/render/views.js';
import { makeConfig } from '../support/config.js';

/** The reference: the same view made through luxon alone. */
function formatTimeWithLuxon(time: DateTime, config: Config): TimeView {
  const local = time.setZone(config.timeZone).setLocale(config.language);
  const date = local.toLocaleString({ year: 'numeric', month: 'long', day: 'numeric' });
  const clock = local.toLocaleString({ hour: 'numeric', minute: '2-digit' });
  const zone = local.toFormat('ZZZZ');
  return { iso: local.toISO({ suppressMilliseconds: true }) ?? '', date, time: clock, zone, display: `${date}, ${clock} ${zone}` };
}

const ZONES = ['Africa/Algiers', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Etc/UTC', 'UTC', 'GMT', 'America/St_Johns'];
const LANGUAGES = ['en', 'en-GB', 'fr', 'ar', 'de', 'ja', 'hi'];

describe('formatTime', () => {
  it('agrees with luxon in every zone and language, across daylight-saving changes', () => {
    // Every 37 hours and 11 minutes for over a year: every hour of the day, both sides of each change.
    const start = Date.UTC(2020, 0, 1);
    const instants = Array.from({ length: 300 }, (_, index) => start + index * (37 * 60 + 11) * 60_000);
    for (const timeZone of ZONES) {
      for (const language of LANGUAGES) {
        const config = makeConfig({ timeZone, language });
        for (const millis of instants) {
          const time = DateTime.fromMillis(millis, { zone: 'Asia/Tokyo' });
          assert.deepEqual(formatTime(time, config), formatTimeWithLuxon(time, config), `${timeZone} ${language} ${time.toISO()}`);
        }
      }
    }
  });
});
