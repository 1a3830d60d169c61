/** Names of the long-lived ports between content scripts and the background. */
export const TRIAGE_PORT = 'brody:triage';
