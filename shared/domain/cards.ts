// What a 便民服务卡's QR code holds: plain text a phone shows as it is (no URL), and no ID number.
export function cardQrText(card: { cardNo: string | null; cadrePhone: string | null }, hotline: string): string {
  return [
    `便民服务卡 ${card.cardNo ?? '未编号'}`,
    `服务热线 ${hotline || '无'}`,
    `帮扶干部电话 ${card.cadrePhone || '无'}`,
  ].join('\n');
}
