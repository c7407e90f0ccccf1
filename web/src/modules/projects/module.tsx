/**
 * The Projects & funds pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ModuleDefinition } from '../types';

export const projectsModule: ModuleDefinition = {
  key: 'projects',
  pages: [],
  routes: () => null,
  messages: { zh: {}, en: {} },
};
