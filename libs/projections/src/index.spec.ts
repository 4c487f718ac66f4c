import { expectBarrelToExportEveryValue } from '@keyward/testing/barrel-spec';

describe('@keyward/projections', () => {
  it('exports every value of the modules it lists', async () => {
    await expectBarrelToExportEveryValue(require.resolve('./index.ts'));
  });
});
