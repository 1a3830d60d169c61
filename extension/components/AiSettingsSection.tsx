import { useEffect, useId, useState } from 'react';
import type { AiInfoAnswer } from '../platform/messages';
import { requestAiInfo } from '../platform/page-requests';
import { getSetting, setSetting, watchSetting } from '../platform/settings';

/** What the API's AI is, the user's switch for it, and plain words on what leaves the browser. */
export function AiSettingsSection() {
  const switchId = useId();
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [answer, setAnswer] = useState<AiInfoAnswer | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const listeners = new AbortController();
    let asked = 0;
    // Asked again whenever the API address is saved: an answer from the old address would stay on
    // screen ("cannot reach the API") until a reload. Only the latest question's answer is shown.
    const ask = (): void => {
      const mine = ++asked;
      setAnswer(null);
      setFailed(false);
      requestAiInfo().then(
        (next) => {
          if (mine === asked && !listeners.signal.aborted) setAnswer(next);
        },
        () => {
          if (mine === asked && !listeners.signal.aborted) setFailed(true);
        },
      );
    };
    getSetting('aiEnabled').then(setEnabled);
    ask();
    watchSetting('apiUrl', ask, listeners.signal);
    return () => listeners.abort();
  }, []);

  async function toggle(next: boolean) {
    setEnabled(next);
    await setSetting('aiEnabled', next);
  }

  const info = answer?.ok ? answer.info : undefined;
  const budget = info?.budget;
  return (
    <section aria-labelledby="ai-title" data-testid="ai-section">
      <h2 id="ai-title">AI</h2>
      {failed || (answer && !answer.ok) ? (
        <p className="problem" role="status" data-testid="ai-info">
          Cannot ask the API about its AI: {answer?.error?.message ?? 'no answer from the background'}.
        </p>
      ) : !answer ? (
        <p role="status" data-testid="ai-info">
          Asking the API…
        </p>
      ) : info?.configured ? (
        <dl data-testid="ai-info" data-configured="true">
          <dt>Model</dt>
          <dd data-field="model">{info.model}</dd>
          <dt>Endpoint</dt>
          <dd data-field="endpoint">{info.endpoint}</dd>
          <dt>Prompt version</dt>
          <dd data-field="prompt">{info.promptVersion}</dd>
        </dl>
      ) : (
        <p data-testid="ai-info" data-configured="false">
          AI is not configured on your Brody API (no model key), so triage uses rules only whatever this
          switch says.
        </p>
      )}
      <div className="switch">
        <input
          id={switchId}
          type="checkbox"
          role="switch"
          checked={enabled ?? false}
          disabled={enabled === null}
          aria-checked={enabled ?? false}
          onChange={(event) => void toggle(event.target.checked)}
        />
        <label htmlFor={switchId}>Use AI for triage and summaries</label>
      </div>
      <p className="explain" data-testid="ai-explain">
        {enabled
          ? 'On: the subject, sender, snippet and the visible text of threads you open are sent to the Brody API you set, and from there to the model, with email addresses, phone numbers, card numbers, IBANs and keys redacted first.'
          : 'Off: mail goes only to your Brody API, which uses its rule engine. Nothing is sent to a model.'}
      </p>
      {budget ? (
        <div className="budget">
          <label htmlFor={`${switchId}-budget`}>Today’s AI budget</label>
          <meter
            id={`${switchId}-budget`}
            min={0}
            max={Math.max(1, budget.dailyTokens)}
            high={budget.dailyTokens * 0.8}
            value={budget.spentToday}
          />
          <span data-testid="ai-budget">
            {budget.spentToday.toLocaleString('en-US')} of {budget.dailyTokens.toLocaleString('en-US')} tokens
            used today
          </span>
        </div>
      ) : null}
    </section>
  );
}
