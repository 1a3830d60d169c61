export { agendaFromDescription, agendaFromThreads, talkingPoints } from './agenda';
export { type BriefInput, buildBrief, DEFAULT_CHECKLIST, gmailThreadLink, THREADS_PER_PERSON } from './build';
export { timeUntil } from './time-until';
export type * from './types';
