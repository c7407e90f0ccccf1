/**
 * `fupin distribute`: on a Citus coordinator, make the shared tables reference tables and every
 * county table distributed by county_code (src/db/distribution.ts). Refuses with the reason on
 * plain PostgreSQL, on the embedded database, and while the schema holds what Citus refuses.
 * `--print` only prints the statements, on any PostgreSQL server.
 */
import type { Command } from 'commander';
import { distributionRefusal, distributionStatements } from '../../db/distribution';
import { withDatabase } from '../context';

export function registerDistribute(program: Command): void {
  program
    .command('distribute')
    .description('在 Citus 协调节点上按县（county_code）分布数据表')
    .option('--print', '只列出将执行的 SQL 语句，不执行')
    .action(async (options: { print?: boolean }) => {
      await withDatabase(async (database) => {
        if (database.kind !== 'postgres') throw new Error('内置数据库（PGlite）不能分布：请用 DATABASE_URL 连接 Citus 协调节点。');
        const statements = await distributionStatements(database.db);
        if (options.print) {
          console.log(statements.join('\n'));
          return;
        }
        const refusal = await distributionRefusal(database.db);
        if (refusal) throw new Error(refusal);
        await database.session(async (s) => {
          for (const [i, statement] of statements.entries()) {
            await s.exec(statement);
            console.log(`[${i + 1}/${statements.length}] ${statement}`);
          }
        });
        console.log(`已分布：${statements.length} 张表。`);
      });
    });
}
