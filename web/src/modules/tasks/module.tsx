/**
 * The Tasks & rectification pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ModuleDefinition } from '../types';

export const tasksModule: ModuleDefinition = {
  key: 'tasks',
  pages: [],
  routes: () => null,
  messages: { zh: {}, en: {} },
};
