import { parseMessage, toSummary } from './shared/mail/index';
import { findDeadline } from './shared/triage/deadline/find-deadline';
import { findDeadline as oldFind } from './shared/triage/deadline/old-fd.tmp';
import { loadCorpus } from './tests/bench/engine';

const corpus = await loadCorpus();
const texts = corpus.map((m) => {
  try {
    const s = toSummary(parseMessage(m.raw));
    return `${s.subject}\n${(s.body ?? '').slice(0, 2000)}`.toLowerCase();
  } catch {
    return '';
  }
});
for (let pass = 0; pass < 3; pass++) {
  for (const [name, fn] of [
    ['new', findDeadline],
    ['old', oldFind],
  ] as const) {
    const c = process.cpuUsage();
    for (const t of texts) fn(t, Date.now(), Date.now(), 0);
    const u = process.cpuUsage(c);
    console.log(name, ((u.user + u.system) / 1000).toFixed(0), 'ms cpu');
  }
}
