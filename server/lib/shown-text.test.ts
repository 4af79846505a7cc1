import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdsContactDetails, nameWords, personName, scrubContactDetails, visibleLine } from './shown-text.js';

describe('personName', () => {
  it('keeps names of every script, folded to their plain forms', () => {
    for (const [given, shown] of [
      ['Sam', 'Sam'],
      ['Mary Ann', 'Mary Ann'],
      ["O'Brien", "O'Brien"],
      ['José', 'José'],
      ['محمد', 'محمد'],
      ['さくら', 'さくら'],
      ['Ｓａｍ', 'Sam'], // fullwidth letters
      ['Louis 14', 'Louis 14'],
      ['<b>Sam</b>', '<b>Sam</b>'], // markup is text to the widget, not a contact
    ]) {
      assert.equal(personName(given), shown, given);
    }
  });

  it('takes no e-mail address for a name, in any of its look-alike forms', () => {
    for (const given of [
      'sam.friend@example.net F.',
      'sam＠example.net', // U+FF20 FULLWIDTH COMMERCIAL AT
      'sam﹫example.net', // U+FE6B SMALL COMMERCIAL AT
      'ｓａｍ＠ｅｘａｍｐｌｅ．ｎｅｔ',
      'sam@\u200Bexample.net',
      'sam (at) example.net',
      'sam [at] example [dot] net',
      'sam at example.net',
      'sam%40example.net', // percent-encoded
      'sam&#64;example.net', // HTML entities
      'sam&#x40;example.net',
      'sam&commat;example.net',
      'sam at example dot net',
      'sam@[127.0.0.1]',
    ]) {
      assert.equal(personName(given), null, given);
    }
  });

  it('keeps names with "at" or "dot" in them that are no address', () => {
    for (const given of ['Van At', 'Sam at Acme', 'Maria dot Lopez', 'Dot Matrix']) assert.equal(personName(given), given);
  });

  it('takes no phone number for a name, whatever its digits or separators', () => {
    for (const given of [
      '+15550001111 X.',
      '+1 555 000 1111',
      '(555) 010-0100',
      '555.010.0100',
      '＋１５５５０００１１１１', // fullwidth plus and digits
      '٠١٢٣٤٥٦٧٨٩', // Arabic-Indic digits
      'Sam +44 20',
    ]) {
      assert.equal(personName(given), null, given);
    }
  });

  it('drops controls, bidi overrides, zero-width characters, fillers and lone surrogates', () => {
    assert.equal(personName('Sam\u202Emas'), 'Sammas');
    assert.equal(personName('\u2066Sam\u2069\u200B\u200D\uFEFF'), 'Sam');
    assert.equal(personName('Sa\u0000m\u0007'), 'Sam');
    assert.equal(personName('Sam\uD800'), 'Sam');
    assert.equal(personName('\uDC00Sam'), 'Sam');
    assert.equal(personName('Sam\nF.\u2028x'), 'Sam F. x');
    assert.equal(personName('\u3164'), null, 'a Hangul filler alone is no name');
    assert.equal(personName('\u202E\u200B'), null);
    assert.equal(personName(`Zoe${'\u0301'.repeat(60)}`), 'Zoé\u0301\u0301\u0301', 'at most three marks on a letter, after NFKC composes one');
  });

  it('is bounded, and anything but a string is no name', () => {
    assert.equal(personName('A'.repeat(500))!.length, 40);
    assert.ok(personName('A'.repeat(500))!.endsWith('…'));
    for (const given of [undefined, null, 42, ['Sam'], { name: 'Sam' }, '', '   ']) assert.equal(personName(given), null, String(given));
  });
});

describe('nameWords', () => {
  it("keeps a display name's words, without its e-mail address or phone number", () => {
    assert.deepEqual(nameWords('Sam Fisher sam@example.net'), ['Sam', 'Fisher']);
    assert.deepEqual(nameWords('Sam Fisher <sam＠example.net> +1 555 000 1111'), ['Sam', 'Fisher']);
    assert.deepEqual(nameWords('sam@example.net'), []);
  });

  it('leaves no piece of an escaped, bracketed or spelled-out address behind', () => {
    for (const given of ['sam%40example.net Q', 'sam&#64;example.net Q', 'sam[at]example[dot]net Q', 'sam@[127.0.0.1] Q', 'sam at example dot net Q']) {
      assert.deepEqual(nameWords(given), ['Q'], given);
    }
  });

  it('reads only the head of a long display name (30 KB of one word took seconds): the word the cut splits is left out', () => {
    assert.deepEqual(nameWords(`Sam ${'a'.repeat(30_000)}`), ['Sam']);
    assert.deepEqual(nameWords(`Sam Fisher ${'x'.repeat(250)} sam@example.net`), ['Sam', 'Fisher']);
    assert.equal(personName('a'.repeat(30_000))!.length, 40);
  });
});

describe('scrubContactDetails', () => {
  it('takes every e-mail address and phone number out of a sentence, and keeps dates and amounts', () => {
    assert.equal(scrubContactDetails('Welcome reward for Sam Friend <sam.friend@example.net> +15550001111'), 'Welcome reward for Sam Friend');
    assert.equal(scrubContactDetails('Call (555) 010-0100 or write to sam＠example.net, thanks'), 'Call or write to, thanks');
    assert.equal(scrubContactDetails('Approved on 2026-11-20 10:00 for Sam F.'), 'Approved on 2026-11-20 10:00 for Sam F.');
    assert.equal(scrubContactDetails('A $25 gift card, 1,000 points'), 'A $25 gift card, 1,000 points');
    assert.equal(scrubContactDetails('For sam at example dot net and sam%40example.net, thanks'), 'For and, thanks');
  });

  it('is at most 300 characters, and reads no more than a few thousand of 200 KB', () => {
    const shown = scrubContactDetails(`Reward ${'word '.repeat(40_000)}`)!;
    assert.equal(Array.from(shown).length, 300);
    assert.ok(shown.endsWith('…'));
    assert.equal(scrubContactDetails('sam@example.net'), null);
    assert.equal(scrubContactDetails(42), null);
  });
});

describe('visibleLine and holdsContactDetails', () => {
  it('fold compatibility forms before looking for an @', () => {
    assert.equal(visibleLine('ａ＠ｂ'), 'a@b');
    assert.ok(holdsContactDetails('ａ＠ｂ'));
    assert.ok(!holdsContactDetails('Sam F.'));
  });
});
