// Fixed lists of the registry's forms (relations and disability types follow the household register and the
// disability certificate); hardship categories and areas are data in the ledger, not here.
export const RELATIONS = ['户主', '配偶', '子女', '父母', '祖父母', '孙子女', '兄弟姐妹', '其他'] as const;
export const DISABILITY_TYPES = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重'] as const;
