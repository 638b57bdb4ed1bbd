// The roster files the import bench, the stall test and the crash test read: a households roster of fictional people
// (main/demo/fictional.ts), as rows and as an .xlsx. Nothing here reads the clock, so a test using it is not dated.
import ExcelJS from 'exceljs';

import { AREAS, people } from '../../main/demo/fictional';

const RELATIONS = ['配偶', '子女', '子女', '父母'];
const CATEGORIES = ['低保', '特困供养', '重度残疾', '孤寡老人', '困难学生'];

/** The roster's rows under its header: every household's head first, then its members. */
export function rosterRows(count: number, seed = 14): string[][] {
  const rows: string[][] = [['户主身份证号', '姓名', '身份证号', '与户主关系', '村（社区）', '困难类别', '一卡通账号']];
  let head = '';
  let left = 0;
  let n = 0;
  for (const p of people(seed, count)) {
    if (left === 0) {
      head = p.idNumber;
      left = 1 + (n % 4);
      const account = `62284800${String(n).padStart(11, '0')}`;
      rows.push([
        head,
        p.name,
        p.idNumber,
        '户主',
        AREAS[n % AREAS.length],
        `${CATEGORIES[n % 5]} 2024-01-01`,
        account,
      ]);
    } else rows.push([head, p.name, p.idNumber, RELATIONS[left % 4], '', '', '']);
    left--;
    n++;
  }
  return rows;
}

export async function rosterXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
