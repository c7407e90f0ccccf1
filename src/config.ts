/** Runtime settings from the environment, with the defaults the README promises. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.FUPIN_DATA_DIR ?? './data',
  };
}
