import { describe, expect, it } from 'vitest';
import { searchCatalogue, versionInForceOn } from './catalogue';
import { DEMO_CATALOGUE_ITEMS } from './demo-catalogue';
import { seedDemoClinic } from './demo-seed';
import { freshStore } from './testing/store';

describe('the demo clinic', () => {
  it('comes with a catalogue in force on the day of its oldest visit', async () => {
    const { db } = freshStore();
    await seedDemoClinic(db, { patients: 50, endDate: '2026-11-22' });
    // Visit ids are UUIDv7 made at check-in: the first by id is the oldest.
    const oldest = (await db.visits.orderBy(':id').first())!.date;
    const version = await versionInForceOn(db, oldest);
    expect(version).toMatchObject({ effectiveFrom: '2016-01-01', itemCount: DEMO_CATALOGUE_ITEMS });
    expect(await db.catalogueItems.count()).toBe(DEMO_CATALOGUE_ITEMS);
    expect((await searchCatalogue(db, oldest, '阿莫西林'))[0]?.name).toBe('阿莫西林胶囊');
  });

  it('seeding twice keeps the one catalogue', async () => {
    const { db } = freshStore();
    await seedDemoClinic(db, { patients: 10, endDate: '2026-11-22' });
    await seedDemoClinic(db, { patients: 10, endDate: '2026-11-22' });
    expect(await db.catalogueVersions.count()).toBe(1);
  });
});
