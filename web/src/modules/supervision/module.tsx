/**
 * The Supervision pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ModuleDefinition } from '../types';

export const supervisionModule: ModuleDefinition = {
  key: 'supervision',
  pages: [],
  routes: () => null,
  messages: { zh: {}, en: {} },
};
