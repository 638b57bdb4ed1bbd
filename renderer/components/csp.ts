/** The nonce the host put into this page's CSP; every injected <style> must carry it. */
export const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';

// antd and ag-grid take the nonce through their options, but some helpers underneath (@rc-component/portal's scroll
// locker, scrollbar measuring) create <style> elements without it. Our scripts are all 'self' and trusted to style
// the page; the nonce exists to refuse styles smuggled in as markup. So every <style> our code creates gets it here.
const createElement = document.createElement.bind(document);
document.createElement = function (tagName: string, options?: ElementCreationOptions) {
  const el = createElement(tagName, options);
  if (el instanceof HTMLStyleElement) el.nonce = CSP_NONCE;
  return el;
} as typeof document.createElement;
