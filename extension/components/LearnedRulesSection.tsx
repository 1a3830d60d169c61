import { useEffect, useState } from 'react';
import type { LearnedRule } from '../../shared/schemas';
import { requestDeleteRule, requestRules } from '../platform/page-requests';
import { watchSetting } from '../platform/settings';
import { displayText } from './display-text';

const DAY_MS = 86_400_000;

/** Mirrors shared/triage/learned/apply.ts: weaker after 30 days unconfirmed, ignored after 60. */
export function ruleState(rule: LearnedRule, now = Date.now()): 'active' | 'fading' | 'expired' {
  const age = (now - Date.parse(rule.confirmedAt)) / DAY_MS;
  if (!Number.isFinite(age) || age > 60) return 'expired';
  return age > 30 ? 'fading' : 'active';
}

const STATE_TEXT = { active: 'active', fading: 'fading (weaker)', expired: 'expired (ignored)' } as const;

function day(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toLocaleDateString('en-US', { dateStyle: 'medium' }) : '—';
}

/** The rules learned from corrections, with where each came from and an Undo. */
export function LearnedRulesSection() {
  const [rules, setRules] = useState<LearnedRule[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    const watching = new AbortController();
    requestRules().then(setRules, () => setError('Cannot read the learned rules from the background.'));
    // Corrections made in Gmail while this page is open show up here too.
    watchSetting('learnedRules', setRules, watching.signal);
    return () => watching.abort();
  }, []);

  async function undo(rule: LearnedRule) {
    try {
      setRules(await requestDeleteRule(rule.id));
      setError('');
    } catch {
      setError('Could not remove that rule; try again.');
    }
  }

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">Learned rules</h2>
      <p className="explain">
        Each correction you make on a badge becomes a rule. Opening a thread from that sender confirms it;
        rules you stop confirming fade after 30 days and stop applying after 60.
      </p>
      {error ? (
        <p className="problem" role="alert">
          {error}
        </p>
      ) : null}
      {rules === null ? (
        error ? null : (
          <p role="status">Loading…</p>
        )
      ) : rules.length === 0 ? (
        <p data-testid="rules-empty">No rules yet. Click a badge in Gmail to correct it.</p>
      ) : (
        <ul className="rules" data-testid="rules">
          {rules.map((rule) => {
            const sender = displayText(rule.sender, 120);
            const topic = rule.topic.map((word) => displayText(word, 60)).join(' ');
            const state = ruleState(rule);
            return (
              <li key={rule.id} data-rule-id={rule.id} data-state={state}>
                <strong>{rule.urgency}</strong> for mail from {sender}
                {topic ? ` about “${topic}”` : ''}
                <div className="rule-meta">
                  Learned from “{displayText(rule.example, 120) || 'no subject'}” on {day(rule.createdAt)} ·
                  last confirmed {day(rule.confirmedAt)} · {STATE_TEXT[state]}
                </div>
                <button type="button" onClick={() => void undo(rule)} aria-label={`Undo rule for ${sender}`}>
                  Undo
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
