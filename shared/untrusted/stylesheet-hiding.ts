import { hiddenReason, parseStyle } from './inline-style';

export interface HidingSelectors {
  classes: Set<string>;
  ids: Set<string>;
}

const MEDIA_BLOCK = /@media[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/gi;
const RULE = /([^{}]+)\{([^{}]*)\}/g;
const SIMPLE_SELECTOR = /^[a-z0-9]*([.#])([\w-]+)$/i;

/**
 * Gmail honours `<style>` rules with class and id selectors, so `.x{display:none}` hides text as well
 * as an inline style does. Only simple selectors outside @media are read: media rules usually
 * switch layouts for phones, and guessing wrong there would drop text the user can see.
 */
/**
 * Every declaration hiddenReason accepts contains one of these; a stylesheet without any (most of
 * them: layout and fonts) is skipped without parsing its rules.
 */
const MAY_HIDE =
  /display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*(?:0|\.|1(?:\.0*)?(?:px|pt)?\b|\d(?:\.\d+)?%|10%)|opacity\s*:\s*\.?0|overflow\s*:\s*(?:hidden|clip)|-\s*\d{4}/i;

export function collectHidingSelectors(css: string, into: HidingSelectors): void {
  if (!MAY_HIDE.test(css)) return;
  const topLevel = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(MEDIA_BLOCK, '');
  for (const rule of topLevel.matchAll(RULE)) {
    const [, selectors, body] = rule;
    if (selectors === undefined || body === undefined || hiddenReason(parseStyle(body)) === null) continue;
    for (const selector of selectors.split(',')) {
      const match = SIMPLE_SELECTOR.exec(selector.trim());
      if (!match?.[2]) continue;
      (match[1] === '.' ? into.classes : into.ids).add(match[2].toLowerCase());
    }
  }
}

export function hiddenBySelectors(
  selectors: HidingSelectors,
  classAttr: string | undefined,
  idAttr: string | undefined,
): boolean {
  if (idAttr !== undefined && selectors.ids.has(idAttr.trim().toLowerCase())) return true;
  if (classAttr === undefined || selectors.classes.size === 0) return false;
  return classAttr.split(/\s+/).some((name) => selectors.classes.has(name.toLowerCase()));
}
