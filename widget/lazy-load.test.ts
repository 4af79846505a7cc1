import { expect } from '@open-wc/testing';
import { lazyLoader } from './lazy-load.js';

describe('lazyLoader (the script-tag build’s on-demand modules)', () => {
  const folder = new URL('https://cdn.example/widget/referral-share-lazy/');
  let warnings: string[];
  let restoreWarn: () => void;

  beforeEach(() => {
    warnings = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    restoreWarn = () => (console.warn = warn);
  });
  afterEach(() => restoreWarn());

  it('asks again for a module that did not arrive, at a new URL, and gets it once it is there', async () => {
    const asked: string[] = [];
    let online = false;
    const load = lazyLoader(folder, async (url) => {
      asked.push(url);
      if (!online) throw new TypeError('Failed to fetch dynamically imported module');
      return { ok: true };
    });
    await load('anchor').then(
      () => expect.fail('resolved without the module'),
      (err: Error) => expect(err.message).to.equal('Failed to fetch dynamically imported module'),
    );
    await load('anchor').catch(() => {});
    online = true;
    expect(await load('anchor')).to.deep.equal({ ok: true });
    expect(asked).to.deep.equal([
      'https://cdn.example/widget/referral-share-lazy/anchor.js',
      'https://cdn.example/widget/referral-share-lazy/anchor.js?retry=1',
      'https://cdn.example/widget/referral-share-lazy/anchor.js?retry=2',
    ]);
  });

  it('warns once for the page, naming the first module missing and where it was looked for', async () => {
    const load = lazyLoader(folder, async () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    for (const name of ['card-extras', 'anchor', 'card-extras', 'i18n-de']) await load(name).catch(() => {});
    expect(warnings).to.deep.equal([
      'referral-share: https://cdn.example/widget/referral-share-lazy/card-extras.js did not load; serve the folder referral-share-lazy/ beside referral-share.js.',
    ]);
  });

  it('says nothing while modules arrive', async () => {
    const load = lazyLoader(folder, async (url) => ({ url }));
    expect(await load('qr-encoder')).to.deep.equal({ url: 'https://cdn.example/widget/referral-share-lazy/qr-encoder.js' });
    expect(warnings).to.deep.equal([]);
  });
});
