// Categories as the UI shows them: a name in the current language, and the tree as rows of a picker.
// The tree itself comes from the backend (`list_categories`); only the few ids the wallet itself gives a
// meaning to are named here.
import type { CategoryLabel, CategoryNode, Language } from './ipc';

/** The category name in the UI language. */
export const categoryName = (label: CategoryLabel, language: Language): string =>
  language === 'zh-CN' ? label.zhCN : label.en;

export type CategoryOption = { id: string; label: string };

/**
 * Parents first, each followed by its children ("Food & drink · Restaurants"), so a picker reads as a
 * tree; `keep` leaves out the categories a picker does not offer.
 */
export function categoryOptions(
  nodes: CategoryNode[],
  language: Language,
  keep: (id: string) => boolean = () => true,
): CategoryOption[] {
  const byId = new Map(nodes.map((node) => [node.category.id, node]));
  const roots = nodes.filter((node) => !node.parentId || !byId.has(node.parentId));
  const rows: CategoryOption[] = [];
  for (const root of roots) {
    const parent = categoryName(root.category, language);
    if (keep(root.category.id)) rows.push({ id: root.category.id, label: parent });
    for (const child of nodes.filter((node) => node.parentId === root.category.id)) {
      if (keep(child.category.id))
        rows.push({ id: child.category.id, label: `${parent} · ${categoryName(child.category, language)}` });
    }
  }
  return rows;
}

/**
 * What a budget cannot cover: income, the bills still waiting for a category, and money moving between
 * the user's own accounts (transfers, top-ups, card repayments), which the backend never counts as spending.
 */
const NOT_SPENDING = ['income', 'uncategorised', 'transfers.own', 'transfers.topup', 'transfers.repayment'];

/** Whether a category (or its parent) is spending a monthly budget can be set on. */
export const isBudgetable = (categoryId: string): boolean =>
  !NOT_SPENDING.some((id) => categoryId === id || categoryId.startsWith(`${id}.`));
