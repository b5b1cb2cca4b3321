/** Clara's icon: the admin's "C" on the default primary colour, as SVG. */
export const faviconSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#6366f1"/><text x="16" y="22" font-size="18" font-family="system-ui,sans-serif" font-weight="700" fill="#fff" text-anchor="middle">C</text></svg>';

/** The icon as a `<link rel="icon">` data URL (no request, no 404). */
export const faviconDataUrl = `data:image/svg+xml,${encodeURIComponent(faviconSvg)}`;
