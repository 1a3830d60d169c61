/** Shift+H over Gmail lists every Brody key (see components/shortcut-help-key.ts). */
import { installShortcutHelpKey } from '../../components/shortcut-help-key';
import type { Feature } from '../../platform/feature-runner';
import type { GmailView } from '../../sites/gmail/detect';
import { detectGmailTheme } from '../../sites/gmail/theme';

export const shortcutHelpKey: Feature<GmailView> = {
  name: 'shortcut-help-key',
  matches: () => true,
  init(signal) {
    installShortcutHelpKey('gmail', detectGmailTheme(), signal);
  },
};
