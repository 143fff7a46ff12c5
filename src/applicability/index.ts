/**
 * Applicability: an organisation profile → the frameworks that apply, with reasons and
 * citations, and the `.crosswalk.yaml` text that records the choice. Prompts for `crosswalk
 * init` live in `./prompts.js` (kept apart so that library users do not load them).
 */
export * from './profile.js';
export * from './decide.js';
export * from './config.js';
