// What a 便民服务卡's QR code holds: plain text a phone shows as it is (no URL), and no ID number.
export function cardQrText(card: { cardNo: string | null; cadrePhone: string | null }, hotline: string): string {
  return [
    `便民服务卡 ${card.cardNo ?? '未编号'}`,
    `服务热线 ${hotline || '无'}`,
    `帮扶干部电话 ${card.cadrePhone || '无'}`,
  ].join('\n');
}

/** What a clerk is told before cards go out with no 帮扶干部 on them (main's refusal and the print page's question). */
export function withoutCadreWarning(unpaired: { head: string }[]): string {
  const names = unpaired
    .slice(0, 3)
    .map((v) => v.head)
    .join('、');
  const more = unpaired.length > 3 ? ` 等 ${unpaired.length} 户` : '';
  return `${names}${more}尚未结对帮扶干部，卡上将印“帮扶干部：待确定”。请先在 结对帮扶 中结对，或确认仍要制卡`;
}
