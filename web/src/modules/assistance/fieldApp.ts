/** Where the field app (走访端) lives and what opens it: read by the module's routes and the home redirect. */
export const FIELD_APP_PATH = '/assistance/field';
export const FIELD_APP_PERMISSION = 'assistance.write';
