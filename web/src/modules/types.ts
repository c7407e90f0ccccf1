/**
 * How a module plugs its pages into the web app without touching shared files: menu pages
 * (path, label key, permissions), the <Route> elements (relative paths, no leading slash), and
 * its strings, merged into i18n under the module's key (labels are written `<key>.<name>`).
 */
import type { ReactNode } from 'react';

export interface ModulePage {
  /** Route path; also the menu key. */
  path: string;
  /** i18n key of the label, e.g. 'monitoring.menu.overview'. */
  label: string;
  /** Any of these permissions opens the page. */
  permissions: string[];
  /** Listed in the menu (default true); false for detail pages reached by link. */
  menu?: boolean;
}

type Messages = { [key: string]: string | Messages };

export interface ModuleDefinition {
  key: string;
  pages: ModulePage[];
  /** <Route> elements (a fragment) mounted inside the signed-in layout. */
  routes: () => ReactNode;
  /** <Route> elements for signed-in pages with a frame of their own (the phone field app), outside the desktop layout. */
  standaloneRoutes?: () => ReactNode;
  /** Strings under `<key>.`: Chinese and English with the same keys. */
  messages: { zh: Messages; en: Messages };
}
