import type { Command } from 'commander';
import { withDatabase } from '../context';
import { CONSOLE_ACTOR } from '../../modules/audit/service';
import { ROLES, DEPARTMENT_LINES } from '../../modules/auth/service';
import { consoleAdmin, createUser, disableUser, enableUser, getUser, listUsers, resetUserPassword, unlockUser } from '../../modules/users/service';
import { resetUserTotp } from '../../modules/auth/secondFactor';
import { ALL_PLACES } from '../../db/placeScope';

const roleList = Object.entries(ROLES).map(([code, r]) => `${code}（${r.label}）`).join('、');

function printPassword(username: string, password: string): void {
  console.log(`用户 ${username} 的一次性密码：${password}`);
  console.log('此密码只显示这一次，首次登录后必须修改。');
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('用户管理：创建、重置密码、清除动态口令、解锁、停用、列表（在服务器上执行，可管理三员账户）');

  user
    .command('add <username>')
    .description('创建用户并打印一次性密码')
    .requiredOption('--role <role>', `角色：${roleList}`)
    .requiredOption('--place <code>', '管辖地区代码（0 表示全国）')
    .option('--name <name>', '姓名（默认同用户名）')
    .option('--line <line>', `行业部门（行业部门业务员必填）：${Object.keys(DEPARTMENT_LINES).join('、')}`)
    .action(async (username: string, opts: { role: string; place: string; name?: string; line?: string }) => {
      await withDatabase(async (database) => {
        const result = await createUser(
          database.db,
          { username, displayName: opts.name ?? username, role: opts.role, placeCode: opts.place, departmentLine: opts.line ?? null },
          consoleAdmin(CONSOLE_ACTOR, new Date()),
        );
        console.log(`已创建 ${result.user.username}（${result.user.roleLabel}，${result.user.placeName ?? result.user.placeCode}）`);
        printPassword(result.user.username, result.oneTimePassword);
      });
    });

  user
    .command('reset <username>')
    .description('重置密码：打印新的一次性密码，并结束该用户的所有会话')
    .action(async (username: string) => {
      await withDatabase(async (database) => {
        const result = await resetUserPassword(database.db, username, consoleAdmin(CONSOLE_ACTOR, new Date()));
        printPassword(result.user.username, result.oneTimePassword);
      });
    });

  user
    .command('reset-totp <username>')
    .description('清除动态口令（手机丢失时）：结束该用户的所有会话，下次仅凭密码登录后重新绑定')
    .action(async (username: string) => {
      await withDatabase(async (database) => {
        const now = new Date();
        const target = await getUser(database.db, ALL_PLACES, { username }, now);
        const wasOn = target.totpEnabled;
        await resetUserTotp(database.db, target.id, { actor: CONSOLE_ACTOR, scope: ALL_PLACES, now });
        console.log(wasOn ? `已清除 ${target.username} 的动态口令，其会话已结束` : `${target.username} 未启用动态口令，无需清除（其会话已结束）`);
      });
    });

  for (const [name, description, change] of [
    ['unlock', '解除因登录失败造成的锁定', unlockUser],
    ['disable', '停用用户（并结束其会话）', disableUser],
    ['enable', '启用已停用的用户', enableUser],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(description)
      .action(async (username: string) => {
        await withDatabase(async (database) => {
          const result = await change(database.db, username, consoleAdmin(CONSOLE_ACTOR, new Date()));
          console.log(`${result.user.username}：${result.user.disabled ? '已停用' : '可用'}${result.user.lockedUntil ? '，锁定中' : ''}`);
        });
      });
  }

  user
    .command('list')
    .description('列出用户')
    .option('--role <role>', '只列出此角色')
    .option('--place <code>', '只列出此地区及其下级的用户')
    .action(async (opts: { role?: string; place?: string }) => {
      await withDatabase(async (database) => {
        const now = new Date();
        for (let page = 1; ; page++) {
          const result = await listUsers(database.db, ALL_PLACES, { ...opts, page, pageSize: 200 }, now);
          for (const u of result.items) {
            const state = [u.disabled ? '停用' : '', u.lockedUntil ? '锁定' : '', u.mustChangePassword ? '待改密码' : '', u.totpEnabled ? '动态口令' : ''].filter(Boolean).join('、');
            console.log([u.username, u.displayName, u.roleLabel, `${u.placeCode} ${u.placeName ?? ''}`.trim(), u.departmentLine ?? '', state].join('\t'));
          }
          if (page * result.pageSize >= result.total) {
            console.log(`共 ${result.total} 个用户`);
            return;
          }
        }
      });
    });
}
