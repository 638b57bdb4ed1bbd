/** The nonce the host put into this page's CSP; every injected <style> must carry it. */
export const CSP_NONCE = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? '';
