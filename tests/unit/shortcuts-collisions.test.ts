import { describe, expect, it } from 'vitest';
import { shortcutHelpGroups } from '../../extension/components/shortcut-help-rows';
import { isTypingTarget, matchesChord, SHORTCUTS, shortcutFor } from '../../extension/platform/shortcuts';
import wxtConfig from '../../wxt.config';

/**
 * Gmail's published keyboard shortcuts, as listed at
 * https://support.google.com/mail/answer/6594 ("Keyboard shortcuts for Gmail"), written as the
 * KeyboardEvent.code and Shift state they use. Sequences ("g then i", "* then a") start with a
 * plain key, listed here by that key.
 */
const GMAIL_PUBLISHED: readonly { keys: string; code: string; shift: boolean }[] = [
  ...'pncdxsyemrafzbvlkjou'
    .split('')
    .map((letter) => ({ keys: letter, code: `Key${letter.toUpperCase()}`, shift: false })),
  { keys: 'g (go to …)', code: 'KeyG', shift: false },
  { keys: 'q (chat)', code: 'KeyQ', shift: false },
  { keys: 'Shift+R reply in new window', code: 'KeyR', shift: true },
  { keys: 'Shift+A reply all in new window', code: 'KeyA', shift: true },
  { keys: 'Shift+F forward in new window', code: 'KeyF', shift: true },
  { keys: 'Shift+N update conversation', code: 'KeyN', shift: true },
  { keys: 'Shift+I mark as read', code: 'KeyI', shift: true },
  { keys: 'Shift+U mark as unread', code: 'KeyU', shift: true },
  { keys: 'Shift+T add to Tasks', code: 'KeyT', shift: true },
  { keys: 'Shift+Esc focus main window', code: 'Escape', shift: true },
  { keys: '? keyboard help', code: 'Slash', shift: true },
  { keys: '/ search', code: 'Slash', shift: false },
  { keys: '# delete', code: 'Digit3', shift: true },
  { keys: '! report spam', code: 'Digit1', shift: true },
  { keys: '* select (then a/n/r/u/s/t)', code: 'Digit8', shift: true },
  { keys: '+ mark important', code: 'Equal', shift: true },
  { keys: '= mark important', code: 'Equal', shift: false },
  { keys: '- mark unimportant', code: 'Minus', shift: false },
  { keys: '_ mark unread from here', code: 'Minus', shift: true },
  { keys: '] archive, next', code: 'BracketRight', shift: false },
  { keys: '[ archive, previous', code: 'BracketLeft', shift: false },
  { keys: '} archive, next (conversation view)', code: 'BracketRight', shift: true },
  { keys: '{ archive, previous (conversation view)', code: 'BracketLeft', shift: true },
  { keys: ', focus toolbar', code: 'Comma', shift: false },
  { keys: '. more actions', code: 'Period', shift: false },
  { keys: '` next section', code: 'Backquote', shift: false },
  { keys: '~ previous section', code: 'Backquote', shift: true },
  { keys: ': collapse conversation', code: 'Semicolon', shift: true },
  { keys: '; expand conversation', code: 'Semicolon', shift: false },
  { keys: 'Enter open', code: 'Enter', shift: false },
  { keys: 'Esc', code: 'Escape', shift: false },
  { keys: 'Delete', code: 'Delete', shift: false },
  { keys: 'Backspace', code: 'Backspace', shift: false },
];

/**
 * Google Calendar's published shortcuts, https://support.google.com/calendar/answer/37034
 * ("Use keyboard shortcuts in Google Calendar"): j/n and k/p move the date range, t today, g go to
 * a date, 1-6 and d/w/m/x/a/y pick the view, c create, e details, z undo, s settings, / search,
 * ? help. Letters older versions of the page listed (q quick add, r refresh, b, o) stay in, since
 * a key Calendar once answered to is no key for Brody either.
 */
const CALENDAR_PUBLISHED: readonly { keys: string; code: string; shift: boolean }[] = [
  ...'cejnkptgdwmxayrsqboz'
    .split('')
    .map((letter) => ({ keys: letter, code: `Key${letter.toUpperCase()}`, shift: false })),
  ...'123456'.split('').map((digit) => ({ keys: digit, code: `Digit${digit}`, shift: false })),
  { keys: '? keyboard help', code: 'Slash', shift: true },
  { keys: '/ search', code: 'Slash', shift: false },
  { keys: '+ add calendar', code: 'Equal', shift: true },
  { keys: 'Backspace delete event', code: 'Backspace', shift: false },
  { keys: 'Delete delete event', code: 'Delete', shift: false },
  { keys: 'Esc back', code: 'Escape', shift: false },
];

const inPage = SHORTCUTS.filter((s) => s.chord);

describe('Brody keys against Gmail and Calendar', () => {
  it.each(inPage.map((s) => [`${s.site} ${s.id} (${s.label})`, s] as const))(
    '%s is not a published key',
    (_, s) => {
      const theirs = s.site === 'calendar' ? CALENDAR_PUBLISHED : GMAIL_PUBLISHED;
      const chord = s.chord as NonNullable<typeof s.chord>;
      const clash = theirs.find(
        (key) => key.code === chord.code && key.shift === (chord.shift ?? false) && !chord.alt,
      );
      expect(clash?.keys).toBeUndefined();
    },
  );

  it('every in-page key names a modifier, so a bare letter typed in Gmail stays Gmail’s', () => {
    for (const s of inPage) expect(s.chord?.shift || s.chord?.alt).toBe(true);
  });

  it('no two Brody keys on one site share a chord', () => {
    for (const site of ['gmail', 'calendar'] as const) {
      const chords = inPage.filter((s) => s.site === site).map((s) => JSON.stringify(s.chord));
      expect(new Set(chords).size).toBe(chords.length);
    }
  });

  it('the help exists on both sites and every key is in the help list', () => {
    expect(shortcutFor('gmail', 'help')).toBeDefined();
    expect(shortcutFor('calendar', 'help')).toBeDefined();
    const listed = shortcutHelpGroups().flatMap((g) => g.rows.map((r) => r.keys));
    expect(listed.sort()).toEqual(SHORTCUTS.map((s) => s.label).sort());
    expect(
      shortcutHelpGroups({ 'add-task': '' })
        .flatMap((g) => g.rows)
        .find((r) => r.id === 'browser:add-task')?.keys,
    ).toBe('Not set');
  });

  it('the manifest declares each browser command with its suggested key', () => {
    const manifest = (
      wxtConfig as { manifest: { commands: Record<string, { suggested_key: { default: string } }> } }
    ).manifest;
    const browserKeys = SHORTCUTS.filter((s) => s.site === 'browser');
    expect(Object.keys(manifest.commands).sort()).toEqual(browserKeys.map((s) => s.command).sort());
    for (const s of browserKeys) {
      expect(manifest.commands[s.command as string]?.suggested_key.default).toBe(s.label);
      expect(s.label).toMatch(/^(Ctrl|Alt)\+(Shift\+)?[A-Z0-9]$/);
    }
  });

  it('matches only the exact chord and leaves fields alone', () => {
    const chord = { code: 'KeyK', shift: true };
    const key = { code: 'KeyK', shiftKey: true, altKey: false, ctrlKey: false, metaKey: false };
    expect(matchesChord(key, chord)).toBe(true);
    expect(matchesChord({ ...key, shiftKey: false }, chord)).toBe(false);
    expect(matchesChord({ ...key, ctrlKey: true }, chord)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
